//! Typed builders for the common calls. Each turns into an [`Action`](crate::Action) with
//! `.into()`, so it can be sent alone, queued in a batch, or paged. Parameter types are the
//! ones the server parses (`kontor_proto::calls`), so the two cannot drift apart.

pub mod actionkindtypes;
pub mod address;
pub mod agentslog;
pub mod appointment;
mod call;
pub mod estate;
pub mod fields;
mod read;
pub mod regions;
pub mod relation;
pub mod search;
pub mod searchcriteria;
pub mod settings;
pub mod task;
pub mod upload;

pub use call::Call;
pub use read::{Read, Scalar};
