//! `create estate`: fields in `data`.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:create","resourceid":"",
//!  "resourcetype":"estate","parameters":{"data":{"objektart":"haus","kaufpreis":"349000"}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":16,"type":"estate","elements":[]}]}`

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::fields::Module;
use kontor_store::records::RecordModule;
use kontor_store::{FieldStore, RecordStore};
use serde_json::Value;

use crate::handlers::records::write::{apply_defaults, datetime_now, validate};
use crate::handlers::{store_error, Ctx};

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let data = &super::write_data(params.0)?;
    let config = store
        .field_config(ctx.tenant, Module::Estate)
        .await
        .map_err(store_error)?;
    let mut doc = validate(&config, super::WRITE, data)?;
    apply_defaults(&config, &mut doc);
    let now = datetime_now();
    // Set by the system on every create (docs: read-only for clients); a date, as recorded.
    doc.insert(
        "erstellt_am".into(),
        Value::String(now.chars().take(10).collect()),
    );
    doc.insert("geaendert_am".into(), Value::String(now));
    // The docs: with neither flag given, the marketing status is "open" (both 0).
    for flag in ["verkauft", "reserviert"] {
        doc.entry(flag).or_insert(Value::from(0));
    }
    let ids = store
        .insert_records(ctx.tenant, RecordModule::Estate, vec![doc])
        .await
        .map_err(store_error)?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| ApiError::new(ErrorCode::EntryCouldNotBeCreated))?;
    Ok(Data::uncounted(vec![Record::new(
        RecordId::Int(id),
        Some(super::RECORD_TYPE),
        &serde_json::Map::new(),
    )]))
}
