//! The field configuration: the standard catalog every tenant has, plus its custom fields.

mod address_fields;
mod cache;
pub mod catalog;
pub mod computed;
pub mod config;
pub mod custom;
pub mod estate_fields;
pub mod field_filters;

pub use cache::ConfigCache;
pub use catalog::{FieldType, Module, SelectValue, StandardField};
pub use computed::Computed;
pub use config::{FieldConfig, FieldDef, SelectOption};
pub use custom::{check_custom_name, record_module, NewCustomField};
