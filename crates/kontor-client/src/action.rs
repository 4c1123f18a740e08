//! One action as the caller describes it, before it is signed.

use std::fmt;

use kontor_proto::ActionVerb;
use serde_json::{Map, Value};

/// An action: verb, resource type, optional resource id and identifier, and parameters.
///
/// The generic form of every call; the typed builders in [`calls`](crate::calls) produce
/// these too. Signing happens at send time, so an `Action` can be kept and sent again.
///
/// ```
/// use kontor_client::Action;
/// use kontor_proto::ActionVerb;
/// use serde_json::json;
///
/// let action = Action::new(ActionVerb::Get, "actionkindtypes").param("lang", "ENG");
/// assert_eq!(action.parameters()["lang"], json!("ENG"));
/// let one = Action::new(ActionVerb::Read, "estate").resource_id(42);
/// assert_eq!(one.resourceid(), "42");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    verb: ActionVerb,
    resourcetype: String,
    resourceid: String,
    identifier: String,
    parameters: Map<String, Value>,
}

impl Action {
    pub fn new(verb: ActionVerb, resourcetype: impl Into<String>) -> Action {
        Action {
            verb,
            resourcetype: resourcetype.into(),
            resourceid: String::new(),
            identifier: String::new(),
            parameters: Map::new(),
        }
    }

    /// The record (`42`) or sub-selector (`"estate"` for `get search`) the action is about.
    pub fn resource_id(mut self, id: impl fmt::Display) -> Self {
        self.resourceid = id.to_string();
        self
    }

    /// A free label the server echoes in the result.
    pub fn identifier(mut self, identifier: impl Into<String>) -> Self {
        self.identifier = identifier.into();
        self
    }

    /// Sets one parameter; any JSON value.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// Replaces all parameters.
    pub fn with_parameters(mut self, parameters: Map<String, Value>) -> Self {
        self.parameters = parameters;
        self
    }

    pub fn verb(&self) -> ActionVerb {
        self.verb
    }

    pub fn resourcetype(&self) -> &str {
        &self.resourcetype
    }

    pub fn resourceid(&self) -> &str {
        &self.resourceid
    }

    pub fn identifier_str(&self) -> &str {
        &self.identifier
    }

    pub fn parameters(&self) -> &Map<String, Value> {
        &self.parameters
    }

    pub fn parameters_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.parameters
    }

    /// The key a cache stores this action's result under.
    pub fn cache_key(&self) -> CacheKey {
        CacheKey::of(self)
    }
}

/// What identifies a cacheable result: verb, resource type, resource id and parameters.
///
/// The identifier, timestamp and HMAC are left out (they change with every send and do not
/// change the answer). Parameters are compared after sorting their top level, the order in
/// which they go on the wire, so `{"a":1,"b":2}` and `{"b":2,"a":1}` share one entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey(String);

impl CacheKey {
    fn of(action: &Action) -> CacheKey {
        let parameters = crate::sign::wire_parameters(&action.parameters);
        CacheKey(format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{parameters}",
            action.verb.name(),
            action.resourcetype,
            action.resourceid
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_keys_ignore_identifier_and_parameter_order_but_not_values() {
        let a = Action::new(ActionVerb::Get, "fields")
            .param("modules", vec!["estate"])
            .param("language", "ENG")
            .identifier("one");
        let b = Action::new(ActionVerb::Get, "fields")
            .param("language", "ENG")
            .param("modules", vec!["estate"])
            .identifier("two");
        assert_eq!(a.cache_key(), b.cache_key());
        let c = b.clone().param("language", "DEU");
        assert_ne!(a.cache_key(), c.cache_key());
        let d = a.clone().resource_id("x");
        assert_ne!(a.cache_key(), d.cache_key());
    }
}
