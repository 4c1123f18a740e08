//! The record modules the server answers: each its store definition
//! ([`kontor_store::modules::ModuleDef`]) plus the hooks for what it does its own way.
//!
//! Create, read, modify and delete are shared handlers (`handlers/records/`) that read the
//! definition and call the hooks; a module with nothing of its own (the demonstration module
//! of the tests) takes every hook's default. The registry a server runs with is
//! [`Modules::standard`], to which tests may add modules of their own.

pub(crate) mod address;
pub(crate) mod estate;
pub(crate) mod searchcriteria;

use std::future::Future;
use std::pin::Pin;

use kontor_proto::data_writer::DataWriter;
use kontor_proto::{ActionVerb, ApiError, ErrorCode};
use kontor_store::fields::FieldConfig;
use kontor_store::records::{RecordQuery, StoredRecord};
use kontor_store::{Module, RecordStore, Store};
use serde_json::{Map, Value};

use crate::handlers::{store_error, Ctx};

/// A hook's work that may wait on the store.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, ApiError>> + Send + 'a>>;

/// A record module as the server serves it.
#[derive(Debug)]
pub struct ServedModule {
    pub module: Module,
    /// The calls clients may make on it.
    pub verbs: &'static [ActionVerb],
    pub hooks: &'static dyn Hooks,
}

/// What a write hook works with.
#[derive(Debug)]
pub struct WriteCx<'a> {
    pub store: &'a Store,
    pub ctx: &'a Ctx<'a>,
    pub module: Module,
    pub config: &'a FieldConfig,
    /// The action's parameters as sent.
    pub params: &'a Map<String, Value>,
}

/// What a create becomes once its module has seen it.
#[derive(Debug)]
pub enum Prepared {
    /// A new record with this document.
    Insert(Map<String, Value>),
    /// A new record with this document unless a record matches the query when it is
    /// written (a duplicate check in the insert's own transaction); [`Hooks::found`] then
    /// decides what becomes of the create.
    InsertUnless(Map<String, Value>, RecordQuery),
    /// An existing record took the create's place (a duplicate, merged or left alone).
    Existing(i64),
}

/// A name a read may ask for that is not a field of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pseudo {
    /// Entries the store keeps beside the fields and can filter on (address contacts).
    Entries,
    /// Something the module answers but keeps no value of to compare (a photo link).
    Unstored,
}

/// What a module does its own way. Every method has the default that serves a module with
/// nothing of its own.
pub trait Hooks: Send + Sync + std::fmt::Debug {
    /// The fields of a write, taken from its parameters: the `data` object by default.
    fn write_fields(&self, params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
        data_object(params)
    }

    /// Completes a create's validated document before it is stored (counters, entries kept
    /// beside the fields), or finds the record it duplicates.
    fn prepare_create<'a>(
        &'a self,
        _cx: &'a WriteCx<'a>,
        doc: Map<String, Value>,
    ) -> Pending<'a, Prepared> {
        Box::pin(async move { Ok(Prepared::Insert(doc)) })
    }

    /// A create prepared as [`Prepared::InsertUnless`] found record `id` matching its guard
    /// when it was written, which then answers for it; `doc` is the create's document as the
    /// hook prepared it. By default the found record is left as it is.
    fn found<'a>(
        &'a self,
        _cx: &'a WriteCx<'a>,
        _id: i64,
        _doc: Map<String, Value>,
    ) -> Pending<'a, ()> {
        Box::pin(async move { Ok(()) })
    }

    /// Writes a modify's validated changes to record `id`; `Ok(false)` when there is no such
    /// record. By default the changes are merged into its document.
    fn modify<'a>(
        &'a self,
        cx: &'a WriteCx<'a>,
        id: i64,
        changes: Map<String, Value>,
    ) -> Pending<'a, bool> {
        Box::pin(async move {
            cx.store
                .update_record(cx.ctx.tenant, cx.module, id, changes)
                .await
                .map_err(store_error)
        })
    }

    /// A readable name that is not a field of the catalog.
    fn pseudo_field(&self, _name: &str) -> Option<Pseudo> {
        None
    }

    /// Writes a pseudo-field's elements (it may name several: `email__13`, `email__14`).
    fn render_pseudo(&self, _name: &str, _record: &StoredRecord, _out: &mut DataWriter) {}

    /// Reads load whole documents (the pseudo-fields render from them) instead of only the
    /// fields asked for.
    fn whole_documents(&self) -> bool {
        false
    }
}

/// The stored record `id` of the module a write hook serves; `None` when there is none (a
/// modify then answers the module's unknown-record error).
pub(crate) async fn stored(cx: &WriteCx<'_>, id: i64) -> Result<Option<StoredRecord>, ApiError> {
    cx.store
        .get_record(cx.ctx.tenant, cx.module, id)
        .await
        .map_err(store_error)
}

/// The fields of a write in `data`, as the docs have them for every module but addresses.
pub(crate) fn data_object(params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
    match params.get("data") {
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "data")
                .hint("data is an object of field: value"),
        ),
        None => Err(ApiError::with_detail(ErrorCode::MissingParameter, "data")),
    }
}

/// A module that does nothing its own way.
#[derive(Debug)]
pub struct NoHooks;

impl Hooks for NoHooks {}

/// The record modules of a server.
#[derive(Debug, Clone)]
pub struct Modules {
    list: Vec<&'static ServedModule>,
}

/// What the API offers on estates and addresses.
const READ_CREATE_MODIFY: &[ActionVerb] =
    &[ActionVerb::Read, ActionVerb::Create, ActionVerb::Modify];

pub(crate) static ESTATE: ServedModule = ServedModule {
    module: Module::ESTATE,
    verbs: READ_CREATE_MODIFY,
    hooks: &estate::EstateHooks,
};

pub(crate) static ADDRESS: ServedModule = ServedModule {
    module: Module::ADDRESS,
    verbs: READ_CREATE_MODIFY,
    hooks: &address::AddressHooks,
};

/// Search criteria are read by `get searchcriterias` (a call of its own, by address or
/// criterion id), not by `read`; the API offers no `read searchcriteria`.
pub(crate) static SEARCHCRITERIA: ServedModule = ServedModule {
    module: Module::SEARCHCRITERIA,
    verbs: &[ActionVerb::Create, ActionVerb::Modify, ActionVerb::Delete],
    hooks: &searchcriteria::SearchCriteriaHooks,
};

impl Modules {
    /// The modules of the API.
    pub fn standard() -> Modules {
        Modules {
            list: vec![&ESTATE, &ADDRESS, &SEARCHCRITERIA],
        }
    }

    /// These modules and `extra` (a test's own).
    pub fn with(mut self, extra: &'static ServedModule) -> Modules {
        self.list.push(extra);
        self
    }

    /// The module a resource type names.
    pub fn get(&self, resourcetype: &str) -> Option<&'static ServedModule> {
        self.list
            .iter()
            .copied()
            .find(|m| m.module.name() == resourcetype)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static ServedModule> + '_ {
        self.list.iter().copied()
    }
}
