//! `get search` of search criteria: the active criteria that suit `searchdata`, matched by
//! [`crate::matching`], one per address unless `groupbyaddress` is false.
//!
//! ```json
//! {"resourceid":"searchcriteria","resourcetype":"search",
//!  "parameters":{"searchdata":{"range_plz":"52074"},"outputall":"true"}}
//! ```
//! → `{"meta":{"cntabsolute":1},"records":[{"id":131,"type":"searchcriteria","elements":
//!    {"Id":"131","adresse":"121","objektart":"haus","range_ort":"Köln","range":"100",…}}]}`

use std::cmp::Ordering;

use kontor_proto::calls::matching::{CriteriaSearchParams, DEFAULT_CRITERIA_LIMIT};
use kontor_proto::calls::read::MAX_LIST_LIMIT;
use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, ErrorCode, Language, Record, RecordId};
use kontor_store::fields::FieldConfig;
use kontor_store::{FieldStore, Module, Store};
use serde_json::{Map, Value};

use crate::handlers::records::render::{render, Style};
use crate::handlers::{store_error, Ctx};
use crate::matching::{self, number, Match};
use crate::modules::searchcriteria::ADDRESS_FIELD;

/// The criterion's id as `outputfields` and `order` name it.
const ID: &str = "Id";
/// The section of the bookkeeping fields.
const META: &str = "Meta";

/// One key of `order`.
struct OrderKey {
    field: String,
    descending: bool,
}

fn invalid(name: &str, hint: String) -> ApiError {
    ApiError::with_detail(ErrorCode::InvalidValueForParameter, name).hint(hint)
}

/// `["Id", "anzahl_zimmer__bis"]` or `{"anzahl_zimmer__bis": "DESC"}`; the names `Id` and
/// the criteria's stored fields.
fn order(config: &FieldConfig, value: &Value) -> Result<Vec<OrderKey>, ApiError> {
    let pairs: Vec<(String, String)> = match value {
        Value::Null => Vec::new(),
        Value::String(s) if s.is_empty() => Vec::new(),
        Value::String(s) => vec![(s.clone(), "ASC".into())],
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok((s.clone(), "ASC".into())),
                other => Err(invalid(
                    "order",
                    format!("order lists field names; got {other}"),
                )),
            })
            .collect::<Result<_, _>>()?,
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect(),
        other => {
            return Err(invalid(
                "order",
                format!("order is a list or an object; got {other}"),
            ))
        }
    };
    pairs
        .into_iter()
        .map(|(field, direction)| {
            if field != ID && config.get(&field).is_none() {
                return Err(invalid(
                    "order",
                    format!("order names Id or a search criteria field; {field} is neither"),
                ));
            }
            let descending = match direction.trim().to_ascii_uppercase().as_str() {
                "" | "ASC" => false,
                "DESC" => true,
                _ => {
                    return Err(invalid(
                        "order",
                        format!("{field} sorts ASC or DESC; got {direction}"),
                    ))
                }
            };
            Ok(OrderKey { field, descending })
        })
        .collect()
}

/// Numbers compare as numbers, the rest as text; unset first.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a.and_then(number), b.and_then(number)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => {
            let text =
                |v: Option<&Value>| v.map(|v| v.as_str().map_or(v.to_string(), str::to_string));
            text(a)
                .unwrap_or_default()
                .cmp(&text(b).unwrap_or_default())
        }
    }
}

fn sort(found: &mut [Match], keys: &[OrderKey]) {
    found.sort_by(|a, b| {
        for key in keys {
            let ordering = match key.field.as_str() {
                ID => a.record.id.cmp(&b.record.id),
                field => compare(
                    a.record.doc.as_map().get(field),
                    b.record.doc.as_map().get(field),
                ),
            };
            let ordering = if key.descending {
                ordering.reverse()
            } else {
                ordering
            };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        a.record.id.cmp(&b.record.id)
    });
}

/// The answered fields of one criterion: every set one (`outputall`), or those named.
fn elements(config: &FieldConfig, found: &Match, names: Option<&[String]>) -> Map<String, Value> {
    let raw = Style {
        formatted: false,
        lang: Language::DEU,
        integers_as_numbers: false,
    };
    let doc = found.record.doc.as_map();
    let mut out = Map::new();
    let put = |name: &str, out: &mut Map<String, Value>| {
        if name == ID {
            out.insert(ID.into(), Value::String(found.record.id.to_string()));
            return;
        }
        let Some(field) = config.get(name) else {
            return;
        };
        // Keys of a multi-select comma-separated, as `searchdata` takes them (the docs show
        // `"objektart":"haus"`, not the pipes of a raw read).
        let value = match (
            doc.get(name),
            render(field, found.record.doc.get(name).as_ref(), raw),
        ) {
            (Some(Value::Array(items)), _) => Value::String(
                items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            (_, Value::Null) => Value::String(String::new()),
            (_, v) => v,
        };
        out.insert(name.to_string(), value);
    };
    match names {
        Some(names) => names.iter().for_each(|n| put(n, &mut out)),
        None => {
            // The docs' order: the id and the address, then the criteria; the bookkeeping
            // (status, advisor, dates) is `get searchcriterias`' `_meta`, not shown here.
            put(ID, &mut out);
            put(ADDRESS_FIELD, &mut out);
            let shown = config
                .fields()
                .iter()
                .filter(|f| f.table != META && f.name != ADDRESS_FIELD);
            for field in shown {
                let set = match doc.get(&field.name) {
                    None | Some(Value::Null) => false,
                    Some(Value::String(s)) => !s.is_empty(),
                    Some(Value::Array(items)) => !items.is_empty(),
                    Some(_) => true,
                };
                if set {
                    put(&field.name, &mut out);
                }
            }
        }
    }
    out
}

/// Keeps the first criterion of each address, in the order given.
pub(crate) fn first_per_address(found: Vec<Match>) -> Vec<Match> {
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|m| seen.insert(m.address))
        .collect()
}

pub(super) async fn search(
    store: &Store,
    ctx: &Ctx<'_>,
    p: CriteriaSearchParams,
) -> Result<Data, ApiError> {
    let config = store
        .field_config(ctx.tenant, Module::SEARCHCRITERIA)
        .await
        .map_err(store_error)?;
    let target = matching::from_search(&config, &p.searchdata)?;
    let keys = order(&config, &p.order)?;
    let names: Vec<String> = match p.outputfields.is_empty() {
        true => vec![ID.into()],
        false => p.outputfields.clone(),
    };
    if let Some(unknown) = names.iter().find(|n| *n != ID && config.get(n).is_none()) {
        return Err(
            ApiError::with_detail(ErrorCode::UnknownField, unknown.as_str())
                .hint("outputfields names Id or search criteria fields (get searchCriteriaFields)"),
        );
    }
    let mut found = matching::matches(store, ctx, &config, &target).await?;
    sort(&mut found, &keys);
    if p.groupbyaddress {
        found = first_per_address(found);
    }
    let total = found.len() as u64;
    let limit = p
        .limit
        .unwrap_or(DEFAULT_CRITERIA_LIMIT)
        .min(MAX_LIST_LIMIT) as usize;
    let offset = usize::try_from(p.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    let records = found
        .iter()
        .skip(offset)
        .take(limit)
        .map(|m| {
            let elements = elements(&config, m, (!p.outputall).then_some(names.as_slice()));
            Record::new(
                RecordId::Int(m.record.id),
                Some("searchcriteria"),
                &elements,
            )
        })
        .collect();
    Ok(Data {
        meta: Meta {
            cntabsolute: Some(total),
        },
        records,
    })
}
