//! Matching estates against search criteria: the one place that says when a criterion suits
//! an estate, used by `get search` (resource id `searchcriteria`, the values of `searchdata`)
//! and `get qualifiedsuitors` (a stored estate or `estatedata`). docs/matching.md writes the
//! rules down.
//!
//! The store narrows the active criteria with the conditions SQL can say on its own (the
//! status, and every lower range end at most the estate's value, which holds for the open
//! end 0 too); [`verdict`] then tests each criterion read exactly, in Rust.

mod target;

pub(crate) use target::{from_estate, from_search, Target};

use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use kontor_proto::ApiError;
use kontor_store::fields::{FieldConfig, FieldDef, FieldType, RANGE_FROM, RANGE_TO};
use kontor_store::geo;
use kontor_store::records::{FieldCondition, RecordQuery, StoredRecord, ValueKind};
use kontor_store::{Module, RecordStore, Store};
use serde_json::{Map, Value};

use crate::handlers::{store_error, Ctx};
use crate::modules::searchcriteria::ADDRESS_FIELD;

/// The field saying whether a criterion is active ("1") or not ("0").
const STATUS: &str = "status";
/// Sections whose fields are not criteria of their own: the radius (tested as one circle)
/// and the bookkeeping.
const NOT_CRITERIA: &[&str] = &["Umkreis", "Meta"];
/// Criteria read per statement while matching.
const PAGE: u32 = 5_000;

/// How a criterion suits an estate that passed every test.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// Criterion fields the estate's values confirmed.
    pub confirmed: usize,
    /// Criterion fields the estate has no value for: they do not exclude, but are not
    /// confirmed either (`deviated` of `qualifiedsuitors`).
    pub unconfirmed: Vec<String>,
}

impl Verdict {
    /// The share of the criterion's set fields the estate confirmed, in percent.
    pub fn percentage(&self) -> u32 {
        let all = self.confirmed + self.unconfirmed.len();
        match all {
            0 => 100,
            _ => ((self.confirmed * 100) as f64 / all as f64).round() as u32,
        }
    }
}

/// A criterion that suits the estate.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub record: StoredRecord,
    pub address: i64,
    pub verdict: Verdict,
}

/// One field's outcome.
enum Test {
    /// The criterion does not set the field.
    Unset,
    Confirmed,
    /// The criterion sets it, the estate has no value for it.
    Unknown,
    Failed,
}

/// A number as stored or sent: JSON numbers, numeric text, booleans as 1/0.
pub(crate) fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// A select key or text as compared: trimmed, numbers in their decimal form.
fn key(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(u8::from(*b).to_string()),
        _ => None,
    }
}

