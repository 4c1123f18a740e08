//! `estate`: read, create and modify properties.

pub(crate) mod create;
pub(crate) mod modify;
pub(crate) mod read;

use kontor_proto::data_writer::DataWriter;
use kontor_proto::{ApiError, ErrorCode};
use kontor_store::records::StoredRecord;
use kontor_store::Module;
use serde_json::{Map, Value};

use super::records::read_call::ReadSpec;
use super::records::write::WriteRules;

pub(crate) const RECORD_TYPE: &str = "estate";

pub(crate) const READ: ReadSpec = ReadSpec {
    module: Module::ESTATE,
    record_module: Module::ESTATE,
    record_type: RECORD_TYPE,
    id_field: "Id",
    id_in_elements: false,
    integers_as_numbers: false,
    pseudo: no_pseudo_fields,
};

pub(crate) const WRITE: WriteRules = WriteRules {
    unknown_field: ErrorCode::UnknownEstateField,
};

/// The fields of an estate write: the `data` object, as the docs say. COMPAT: the PyPI
/// client (`create_resource`/`edit_resource`) sends them flat, as addresses take them; when
/// there is no `data`, the flat parameters other than the call's own options are the fields.
pub(crate) fn write_data(params: &Map<String, Value>) -> Result<Map<String, Value>, ApiError> {
    const OPTIONS: &[&str] = &["estatelanguage", "extendedclaim"];
    match params.get("data") {
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(
            ApiError::with_detail(ErrorCode::InvalidValueForParameter, "data")
                .hint("data is an object of field: value"),
        ),
        None => {
            let flat: Map<String, Value> = params
                .iter()
                .filter(|(k, _)| !OPTIONS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if flat.is_empty() {
                Err(ApiError::with_detail(ErrorCode::MissingParameter, "data"))
            } else {
                Ok(flat)
            }
        }
    }
}

fn no_pseudo_fields(_: &str, _: &StoredRecord, _: &mut DataWriter) {}
