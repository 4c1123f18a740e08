//! `read impressum` and `read basicsettings`: the imprint and the basic settings (logo,
//! colours, claim) of the account, which websites show on every page.

use kontor_proto::calls::settings::{
    BasicSettingsParams, ImprintParams, CI_FIELDS, IMPRINT_FIELDS, PERMISSIONS, TEAM_FIELDS,
};
use kontor_proto::Language;

use super::Call;
use crate::ActionVerb;

/// `read impressum`, every field of the imprint.
///
/// ```
/// use kontor_client::{calls::settings, Action, Language};
///
/// let a: Action = settings::imprint().language(Language::ENG).into();
/// assert_eq!(a.resourcetype(), "impressum");
/// assert_eq!(a.parameters()["language"], "ENG");
/// ```
pub fn imprint() -> Imprint {
    let params = ImprintParams {
        fields: IMPRINT_FIELDS.to_vec(),
        language: None,
        formatoutput: false,
    };
    Call::new(ActionVerb::Read, "impressum", params)
}

/// `read impressum`, with the parameters the server parses.
pub type Imprint = Call<ImprintParams>;

impl Call<ImprintParams> {
    /// Only these fields (names the imprint does not have are left out: the server would
    /// refuse them).
    pub fn fields<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        let wanted: Vec<&str> = names.into_iter().collect();
        self.params_mut().fields = IMPRINT_FIELDS
            .iter()
            .copied()
            .filter(|f| wanted.contains(f))
            .collect();
        self
    }

    /// The title translated, and with [`Self::formatted`] the country named, in `language`.
    pub fn language(mut self, language: Language) -> Self {
        self.params_mut().language = Some(language);
        self
    }

    /// The country by its name instead of its ISO code.
    pub fn formatted(mut self) -> Self {
        self.params_mut().formatoutput = true;
        self
    }
}

/// `read basicsettings`, every setting of every category.
///
/// ```
/// use kontor_client::{calls::settings, Action};
///
/// let a: Action = settings::basic().into();
/// assert_eq!(a.parameters()["data"]["basicData"]["characteristicsCi"][0], "logo");
/// ```
pub fn basic() -> BasicSettings {
    let params = BasicSettingsParams {
        characteristics_ci: Some(CI_FIELDS.to_vec()),
        team: Some(TEAM_FIELDS.to_vec()),
        permissions: Some(PERMISSIONS.to_vec()),
    };
    Call::new(ActionVerb::Read, "basicsettings", params)
}

/// `read basicsettings`, with the parameters the server parses.
pub type BasicSettings = Call<BasicSettingsParams>;

impl Call<BasicSettingsParams> {
    /// Only the characteristics/CI settings named (logo, colours, claim, …).
    pub fn only_ci<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        let wanted: Vec<&str> = names.into_iter().collect();
        let params = self.params_mut();
        params.characteristics_ci = Some(
            CI_FIELDS
                .iter()
                .copied()
                .filter(|f| wanted.contains(f))
                .collect(),
        );
        params.team = None;
        params.permissions = None;
        self
    }
}
