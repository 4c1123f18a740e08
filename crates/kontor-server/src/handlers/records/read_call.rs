//! The read shared by `read estate` and `read address`.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::CountryIsoCode;
use kontor_proto::calls::read::ReadParams;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::fields::estate_fields::country_alpha2;
use kontor_store::fields::{FieldConfig, FieldDef, Module};
use kontor_store::records::{RecordModule, RecordQuery, StoredRecord};
use kontor_store::{FieldStore, FilterStore, RecordStore};
use serde_json::{Map, Value};

use super::query::{readable, resolve, Readable};
use super::render::{render, Style};
use crate::handlers::{store_error, Ctx};

/// What differs between the modules' reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadSpec {
    pub module: Module,
    pub record_module: RecordModule,
    pub record_type: &'static str,
    /// `Id` for estates, `id` for addresses.
    pub id_field: &'static str,
    /// Addresses always carry `"id": <int>` in their elements; estates never do.
    pub id_in_elements: bool,
    /// Renders a pseudo-field (address contacts) into the elements.
    pub pseudo: fn(&str, &StoredRecord, &mut Map<String, Value>),
}

pub(crate) async fn read(
    store: &(impl RecordStore + FieldStore + FilterStore),
    ctx: &Ctx<'_>,
    spec: ReadSpec,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let mut params = ReadParams::parse(params)?;
    // A language other than the main one reads the estates' language versions.
    let language = params
        .estatelanguage
        .filter(|l| *l != Language::DEU && spec.module == Module::Estate);
    let spec = match language {
        Some(_) => ReadSpec {
            record_module: RecordModule::EstateLanguage,
            ..spec
        },
        None => spec,
    };
    if let Some(id) = params.filterid {
        params
            .filter
            .extend(saved_filter(store, ctx, spec, id).await?);
    }
    let config = store
        .field_config(ctx.tenant, spec.module)
        .await
        .map_err(store_error)?;
    let ids = match ctx.resourceid.record_id() {
        Some(id) => Some(vec![id]),
        None if !params.recordids.is_empty() => Some(params.recordids.clone()),
        None => None,
    };
    let mut query: RecordQuery = resolve(&config, spec.record_module, spec.id_field, &params, ids)?;
    query.language = language.map(|l| l.to_string());
    // Estate elements come from the document fields named in `data` only; address elements
    // also read the contact entries, so addresses load whole documents.
    if spec.module == Module::Estate {
        query.fields = Some(params.data.clone());
    }
    let page = store
        .query_records(ctx.tenant, spec.record_module, &query)
        .await
        .map_err(store_error)?;
    let style = Style {
        formatted: params.formatoutput,
        lang: params.outputlanguage.unwrap_or(Language::DEU),
    };
    let records = page
        .records
        .iter()
        .map(|r| {
            let extras = Extras {
                language: params
                    .addestatelanguage
                    .then(|| language.map(|l| l.to_string()).unwrap_or_default()),
                main_lang_id: params.add_main_lang_id,
                country: params.country_iso_code,
            };
            let elements = elements(&config, spec, &params.data, r, style, extras);
            Record::from_map(RecordId::Int(r.id), Some(spec.record_type), elements)
        })
        .collect();
    Ok(Data {
        meta: kontor_proto::response::Meta {
            cntabsolute: Some(page.total),
        },
        records,
    })
}

/// The requested fields in the requested order.
/// What `addestatelanguage` and `addMainLangId` add to estate elements.
#[derive(Debug, Clone)]
struct Extras {
    /// The record's language: `""` for the main language, `ENG` for a version.
    language: Option<String>,
    main_lang_id: bool,
    /// `countryIsoCodeType` (addresses' `Land`).
    country: Option<CountryIsoCode>,
}

fn elements(
    config: &FieldConfig,
    spec: ReadSpec,
    data: &[String],
    record: &StoredRecord,
    style: Style,
    extras: Extras,
) -> Map<String, Value> {
    let mut out = Map::with_capacity(data.len() + 2);
    if spec.id_in_elements {
        out.insert("id".into(), Value::from(record.id));
    }
    if spec.module == Module::Estate {
        if let Some(language) = extras.language {
            out.insert("language".into(), Value::String(language));
        }
        // A main-language estate has no main id of its own: null, as recorded; a language
        // version names its main estate (a string, as in the docs' example).
        if extras.main_lang_id {
            let main = record
                .main_id
                .map(|m| Value::String(m.to_string()))
                .unwrap_or(Value::Null);
            out.insert("mainLangId".into(), main);
        }
    }
    for name in data {
        match readable(config, spec.id_field, name) {
            Some(Readable::Id) if spec.id_in_elements => {}
            Some(Readable::Id) => {
                let id = if style.formatted {
                    super::render::group_thousands(record.id)
                } else {
                    record.id.to_string()
                };
                out.insert(name.clone(), Value::String(id));
            }
            Some(Readable::Uuid) => {
                out.insert(name.clone(), Value::String(record.uuid.clone()));
            }
            Some(Readable::Field(field)) if spec.module == Module::Address && name == "Land" => {
                let value = country(field, record.doc.get(name), style, extras.country);
                out.insert(name.clone(), value);
            }
            Some(Readable::Field(field)) => {
                out.insert(name.clone(), render(field, record.doc.get(name), style));
            }
            None => (spec.pseudo)(name, record, &mut out),
        }
    }
    out
}

/// An address's `Land`: full text unless `countryIsoCodeType` asks for a code. COMPAT: the
/// real API writes the country's name here even in raw mode (`"Land":"Deutschland"` in
/// recorded responses), unlike every other single-select.
fn country(
    field: &FieldDef,
    value: Option<&Value>,
    style: Style,
    code: Option<CountryIsoCode>,
) -> Value {
    let Some(Value::String(key)) = value.filter(|v| v.as_str().is_some_and(|s| !s.is_empty()))
    else {
        return render(field, value, style);
    };
    match code {
        Some(CountryIsoCode::Alpha3) => Value::String(key.clone()),
        Some(CountryIsoCode::Alpha2) => {
            Value::String(country_alpha2(key).map_or_else(|| key.clone(), str::to_string))
        }
        None => render(
            field,
            value,
            Style {
                formatted: true,
                ..style
            },
        ),
    }
}

/// The conditions of a saved filter, ANDed with the request's own.
async fn saved_filter(
    store: &impl FilterStore,
    ctx: &Ctx<'_>,
    spec: ReadSpec,
    id: i64,
) -> Result<Vec<kontor_proto::calls::read::Condition>, ApiError> {
    let unknown = || ApiError::with_detail(ErrorCode::RequestedFilteridUnknown, id.to_string());
    let saved = store
        .get_filter(ctx.tenant, spec.record_module, id)
        .await
        .map_err(store_error)?
        .ok_or_else(unknown)?;
    let value: Value = serde_json::from_str(&saved.conditions).map_err(|_| unknown())?;
    kontor_proto::calls::read::parse_filter(Some(&value))
}
