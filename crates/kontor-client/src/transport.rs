//! One HTTP request for a set of actions: sign, post, retry, decode the envelope.

use std::sync::Arc;

use kontor_proto::{ActionResult, ApiSecret, ApiToken, ErrorCode};
use serde_json::Value;

use crate::cache::Cache;
use crate::retry::{Failure, RetryPolicy};
use crate::{sign, Action, ClientError, SignatureScheme};

/// The client's shared state.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) url: reqwest::Url,
    pub(crate) token: ApiToken,
    /// Redacted in `Debug`; only `sign` reads it.
    pub(crate) secret: ApiSecret,
    pub(crate) scheme: SignatureScheme,
    pub(crate) retry: RetryPolicy,
    pub(crate) cache: Option<Arc<dyn Cache>>,
}

/// The decoded answer and the body exactly as received.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) results: Vec<ActionResult>,
    pub(crate) raw: Vec<u8>,
}

impl Inner {
    /// Sends `actions` in one request. Each attempt gets a new timestamp and new HMACs.
    pub(crate) async fn send(&self, actions: &[&Action]) -> Result<Answer, ClientError> {
        let writes = actions.iter().any(|a| !a.verb().cacheable());
        let mut attempt = 1;
        loop {
            let body = sign::body(actions, &self.token, &self.secret, self.scheme, sign::now());
            match self.attempt(&body).await {
                Ok(raw) => return self.decode(actions.len(), raw),
                Err((failure, error)) => {
                    if !self.retry.should_retry(failure, attempt, writes) {
                        return Err(error);
                    }
                    tokio::time::sleep(self.retry.delay(attempt)).await;
                    attempt += 1;
                }
            }
        }
    }

    /// One POST. An HTTP error status with a JSON body is passed on as an answer: the PHP SDK
    /// ignores the status, and an API envelope says more than the status does.
    async fn attempt(&self, body: &Value) -> Result<Vec<u8>, (Failure, ClientError)> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            (
                Failure::Broken,
                ClientError::Config(format!("cannot encode the request: {e}")),
            )
        })?;
        let response = self
            .http
            .post(self.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(bytes)
            .send()
            .await
            .map_err(|e| self.transport_failure(&e))?;
        let status = response.status().as_u16();
        let raw = response
            .bytes()
            .await
            .map_err(|e| self.transport_failure(&e))?;
        if !(200..300).contains(&status) && serde_json::from_slice::<Value>(&raw).is_err() {
            return Err((
                Failure::Status(status),
                ClientError::Http {
                    url: self.url.to_string(),
                    status,
                },
            ));
        }
        Ok(raw.to_vec())
    }

    fn transport_failure(&self, e: &reqwest::Error) -> (Failure, ClientError) {
        let failure = if e.is_connect() {
            Failure::Connect
        } else {
            Failure::Broken
        };
        (
            failure,
            ClientError::Transport {
                url: self.url.to_string(),
                reason: reason(e),
            },
        )
    }

    fn decode(&self, sent: usize, raw: Vec<u8>) -> Result<Answer, ClientError> {
        let not_envelope = |reason: String| ClientError::NotAnEnvelope {
            url: self.url.to_string(),
            reason,
        };
        let json: Value = serde_json::from_slice(&raw).map_err(|e| {
            not_envelope(format!(
                "not JSON ({e}); the body starts with {:?}",
                snippet(&raw)
            ))
        })?;
        let results = match json.pointer("/response/results") {
            Some(Value::Array(results)) => results,
            _ => {
                // No results: the request failed as a whole, and the top-level status says why.
                let status = json.get("status");
                let errorcode = status
                    .and_then(|s| s.get("errorcode"))
                    .and_then(number)
                    .unwrap_or(0);
                let message = status
                    .and_then(|s| s.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if errorcode != 0 {
                    return Err(ClientError::Request {
                        code: errorcode,
                        kind: ErrorCode::from_code(errorcode),
                        message,
                    });
                }
                return Err(not_envelope("it has no response.results".to_string()));
            }
        };
        if results.len() != sent {
            return Err(ClientError::ResultCount {
                sent,
                got: results.len(),
            });
        }
        let results = results
            .iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::from_value::<ActionResult>(r.clone())
                    .map_err(|e| not_envelope(format!("result {i}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Answer { results, raw })
    }
}

/// An error code as a JSON number, or a string of digits (tolerated; real servers send ints).
fn number(value: &Value) -> Option<u16> {
    match value {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// reqwest's message plus its innermost cause ("connection refused", "timed out"), which is
/// what tells a user what to fix, on one line.
fn reason(e: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let outer = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "connection failed".to_string()
    } else {
        "request failed".to_string()
    };
    let inner = cause.to_string();
    if inner.is_empty() || inner == e.to_string() {
        outer
    } else {
        format!("{outer} ({inner})")
    }
}

/// The first bytes of a body, for an error message.
fn snippet(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(&raw[..raw.len().min(60)]);
    text.replace(['\n', '\r'], " ")
}
