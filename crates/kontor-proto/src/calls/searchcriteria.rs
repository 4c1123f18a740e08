//! `get searchcriterias`: search criteria by address, by criterion id, or by filter.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::params::SerdeParams;
use super::serde_params;

pub const GET_RESOURCE_TYPE: &str = "searchcriterias";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    /// `internal` (address ids), `external` (customer numbers), `searchcriteria` (criterion
    /// ids) or `filter`.
    pub mode: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<Value>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_u32",
        skip_serializing_if = "Option::is_none"
    )]
    pub listlimit: Option<u32>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub listoffset: Option<u64>,
}

impl SerdeParams for GetParams {}
