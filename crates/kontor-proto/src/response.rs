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
pub struct RenderedData(std::sync::Arc<serde_json::value::RawValue>);

impl RenderedData {
    /// Writes `data` in PHP style once, to be sent any number of times.
    pub fn render(data: &Data) -> Result<RenderedData, serde_json::Error> {
        let bytes = crate::php_json::try_to_php_json(data)?;
        let text = String::from_utf8(bytes).map_err(serde::ser::Error::custom)?;
        let raw = serde_json::value::RawValue::from_string(text)?;
        Ok(RenderedData(std::sync::Arc::from(raw)))
    }

    /// The JSON text.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// The data decoded again.
    pub fn decode(&self) -> Result<Data, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }
}

impl PartialEq for RenderedData {
    fn eq(&self, other: &RenderedData) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Serialize for RenderedData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_ref().serialize(s)
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
