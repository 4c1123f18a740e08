//! `fields`: the field configuration.

pub(crate) mod get;
