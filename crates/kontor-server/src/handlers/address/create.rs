//! `create address`: fields flat in `parameters`, contact entries beside them.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:create","resourceid":"",
//!  "resourcetype":"address","parameters":{"Vorname":"Max","Name":"Muster",
//!  "email":"max@example.org","phone":"0241 123456","checkDuplicate":true}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":320,"type":"address","elements":[]}]}`
//!
//! With `checkDuplicate`, an address with the same e-mail address is updated instead (the
//! lowest id when there are several), or left alone with `noOverrideByDuplicate`; its id is
//! returned either way.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use kontor_proto::{ApiError, Data, ErrorCode, Record, RecordId};
use kontor_store::records::{FieldCondition, RecordQuery, ValueKind};
use kontor_store::Module;
use kontor_store::{FieldStore, RecordStore};
use serde_json::{Map, Value};

use super::contacts::{self, Entry, CONTACTS};
use crate::handlers::records::write::{apply_defaults, datetime_now, validate};
use crate::handlers::{store_error, Ctx};

/// Parameters that steer the call rather than name fields.
const CONTROL: &[&str] = &[
    "checkDuplicate",
    "noOverrideByDuplicate",
    "outlookSync",
    "extendedclaim",
];

pub(crate) async fn handle(
    store: &(impl RecordStore + FieldStore),
    ctx: &Ctx<'_>,
    params: Params<'_>,
) -> Result<Data, ApiError> {
    let mut fields: Map<String, Value> = params.0.clone();
    let flag = |v: Option<&Value>| {
        matches!(v, Some(Value::Bool(true)))
            || v.and_then(Value::as_i64) == Some(1)
            || v.and_then(Value::as_str) == Some("1")
            || v.and_then(Value::as_str) == Some("true")
    };
    let check_duplicate = flag(fields.get("checkDuplicate"));
    let no_override = flag(fields.get("noOverrideByDuplicate"));
    for key in CONTROL {
        fields.remove(*key);
    }
    let mut entries = contacts::from_create(&mut fields)?;
    contacts::settle_defaults(&mut entries);
    let config = store
        .field_config(ctx.tenant, Module::ADDRESS)
        .await
        .map_err(store_error)?;
    let mut doc = validate(&config, super::WRITE, &fields)?;
    contacts::check_lengths(&entries, &config)?;
    let now = datetime_now();
    doc.insert("Aenderung".into(), Value::String(now.clone()));

    if check_duplicate {
        if let Some(id) = duplicate_of(store, ctx, &entries).await? {
            if !no_override {
                merge_into(store, ctx, id, doc, entries).await?;
            }
            return Ok(created(id));
        }
    }

    // Eintragsdatum is a date; the time part of `now` is cut off.
    doc.insert(
        "Eintragsdatum".into(),
        Value::String(now.chars().take(10).collect()),
    );
    apply_defaults(&config, &mut doc);
    let kdnr = store
        .next_ids(ctx.tenant, super::KDNR_COUNTER, 1)
        .await
        .map_err(store_error)?;
    doc.insert("KdNr".into(), Value::from(kdnr));
    assign_ids(store, ctx, &mut entries).await?;
    if let Some(email) = contacts::main_email(&entries) {
        doc.insert("Email".into(), Value::String(email));
    }
    if !entries.is_empty() {
        doc.insert(CONTACTS.into(), contacts::to_value(&entries));
    }
    let ids = store
        .insert_records(ctx.tenant, Module::ADDRESS, vec![doc])
        .await
        .map_err(store_error)?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| ApiError::new(ErrorCode::EntryCouldNotBeCreated))?;
    Ok(created(id))
}

fn created(id: i64) -> Data {
    Data::uncounted(vec![Record::new(
        RecordId::Int(id),
        Some(super::RECORD_TYPE),
        &Map::new(),
    )])
}

async fn assign_ids(
    store: &impl RecordStore,
    ctx: &Ctx<'_>,
    entries: &mut [Entry],
) -> Result<(), ApiError> {
    if entries.is_empty() {
        return Ok(());
    }
    let last = store
        .next_ids(ctx.tenant, super::CONTACT_COUNTER, entries.len() as u32)
        .await
        .map_err(store_error)?;
    let first = last - entries.len() as i64 + 1;
    for (i, e) in entries.iter_mut().enumerate() {
        e.id = first + i as i64;
    }
    Ok(())
}

/// The lowest id of an address sharing one of the new e-mail addresses.
async fn duplicate_of(
    store: &impl RecordStore,
    ctx: &Ctx<'_>,
    entries: &[Entry],
) -> Result<Option<i64>, ApiError> {
    let emails: Vec<Scalar> = entries
        .iter()
        .filter(|e| e.kind.starts_with("email"))
        .map(|e| Scalar::Text(e.value.clone()))
        .collect();
    if emails.is_empty() {
        return Ok(None);
    }
    let query = RecordQuery {
        conditions: vec![FieldCondition {
            field: "Email".into(),
            kind: ValueKind::Text,
            op: FilterOp::In,
            operand: Operand::Many(emails),
        }],
        limit: 1,
        ..RecordQuery::default()
    };
    let page = store
        .query_records(ctx.tenant, Module::ADDRESS, &query)
        .await
        .map_err(store_error)?;
    Ok(page.records.first().map(|r| r.id))
}

async fn merge_into(
    store: &impl RecordStore,
    ctx: &Ctx<'_>,
    id: i64,
    mut doc: Map<String, Value>,
    mut entries: Vec<Entry>,
) -> Result<(), ApiError> {
    let existing = store
        .get_record(ctx.tenant, Module::ADDRESS, id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownAddressRecord))?;
    let mut all = contacts::entries(&existing.doc.as_map());
    entries.retain(|e| !all.iter().any(|o| o.value == e.value && o.kind == e.kind));
    assign_ids(store, ctx, &mut entries).await?;
    all.extend(entries);
    contacts::settle_defaults(&mut all);
    if let Some(email) = contacts::main_email(&all) {
        doc.insert("Email".into(), Value::String(email));
    }
    doc.insert(CONTACTS.into(), contacts::to_value(&all));
    store
        .update_record(ctx.tenant, Module::ADDRESS, id, doc)
        .await
        .map_err(store_error)?;
    Ok(())
}
