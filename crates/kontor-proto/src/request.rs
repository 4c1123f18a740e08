//! Decoding a request body into typed actions.
//!
//! Lenient where real clients are (see docs/compat.md): `resourceid` as string, int or null,
//! `identifier` null, `parameters` as `{}` or `[]`, `hmac_version` 2 or "2", timestamp as int
//! or string, any Content-Type. Precise everywhere else: each structural fault maps to the
//! documented top-level code with a message that names the action and the attribute.

use serde_json::{Map, Value};

use crate::{ApiError, ErrorCode};

/// Requests with more actions than this are refused whole, so that one body cannot make the
/// server do unbounded work. Real clients send a handful; the WordPress cache warm-up sends
/// a few dozen.
pub const MAX_ACTIONS: usize = 500;

/// The API token of an API user, as sent at the top level.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A decoded request: the token and the actions in request order.
#[derive(Debug, Clone)]
pub struct Request {
    pub token: Token,
    pub actions: Vec<Action>,
}

/// `resourceid` as received. Kept apart from its string form because HMAC v1 hashes the
/// value as PHP's `implode` renders it, and the result echoes it as a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceId {
    Empty,
    Text(String),
    Int(i64),
}

impl ResourceId {
    /// The string echoed in the result and used by HMAC v1 (null → "", int → decimal).
    pub fn as_wire(&self) -> String {
        match self {
            ResourceId::Empty => String::new(),
            ResourceId::Text(s) => s.clone(),
            ResourceId::Int(i) => i.to_string(),
        }
    }

    /// A record id, when the resource id is a positive integer (`32` or `"32"`).
    pub fn record_id(&self) -> Option<i64> {
        match self {
            ResourceId::Int(i) if *i > 0 => Some(*i),
            ResourceId::Text(s) => s.parse::<i64>().ok().filter(|i| *i > 0),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            ResourceId::Empty => true,
            ResourceId::Text(s) => s.is_empty(),
            ResourceId::Int(_) => false,
        }
    }
}

/// The action timestamp: the text exactly as it goes into the HMAC, and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub text: String,
    pub secs: i64,
}

/// Which signature scheme an action uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HmacVersion {
    /// No `hmac_version` key (or 1): the legacy MD5 scheme of SDK ≤ 0.2.0.
    V1,
    /// `hmac_version` 2 or "2": HMAC-SHA256.
    V2,
    /// Anything else, kept to say so in the error message.
    Unsupported(String),
}

/// One action of a request. Structural checks are done; authentication and dispatch are not.
#[derive(Debug, Clone)]
pub struct Action {
    /// The `actionid` exactly as sent (echoed in the result; the verb is parsed at dispatch).
    pub actionid: String,
    pub resourceid: ResourceId,
    pub resourcetype: String,
    /// `identifier` as a string ("" for null), echoed in the result and hashed by HMAC v1.
    pub identifier: String,
    /// `None` when missing or not an integer; answered with error 136.
    pub timestamp: Option<Timestamp>,
    pub hmac: Option<String>,
    pub hmac_version: HmacVersion,
    /// Always an object (`[]` and a missing key become `{}`).
    pub parameters: Map<String, Value>,
    /// The parameters exactly as decoded, for HMAC v1 (`[]` and `{}` both hash as `[]`).
    pub raw_parameters: Value,
    /// What is wrong with the action that decoding found but the action's own result must
    /// answer (after its authentication), so that the other actions still run: a string that
    /// no store can hold ([`find_nul`]).
    pub fault: Option<ApiError>,
}

