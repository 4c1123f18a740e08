//! `get searchCriteriaFields`: the fields a search criterion has, one record per category.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get","resourceid":"",
//!  "resourcetype":"searchCriteriaFields","parameters":{"language":"ENG",
//!  "additionalTranslations":true}}
//! ```
//! → `{"id":2,"type":"","elements":{"name":"Areas","fields":[{"id":"wohnflaeche",
//!    "name":"Living space","position":"8",
//!    "type":"urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:float","rangefield":"true",
//!    "objektarten":"wohnung,haus,zimmer","additionalTranslations":{
//!    "wohnflaeche__von":"Living space from","wohnflaeche__bis":"Living space to"}},…]}}`
//!
//! A range is one field (`wohnflaeche`) here, though it is written and stored as its two
//! ends. The fields of the criterion's own bookkeeping (address, status, advisor, dates,
//! notes: `get searchcriterias`' `_meta`) are not criteria and are not listed.

use kontor_proto::calls::actionkindtypes::LabelMap;
use kontor_proto::calls::params::Params;
use kontor_proto::calls::searchcriteria::FieldsParams;
use kontor_proto::calls::CallParams;
use kontor_proto::{Data, Language, Record, RecordId};
use kontor_store::fields::{FieldDef, FieldType};
use kontor_store::{FieldStore, Module, Store};
use serde::Serialize;

use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

/// The catalog section of the criterion's bookkeeping.
const META_SECTION: &str = "Meta";

/// More values than this make `regionaler_zusatz` `limitExceeded` (the docs).
const REGION_VALUES_LISTED: usize = 200;

/// The catalog's filter keys (those of `get fields`) behind `objektarten`,
/// `nutzungsarten` and `vermarktungsarten`.
const SHOWN_FOR: [&str; 3] = ["immobilienart", "nutzungsarten", "vermarktungsarten"];

#[derive(Debug, Serialize)]
struct Category<'a> {
    name: &'a str,
    fields: Vec<FieldEntry<'a>>,
}

/// One field; the flags are strings, as the API writes them.
#[derive(Debug, Serialize)]
struct FieldEntry<'a> {
    id: &'a str,
    name: &'a str,
    position: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<LabelMap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rangefield: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    objektarten: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nutzungsarten: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vermarktungsarten: Option<String>,
    #[serde(
        rename = "additionalTranslations",
        skip_serializing_if = "Option::is_none"
    )]
    additional_translations: Option<LabelMap>,
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let p = FieldsParams::parse(params)?;
        let lang = crate::handlers::language_param(p.language.as_deref())?;
        let config = store
            .field_config(ctx.tenant, Module::SEARCHCRITERIA)
            .await
            .map_err(store_error)?;
        let mut categories: Vec<(&str, Category<'_>)> = Vec::new();
        let mut position = 0;
        for field in config.fields() {
            // A range is listed once, at its lower end.
            if field.table == META_SECTION || field.range.as_ref().is_some_and(|r| r.upper) {
                continue;
            }
            position += 1;
            let entry = entry(&config, field, position, lang, p.additional_translations);
            match categories.last_mut() {
                Some((table, category)) if *table == field.table => category.fields.push(entry),
                _ => categories.push((
                    &field.table,
                    Category {
                        name: field.section_labels.get(lang),
                        fields: vec![entry],
                    },
                )),
            }
        }
        Ok(Data::uncounted(
            categories
                .iter()
                .enumerate()
                .map(|(i, (_, category))| Record::new(RecordId::Int(i as i64), Some(""), category))
                .collect(),
        ))
    })
}

fn entry<'a>(
    config: &'a kontor_store::fields::FieldConfig,
    field: &'a FieldDef,
    position: usize,
    lang: Language,
    translations: bool,
) -> FieldEntry<'a> {
    let range = field.range.as_ref();
    let shown_for = |key: &str| {
        let filter = field.filters.iter().find(|f| f.key == field.name)?;
        let (_, values) = filter.when.iter().find(|(k, _)| k == key)?;
        Some(values.join(","))
    };
    let additional_translations = match range {
        Some(end) if translations => config.range_ends(&end.base).map(|(from, to)| {
            LabelMap(vec![
                (from.name.clone(), from.label(lang).to_string()),
                (to.name.clone(), to.label(lang).to_string()),
            ])
        }),
        _ => None,
    };
    FieldEntry {
        id: range.map_or(field.name.as_str(), |r| r.base.as_str()),
        name: range.map_or(field.label(lang), |r| r.base_labels.get(lang)),
        position: position.to_string(),
        ty: type_name(field),
        default: field.default.as_deref().filter(|_| field.ty.is_select()),
        values: field.ty.is_select().then(|| {
            LabelMap(
                field
                    .values
                    .iter()
                    .map(|v| (v.key.clone(), v.labels.get(lang).to_string()))
                    .collect(),
            )
        }),
        rangefield: range.map(|_| "true"),
        objektarten: shown_for(SHOWN_FOR[0]),
        nutzungsarten: shown_for(SHOWN_FOR[1]),
        vermarktungsarten: shown_for(SHOWN_FOR[2]),
        additional_translations,
    }
}

/// Selects by kind, other fields by their data-type URN; the regional addition by how it is
/// offered (the docs' special case: Kontor has no live completion, so all values or, past
/// 200, `limitExceeded`).
fn type_name(field: &FieldDef) -> String {
    if field.name == "regionaler_zusatz" {
        let many = field.values.len() > REGION_VALUES_LISTED;
        return if many { "limitExceeded" } else { "displayAll" }.into();
    }
    match field.ty {
        FieldType::SingleSelect | FieldType::MultiSelect => field.ty.wire_name(true).into(),
        ty => format!(
            "urn:onoffice-de-ns:smart:2.5:dbAccess:dataType:{}",
            ty.wire_name(true)
        ),
    }
}
