//! Records of the estate and address modules: typed queries in, JSON documents out.
//!
//! The server resolves every field name against the tenant's field configuration before a
//! query reaches this module, and says how its values compare ([`ValueKind`]); the store
//! only decides *where* a field lives (a typed column or the document) and writes the SQL.

mod auto_index;
mod carry;
pub(crate) mod columns;
mod conditions;
mod contacts;
mod count_cache;
mod doc;
mod document;
mod insert;
mod jsonb;
mod page_times;
mod range_cache;
mod range_count;
pub(crate) mod read;
#[cfg(test)]
mod read_tests;
pub mod relations;
pub(crate) mod sql;
mod write;

use std::future::Future;

use kontor_proto::calls::read::{FilterOp, Operand};
use serde_json::{Map, Value};

pub use auto_index::AutoIndexes;
pub use contacts::{contact_field, ContactFamily, ContactSet, CONTACTS_KEY};
pub use count_cache::CountCache;
pub use document::{Doc, DocValue, ListItems};
pub use insert::{Inserted, NewRecord};
pub use page_times::PageTimes;
pub use range_cache::RangeCache;
pub use relations::{
    End, Link, LinkChange, Linked, NewLinks, RecordRef, RelationKind, RelationStore,
};
pub(crate) use sql::Bind;
pub(crate) use write::bump_generation;

pub use crate::modules::Module;
use crate::{StoreError, TenantId};
pub use columns::{ColumnKind, HotColumn};

/// How a field's values compare, from its type in the field configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// Integers, floats, booleans: compared as numbers; unset reads as 0.
    Number,
    /// Text, dates, single-select keys: compared as strings (byte order); unset reads as "".
    Text,
    /// Multi-select: a list of keys; `=` means "contains".
    Multi,
}

/// One resolved condition.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldCondition {
    pub field: String,
    pub kind: ValueKind,
    pub op: FilterOp,
    pub operand: Operand,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldSort {
    pub field: String,
    pub kind: ValueKind,
    pub descending: bool,
}

/// A circle on the map: records whose `breitengrad`/`laengengrad` lie within `radius_km`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoCircle {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

/// A list query. All conditions combine with AND.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordQuery {
    pub conditions: Vec<FieldCondition>,
    pub sort: Vec<FieldSort>,
    /// Only these ids (`resourceid`, `recordids`); `None` for all.
    pub ids: Option<Vec<i64>>,
    pub geo: Option<GeoCircle>,
    pub limit: u32,
    pub offset: u64,
    /// For [`Module::ESTATE_LANGUAGE`]: the language version to read (`ENG`, …).
    pub language: Option<String>,
    /// Only these document fields are loaded into [`StoredRecord::doc`], which then finds
    /// each by its position here ([`Doc::field`]); `None` for all.
    pub fields: Option<Vec<String>>,
}

/// A stored record: its ids and its document of field values.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub id: i64,
    pub uuid: String,
    pub doc: Doc,
    /// For a language version: the id of its main-language estate.
    pub main_id: Option<i64>,
}

/// A page of records and the number of all matches.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordPage {
    pub total: u64,
    pub records: Vec<StoredRecord>,
}

pub trait RecordStore {
    /// Runs a list query.
    fn query_records(
        &self,
        tenant: TenantId,
        module: Module,
        query: &RecordQuery,
    ) -> impl Future<Output = Result<RecordPage, StoreError>> + Send;

    /// Inserts records, each with its document; returns their new ids in order. One
    /// transaction for the lot.
    fn insert_records(
        &self,
        tenant: TenantId,
        module: Module,
        docs: Vec<Map<String, Value>>,
    ) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send;

    /// Inserts records in order, in one transaction, each unless a record matches its guard
    /// ([`NewRecord::unless`]), which is checked in that same transaction: two concurrent
    /// creates with the same guard make one record.
    fn insert_new_records(
        &self,
        tenant: TenantId,
        module: Module,
        records: Vec<NewRecord>,
    ) -> impl Future<Output = Result<Vec<Inserted>, StoreError>> + Send;

    /// Merges `changes` into a record's document. `Ok(false)` when there is no such record.
    fn update_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
        changes: Map<String, Value>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Deletes a record (with its language versions). `Ok(false)` when there is no such
    /// record.
    fn delete_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Reads one record by id.
    fn get_record(
        &self,
        tenant: TenantId,
        module: Module,
        id: i64,
    ) -> impl Future<Output = Result<Option<StoredRecord>, StoreError>> + Send;

    /// Writes the `language` version of estate `main_id`: updates it, or creates it as a copy
    /// of the main estate with `changes` applied. Returns its id; `Ok(None)` when there is no
    /// such main estate.
    fn write_language_version(
        &self,
        tenant: TenantId,
        main_id: i64,
        language: &str,
        changes: Map<String, Value>,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;

    /// A number that grows with every write to the tenant's records or field configuration:
    /// whatever was read under one value is still true while it is unchanged.
    fn tenant_generation(
        &self,
        tenant: TenantId,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Hands out the next value of a per-tenant counter (customer numbers, contact ids).
    fn next_ids(
        &self,
        tenant: TenantId,
        counter: &str,
        count: u32,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
}

/// How the store compares a field: fields kept in a numeric column compare as numbers
/// whatever their configured type (estate `status` is a select of "1", "2", "0").
pub fn effective_kind(module: Module, field: &str, kind: ValueKind) -> ValueKind {
    if field == module.id_field {
        return ValueKind::Number;
    }
    match module.hot_column(field) {
        Some(c) if c.kind != columns::ColumnKind::Text => ValueKind::Number,
        Some(_) => ValueKind::Text,
        None => kind,
    }
}
