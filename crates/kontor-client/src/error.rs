//! The SDK's one error enum, and the typed error of a failed action.
//!
//! Two kinds of failure are kept apart on purpose: a request that did not get a usable answer
//! (transport, HTTP, a body that is not an API envelope, a top-level API error) and an action
//! that the server answered with an `errorcode`. Only the first kind is ever retried.

use std::fmt;

use kontor_proto::{ActionVerb, CredentialError, ErrorCode};

use crate::endpoint::ACCEPTED_FORMS;
use crate::EndpointError;

/// An action the server answered with a non-zero `errorcode`.
///
/// ```
/// use kontor_client::ActionError;
/// use kontor_proto::ErrorCode;
///
/// let e = ActionError::new(25, "Missing configuration for resourceType \"estat\"");
/// assert_eq!(e.kind, Some(ErrorCode::UnknownResourceType));
/// assert_eq!(e.to_string(), "25 Missing configuration for resourceType \"estat\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    /// The `errorcode` as sent, also when this SDK does not know it.
    pub code: u16,
    /// The code looked up in the table of known codes.
    pub kind: Option<ErrorCode>,
    /// The server's message, verbatim.
    pub message: String,
}

impl ActionError {
    pub fn new(code: u16, message: impl Into<String>) -> ActionError {
        ActionError {
            code,
            kind: ErrorCode::from_code(code),
            message: message.into(),
        }
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.message)
    }
}

impl std::error::Error for ActionError {}

/// Everything that can go wrong with the SDK.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// A token or secret of the wrong length or with characters no API credential has.
    #[error("{0}")]
    Credential(#[from] CredentialError),
    /// A setting the client cannot work with.
    #[error("{0}")]
    Config(String),
    /// A URL that is not an API endpoint in any of the accepted forms.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// No answer: the server could not be reached, or the connection broke or timed out.
    #[error("cannot reach {url}: {reason}")]
    Transport { url: String, reason: String },
    /// The server answered with an HTTP error status and no API envelope.
    #[error("{url} answered HTTP {status}{}", status_hint(*status))]
    Http { url: String, status: u16 },
    /// The body is not JSON, or not the API's envelope.
    #[error("{url} did not answer with an API envelope: {reason}")]
    NotAnEnvelope { url: String, reason: String },
    /// The request failed as a whole (unknown token, malformed request, …): no action ran.
    #[error("the request was refused: {code} {message}")]
    Request {
        code: u16,
        kind: Option<ErrorCode>,
        message: String,
    },
    /// The server answered a different number of results than actions were sent; results
    /// are matched by position, so none of them can be trusted.
    #[error("sent {sent} actions, got {got} results")]
    ResultCount { sent: usize, got: usize },
    /// One action failed; the other actions of its request have their own results.
    #[error("{verb} {resourcetype}: {error}")]
    Action {
        verb: ActionVerb,
        resourcetype: String,
        error: ActionError,
    },
    /// A [`Handle`](crate::Handle) was used with the responses of another batch.
    #[error("this handle belongs to another batch")]
    ForeignHandle,
}

impl ClientError {
    /// The per-action error, when this is one.
    pub fn action_error(&self) -> Option<&ActionError> {
        match self {
            ClientError::Action { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// What an HTTP status without an API envelope means for the URL, where it says more than
/// the number: a 404 is a URL with no endpoint behind it.
fn status_hint(status: u16) -> String {
    match status {
        404 => format!(": no API endpoint is there; {ACCEPTED_FORMS}"),
        _ => String::new(),
    }
}
