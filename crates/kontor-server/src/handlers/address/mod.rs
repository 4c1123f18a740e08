//! `address`: read, create and modify contacts.

pub(crate) mod contacts;
pub(crate) mod create;
pub(crate) mod modify;
pub(crate) mod read;

use kontor_proto::ErrorCode;
use kontor_store::Module;

use super::records::read_call::ReadSpec;
use super::records::write::WriteRules;

pub(crate) const RECORD_TYPE: &str = "address";

/// Per-tenant counters of customer numbers (`KdNr`) and contact entries.
pub(crate) const KDNR_COUNTER: &str = "address_kdnr";
pub(crate) const CONTACT_COUNTER: &str = "address_contact";

pub(crate) const READ: ReadSpec = ReadSpec {
    module: Module::ADDRESS,
    record_module: Module::ADDRESS,
    record_type: RECORD_TYPE,
    id_field: "id",
    id_in_elements: true,
    integers_as_numbers: true,
    pseudo: contacts::render,
};

pub(crate) const WRITE: WriteRules = WriteRules {
    unknown_field: ErrorCode::UnknownFieldQuoted,
};
