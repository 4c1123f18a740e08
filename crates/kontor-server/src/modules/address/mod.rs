//! What addresses do their own way: fields sent flat, contact entries beside them, customer
//! numbers, and creates that find the address they duplicate.
//!
//! ```json
//! {"Vorname":"Max","Name":"Muster","email":"max@example.org","phone":"0241 123456",
//!  "checkDuplicate":true}
//! ```
//! With `checkDuplicate`, an address with the same e-mail address is updated instead (the
//! lowest id when there are several), or left alone with `noOverrideByDuplicate`; its id is
//! answered either way.

pub(crate) mod contacts;

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::{FilterOp, Operand, Scalar};
use kontor_proto::data_writer::DataWriter;
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::records::{FieldCondition, RecordQuery, StoredRecord, ValueKind};
use kontor_store::RecordStore;
use serde_json::{Map, Value};

use self::contacts::{Entry, CONTACTS};
use super::{Hooks, Pending, Prepared, Pseudo, WriteCx};
use crate::handlers::store_error;

/// Per-tenant counters of customer numbers (`KdNr`) and contact entries.
const KDNR_COUNTER: &str = "address_kdnr";
const CONTACT_COUNTER: &str = "address_contact";

/// Parameters that steer the call rather than name fields.
const CONTROL: &[&str] = &[
    "checkDuplicate",
    "noOverrideByDuplicate",
    "outlookSync",
    "extendedclaim",
    "default_phone",
    "default_fax",
    "default_email",
];

#[derive(Debug)]
pub(crate) struct AddressHooks;

impl Hooks for AddressHooks {
    /// The parameters themselves, but for the call's options and the contact entries.
    fn write_fields(&self, params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
        Ok(params
            .iter()
            .filter(|(k, _)| {
                !CONTROL.contains(&k.as_str()) && !contacts::TYPES.contains(&k.as_str())
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn prepare_create<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        mut doc: Map<String, Value>,
    ) -> Pending<'a, Prepared> {
        Box::pin(async move {
            let params = Params(cx.params);
            let mut entries = contacts::from_create(&mut cx.params.clone())?;
            contacts::settle_defaults(&mut entries);
            contacts::check_lengths(&entries, cx.config)?;
            // The check runs twice: here, so that a duplicate takes no customer number,
            // and as the insert's guard, in its transaction, so that two concurrent creates
            // of one address make one record.
            let guard = match params.flag("checkDuplicate")? {
                true => duplicate_query(&entries),
                false => None,
            };
            if let Some(query) = &guard {
                if let Some(id) = first_match(cx, query).await? {
                    if !params.flag("noOverrideByDuplicate")? {
                        merge_into(cx, id, doc, entries).await?;
                    }
                    return Ok(Prepared::Existing(id));
                }
            }
            let kdnr = cx
                .store
                .next_ids(cx.ctx.tenant, KDNR_COUNTER, 1)
                .await
                .map_err(store_error)?;
            doc.insert("KdNr".into(), Value::from(kdnr));
            assign_ids(cx, &mut entries).await?;
            if let Some(email) = contacts::main_email(&entries) {
                doc.insert("Email".into(), Value::String(email));
            }
            if !entries.is_empty() {
                doc.insert(CONTACTS.into(), contacts::to_value(&entries));
            }
            Ok(match guard {
                Some(query) => Prepared::InsertUnless(doc, query),
                None => Prepared::Insert(doc),
            })
        })
    }

    /// A concurrent create made the address first: this one merges into it as a duplicate
    /// found before would have, keeping its customer number.
    fn found<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        id: i64,
        mut doc: Map<String, Value>,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            if Params(cx.params).flag("noOverrideByDuplicate")? {
                return Ok(());
            }
            doc.remove("KdNr");
            let entries = contacts::entries(&doc);
            merge_into(cx, id, doc, entries).await
        })
    }

    /// Contact entries change by action objects (`{"action":"add",…}`) beside the fields.
    fn modify<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        id: i64,
        mut changes: Map<String, Value>,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            let Some(existing) = super::stored(cx, id).await? else {
                return Ok(false);
            };
            let mut entries = contacts::entries(&existing.doc.as_map());
            // New entries get id 0 here and real ids once everything has validated, so
            // that a refused request consumes nothing.
            let mut placeholder = || 0;
            let touched =
                contacts::apply_modify(&mut entries, &mut cx.params.clone(), &mut placeholder)?;
            contacts::settle_defaults(&mut entries);
            if touched {
                contacts::check_lengths(&entries, cx.config)?;
                let mut fresh: Vec<&mut Entry> = entries.iter_mut().filter(|e| e.id == 0).collect();
                number(cx, &mut fresh).await?;
                changes.insert(CONTACTS.into(), contacts::to_value(&entries));
                changes.insert(
                    "Email".into(),
                    Value::String(contacts::main_email(&entries).unwrap_or_default()),
                );
            }
            cx.store
                .update_record(cx.ctx.tenant, cx.module, id, changes)
                .await
                .map_err(store_error)
        })
    }

    fn pseudo_field(&self, name: &str) -> Option<Pseudo> {
        match name {
            "phone" | "mobile" | "fax" | "email" | "defaultphone" | "defaultfax"
            | "defaultemail" => Some(Pseudo::Entries),
            // The passport photo: Kontor keeps no files.
            "imageUrl" => Some(Pseudo::Unstored),
            _ => None,
        }
    }

    fn render_pseudo(&self, name: &str, record: &StoredRecord, out: &mut DataWriter) {
        contacts::render(name, record, out);
    }

    fn whole_documents(&self) -> bool {
        true
    }
}

