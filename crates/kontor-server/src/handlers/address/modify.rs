//! `modify address`: the address in `resourceid`, fields flat in `parameters`, contact
//! entries as action objects.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:modify","resourceid":"320",
//!  "resourcetype":"address","parameters":{"Ort":"Aachen","email":{"action":"add",
//!  "newvalue":"max@example.com","default":true}}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":0,"type":"address","elements":{"success":"success"}}]}`

use kontor_proto::calls::params::Params;
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::Module;
use kontor_store::{FieldStore, RecordStore};
use serde_json::{Map, Value};

use super::contacts::{self, CONTACTS};
use crate::handlers::records::write::{datetime_now, validate};
use crate::handlers::{store_error, success, Ctx};

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let id = ctx.resourceid.record_id().ok_or_else(|| {
        ApiError::new(ErrorCode::MissingRecordId).hint("put the address id in resourceid")
    })?;
    let mut fields: Map<String, Value> = params.0.clone();
    fields.remove("extendedclaim");
    let existing = store
        .get_record(ctx.tenant, Module::ADDRESS, id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownAddressRecord))?;
    let mut entries = contacts::entries(&existing.doc.as_map());
    // New entries get id 0 here and real ids once everything has validated, so that a
    // refused request consumes nothing.
    let mut placeholder = || 0;
    let touched = contacts::apply_modify(&mut entries, &mut fields, &mut placeholder)?;
    contacts::settle_defaults(&mut entries);
    let config = store
        .field_config(ctx.tenant, Module::ADDRESS)
        .await
        .map_err(store_error)?;
    let mut changes = validate(&config, super::WRITE, &fields)?;
    if touched {
        contacts::check_lengths(&entries, &config)?;
    }
    let fresh = entries.iter().filter(|e| e.id == 0).count() as u32;
    if fresh > 0 {
        let last = store
            .next_ids(ctx.tenant, super::CONTACT_COUNTER, fresh)
            .await
            .map_err(store_error)?;
        let mut id = last - i64::from(fresh);
        for e in entries.iter_mut().filter(|e| e.id == 0) {
            id += 1;
            e.id = id;
        }
    }
    if touched {
        changes.insert(CONTACTS.into(), contacts::to_value(&entries));
        changes.insert(
            "Email".into(),
            Value::String(contacts::main_email(&entries).unwrap_or_default()),
        );
    }
    changes.insert("Aenderung".into(), Value::String(datetime_now()));
    let found = store
        .update_record(ctx.tenant, Module::ADDRESS, id, changes)
        .await
        .map_err(store_error)?;
    if !found {
        return Err(ApiError::new(ErrorCode::UnknownAddressRecord));
    }
    Ok(Data::uncounted(vec![Record::new(
        RecordId::Int(0),
        Some(super::RECORD_TYPE),
        &success(),
    )]))
}
