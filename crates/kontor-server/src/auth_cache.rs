//! A short-lived cache of authenticated API users, so that a busy client does not cost a
//! database round trip and a decryption per request.
//!
//! Entries live [`TTL`]: a rotated secret or a new API user takes effect within that time,
//! also across several Kontor processes sharing one database.

use std::time::{Duration, Instant};

use kontor_store::AuthenticatedUser;
use quick_cache::sync::Cache;

/// How long an authentication is reused.
pub(crate) const TTL: Duration = Duration::from_secs(2);
/// Tokens remembered at most; beyond it the least used are evicted.
const MAX_ENTRIES: usize = 10_000;

pub(crate) struct AuthCache {
    entries: Cache<String, (Instant, AuthenticatedUser)>,
}

impl std::fmt::Debug for AuthCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthCache")
            .field("tokens", &self.entries.len())
            .finish()
    }
}

impl Default for AuthCache {
    fn default() -> Self {
        AuthCache {
            entries: Cache::new(MAX_ENTRIES),
        }
    }
}

impl AuthCache {
    pub(crate) fn get(&self, token: &str) -> Option<AuthenticatedUser> {
        self.entries
            .get(token)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, user)| user)
    }

    pub(crate) fn put(&self, token: &str, user: &AuthenticatedUser) {
        self.entries
            .insert(token.to_string(), (Instant::now(), user.clone()));
    }
}
