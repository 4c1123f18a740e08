//! `get qualifiedsuitors`: for an estate (stored, by `estateid` or a numeric resource id, or
//! given as `estatedata`), the addresses with an active criterion that suits it, matched by
//! [`crate::matching`]; each address once, with its best criterion, best first.
//!
//! ```json
//! {"resourceid":"","resourcetype":"qualifiedsuitors",
//!  "parameters":{"estatedata":{"plz":"52074","ort":"Aachen"}}}
//! ```
//! → `{"meta":{"cntabsolute":2},"records":[{"id":191,"type":"","elements":{"percentage":100,
//!    "deviated":[[]],"searchcriteria":521}},{"id":188,"type":"","elements":{"percentage":50,
//!    "deviated":[{"strasse":0}],"searchcriteria":517}}]}`

use kontor_proto::calls::matching::SuitorsParams;
use kontor_proto::calls::params::Params;
use kontor_proto::calls::CallParams;
use kontor_proto::response::Meta;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::{FieldStore, Module, RecordStore, Store};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::handlers::{store_error, Ctx};
use crate::matching::{self, criteria_fields, target_name};
use crate::modules::Pending;

/// Names `estatedata` takes besides the criteria's fields: the estate's own coordinates.
const COORDINATES: &[&str] = &["breitengrad", "laengengrad"];

#[derive(Debug, Serialize)]
struct Elements {
    percentage: u32,
    /// `[[]]` when every field of the criterion was confirmed, else `[{field: 0, …}]`.
    deviated: Vec<Value>,
    searchcriteria: i64,
}

/// The estate's id: `estateid`, else a numeric resource id.
fn estate_id(p: &SuitorsParams, ctx: &Ctx<'_>) -> Result<Option<i64>, ApiError> {
    if p.estateid.is_some() {
        return Ok(p.estateid);
    }
    let wire = ctx.resourceid.as_wire();
    let wire = wire.trim();
    if wire.is_empty() {
        return Ok(None);
    }
    wire.parse::<i64>().map(Some).map_err(|_| {
        ApiError::with_detail(ErrorCode::InvalidValueForParameter, "resourceid").hint(format!(
            "the resource id is an estate id or empty; got {wire}"
        ))
    })
}

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let p = SuitorsParams::parse(params)?;
        let config = store
            .field_config(ctx.tenant, Module::SEARCHCRITERIA)
            .await
            .map_err(store_error)?;
        let overrides = p.estatedata.clone().unwrap_or_default();
        if let Some(unknown) = overrides.keys().find(|name| {
            !COORDINATES.contains(&name.as_str())
                && !criteria_fields(&config).any(|f| target_name(f) == name.as_str())
        }) {
            return Err(
                ApiError::with_detail(ErrorCode::UnknownEstateField, unknown.as_str()).hint(
                    "estatedata takes the estate fields search criteria have (get searchCriteriaFields), breitengrad and laengengrad",
                ),
            );
        }
        let stored = match estate_id(&p, ctx)? {
            Some(id) => {
                let record = store
                    .get_record(ctx.tenant, Module::ESTATE, id)
                    .await
                    .map_err(store_error)?
                    .ok_or_else(|| {
                        ApiError::new(ErrorCode::UnknownEstateRecord)
                            .hint(format!("there is no estate {id}"))
                    })?;
                record.doc.into_map()
            }
            None if p.estatedata.is_none() => {
                return Err(
                    ApiError::with_detail(ErrorCode::MissingParameter, "estatedata")
                        .hint("give the estate's values in estatedata, or its id in estateid"),
                )
            }
            None => Map::new(),
        };
        let target = matching::from_estate(&config, &stored, &overrides)?;
        let mut found = matching::matches(store, ctx, &config, &target).await?;
        // Best first: the highest share confirmed, then the oldest criterion.
        found.sort_by(|a, b| {
            b.verdict
                .percentage()
                .cmp(&a.verdict.percentage())
                .then(a.record.id.cmp(&b.record.id))
        });
        let best = crate::handlers::search::first_per_address(found);
        let records = best
            .iter()
            .map(|m| {
                let deviated = match m.verdict.unconfirmed.is_empty() {
                    true => vec![Value::Array(Vec::new())],
                    false => vec![Value::Object(
                        m.verdict
                            .unconfirmed
                            .iter()
                            .map(|f| (f.clone(), Value::from(0)))
                            .collect(),
                    )],
                };
                let elements = Elements {
                    percentage: m.verdict.percentage(),
                    deviated,
                    searchcriteria: m.record.id,
                };
                Record::new(RecordId::Int(m.address), Some(""), &elements)
            })
            .collect();
        Ok(Data {
            meta: Meta {
                cntabsolute: Some(best.len() as u64),
            },
            records,
        })
    })
}
