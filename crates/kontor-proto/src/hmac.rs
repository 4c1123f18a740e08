//! The two action-signature schemes of the onOffice API.
//!
//! Every action in a request carries an `hmac` computed by the client from
//! its API secret. Clients pick the scheme with `hmac_version`: `2` is the
//! current HMAC-SHA256 scheme, anything else the legacy MD5 scheme (v1),
//! which old clients still use. Neither function here logs anything: both
//! handle the API secret.

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use serde_json::Value;
use sha2::Sha256;

use crate::php_json::{encode_php_decoded, ksort_top_level};

/// HMAC v2: base64 (standard alphabet, padded) of
/// HMAC-SHA256(key = secret, message = timestamp + token + resourcetype + actionid).
///
/// The message is a plain concatenation without separators because that is
/// what onOffice specifies; the parameters are deliberately not signed.
pub fn sign_v2(
    secret: &str,
    timestamp: &str,
    token: &str,
    resourcetype: &str,
    actionid: &str,
) -> String {
    // HMAC accepts keys of any length, so this never fails; should it ever,
    // the empty result can never pass `verify` (fails closed, no panic).
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    for part in [timestamp, token, resourcetype, actionid] {
        mac.update(part.as_bytes());
    }
    BASE64.encode(mac.finalize().into_bytes())
}

/// Everything the legacy v1 signature covers, borrowed from the request.
///
/// `Debug` redacts `secret` so the struct can appear in traces safely.
#[derive(Clone, Copy)]
pub struct V1Input<'a> {
    pub token: &'a str,
    pub actionid: &'a str,
    pub identifier: &'a str,
    pub resourceid: &'a str,
    pub secret: &'a str,
    pub timestamp: &'a str,
    pub resourcetype: &'a str,
    /// The action's `parameters` exactly as received (key order matters).
    pub parameters: &'a Value,
}

impl fmt::Debug for V1Input<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V1Input")
            .field("token", &self.token)
            .field("actionid", &self.actionid)
            .field("identifier", &self.identifier)
            .field("resourceid", &self.resourceid)
            .field("secret", &"<redacted>")
            .field("timestamp", &self.timestamp)
            .field("resourcetype", &self.resourcetype)
            .field("parameters", &self.parameters)
            .finish()
    }
}

/// HMAC v1 (legacy): `md5_hex(secret + md5_hex(v1_message(input)))`,
/// lowercase hex.
///
/// Despite the name this is not an HMAC construction; it is what the PHP
/// backend computes, so it has to be reproduced as-is.
pub fn sign_v1(input: &V1Input<'_>) -> String {
    let inner = md5_hex(v1_message(input).as_bytes());
    md5_hex(format!("{}{inner}", input.secret).as_bytes())
}

/// The string v1 hashes: `J + "," + F`, where
/// - `J` is PHP's `json_encode` of the parameters after
///   `json_decode(.., true)` and `ksort`. The backend sorts only the top
///   level (`ksort` is not recursive), so nested objects keep the client's
///   key order. Empty, `{}`, `[]` and `null` parameters all give `[]`
///   (PHP's empty array);
/// - `F` is token, actionid, identifier, resourceid, secret, timestamp and
///   resourcetype joined with `,`.
///
/// Exposed for tests and debugging; the result contains the secret, so it
/// must never be logged.
pub fn v1_message(input: &V1Input<'_>) -> String {
    let parameters = v1_parameters_json(input.parameters);
    let fields = [
        input.token,
        input.actionid,
        input.identifier,
        input.resourceid,
        input.secret,
        input.timestamp,
        input.resourcetype,
    ]
    .join(",");
    format!("{parameters},{fields}")
}

/// `J` of [`v1_message`]. A missing/`null` `parameters` is an empty PHP
/// array on the backend, hence `[]` rather than `null`.
fn v1_parameters_json(parameters: &Value) -> String {
    if parameters.is_null() {
        return String::from("[]");
    }
    encode_php_decoded(&ksort_top_level(parameters))
}

/// Lowercase hex MD5, like PHP's `md5()`.
fn md5_hex(bytes: &[u8]) -> String {
    format!("{:x}", Md5::digest(bytes))
}

/// Compares a computed signature with the client's in time independent of
/// where they differ, so response timing cannot be used to guess a valid
/// signature byte by byte.
///
/// A length mismatch returns `false` early: signature lengths are fixed per
/// scheme and public. An empty `expected` never verifies, so a signing
/// failure can never be matched by an empty `hmac` field.
pub fn verify(expected: &str, given: &str) -> bool {
    let (expected, given) = (expected.as_bytes(), given.as_bytes());
    if expected.is_empty() || expected.len() != given.len() {
        return false;
    }
    let difference = expected
        .iter()
        .zip(given)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    // Keep the optimizer from turning the fold into an early-exit compare.
    std::hint::black_box(difference) == 0
}
