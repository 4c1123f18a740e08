//! `multiselectconfiguration`: the values of multi-select fields.

pub(crate) mod get;
