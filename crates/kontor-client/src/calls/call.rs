//! What every builder of [`crate::calls`] is: a call's typed parameters together with what
//! the action addresses.

use kontor_proto::calls::CallParams;
use kontor_proto::ActionVerb;

use crate::Action;

/// Typed parameters (the type the server parses) with the verb, the resource type and the
/// resource id of their action; `.into()` makes the [`Action`].
#[derive(Debug, Clone, PartialEq)]
pub struct Call<P> {
    verb: ActionVerb,
    resourcetype: &'static str,
    /// A record id, or a sub-selector such as `address` for `get search`.
    resourceid: Option<String>,
    params: P,
}

impl<P> Call<P> {
    pub(crate) fn new(verb: ActionVerb, resourcetype: &'static str, params: P) -> Call<P> {
        Call {
            verb,
            resourcetype,
            resourceid: None,
            params,
        }
    }

    /// The record the action is about (`resourceid`); a read of one record ignores the
    /// filter.
    pub fn id(mut self, id: i64) -> Self {
        self.resourceid = Some(id.to_string());
        self
    }

    /// A resource id that is not a record id (`get search`'s `address`, `estate`).
    pub(crate) fn on(mut self, resource: &str) -> Self {
        self.resourceid = Some(resource.to_string());
        self
    }

    /// The typed parameters.
    pub fn params(&self) -> &P {
        &self.params
    }

    /// The typed parameters, for what the builder's methods do not cover.
    pub fn params_mut(&mut self) -> &mut P {
        &mut self.params
    }

    pub fn verb(&self) -> ActionVerb {
        self.verb
    }
}

impl<P: CallParams> From<Call<P>> for Action {
    fn from(call: Call<P>) -> Action {
        let action =
            Action::new(call.verb, call.resourcetype).with_parameters(call.params.to_parameters());
        match call.resourceid {
            Some(id) => action.resource_id(id),
            None => action,
        }
    }
}
