//! The field configuration: the standard catalog every tenant has, plus its custom fields.

pub mod catalog;
mod estate_fields;
mod address_fields;

pub use catalog::{FieldType, Module, StandardField, SelectValue};
