//! `create <module>`: a new record from the fields of the action, for every module.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:create","resourceid":"",
//!  "resourcetype":"estate","parameters":{"data":{"objektart":"haus","kaufpreis":"349000"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":16,"type":"estate","elements":[]}]}`
//!
//! Consecutive creates of one module in one request are written in one transaction
//! ([`run_batch`]): each is validated on its own and answers on its own, but they share one
//! commit, which is what makes importing records in batches of 100 fast.

use kontor_proto::response::ResultData;
use kontor_proto::{Action, ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::{FieldStore, RecordStore};
use serde_json::{Map, Value};

use super::write::{apply_defaults, stamp, validate};
use crate::handlers::{store_error, Ctx};
use crate::modules::{Prepared, ServedModule, WriteCx};
use crate::AppState;

/// Creates one record per action, in order; one result each.
pub(crate) async fn run_batch(
    state: &AppState,
    ctx: &Ctx<'_>,
    served: &'static ServedModule,
    actions: &[&Action],
) -> Vec<Result<ResultData, ApiError>> {
    let module = served.module;
    let config = match state.store.field_config(ctx.tenant, module).await {
        Ok(config) => config,
        Err(e) => {
            let e = store_error(e);
            return actions.iter().map(|_| Err(e.clone())).collect();
        }
    };
    let now = kontor_proto::time::datetime_now();
    let mut prepared: Vec<Result<Prepared, ApiError>> = Vec::with_capacity(actions.len());
    for action in actions {
        let cx = WriteCx {
            store: &state.store,
            ctx,
            module,
            config: &config,
            params: &action.parameters,
        };
        prepared.push(prepare(served, &cx, &now).await);
    }
    let docs: Vec<Map<String, Value>> = prepared
        .iter_mut()
        .filter_map(|p| match p {
            Ok(Prepared::Insert(doc)) => Some(std::mem::take(doc)),
            _ => None,
        })
        .collect();
    let ids = match state.store.insert_records(ctx.tenant, module, docs).await {
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
            let id = match p? {
                Prepared::Insert(_) => ids
                    .next()
                    .ok_or_else(|| ApiError::new(ErrorCode::EntryCouldNotBeCreated))?,
                Prepared::Existing(id) => id,
            };
            Ok(ResultData::Ok(created(served, id)))
        })
        .collect()
}

/// Validates one create into the document to store, or finds the record it duplicates.
async fn prepare(served: &ServedModule, cx: &WriteCx<'_>, now: &str) -> Result<Prepared, ApiError> {
    let fields = served.hooks.write_fields(cx.params)?;
    let mut doc = validate(cx.config, cx.module, &fields)?;
    stamp(cx.module, &mut doc, now, false);
    match served.hooks.prepare_create(cx, doc).await? {
        Prepared::Insert(mut doc) => {
            stamp(cx.module, &mut doc, now, true);
            apply_defaults(cx.config, &mut doc);
            Ok(Prepared::Insert(doc))
        }
        existing => Ok(existing),
    }
}

fn created(served: &ServedModule, id: i64) -> Data {
    Data::uncounted(vec![Record::new(
        RecordId::Int(id),
        Some(served.module.name()),
        &Map::new(),
    )])
}
