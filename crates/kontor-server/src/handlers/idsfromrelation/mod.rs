//! `idsfromrelation`: the ids linked to given ids in a relation type.

pub(crate) mod get;
mod held;
