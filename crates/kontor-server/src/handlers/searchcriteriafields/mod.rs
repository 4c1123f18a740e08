//! `searchCriteriaFields`: the fields of search criteria, by category.

pub(crate) mod get;
