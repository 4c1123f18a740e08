//! Typed parameters and records, one module per call, shared by the server and the SDK.

pub mod actionkindtypes;
pub mod params;
pub mod read;
