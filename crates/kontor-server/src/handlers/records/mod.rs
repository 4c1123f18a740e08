//! What the estate and address calls share: resolving a read against the tenant's field
//! configuration, rendering stored values as the API writes them, and validating writes.

pub(crate) mod limits;
pub(crate) mod query;
pub(crate) mod read_call;
pub(crate) mod render;
pub(crate) mod write;
