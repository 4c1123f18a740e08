//! `get regions` (the region tree) and `get regionsLiveSearch` (regions by name prefix).

use serde::{Deserialize, Serialize};

use super::params::SerdeParams;

pub const RESOURCE_TYPE: &str = "regions";
pub const LIVE_SEARCH_RESOURCE_TYPE: &str = "regionsLiveSearch";

/// The longest `searchstring` taken; longer ones are refused rather than searched.
pub const MAX_SEARCHSTRING_CHARS: usize = 100;

/// `get regions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetParams {
    /// Language of names, state and country (`ENG`); German without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl SerdeParams for GetParams {}

/// `get regionsLiveSearch`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSearchParams {
    /// The start of a region's name (`Aach`).
    #[serde(default)]
    pub searchstring: String,
    /// Language of the titles; German without it (not in the docs, taken as `get regions`
    /// takes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl SerdeParams for LiveSearchParams {}
