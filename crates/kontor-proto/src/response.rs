//! The response envelope, in the key order real responses use.
//!
//! ```json
//! {"status":{"code":200,"errorcode":0,"message":"OK"},"response":{"results":[
//!   {"actionid":"…","resourceid":"","resourcetype":"actionkindtypes","cacheable":true,
//!    "identifier":"","data":{"meta":{"cntabsolute":null},"records":[…]},
//!    "status":{"errorcode":0,"message":"OK"}}]}}
//! ```

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::{ApiError, ErrorCode};

/// The whole body. `response` is absent when the request failed before any action ran.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    pub status: TopStatus,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub response: Option<Results>,
}

/// The top-level status. All three values are JSON numbers and a string: n8n's node treats a
/// string `"0"` as an error, and the Python client reads `status.code` on every answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopStatus {
    pub code: u16,
    pub errorcode: u16,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    pub results: Vec<ActionResult>,
}

/// One result per action, in request order (clients match them by position).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionResult {
    pub actionid: String,
    pub resourceid: String,
    pub resourcetype: String,
    pub cacheable: bool,
    pub identifier: String,
    pub data: ResultData,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionStatus {
    pub errorcode: u16,
    pub message: String,
}

/// `data` of a result: the records, or `[]` on a failed action (the shape the vendor's own
/// fixtures and the WordPress plugin's tests use).
#[derive(Debug, Clone, PartialEq)]
pub enum ResultData {
    Ok(Data),
    /// Data already written as (PHP-style) JSON, shared with the server's read cache. Only
    /// the server builds it; decoding a response always gives `Ok`.
    Rendered(RenderedData),
    Failed,
}

/// The `data` of a result as JSON text, cheap to clone. Its size is exactly its memory.
#[derive(Debug, Clone)]
pub struct RenderedData(std::sync::Arc<String>);

impl RenderedData {
    /// Writes `data` in PHP style once, to be sent any number of times.
    pub fn render(data: &Data) -> Result<RenderedData, serde_json::Error> {
        let bytes = crate::php_json::try_to_php_json(data)?;
        let text = String::from_utf8(bytes).map_err(serde::ser::Error::custom)?;
        Ok(RenderedData(std::sync::Arc::new(text)))
    }

    /// Data a [`crate::data_writer::DataWriter`] wrote, which is JSON by construction (debug
    /// builds check it).
    pub(crate) fn written(text: String) -> RenderedData {
        debug_assert!(
            serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok(),
            "the data writer wrote invalid JSON: {text}"
        );
        RenderedData(std::sync::Arc::new(text))
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        &self.0
    }

    /// The data decoded again.
    pub fn decode(&self) -> Result<Data, serde_json::Error> {
        serde_json::from_str(&self.0)
    }
}

impl PartialEq for RenderedData {
    fn eq(&self, other: &RenderedData) -> bool {
        self.0 == other.0
    }
}

/// The text as it is. The server's own encoder ([`Envelope::to_php_json`]) copies it without
/// this detour; a generic serializer gets it through `serde_json`'s raw values.
impl Serialize for RenderedData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.0.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

impl ResultData {
    /// The decoded data; `None` for a failed action and for rendered data (which only the
    /// server holds, on its way out).
    pub fn data(&self) -> Option<&Data> {
        match self {
            ResultData::Ok(data) => Some(data),
            ResultData::Rendered(_) | ResultData::Failed => None,
        }
    }

    /// The data, owned; rendered data is decoded again.
    pub fn into_data(self) -> Option<Data> {
        match self {
            ResultData::Ok(data) => Some(data),
            ResultData::Rendered(rendered) => rendered.decode().ok(),
            ResultData::Failed => None,
        }
    }
}

// COMPAT: WP's and LV's fixtures show `"data": []` on failed actions.
impl Serialize for ResultData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ResultData::Ok(data) => data.serialize(s),
            ResultData::Rendered(data) => data.serialize(s),
            ResultData::Failed => s.collect_seq(std::iter::empty::<()>()),
        }
    }
}

impl<'de> Deserialize<'de> for ResultData {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(map) => serde_json::from_value(Value::Object(map))
                .map(ResultData::Ok)
                .map_err(serde::de::Error::custom),
            _ => Ok(ResultData::Failed),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Data {
    pub meta: Meta,
    pub records: Vec<Record>,
}

/// `cntabsolute` is an integer for list reads and `null` for most gets and all writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub cntabsolute: Option<u64>,
}

/// A record: `id` is an int for database rows and running numbers, a string for keyed
/// pseudo-records (`"estate"` in get fields, `"relatedIds"`); `type` may be null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: RecordId,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Built by serialising a typed elements struct; `[]` when there is nothing.
    pub elements: Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RecordId {
    Int(i64),
    Key(String),
}

impl Data {
    /// A list answer whose count is not reported (`cntabsolute: null`).
    pub fn uncounted(records: Vec<Record>) -> Data {
        Data {
            meta: Meta { cntabsolute: None },
            records,
        }
    }
}

impl Record {
    /// Serialises typed elements; an empty object becomes `[]`, as PHP renders an empty array.
    /// A record from elements already built as a map (no copy); `[]` when empty.
    pub fn from_map(
        id: RecordId,
        kind: Option<&str>,
        elements: serde_json::Map<String, Value>,
    ) -> Record {
        let elements = if elements.is_empty() {
            Value::Array(Vec::new())
        } else {
            Value::Object(elements)
        };
        Record {
            id,
            kind: kind.map(str::to_string),
            elements,
        }
    }

