//! Wire types of the onOffice-compatible API, shared by the Kontor server and the Rust SDK.
//!
//! Nothing here does IO: decoding a request body, the six action verbs, the HMAC schemes,
//! the error-code table and the typed parameters and records of each call.

pub mod calls;
pub mod credentials;
pub mod data_writer;
pub mod error;
pub mod hmac;
pub mod language;
pub mod php_json;
pub mod request;
pub mod response;
pub mod time;
pub mod verb;
pub mod window;

pub use credentials::{ApiSecret, ApiToken, CredentialError};
pub use error::{ApiError, ErrorCode};
pub use language::Language;
pub use request::{Action, HmacVersion, Request, ResourceId, Timestamp, Token};
pub use response::{ActionResult, Data, Envelope, Record, RecordId};
pub use verb::ActionVerb;
pub use window::TimestampWindow;
