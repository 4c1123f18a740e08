//! Relations between records: `get idsfromrelation`, `create relation`, `delete relation`.
//!
//! ```json
//! {"relationtype":"urn:onoffice-de-ns:smart:2.5:relationTypes:estate:address:owner","parentids":[12]}
//! ```
//! answers `{"id":"relatedIds","type":"","elements":{"12":["301","302"]}}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params;

pub const GET_RESOURCE_TYPE: &str = "idsfromrelation";
pub const RESOURCE_TYPE: &str = "relation";
/// The common prefix of relation types.
pub const RELATION_URN_PREFIX: &str = "urn:onoffice-de-ns:smart:2.5:relationTypes:";

/// `get idsfromrelation`: the children of `parentids`, or the parents of `childids`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    pub relationtype: String,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::int_list",
        skip_serializing_if = "Vec::is_empty",
        alias = "parentIds"
    )]
    pub parentids: Vec<i64>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::int_list",
        skip_serializing_if = "Vec::is_empty",
        alias = "childIds"
    )]
    pub childids: Vec<i64>,
}

/// `create relation` and `delete relation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteParams {
    pub relationtype: String,
    #[serde(deserialize_with = "serde_params::lenient::int_list")]
    pub parentid: Vec<i64>,
    #[serde(deserialize_with = "serde_params::lenient::int_list")]
    pub childid: Vec<i64>,
    /// Only `statusTerminbestaetigung` / `statusTerminrueckmeldung` on appointment relations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationinfo: Option<Map<String, Value>>,
}

impl SerdeParams for GetParams {}

impl SerdeParams for WriteParams {}

/// The full URN of a short relation type (`estate:address:owner`).
pub fn relation_type(short: &str) -> String {
    if short.starts_with("urn:") {
        short.to_string()
    } else {
        format!("{RELATION_URN_PREFIX}{short}")
    }
}
