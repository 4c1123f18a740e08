//! `create calendar` (an appointment) and `get appointmentList`.

use kontor_proto::calls::calendar::{CreateParams, RESOURCE_TYPE};
use serde_json::Value;

use super::Call;
use crate::{Action, ActionVerb};

/// A new appointment from `start` to `end` (`Y-m-d H:i:s`).
///
/// ```
/// use kontor_client::{calls::appointment, Action};
///
/// let a: Action = appointment::create("2026-05-04 10:00:00", "2026-05-04 11:00:00")
///     .field("description", "Viewing")
///     .addresses([301])
///     .into();
/// assert_eq!(a.parameters()["data"]["start_dt"], "2026-05-04 10:00:00");
/// assert_eq!(a.parameters()["relatedAddressIds"][0], 301);
/// ```
pub fn create(start: impl Into<String>, end: impl Into<String>) -> Create {
    let mut params = CreateParams::default();
    params
        .data
        .insert("start_dt".into(), Value::String(start.into()));
    params
        .data
        .insert("end_dt".into(), Value::String(end.into()));
    Call::new(ActionVerb::Create, RESOURCE_TYPE, params)
}

/// `get appointmentList` between two dates (`Y-m-d`).
pub fn list(from: impl Into<String>, to: impl Into<String>) -> Action {
    Action::new(ActionVerb::Get, "appointmentList")
        .param("datestart", from.into())
        .param("dateend", to.into())
}

/// `create calendar`, with the parameters the server parses.
pub type Create = Call<CreateParams>;

impl Call<CreateParams> {
    /// Any appointment field (`description`, `art`, `note`, `ganztags`, …).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.params_mut().data.insert(name.into(), value.into());
        self
    }

    pub fn addresses(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.params_mut().related_address_ids = ids.into_iter().collect();
        self
    }

    pub fn estate(mut self, id: i64) -> Self {
        self.params_mut().related_estate_id = Some(id);
        self
    }
}
