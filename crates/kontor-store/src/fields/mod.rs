//! The field configuration: the standard catalog every tenant has, plus its custom fields.

mod cache;
pub mod catalog;
#[cfg(test)]
mod catalog_checks;
pub mod computed;
pub mod config;
pub mod custom;

pub use cache::ConfigCache;
pub use catalog::{country_alpha2, Catalog, FieldType, FILTER_KEYS};
pub use computed::Computed;
pub use config::{
    FieldConfig, FieldDef, FieldFilter, RangeEnd, SelectOption, RANGE_FROM, RANGE_TO,
};
pub use custom::{check_custom_name, NewCustomField};
