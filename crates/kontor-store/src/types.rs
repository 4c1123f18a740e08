//! The store's own types: ids and names parsed once, records as handlers see them.

use std::collections::BTreeMap;
use std::fmt;

use kontor_proto::{ApiSecret, ApiToken, Language};

/// A tenant's database id. Every record query is scoped by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenantId(pub i64);

/// An API user's database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiUserId(pub i64);

/// A tenant name: 1 to 63 characters of `a-z`, `0-9`, `-` and `_`, starting with a letter or
/// digit, so that it is safe in URLs, file names and log lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantName(String);

impl TenantName {
    pub fn parse(text: &str) -> Result<TenantName, String> {
        let ok_start = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let ok_chars = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if ok_start && ok_chars && text.len() <= 63 {
            Ok(TenantName(text.to_string()))
        } else {
            Err(format!(
                "tenant name {text:?} is not valid: use 1 to 63 characters of a-z, 0-9, '-' and '_', starting with a letter or digit"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TenantName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub name: TenantName,
    pub uuid: String,
    pub created_at: i64,
}

/// What the server needs to check a request: who it is and the secret to verify with.
#[derive(Debug, Clone)]
pub struct AuthenticatedUser {
    pub tenant: TenantId,
    pub tenant_name: String,
    pub api_user: ApiUserId,
    pub secret: String,
}

/// An API user as listed by the admin commands (never with its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiUserInfo {
    pub id: ApiUserId,
    pub tenant: String,
    pub token: String,
    pub active: bool,
    pub created_at: i64,
    pub rotated_at: Option<i64>,
}

/// Credentials as created, to be shown once to their owner.
#[derive(Debug, Clone)]
pub struct NewCredentials {
    pub token: ApiToken,
    pub secret: ApiSecret,
}

/// Labels per language, stored as a JSON object `{"DEU": …, "ENG": …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels(pub BTreeMap<String, String>);

impl Labels {
    pub fn new(deu: &str, eng: &str) -> Labels {
        Labels(BTreeMap::from([
            ("DEU".to_string(), deu.to_string()),
            ("ENG".to_string(), eng.to_string()),
        ]))
    }

    /// The label in `lang`, else English, else German: a missing translation shows a label
    /// a user can read rather than an empty string.
    pub fn get(&self, lang: Language) -> &str {
        [lang.as_str(), "ENG", "DEU"]
            .iter()
            .find_map(|l| self.0.get(*l))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A kind of action of the agents log with its types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionKind {
    pub key: String,
    pub labels: Labels,
    pub default_type: String,
    pub types: Vec<ActionType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionType {
    pub key: String,
    pub labels: Labels,
    /// Set for types referenced by number elsewhere (task `Art`).
    pub database_id: Option<i64>,
    /// System types that clients see only when they ask for them.
    pub automatic: bool,
}
