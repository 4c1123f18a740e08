//! `create estate`: fields in `data`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:create","resourceid":"",
//!  "resourcetype":"estate","parameters":{"data":{"objektart":"haus","kaufpreis":"349000"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":16,"type":"estate","elements":[]}]}`
//!
//! Consecutive creates of one request are written in one transaction ([`handle_run`]): each
//! is validated on its own and answers on its own, but they share one commit, which is what
//! makes importing estates in batches of 100 fast.

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::fields::FieldConfig;
use kontor_store::Module;
use kontor_store::{FieldStore, RecordStore};
use serde_json::{Map, Value};

use crate::handlers::records::write::{apply_defaults, datetime_now, validate};
use crate::handlers::{store_error, Ctx};

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let mut results = handle_run(store, ctx, &[params]).await;
    results
        .pop()
        .unwrap_or_else(|| Err(ApiError::new(ErrorCode::EntryCouldNotBeCreated)))
}

/// Creates several estates: one result per parameter set, in order.
pub(crate) async fn handle_run(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    runs: &[Params<'_>],
) -> Vec<Result<Data, ApiError>> {
    let config = match store.field_config(ctx.tenant, Module::ESTATE).await {
        Ok(config) => config,
        Err(e) => {
            let e = store_error(e);
            return runs.iter().map(|_| Err(e.clone())).collect();
        }
    };
    let now = datetime_now();
    let prepared: Vec<Result<Map<String, Value>, ApiError>> =
        runs.iter().map(|p| prepare(&config, p, &now)).collect();
    let docs: Vec<Map<String, Value>> = prepared
        .iter()
        .filter_map(|d| d.as_ref().ok().cloned())
        .collect();
    let ids = match store.insert_records(ctx.tenant, Module::ESTATE, docs).await {
        Ok(ids) => ids,
        Err(e) => {
            let e = store_error(e);
            return prepared
                .into_iter()
                .map(|p| p.and(Err(e.clone())))
                .collect();
        }
    };
    let mut ids = ids.into_iter();
    prepared
        .into_iter()
        .map(|p| {
            p.and_then(|_| {
                ids.next()
                    .ok_or_else(|| ApiError::new(ErrorCode::EntryCouldNotBeCreated))
            })
            .map(created)
        })
        .collect()
}

/// Validates one create into the document to store.
fn prepare(
    config: &FieldConfig,
    params: &Params<'_>,
    now: &str,
) -> Result<Map<String, Value>, ApiError> {
    let data = &super::write_data(params.0)?;
    let mut doc = validate(config, super::WRITE, data)?;
    apply_defaults(config, &mut doc);
    // Set by the system on every create (docs: read-only for clients); a date, as recorded.
    doc.insert(
        "erstellt_am".into(),
        Value::String(now.chars().take(10).collect()),
    );
    doc.insert("geaendert_am".into(), Value::String(now.to_string()));
    // The docs: with neither flag given, the marketing status is "open" (both 0).
    for flag in ["verkauft", "reserviert"] {
        doc.entry(flag).or_insert(Value::from(0));
    }
    Ok(doc)
}

fn created(id: i64) -> Data {
    Data::uncounted(vec![Record::new(
        RecordId::Int(id),
        Some(super::RECORD_TYPE),
        &Map::new(),
    )])
}
