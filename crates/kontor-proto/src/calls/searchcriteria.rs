//! `get searchcriterias`: search criteria by address, by criterion id, or by filter.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::Params;
use super::serde_params;
use crate::ApiError;

pub const GET_RESOURCE_TYPE: &str = "searchcriterias";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    /// `internal` (address ids), `external` (customer numbers), `searchcriteria` (criterion
    /// ids) or `filter`.
    pub mode: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listlimit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listoffset: Option<u64>,
}

impl GetParams {
    pub fn parse(params: Params<'_>) -> Result<GetParams, ApiError> {
        serde_params::parse(params)
    }

    pub fn to_parameters(&self) -> Map<String, Value> {
        serde_params::to_parameters(self)
    }
}
