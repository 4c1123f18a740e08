//! `impressum`: the tenant's imprint.

pub(crate) mod read;
