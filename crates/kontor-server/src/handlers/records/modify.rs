//! `modify <module>`: changes to the record in `resourceid`, for every module.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:modify","resourceid":"16",
//!  "resourcetype":"estate","parameters":{"data":{"kaufpreis":"339000"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"estate","elements":{"success":"success"}}]}`

use kontor_proto::{Action, ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::FieldStore;

use super::write::{stamp, validate};
use crate::handlers::{store_error, success, Ctx};
use crate::modules::{ServedModule, WriteCx};
use crate::AppState;

pub(crate) async fn run(
    state: &AppState,
    ctx: &Ctx<'_>,
    served: &'static ServedModule,
    action: &Action,
) -> Result<Data, ApiError> {
    let module = served.module;
    let id = ctx.resourceid.record_id().ok_or_else(|| {
        ApiError::new(ErrorCode::MissingRecordId)
            .hint(format!("put the {} id in resourceid", module.name()))
    })?;
    let fields = served.hooks.write_fields(&action.parameters)?;
    let config = state
        .store
        .field_config(ctx.tenant, module)
        .await
        .map_err(store_error)?;
    let mut changes = validate(&config, module, &fields)?;
    stamp(
        module,
        &mut changes,
        &kontor_proto::time::datetime_now(),
        false,
    );
    let cx = WriteCx {
        store: &state.store,
        ctx,
        module,
        config: &config,
        params: &action.parameters,
    };
    if !served.hooks.modify(&cx, id, changes).await? {
        return Err(ApiError::new(module.unknown_record));
    }
    Ok(Data::uncounted(vec![Record::new(
        RecordId::Int(0),
        Some(module.name()),
        &success(),
    )]))
}
