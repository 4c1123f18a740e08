//! `create task`.

use kontor_proto::calls::task::{CreateParams, RESOURCE_TYPE};
use serde_json::Value;

use crate::{Action, ActionVerb};

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
    Create(params)
}

#[derive(Debug, Clone)]
pub struct Create(pub CreateParams);

impl Create {
    /// Any task field (`Aufgabe`, `Prio`, `Status`, `Deadline`, `Verantwortung`, …).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.0.data.insert(name.into(), value.into());
        self
    }

    pub fn address(mut self, id: i64) -> Self {
        self.0.related_address_id = Some(id);
        self
    }

    pub fn estate(mut self, id: i64) -> Self {
        self.0.related_estate_id = Some(id);
        self
    }
}

impl From<Create> for Action {
    fn from(create: Create) -> Action {
        Action::new(ActionVerb::Create, RESOURCE_TYPE).with_parameters(create.0.to_parameters())
    }
}