    pub fn new<E: Serialize>(id: RecordId, kind: Option<&str>, elements: &E) -> Record {
        let elements = match serde_json::to_value(elements) {
            Ok(Value::Object(map)) if map.is_empty() => Value::Array(Vec::new()),
            Ok(value) => value,
            // Our element types are plain structs and maps of strings; they always serialise.
            Err(_) => Value::Array(Vec::new()),
        };
        Record {
            id,
            kind: kind.map(str::to_string),
            elements,
        }
    }
}

impl TopStatus {
    pub fn ok() -> TopStatus {
        TopStatus {
            code: 200,
            errorcode: 0,
            message: "OK".to_string(),
        }
    }

    /// Some action failed: 500/97 keeps every client working (client-behaviour.md: PHP SDK,
    /// WordPress and Ruby ignore it, the Python client then returns the action status
    /// instead of crashing on `data: []`).
    // COMPAT: PY needs code 500 to avoid crashing on `data: []`.
    pub fn action_failed() -> TopStatus {
        TopStatus {
            code: 500,
            errorcode: ErrorCode::ErrorInAction.code(),
            message: ErrorCode::ErrorInAction.template().to_string(),
        }
    }

    /// The request failed as a whole (bad JSON, unknown token, …).
    pub fn request_failed(error: &ApiError) -> TopStatus {
        let code = match error.code {
            ErrorCode::NotAuthenticated => 400,
            _ => 500,
        };
        TopStatus {
            code,
            errorcode: error.code.code(),
            message: error.message(),
        }
    }
}

impl ActionStatus {
    pub fn ok() -> ActionStatus {
        ActionStatus {
            errorcode: 0,
            message: "OK".to_string(),
        }
    }
}

impl Envelope {
    /// The body as the real API writes it (PHP's `json_encode`): the same bytes as
    /// serializing the envelope with [`crate::php_json::PhpFormatter`], but rendered data is
    /// copied in as it is instead of being checked again on its way through `serde_json`.
    pub fn to_php_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        use crate::php_json::{try_to_php_json, write_php_str};
        let rendered: usize = self
            .response
            .iter()
            .flat_map(|r| &r.results)
            .map(|r| match &r.data {
                ResultData::Rendered(data) => data.json().len(),
                _ => 0,
            })
            .sum();
        let mut out = Vec::with_capacity(rendered + 512);
        out.extend_from_slice(b"{\"status\":");
        out.extend(try_to_php_json(&self.status)?);
        if let Some(response) = &self.response {
            out.extend_from_slice(b",\"response\":{\"results\":[");
            for (i, r) in response.results.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"actionid\":");
                write_php_str(&mut out, &r.actionid);
                out.extend_from_slice(b",\"resourceid\":");
                write_php_str(&mut out, &r.resourceid);
                out.extend_from_slice(b",\"resourcetype\":");
                write_php_str(&mut out, &r.resourcetype);
                out.extend_from_slice(if r.cacheable {
                    b",\"cacheable\":true,\"identifier\":"
                } else {
                    b",\"cacheable\":false,\"identifier\":"
                });
                write_php_str(&mut out, &r.identifier);
                out.extend_from_slice(b",\"data\":");
                match &r.data {
                    ResultData::Rendered(data) => out.extend_from_slice(data.json().as_bytes()),
                    other => out.extend(try_to_php_json(other)?),
                }
                out.extend_from_slice(b",\"status\":");
                out.extend(try_to_php_json(&r.status)?);
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
        out.push(b'}');
        Ok(out)
    }

    /// The answer to a request that ran its actions.
    pub fn results(results: Vec<ActionResult>) -> Envelope {
        let status = if results.iter().all(|r| r.status.errorcode == 0) {
            TopStatus::ok()
        } else {
            TopStatus::action_failed()
        };
        Envelope {
            status,
            response: Some(Results { results }),
        }
    }

    /// The answer to a request that failed before any action ran.
    pub fn failed(error: &ApiError) -> Envelope {
        Envelope {
            status: TopStatus::request_failed(error),
            response: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::php_json::try_to_php_json;

    fn result(data: ResultData, status: ActionStatus) -> ActionResult {
        ActionResult {
            actionid: "urn:onoffice-de-ns:smart:2.5:smartml:action:read".into(),
            resourceid: "".into(),
            resourcetype: "estate/ü".into(),
            cacheable: true,
            identifier: "id \"1\"".into(),
            data,
            status,
        }
    }

    /// The server's encoder writes the bytes the serializer writes, for every kind of data
    /// and for a request that failed as a whole.
    #[test]
    fn the_envelope_encoder_writes_what_serializing_writes(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let data = Data {
            meta: Meta {
                cntabsolute: Some(2),
            },
            records: vec![Record::from_map(
                RecordId::Int(7),
                Some("estate"),
                serde_json::from_str(r#"{"ort":"Köln/Süd","n":null}"#)?,
            )],
        };
        let rendered = RenderedData::render(&data)?;
        let failed = ActionStatus {
            errorcode: 137,
            message: "HMAC \"x\" ungültig".into(),
        };
        let envelopes = [
            Envelope::results(vec![
                result(ResultData::Ok(data.clone()), ActionStatus::ok()),
                result(ResultData::Rendered(rendered), ActionStatus::ok()),
                result(ResultData::Failed, failed),
            ]),
            Envelope::results(vec![]),
            Envelope::failed(&ApiError::new(ErrorCode::NotAuthenticated)),
        ];
        for envelope in &envelopes {
            let fast = String::from_utf8(envelope.to_php_json()?)?;
            let serde = String::from_utf8(try_to_php_json(envelope)?)?;
            assert_eq!(fast, serde);
        }
        Ok(())
    }
}
