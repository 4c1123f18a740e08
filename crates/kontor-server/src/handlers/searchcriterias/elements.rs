//! The elements of a search criterion as `get searchcriterias` writes them (the docs'
//! response parameters):
//!
//! * selects as lists of keys, single-selects too: `"objektart":["haus"]`;
//! * ranges as one pair under `range_<field>`: `"range_kaufpreis":["50000.00","100000.00"]`;
//! * other criteria as the raw value: `"plz":"52068"`;
//! * the radius fields in their own block, `"Range":{"range_plz":…,"range":"100",…}`, when
//!   the criterion has any;
//! * `_meta`: the address, knockout fields, advisor, creator, dates, status, public note and
//!   characteristics, every value but the lists as a string.
//!
//! Only the fields a criterion has are written, in catalog order.

use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, Language, Record, RecordId};
use kontor_store::fields::{FieldConfig, FieldDef, RANGE_TO};
use kontor_store::records::{DocValue, RecordPage, RecordQuery};
use kontor_store::{Module, RecordStore, Store};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::handlers::records::render::{render, Style};
use crate::handlers::{store_error, Ctx};
use crate::modules::searchcriteria::ADDRESS_FIELD;

/// `_meta` names and the fields they are stored in. Filters and sorts take either name.
pub(super) const META: &[(&str, &str)] = &[
    ("internaladdressid", ADDRESS_FIELD),
    ("kocriterias", "sys_ko"),
    ("advisor", "advisor"),
    ("creator", "creator"),
    ("creationdate", "creationdate"),
    ("editdate", "editdate"),
    ("status", "status"),
    ("publicnote", "krit_bemerkung_oeffentlich"),
    ("characteristic", "characteristic"),
];

/// The catalog section of the radius fields (the `Range` block).
const RADIUS_SECTION: &str = "Umkreis";

const RAW: Style = Style {
    formatted: false,
    lang: Language::DEU,
    integers_as_numbers: false,
};

#[derive(Debug, Serialize)]
struct Elements {
    #[serde(flatten)]
    criteria: Map<String, Value>,
    #[serde(rename = "Range", skip_serializing_if = "Option::is_none")]
    range: Option<Map<String, Value>>,
    #[serde(rename = "_meta")]
    meta: MetaBlock,
}

#[derive(Debug, Serialize)]
struct MetaBlock {
    internaladdressid: String,
    /// The address's customer number (`KdNr`); `""` when the address is gone.
    externaladdressid: String,
    kocriterias: Vec<String>,
    advisor: String,
    creator: String,
    creationdate: String,
    editdate: String,
    status: String,
    publicnote: String,
    /// Comma-separated when there are several.
    characteristic: String,
}

/// The answer: one record per criterion of the page, counted.
pub(super) async fn answer(
    store: &Store,
    ctx: &Ctx<'_>,
    config: &FieldConfig,
    page: RecordPage,
) -> Result<Data, ApiError> {
    let numbers = customer_numbers(store, ctx, &page).await?;
    let records = page
        .records
        .iter()
        .map(|record| {
            let doc = record.doc.to_map();
            let address = doc.get(ADDRESS_FIELD).and_then(Value::as_i64).unwrap_or(0);
            let kdnr = numbers
                .iter()
                .find(|(id, _)| *id == address)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            Record::new(
                RecordId::Int(record.id),
                Some(Module::SEARCHCRITERIA.name()),
                &elements(config, &doc, kdnr),
            )
        })
        .collect();
    Ok(Data {
        meta: Meta {
            cntabsolute: Some(page.total),
        },
        records,
    })
}

fn elements(config: &FieldConfig, doc: &Map<String, Value>, kdnr: String) -> Elements {
    let mut criteria = Map::new();
    let mut range = Map::new();
    for field in config.fields() {
        if META.iter().any(|(_, stored)| *stored == field.name) {
            continue;
        }
        if let Some(end) = &field.range {
            let to = format!("{}{RANGE_TO}", end.base);
            if end.upper || !(doc.contains_key(&field.name) || doc.contains_key(&to)) {
                continue;
            }
            let high = config.get(&to).map_or(Value::Null, |f| raw(f, doc));
            criteria.insert(
                format!("range_{}", end.base),
                Value::from(vec![raw(field, doc), high]),
            );
            continue;
        }
        if !doc.contains_key(&field.name) {
            continue;
        }
        if field.table == RADIUS_SECTION {
            range.insert(field.name.clone(), raw(field, doc));
        } else if field.ty.is_select() {
            criteria.insert(field.name.clone(), Value::from(keys(doc.get(&field.name))));
        } else {
            criteria.insert(field.name.clone(), raw(field, doc));
        }
    }
    let text = |name: &str| match config.get(name) {
        Some(f) if doc.contains_key(name) => match raw(f, doc) {
            Value::String(s) => s,
            _ => String::new(),
        },
        _ => String::new(),
    };
    Elements {
        criteria,
        range: (!range.is_empty()).then_some(range),
        meta: MetaBlock {
            internaladdressid: text(ADDRESS_FIELD),
            externaladdressid: kdnr,
            kocriterias: keys(doc.get("sys_ko")),
            advisor: text("advisor"),
            creator: text("creator"),
            creationdate: text("creationdate"),
            editdate: text("editdate"),
            status: text("status"),
            publicnote: text("krit_bemerkung_oeffentlich"),
            characteristic: keys(doc.get("characteristic")).join(","),
        },
    }
}

/// A field's raw value, as `read` writes it (an open end of a range reads "0", as unset
/// numbers do).
fn raw(field: &FieldDef, doc: &Map<String, Value>) -> Value {
    let value = doc.get(&field.name).map(DocValue::from);
    render(field, value.as_ref(), RAW)
}

/// The keys of a select: a single-select's one key (none when empty), a multi-select's list.
fn keys(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The customer numbers of the page's addresses, by address id.
async fn customer_numbers(
    store: &Store,
    ctx: &Ctx<'_>,
    page: &RecordPage,
) -> Result<Vec<(i64, String)>, ApiError> {
    let mut ids: Vec<i64> = page
        .records
        .iter()
        .filter_map(|r| r.doc.get(ADDRESS_FIELD).and_then(|v| number(&v)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = RecordQuery {
        limit: ids.len() as u32,
        ids: Some(ids),
        fields: Some(vec!["KdNr".into()]),
        ..RecordQuery::default()
    };
    let found = store
        .query_records(ctx.tenant, Module::ADDRESS, &query)
        .await
        .map_err(store_error)?;
    Ok(found
        .records
        .iter()
        .map(|r| {
            let kdnr = r.doc.field(0, "KdNr").and_then(|v| number(&v));
            (r.id, kdnr.map(|n| n.to_string()).unwrap_or_default())
        })
        .collect())
}

fn number(value: &DocValue<'_>) -> Option<i64> {
    match value {
        DocValue::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        DocValue::Text(t) => t.parse().ok(),
        _ => None,
    }
}
