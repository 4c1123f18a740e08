//! The calls of every record module (`handlers/records/<verb>.rs`), and what they share:
//! resolving a read against the tenant's field configuration, rendering stored values as
//! the API writes them, and validating writes.

pub(crate) mod create;
pub(crate) mod delete;
pub(crate) mod limits;
pub(crate) mod modify;
pub(crate) mod query;
pub(crate) mod read;
pub(crate) mod render;
pub(crate) mod write;
