//! Typed parameters and records, one module per call, shared by the server and the SDK.

pub mod actionkindtypes;
pub mod agentslog;
pub mod calendar;
pub mod matching;
pub mod params;
pub mod read;
pub mod regions;
pub mod relation;
pub mod relation_types;
pub mod search;
pub mod searchcriteria;
pub mod serde_params;
pub mod settings;
pub mod task;
pub mod uploadfile;

pub use params::{CallParams, Params, SerdeParams};
