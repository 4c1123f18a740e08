//! `create agentslog`: an entry of the agents log (activity). Fields are flat and English
//! (`actionkind`, `note`), unlike the German names the read returns.

use serde::{Deserialize, Serialize};

use super::params::SerdeParams;
use super::serde_params;

pub const RESOURCE_TYPE: &str = "agentslog";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateParams {
    /// A kind of action by its German key (see `get actionkindtypes`).
    pub actionkind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actiontype: Option<String>,
    /// `Y-m-d H:i:s`; now when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// One entry per address.
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::int_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub addressids: Vec<i64>,
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub estateid: Option<i64>,
    /// Seconds.
    #[serde(
        default,
        deserialize_with = "serde_params::lenient::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<i64>,
    /// `A` … `G`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisorylevel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origincontact: Option<String>,
}

impl SerdeParams for CreateParams {}
