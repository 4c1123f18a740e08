//! `create task`: the task's fields in `data`, links beside it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::Params;
use super::serde_params;
use crate::ApiError;

pub const RESOURCE_TYPE: &str = "task";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateParams {
    /// `Betreff`, `Aufgabe`, `Prio` (1–5), `Status` (1–8), `Deadline`, `Verantwortung`, …
    pub data: Map<String, Value>,
    #[serde(
        default,
        rename = "relatedAddressId",
        skip_serializing_if = "Option::is_none"
    )]
    pub related_address_id: Option<i64>,
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
