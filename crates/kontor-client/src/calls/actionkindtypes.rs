//! `get actionkindtypes`: the kinds and types of action of the agents log.

use kontor_proto::calls::actionkindtypes::{GetParams, RESOURCE_TYPE};
use kontor_proto::{ActionVerb, Language};

use super::Call;

/// `get actionkindtypes`.
///
/// ```
/// use kontor_client::{calls, Action, Language};
///
/// let action: Action = calls::actionkindtypes::get().lang(Language::ENG).into();
/// assert_eq!(action.parameters()["lang"], "ENG");
/// ```
pub fn get() -> Get {
    Call::new(ActionVerb::Get, RESOURCE_TYPE, GetParams::default())
}

/// `get actionkindtypes`, with the parameters the server parses.
pub type Get = Call<GetParams>;

impl Call<GetParams> {
    /// Labels in this language; German when not set.
    pub fn lang(mut self, language: Language) -> Self {
        self.params_mut().lang = Some(language);
        self
    }

    /// Also list the automatic types of this kind of action.
    pub fn with_automatic_types_for(mut self, kind: impl Into<String>) -> Self {
        self.params_mut()
            .allow_automatic_types_for
            .push(kind.into());
        self
    }
}
