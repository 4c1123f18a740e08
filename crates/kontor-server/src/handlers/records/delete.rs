//! `delete <module>`: removes the record in `resourceid` and its relations, for every
//! module that offers it.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:delete","resourceid":"16",
//!  "resourcetype":"searchcriteria","parameters":{}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"searchcriteria","elements":{"success":"success"}}]}`

use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::RecordStore;

use crate::handlers::{store_error, success, Ctx};
use crate::modules::ServedModule;
use crate::AppState;

pub(crate) async fn run(
    state: &AppState,
    ctx: &Ctx<'_>,
    served: &'static ServedModule,
) -> Result<Data, ApiError> {
    let module = served.module;
    let id = ctx.resourceid.record_id().ok_or_else(|| {
        ApiError::new(ErrorCode::MissingRecordId)
            .hint(format!("put the {} id in resourceid", module.name()))
    })?;
    let found = state
        .store
        .delete_record(ctx.tenant, module, id)
        .await
        .map_err(store_error)?;
    if !found {
        return Err(ApiError::new(module.unknown_record));
    }
    Ok(Data::uncounted(vec![Record::new(
        RecordId::Int(0),
        Some(module.name()),
        &success(),
    )]))
}
