//! `get qualifiedsuitors`: the addresses whose search criteria suit an estate.

pub(crate) mod get;