/// Decodes a body. `Err` is a top-level error: nothing of the request runs.
pub fn decode(body: &[u8]) -> Result<Request, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(ErrorCode::EmptyRequest));
    }
    if std::str::from_utf8(body).is_err() {
        return Err(ApiError::new(ErrorCode::JsonUtf8));
    }
    let root: Value = serde_json::from_slice(body).map_err(json_error)?;
    let Value::Object(mut root) = root else {
        return Err(ApiError::with_detail(
            ErrorCode::JsonMalformed,
            "the body must be a JSON object with \"token\" and \"request\"",
        ));
    };
    let token = match root.remove("token") {
        // A token holds letters and digits; one with NUL cannot be looked up on PostgreSQL.
        Some(Value::String(t)) if t.contains('\0') => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingToken,
                "the token holds U+0000 (NUL); a token has 32 letters and digits",
            ))
        }
        Some(Value::String(t)) if !t.is_empty() => Token(t),
        Some(Value::String(_)) => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingToken,
                "the token is empty",
            ))
        }
        Some(_) => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingToken,
                "the token must be a string",
            ))
        }
        None => return Err(ApiError::new(ErrorCode::MissingToken)),
    };
    let Some(Value::Object(mut request)) = root.remove("request") else {
        return Err(ApiError::with_detail(
            ErrorCode::MissingRequest,
            "\"request\" must be an object holding \"actions\"",
        ));
    };
    let Some(Value::Array(actions)) = request.remove("actions") else {
        return Err(ApiError::with_detail(
            ErrorCode::MissingActions,
            "\"request.actions\" must be an array of actions",
        ));
    };
    if actions.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::MissingActions,
            "no actions were sent",
        ));
    }
    if actions.len() > MAX_ACTIONS {
        return Err(ApiError::with_detail(
            ErrorCode::MissingActions,
            format!(
                "{} actions sent; at most {MAX_ACTIONS} per request",
                actions.len()
            ),
        ));
    }
    let actions = actions
        .into_iter()
        .enumerate()
        .map(|(index, action)| decode_action(index, action))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Request { token, actions })
}

/// Maps serde_json's failure to PHP's `json_last_error` family as onOffice numbers it.
fn json_error(e: serde_json::Error) -> ApiError {
    let text = e.to_string();
    let code = if text.contains("recursion limit") {
        ErrorCode::JsonDepth
    } else if text.contains("control character") {
        ErrorCode::JsonControlCharacter
    } else {
        ErrorCode::JsonMalformed
    };
    ApiError::with_detail(code, text)
}

fn decode_action(index: usize, action: Value) -> Result<Action, ApiError> {
    let at = |what: &str| format!("action {index}: {what}");
    let Value::Object(mut a) = action else {
        return Err(ApiError::with_detail(
            ErrorCode::MissingOrInvalidElementAction,
            at("must be an object"),
        ));
    };
    let actionid = match a.remove("actionid") {
        Some(Value::String(s)) if s.is_empty() => {
            return Err(ApiError::with_detail(
                ErrorCode::EmptyActionId,
                at("actionid is empty"),
            ))
        }
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingActionId,
                at("actionid must be a string"),
            ))
        }
        None => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingActionId,
                at("actionid is missing"),
            ))
        }
    };
    // COMPAT: LV and PY send int ids, WP null; all come back as strings.
    let resourceid = match a.remove("resourceid") {
        None | Some(Value::Null) => ResourceId::Empty,
        Some(Value::String(s)) => ResourceId::Text(s),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => ResourceId::Int(i),
            None => {
                return Err(ApiError::with_detail(
                    ErrorCode::InvalidResourceId,
                    at("resourceid must be a string or an integer"),
                ))
            }
        },
        Some(_) => {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidResourceId,
                at("resourceid must be a string, an integer or null"),
            ))
        }
    };
    let resourcetype = match a.remove("resourcetype") {
        Some(Value::String(s)) => s,
        _ => {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidResourceType,
                at("resourcetype must be a string"),
            ))
        }
    };
    // COMPAT: WP and the SDK send `identifier: null`.
    let identifier = match a.remove("identifier") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            return Err(ApiError::with_detail(
                ErrorCode::MissingOrInvalidElementAction,
                at("identifier must be a string or null"),
            ))
        }
    };
    let timestamp = a.remove("timestamp").and_then(timestamp);
    let hmac = match a.remove("hmac") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    // COMPAT: SDK HEAD sends int 2, PY the string "2", SDK 0.2.0 nothing (v1).
    let hmac_version = match a.remove("hmac_version") {
        None | Some(Value::Null) => HmacVersion::V1,
        Some(Value::Number(n)) if n.as_i64() == Some(2) => HmacVersion::V2,
        Some(Value::Number(n)) if n.as_i64() == Some(1) => HmacVersion::V1,
        Some(Value::String(s)) if s == "2" => HmacVersion::V2,
        Some(Value::String(s)) if s == "1" => HmacVersion::V1,
        Some(other) => HmacVersion::Unsupported(other.to_string()),
    };
    // COMPAT: PHP clients send an empty parameter array as `[]`.
    let raw_parameters = a.remove("parameters").unwrap_or(Value::Array(Vec::new()));
    let parameters = match &raw_parameters {
        Value::Object(map) => map.clone(),
        Value::Array(list) if list.is_empty() => Map::new(),
        Value::Null => Map::new(),
        _ => {
            return Err(ApiError::with_detail(
                ErrorCode::InvalidParameters,
                at("parameters must be an object"),
            ))
        }
    };
    if parameters.keys().any(String::is_empty) {
        return Err(ApiError::with_detail(
            ErrorCode::EmptyParameterName,
            at("a parameter name is empty"),
        ));
    }
    let fault = find_nul(&raw_parameters).map(|path| {
        ApiError::with_detail(ErrorCode::InvalidValueForParameter, path)
            .hint("it holds U+0000 (NUL), which no field, filter or name may hold; remove it")
    });
    Ok(Action {
        actionid,
        resourceid,
        resourcetype,
        identifier,
        timestamp,
        hmac,
        hmac_version,
        parameters,
        raw_parameters,
        fault,
    })
}

