//! `create calendar`: an appointment. `data` holds `start_dt`, `end_dt` (mandatory),
//! `description`, `art`, `ganztags`, …

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params;

pub const RESOURCE_TYPE: &str = "calendar";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateParams {
    pub data: Map<String, Value>,
    #[serde(
        default,
        rename = "relatedAddressIds",
        deserialize_with = "serde_params::lenient::int_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub related_address_ids: Vec<i64>,
    #[serde(
        default,
        rename = "relatedEstateId",
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub related_estate_id: Option<i64>,
}

impl SerdeParams for CreateParams {}
