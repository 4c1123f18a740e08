//! `get actionkindtypes`: the kinds and types of action of the agents log.

use kontor_proto::calls::actionkindtypes::{GetParams, RESOURCE_TYPE};
use kontor_proto::{ActionVerb, Language};

use crate::Action;

/// `get actionkindtypes`.
///
/// ```
/// use kontor_client::{calls, Action, Language};
///
/// let action: Action = calls::actionkindtypes::get().lang(Language::ENG).into();
/// assert_eq!(action.parameters()["lang"], "ENG");
/// ```
pub fn get() -> Get {
    Get(GetParams::default())
}

/// Parameters of `get actionkindtypes`, shared with the server.
#[derive(Debug, Clone, Default)]
pub struct Get(pub GetParams);

impl Get {
    /// Labels in this language; German when not set.
    pub fn lang(mut self, language: Language) -> Self {
        self.0.lang = Some(language);
        self
    }

    /// Also list the automatic types of this kind of action.
    pub fn with_automatic_types_for(mut self, kind: impl Into<String>) -> Self {
        self.0.allow_automatic_types_for.push(kind.into());
        self
    }
}

impl From<Get> for Action {
    fn from(get: Get) -> Action {
        Action::new(ActionVerb::Get, RESOURCE_TYPE).with_parameters(get.0.to_parameters())
    }
}
