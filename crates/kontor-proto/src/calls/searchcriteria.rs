//! `get searchcriterias` (search criteria by address, by criterion id, or by filter) and
//! `get searchCriteriaFields` (the fields a criterion has, by category).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::params::SerdeParams;
use super::serde_params;

pub const GET_RESOURCE_TYPE: &str = "searchcriterias";
pub const FIELDS_RESOURCE_TYPE: &str = "searchCriteriaFields";

/// What the `ids` of `get searchcriterias` are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Address record ids: the criteria of these addresses.
    Internal,
    /// Customer numbers (`KdNr`) of addresses, which need not be unique.
    External,
    /// Criterion ids.
    SearchCriteria,
    /// No ids: `filter`, `sortby` and `sortorder` select and order.
    Filter,
}

impl Mode {
    pub fn parse(text: &str) -> Option<Mode> {
        Some(match text {
            "internal" => Mode::Internal,
            "external" => Mode::External,
            "searchcriteria" => Mode::SearchCriteria,
            "filter" => Mode::Filter,
            _ => return None,
        })
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Internal => "internal",
            Mode::External => "external",
            Mode::SearchCriteria => "searchcriteria",
            Mode::Filter => "filter",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetParams {
    /// `internal` (address ids), `external` (customer numbers), `searchcriteria` (criterion
    /// ids) or `filter`; [`Mode::parse`] reads it, so that an unknown mode is its own error.
    pub mode: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<Value>,
    /// `{"status":[{"op":"=","val":1}]}`, on the `_meta` names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// A `_meta` name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sortby: Option<String>,
    /// `ASC` or `DESC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sortorder: Option<String>,
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

impl GetParams {
    /// By filter: the criteria matching `filter`, in `sortby` order.
    pub fn by_filter(filter: Map<String, Value>, sortby: &str, descending: bool) -> GetParams {
        GetParams {
            mode: Mode::Filter.as_str().into(),
            filter: Some(Value::Object(filter)),
            sortby: Some(sortby.into()),
            sortorder: Some(if descending { "DESC" } else { "ASC" }.into()),
            ..GetParams::default()
        }
    }
}

/// `get searchCriteriaFields`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldsParams {
    /// The labels' language (`ENG`); German without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Range fields also name their two ends with their labels.
    #[serde(
        default,
        rename = "additionalTranslations",
        deserialize_with = "serde_params::lenient::flag",
        skip_serializing_if = "serde_params::is_false"
    )]
    pub additional_translations: bool,
}

impl SerdeParams for FieldsParams {}
