//! `get regions` (the region tree) and `get regionsLiveSearch` (regions by name prefix).

use kontor_proto::calls::regions::{
    GetParams, LiveSearchParams, LIVE_SEARCH_RESOURCE_TYPE, RESOURCE_TYPE,
};
use kontor_proto::{ActionVerb, Language};

use super::Call;

/// `get regions`.
///
/// ```
/// use kontor_client::{calls, Action, Language};
///
/// let action: Action = calls::regions::get().language(Language::ENG).into();
/// assert_eq!(action.parameters()["language"], "ENG");
/// ```
pub fn get() -> Get {
    Call::new(ActionVerb::Get, RESOURCE_TYPE, GetParams::default())
}

/// `get regions`, with the parameters the server parses.
pub type Get = Call<GetParams>;

impl Call<GetParams> {
    /// Names in this language; German when not set.
    pub fn language(mut self, language: Language) -> Self {
        self.params_mut().language = Some(language.to_string());
        self
    }
}

/// `get regionsLiveSearch`: the regions whose name starts with `searchstring`.
///
/// ```
/// use kontor_client::{calls, Action};
///
/// let action: Action = calls::regions::live_search("Aach").into();
/// assert_eq!(action.parameters()["searchstring"], "Aach");
/// ```
pub fn live_search(searchstring: impl Into<String>) -> LiveSearch {
    Call::new(
        ActionVerb::Get,
        LIVE_SEARCH_RESOURCE_TYPE,
        LiveSearchParams {
            searchstring: searchstring.into(),
            language: None,
        },
    )
}

/// `get regionsLiveSearch`, with the parameters the server parses.
pub type LiveSearch = Call<LiveSearchParams>;

impl Call<LiveSearchParams> {
    /// Titles in this language; German when not set.
    pub fn language(mut self, language: Language) -> Self {
        self.params_mut().language = Some(language.to_string());
        self
    }
}
