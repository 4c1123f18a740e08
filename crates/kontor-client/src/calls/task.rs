//! `create task`.

use kontor_proto::calls::task::{CreateParams, RESOURCE_TYPE};
use serde_json::Value;

use super::Call;
use crate::ActionVerb;

/// A new task with this subject (`Betreff`).
///
/// ```
/// use kontor_client::{calls::task, Action};
///
/// let t: Action = task::create("Prepare the exposé").field("Prio", 2).estate(12).into();
/// assert_eq!(t.parameters()["data"]["Betreff"], "Prepare the exposé");
/// assert_eq!(t.parameters()["relatedEstateId"], 12);
/// ```
pub fn create(subject: impl Into<String>) -> Create {
    let mut params = CreateParams::default();
    params
        .data
        .insert("Betreff".into(), Value::String(subject.into()));
    Call::new(ActionVerb::Create, RESOURCE_TYPE, params)
}

/// `create task`, with the parameters the server parses.
pub type Create = Call<CreateParams>;

impl Call<CreateParams> {
    /// Any task field (`Aufgabe`, `Prio`, `Status`, `Deadline`, `Verantwortung`, …).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.params_mut().data.insert(name.into(), value.into());
        self
    }

    pub fn address(mut self, id: i64) -> Self {
        self.params_mut().related_address_id = Some(id);
        self
    }

    pub fn estate(mut self, id: i64) -> Self {
        self.params_mut().related_estate_id = Some(id);
        self
    }
}
