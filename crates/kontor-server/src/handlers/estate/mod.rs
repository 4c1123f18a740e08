//! `estate`: read, create and modify properties.

pub(crate) mod create;
pub(crate) mod modify;
pub(crate) mod read;

use kontor_proto::ErrorCode;
use kontor_store::fields::Module;
use kontor_store::records::{RecordModule, StoredRecord};
use serde_json::{Map, Value};

use super::records::read_call::ReadSpec;
use super::records::write::WriteRules;

pub(crate) const RECORD_TYPE: &str = "estate";

pub(crate) const READ: ReadSpec = ReadSpec {
    module: Module::Estate,
    record_module: RecordModule::Estate,
    record_type: RECORD_TYPE,
    id_field: "Id",
    id_in_elements: false,
    pseudo: no_pseudo_fields,
};

pub(crate) const WRITE: WriteRules = WriteRules {
    unknown_field: ErrorCode::UnknownEstateField,
};

fn no_pseudo_fields(_: &str, _: &StoredRecord, _: &mut Map<String, Value>) {}
