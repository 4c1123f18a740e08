//! The two calls that match estates against search criteria: `get search` with the resource
//! id `searchcriteria` (criteria that suit given values) and `get qualifiedsuitors` (the
//! addresses whose criteria suit an estate).
//!
//! ```json
//! {"resourceid":"searchcriteria","resourcetype":"search",
//!  "parameters":{"searchdata":{"range_plz":"52074"},"outputall":"true"}}
//! {"resourceid":"","resourcetype":"qualifiedsuitors",
//!  "parameters":{"estatedata":{"plz":"52074","ort":"Aachen"}}}
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params::{self};

pub const SUITORS_RESOURCE_TYPE: &str = "qualifiedsuitors";

/// The answer size without `limit`, as the docs give it.
pub const DEFAULT_CRITERIA_LIMIT: u32 = 10;

fn yes() -> bool {
    true
}

/// `get search` of search criteria.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSearchParams {
    /// Field → value the criteria must suit; comma-separated values are alternatives.
    #[serde(default)]
    pub searchdata: Map<String, Value>,
    /// Every set field of each criterion, not only `outputfields`.
    #[serde(default, deserialize_with = "serde_params::lenient::flag")]
    pub outputall: bool,
    /// The fields answered (default `Id`).
    #[serde(default)]
    pub outputfields: Vec<String>,
    /// One criterion per address (the first in the order), the default.
    #[serde(default = "yes", deserialize_with = "serde_params::lenient::flag")]
    pub groupbyaddress: bool,
    #[serde(default, deserialize_with = "serde_params::lenient::opt_u64")]
    pub offset: Option<u64>,
    /// 0 answers the count only.
    #[serde(default, deserialize_with = "serde_params::lenient::opt_u32")]
    pub limit: Option<u32>,
    /// `["Id", "anzahl_zimmer__bis"]` (ascending) or `{"anzahl_zimmer__bis": "DESC"}`.
    #[serde(default)]
    pub order: Value,
}

impl SerdeParams for CriteriaSearchParams {}

/// `get qualifiedsuitors`: an estate by its id, its values, or both (the values then stand
/// in for the stored ones they name).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuitorsParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estatedata: Option<Map<String, Value>>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub estateid: Option<i64>,
}

impl SerdeParams for SuitorsParams {}
