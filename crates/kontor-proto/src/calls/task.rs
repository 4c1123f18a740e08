//! `create task`: the task's fields in `data`, links beside it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params;

pub const RESOURCE_TYPE: &str = "task";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateParams {
    /// `Betreff`, `Aufgabe`, `Prio` (1–5), `Status` (1–8), `Deadline`, `Verantwortung`, …
    pub data: Map<String, Value>,
    #[serde(
        default,
        rename = "relatedAddressId",
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub related_address_id: Option<i64>,
    #[serde(
        default,
        rename = "relatedEstateId",
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub related_estate_id: Option<i64>,
}

impl SerdeParams for CreateParams {}