async fn assign_ids(cx: &WriteCx<'_>, entries: &mut [Entry]) -> Result<(), ApiError> {
    let mut all: Vec<&mut Entry> = entries.iter_mut().collect();
    number(cx, &mut all).await
}

/// Gives `entries` fresh contact ids, in order.
async fn number(cx: &WriteCx<'_>, entries: &mut [&mut Entry]) -> Result<(), ApiError> {
    if entries.is_empty() {
        return Ok(());
    }
    let last = cx
        .store
        .next_ids(cx.ctx.tenant, CONTACT_COUNTER, entries.len() as u32)
        .await
        .map_err(store_error)?;
    let first = last - entries.len() as i64 + 1;
    for (i, e) in entries.iter_mut().enumerate() {
        e.id = first + i as i64;
    }
    Ok(())
}

/// The duplicate check of a create: addresses sharing one of its e-mail addresses.
fn duplicate_query(entries: &[Entry]) -> Option<RecordQuery> {
    let emails: Vec<Scalar> = entries
        .iter()
        .filter(|e| e.kind.starts_with("email"))
        .map(|e| Scalar::Text(e.value.clone()))
        .collect();
    if emails.is_empty() {
        return None;
    }
    Some(RecordQuery {
        conditions: vec![FieldCondition {
            field: "Email".into(),
            kind: ValueKind::Text,
            op: FilterOp::In,
            operand: Operand::Many(emails),
        }],
        limit: 1,
        ..RecordQuery::default()
    })
}

/// The lowest id of an address matching `query` (pages are in id order without a sort).
async fn first_match(cx: &WriteCx<'_>, query: &RecordQuery) -> Result<Option<i64>, ApiError> {
    let page = cx
        .store
        .query_records(cx.ctx.tenant, cx.module, query)
        .await
        .map_err(store_error)?;
    Ok(page.records.first().map(|r| r.id))
}

/// Merges a create into the address it duplicates: its fields, and the contact entries it
/// does not have yet.
async fn merge_into(
    cx: &WriteCx<'_>,
    id: i64,
    mut doc: Map<String, Value>,
    mut entries: Vec<Entry>,
) -> Result<(), ApiError> {
    let existing = cx
        .store
        .get_record(cx.ctx.tenant, cx.module, id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| ApiError::new(ErrorCode::UnknownAddressRecord))?;
    let mut all = contacts::entries(&existing.doc.as_map());
    entries.retain(|e| !all.iter().any(|o| o.value == e.value && o.kind == e.kind));
    assign_ids(cx, &mut entries).await?;
    all.extend(entries);
    contacts::settle_defaults(&mut all);
    if let Some(email) = contacts::main_email(&all) {
        doc.insert("Email".into(), Value::String(email));
    }
    doc.insert(CONTACTS.into(), contacts::to_value(&all));
    cx.store
        .update_record(cx.ctx.tenant, cx.module, id, doc)
        .await
        .map_err(store_error)?;
    Ok(())
}
