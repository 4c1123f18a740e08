//! `estateCategories`: the object types and subtypes of estates.

pub(crate) mod get;
