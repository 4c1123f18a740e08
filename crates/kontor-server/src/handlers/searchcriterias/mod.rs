//! `searchcriterias`: reading search criteria, and the shape their answers have.

mod elements;
pub(crate) mod get;
