//! `read`, `create` and `modify address`. Unlike estates, address writes put their fields
//! flat in `parameters`, without a `data` object.

use serde_json::{Map, Value};

use super::Read;
use crate::{Action, ActionVerb};

pub const RESOURCE_TYPE: &str = "address";

/// `read address`; see [`Read`].
pub fn read() -> Read {
    Read::read(RESOURCE_TYPE)
}

/// `create address` with these fields (`Vorname`, `Name`, `email`, …).
///
/// ```
/// use kontor_client::{calls::address, Action};
///
/// let action: Action = address::create()
///     .field("Vorname", "Erika")
///     .field("Name", "Mustermann")
///     .field("email", "erika@example.org")
///     .into();
/// assert_eq!(action.parameters()["Name"], "Mustermann");
/// assert!(action.parameters().get("data").is_none());
/// ```
pub fn create() -> Write {
    Write {
        verb: ActionVerb::Create,
        id: None,
        fields: Map::new(),
    }
}

/// `modify address` `id`.
pub fn modify(id: i64) -> Write {
    Write {
        verb: ActionVerb::Modify,
        id: Some(id),
        fields: Map::new(),
    }
}

/// An address create or modify.
#[derive(Debug, Clone)]
pub struct Write {
    verb: ActionVerb,
    id: Option<i64>,
    fields: Map<String, Value>,
}

impl Write {
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields.insert(name.into(), value.into());
        self
    }

    /// With `create`: update the address with the same e-mail instead of adding a duplicate.
    pub fn check_duplicate(self) -> Self {
        self.field("checkDuplicate", true)
    }
}

impl From<Write> for Action {
    fn from(write: Write) -> Action {
        let action = Action::new(write.verb, RESOURCE_TYPE).with_parameters(write.fields);
        match write.id {
            Some(id) => action.resource_id(id),
            None => action,
        }
    }
}
