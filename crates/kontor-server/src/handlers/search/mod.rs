//! `get search`: the quick search of addresses and estates.

mod address;
mod estate;
pub(crate) mod get;
mod query;
