//! `regions`: the region tree ("regionale Zusätze"), built in and shared by every tenant.

pub(crate) mod get;
