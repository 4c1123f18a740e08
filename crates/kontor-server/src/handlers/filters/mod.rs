//! `filters`: saved filters of a module.

pub(crate) mod get;