/// Where a string of `value`, or a key of one of its objects, holds U+0000 (NUL): the path to
/// it (`data.ort`, `filter.ort[0].val`, `sortby.a\u0000b`), or `None`.
///
/// One rule for both backends, decided here at the edge: PostgreSQL can store NUL in neither
/// text nor `jsonb` (the statement fails), SQLite would keep it, and no field of the real API
/// has a use for it. So a request holding one is refused before any store sees it, naming
/// where it is (docs/compat.md), instead of answering "Unknown error occurred" on one backend
/// and storing it on the other.
pub fn find_nul(value: &Value) -> Option<String> {
    fn name(key: &str) -> String {
        key.replace('\0', "\\u0000")
    }
    fn go(value: &Value, path: &mut String) -> bool {
        match value {
            Value::String(s) => s.contains('\0'),
            Value::Array(items) => items.iter().enumerate().any(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = go(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            Value::Object(map) => map.iter().any(|(key, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&name(key));
                let found = key.contains('\0') || go(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            _ => false,
        }
    }
    let mut path = String::new();
    go(value, &mut path).then_some(path)
}

/// Integer seconds, sent as a JSON number or as a string of digits (both appear in the docs).
fn timestamp(value: Value) -> Option<Timestamp> {
    match value {
        Value::Number(n) => n.as_i64().map(|secs| Timestamp {
            text: secs.to_string(),
            secs,
        }),
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .ok()
            .map(|secs| Timestamp { text: s, secs }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nul_is_found_with_its_path() {
        let cases = [
            (json!({"data": {"ort": "a\u{0}b"}}), Some("data.ort")),
            (
                json!({"filter": {"ort": [{"op": "=", "val": "\u{0}"}]}}),
                Some("filter.ort[0].val"),
            ),
            (
                json!({"sortby": {"a\u{0}b": "ASC"}}),
                Some("sortby.a\\u0000b"),
            ),
            (json!({"data": ["Id", "x\u{0}"]}), Some("data[1]")),
            (
                json!({"email": [{"newvalue": "a\u{0}"}]}),
                Some("email[0].newvalue"),
            ),
            (
                json!({"data": {"ort": "Aachen", "n": 1, "l": [null, true]}}),
                None,
            ),
        ];
        for (value, path) in cases {
            assert_eq!(find_nul(&value).as_deref(), path, "{value}");
        }
    }

    #[test]
    fn nul_in_the_token_refuses_the_request_and_in_parameters_the_action() {
        let body = br#"{"token":"a\u0000b","request":{"actions":[]}}"#;
        let refused = decode(body).err().map(|e| e.code);
        assert_eq!(refused, Some(ErrorCode::MissingToken));
        let body = br#"{"token":"t","request":{"actions":[{"actionid":"x","resourcetype":"estate","parameters":{"data":{"ort":"a\u0000b"}}},{"actionid":"y","resourcetype":"estate"}]}}"#;
        let request = decode(body).map_err(|e| e.message());
        let faults: Vec<Option<String>> = request
            .map(|r| {
                r.actions
                    .iter()
                    .map(|a| a.fault.as_ref().map(ApiError::message))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(faults.len(), 2);
        assert!(
            faults[0]
                .as_deref()
                .is_some_and(|m| m.contains("\"data.ort\"") && m.contains("U+0000")),
            "{faults:?}"
        );
        assert_eq!(faults[1], None);
    }
}
