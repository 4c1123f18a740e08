//! `actionkindtypes`: kinds and types of action of the agents log.

pub(crate) mod get;
