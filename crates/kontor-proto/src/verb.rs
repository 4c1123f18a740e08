//! The six action verbs, parsed from their URNs.

use std::fmt;

/// The common prefix of every action id: `urn:onoffice-de-ns:smart:2.5:smartml:action:<verb>`.
pub const ACTION_URN_PREFIX: &str = "urn:onoffice-de-ns:smart:2.5:smartml:action:";

/// What an action does. The wire carries the full URN; inside Kontor only this enum travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionVerb {
    Read,
    Create,
    Modify,
    Delete,
    Get,
    Do,
}

impl ActionVerb {
    pub const ALL: [ActionVerb; 6] = [
        ActionVerb::Read,
        ActionVerb::Create,
        ActionVerb::Modify,
        ActionVerb::Delete,
        ActionVerb::Get,
        ActionVerb::Do,
    ];

    /// Parses a full action URN. Unknown or misspelt URNs give `None`; the caller answers
    /// them with error 23 ("Missing configuration for actionId").
    pub fn from_urn(urn: &str) -> Option<ActionVerb> {
        let verb = urn.strip_prefix(ACTION_URN_PREFIX)?;
        ActionVerb::from_name(verb)
    }

    /// Parses the short name (`read`, `get`, …), as typed on the command line.
    pub fn from_name(name: &str) -> Option<ActionVerb> {
        ActionVerb::ALL.into_iter().find(|v| v.name() == name)
    }

    pub const fn name(self) -> &'static str {
        match self {
            ActionVerb::Read => "read",
            ActionVerb::Create => "create",
            ActionVerb::Modify => "modify",
            ActionVerb::Delete => "delete",
            ActionVerb::Get => "get",
            ActionVerb::Do => "do",
        }
    }

    pub fn urn(self) -> String {
        format!("{ACTION_URN_PREFIX}{}", self.name())
    }

    /// The docs say every read and get is cacheable; writes never are.
    pub const fn cacheable(self) -> bool {
        matches!(self, ActionVerb::Read | ActionVerb::Get)
    }
}

impl fmt::Display for ActionVerb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urns_round_trip_and_unknown_ones_are_refused() {
        for verb in ActionVerb::ALL {
            assert_eq!(ActionVerb::from_urn(&verb.urn()), Some(verb));
        }
        assert_eq!(
            ActionVerb::from_urn("urn:onoffice-de-ns:smart:2.5:smartml:action:Read"),
            None
        );
        assert_eq!(ActionVerb::from_urn("read"), None);
        assert_eq!(ActionVerb::from_urn(""), None);
    }
}
