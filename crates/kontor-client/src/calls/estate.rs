//! `read`, `create` and `modify estate`. Estate writes carry their fields in `data`.

use serde_json::{Map, Value};

use super::Read;
use crate::{Action, ActionVerb};

pub const RESOURCE_TYPE: &str = "estate";

/// `read estate`; see [`Read`].
pub fn read() -> Read {
    Read::read(RESOURCE_TYPE)
}

/// `create estate` with these field values.
///
/// ```
/// use kontor_client::{calls::estate, Action};
/// use serde_json::json;
///
/// let action: Action = estate::create(json!({"kaufpreis": 250000, "ort": "Aachen"})).into();
/// assert_eq!(action.parameters()["data"]["ort"], "Aachen");
/// ```
pub fn create(data: Value) -> Write {
    Write {
        verb: ActionVerb::Create,
        id: None,
        data,
    }
}

/// `modify estate` `id`, setting these field values.
pub fn modify(id: i64, data: Value) -> Write {
    Write {
        verb: ActionVerb::Modify,
        id: Some(id),
        data,
    }
}

/// An estate create or modify.
#[derive(Debug, Clone)]
pub struct Write {
    verb: ActionVerb,
    id: Option<i64>,
    data: Value,
}

impl From<Write> for Action {
    fn from(write: Write) -> Action {
        let mut parameters = Map::new();
        parameters.insert("data".into(), write.data);
        let action = Action::new(write.verb, RESOURCE_TYPE).with_parameters(parameters);
        match write.id {
            Some(id) => action.resource_id(id),
            None => action,
        }
    }
}
