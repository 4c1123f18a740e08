//! `get fields`: the field configuration per module. Slow on the real API (seconds) and
//! marked cacheable: a client with a cache asks once.

use serde_json::Value;

use crate::{Action, ActionVerb, Language};

/// `get fields`.
///
/// ```
/// use kontor_client::{calls, Action, Language};
///
/// let action: Action = calls::fields::get().modules(["estate"]).labels(Language::ENG).into();
/// assert_eq!(action.parameters()["modules"][0], "estate");
/// assert_eq!(action.parameters()["labels"], true);
/// ```
pub fn get() -> Get {
    Get(Action::new(ActionVerb::Get, "fields"))
}

#[derive(Debug, Clone)]
pub struct Get(Action);

impl Get {
    /// Only these modules (`estate`, `address`, …); all when not set.
    pub fn modules<I, S>(self, modules: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list: Vec<Value> = modules
            .into_iter()
            .map(|m| Value::String(m.into()))
            .collect();
        Get(self.0.param("modules", list))
    }

    /// Only these fields.
    pub fn fields<I, S>(self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list: Vec<Value> = fields
            .into_iter()
            .map(|f| Value::String(f.into()))
            .collect();
        Get(self.0.param("fieldList", list))
    }

    /// Include labels, in `language`.
    pub fn labels(self, language: Language) -> Self {
        Get(self
            .0
            .param("labels", true)
            .param("language", language.to_string()))
    }
}

impl From<Get> for Action {
    fn from(get: Get) -> Action {
        get.0
    }
}