/// A criterion's keys of a select: a list, one key, or keys joined by `|` or `,`.
fn keys(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(key).collect(),
        Some(Value::String(s)) => s
            .split(['|', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(other) => key(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn truthy(value: &Value) -> bool {
    number(value).is_some_and(|n| n != 0.0)
        || matches!(value.as_str().map(str::trim), Some("true" | "ja" | "yes"))
}

/// The fields whose criteria are tested one by one (the radius is tested apart).
pub(crate) fn criteria_fields(config: &FieldConfig) -> impl Iterator<Item = &FieldDef> {
    config
        .fields()
        .iter()
        .filter(|f| !NOT_CRITERIA.contains(&f.table.as_str()))
        .filter(|f| f.range.as_ref().is_none_or(|end| !end.upper))
}

/// The name a target value of `field` goes by: a range's own name, else the field's.
pub(crate) fn target_name(field: &FieldDef) -> &str {
    field
        .range
        .as_ref()
        .map_or(field.name.as_str(), |end| end.base.as_str())
}

fn test(field: &FieldDef, doc: &Map<String, Value>, values: Option<&Vec<Value>>) -> Test {
    let given = values.filter(|v| !v.is_empty());
    if let Some(end) = &field.range {
        let lo = doc.get(&field.name).and_then(number).unwrap_or(0.0);
        let hi = doc
            .get(&format!("{}{RANGE_TO}", end.base))
            .and_then(number)
            .unwrap_or(0.0);
        if lo == 0.0 && hi == 0.0 {
            return Test::Unset;
        }
        let Some(values) = given else {
            return Test::Unknown;
        };
        let inside = |v: f64| (lo == 0.0 || v >= lo) && (hi == 0.0 || v <= hi);
        return match values.iter().filter_map(number).any(inside) {
            true => Test::Confirmed,
            false => Test::Failed,
        };
    }
    match field.ty {
        FieldType::Boolean => {
            if !doc.get(&field.name).is_some_and(truthy) {
                return Test::Unset;
            }
            match given {
                None => Test::Unknown,
                Some(values) if values.iter().any(truthy) => Test::Confirmed,
                Some(_) => Test::Failed,
            }
        }
        _ => {
            let wanted = keys(doc.get(&field.name));
            if wanted.is_empty() {
                return Test::Unset;
            }
            let Some(values) = given else {
                return Test::Unknown;
            };
            let suits = values
                .iter()
                .filter_map(key)
                .any(|k| wanted.iter().any(|w| w.eq_ignore_ascii_case(&k)));
            match suits {
                true => Test::Confirmed,
                false => Test::Failed,
            }
        }
    }
}

/// The radius: a criterion with a radius and a known centre suits a point within that many
/// kilometres (plus the search's own radius). A centre the postcode table did not know (0/0)
/// is no radius to test.
fn radius(doc: &Map<String, Value>, target: &Target) -> Test {
    let get = |name: &str| doc.get(name).and_then(number).unwrap_or(0.0);
    let (km, lat, lon) = (
        get("range"),
        get("range_breitengrad"),
        get("range_laengengrad"),
    );
    if km <= 0.0 || (lat == 0.0 && lon == 0.0) {
        return Test::Unset;
    }
    match target.point {
        None => Test::Unknown,
        Some((plat, plon)) if geo::distance_km(lat, lon, plat, plon) <= km + target.radius_km => {
            Test::Confirmed
        }
        Some(_) => Test::Failed,
    }
}

/// Whether the criterion `doc` suits the target, and how well; `None` when it does not. An
/// inactive criterion never suits.
pub(crate) fn verdict(
    config: &FieldConfig,
    target: &Target,
    doc: &Map<String, Value>,
) -> Option<Verdict> {
    if doc.get(STATUS).and_then(key).as_deref() != Some("1") {
        return None;
    }
    let mut verdict = Verdict {
        confirmed: 0,
        unconfirmed: Vec::new(),
    };
    let tests = criteria_fields(config)
        .map(|f| {
            (
                target_name(f),
                test(f, doc, target.values.get(target_name(f))),
            )
        })
        .chain(std::iter::once(("range", radius(doc, target))));
    for (name, outcome) in tests {
        match outcome {
            Test::Unset => {}
            Test::Confirmed => verdict.confirmed += 1,
            Test::Unknown => verdict.unconfirmed.push(name.to_string()),
            Test::Failed => return None,
        }
    }
    Some(verdict)
}

/// The conditions SQL tests before the exact test: active, and every lower end at most the
/// largest value the target gives for its range (the open end 0 passes, values are ≥ 0).
fn coarse(config: &FieldConfig, target: &Target) -> Vec<FieldCondition> {
    let mut conditions = vec![FieldCondition {
        field: STATUS.into(),
        kind: ValueKind::Text,
        op: FilterOp::Eq,
        operand: Operand::One(Scalar::Text("1".into())),
    }];
    for field in criteria_fields(config).filter(|f| f.range.is_some()) {
        let largest = target
            .values
            .get(target_name(field))
            .into_iter()
            .flatten()
            .filter_map(number)
            .fold(None, |max: Option<f64>, v| {
                Some(max.map_or(v, |m| m.max(v)))
            });
        if let Some(largest) = largest.filter(|v| *v >= 0.0) {
            conditions.push(FieldCondition {
                field: format!("{}{RANGE_FROM}", target_name(field)),
                kind: ValueKind::Number,
                op: FilterOp::Le,
                operand: Operand::One(Scalar::Float(largest)),
            });
        }
    }
    conditions
}

/// Every active criterion of the tenant that suits the target, in id order.
pub(crate) async fn matches(
    store: &Store,
    ctx: &Ctx<'_>,
    config: &FieldConfig,
    target: &Target,
) -> Result<Vec<Match>, ApiError> {
    let mut query = RecordQuery {
        conditions: coarse(config, target),
        limit: PAGE,
        ..RecordQuery::default()
    };
    let mut found = Vec::new();
    loop {
        let page = store
            .query_records(ctx.tenant, Module::SEARCHCRITERIA, &query)
            .await
            .map_err(store_error)?;
        let read = page.records.len() as u64;
        for record in page.records {
            let doc = record.doc.as_map();
            let Some(verdict) = verdict(config, target, &doc) else {
                continue;
            };
            let address = doc.get(ADDRESS_FIELD).and_then(number).unwrap_or(0.0) as i64;
            drop(doc);
            found.push(Match {
                record,
                address,
                verdict,
            });
        }
        query.offset += read;
        if read < u64::from(PAGE) || query.offset >= page.total {
            break;
        }
    }
    Ok(found)
}
