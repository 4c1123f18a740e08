//! `create calendar`: an appointment. `data` holds `start_dt`, `end_dt` (mandatory),
//! `description`, `art`, `ganztags`, …

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::Params;
use super::serde_params;
use crate::ApiError;

pub const RESOURCE_TYPE: &str = "calendar";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateParams {
    pub data: Map<String, Value>,
    #[serde(
        default,
        rename = "relatedAddressIds",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub related_address_ids: Vec<i64>,
    #[serde(
        default,
        rename = "relatedEstateId",
        skip_serializing_if = "Option::is_none"
    )]
    pub related_estate_id: Option<i64>,
}

impl CreateParams {
    pub fn parse(params: Params<'_>) -> Result<CreateParams, ApiError> {
        serde_params::parse(params)
    }

    pub fn to_parameters(&self) -> Map<String, Value> {
        serde_params::to_parameters(self)
    }
}
