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
use kontor_store::records::{Inserted, NewRecord};
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
    let cxs: Vec<WriteCx<'_>> = actions
        .iter()
        .map(|action| WriteCx {
            store: &state.store,
            ctx,
            module,
            config: &config,
            params: &action.parameters,
        })
        .collect();
    let mut prepared: Vec<Result<Ready, ApiError>> = Vec::with_capacity(actions.len());
    for cx in &cxs {
        prepared.push(prepare(served, cx, &now).await);
    }
    let records: Vec<NewRecord> = prepared
        .iter_mut()
        .filter_map(|p| match p {
            Ok(Ready::Insert(record, _)) => Some(std::mem::take(&mut **record)),
            _ => None,
        })
        .collect();
    let outcomes = match state
        .store
        .insert_new_records(ctx.tenant, module, records)
        .await
    {
        Ok(outcomes) => outcomes,
        Err(e) => {
            let e = store_error(e);
            return prepared
                .into_iter()
                .map(|p| p.and(Err(e.clone())))
                .collect();
        }
    };
    let mut outcomes = outcomes.into_iter();
    let mut results = Vec::with_capacity(actions.len());
    for (p, cx) in prepared.into_iter().zip(&cxs) {
        let id = match p {
            Err(e) => Err(e),
            Ok(Ready::Existing(id)) => Ok(id),
            Ok(Ready::Insert(_, original)) => match (outcomes.next(), original) {
                (Some(Inserted::New(id)), _) => Ok(id),
                (Some(Inserted::Found(id)), Some(doc)) => {
                    served.hooks.found(cx, id, doc).await.map(|()| id)
                }
                (Some(Inserted::Found(id)), None) => Ok(id),
                (None, _) => Err(ApiError::new(ErrorCode::EntryCouldNotBeCreated)),
            },
        };
        results.push(id.map(|id| ResultData::Ok(created(served, id))));
    }
    results
}

/// A create validated and completed by its module.
enum Ready {
    /// To insert; a guarded one keeps its document as the hook made it, for
    /// [`crate::modules::Hooks::found`].
    Insert(Box<NewRecord>, Option<Map<String, Value>>),
    Existing(i64),
}

/// Validates one create into the record to store, or finds the record it duplicates.
async fn prepare(served: &ServedModule, cx: &WriteCx<'_>, now: &str) -> Result<Ready, ApiError> {
    let fields = served.hooks.write_fields(cx.params)?;
    let mut doc = validate(cx.config, cx.module, &fields)?;
    stamp(cx.module, &mut doc, now, false);
    let (mut doc, unless) = match served.hooks.prepare_create(cx, doc).await? {
        Prepared::Insert(doc) => (doc, None),
        Prepared::InsertUnless(doc, query) => (doc, Some(query)),
        Prepared::Existing(id) => return Ok(Ready::Existing(id)),
    };
    // What the hook made, before the create's own stamps and defaults: a found record
    // merges this, not defaults over its own values.
    let original = unless.as_ref().map(|_| doc.clone());
    stamp(cx.module, &mut doc, now, true);
    apply_defaults(cx.config, &mut doc);
    Ok(Ready::Insert(Box::new(NewRecord { doc, unless }), original))
}

fn created(served: &ServedModule, id: i64) -> Data {
    Data::uncounted(vec![Record::new(
        RecordId::Int(id),
        Some(served.module.created_type.unwrap_or(served.module.name())),
        &Map::new(),
    )])
}
