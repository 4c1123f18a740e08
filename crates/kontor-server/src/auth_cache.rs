//! A short-lived cache of authenticated API users, so that a busy client does not cost a
//! database round trip and a decryption per request.
//!
//! Entries live [`TTL`]: a rotated secret or a new API user takes effect within that time,
//! also across several Kontor processes sharing one database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kontor_store::AuthenticatedUser;

/// How long an authentication is reused.
pub(crate) const TTL: Duration = Duration::from_secs(2);
/// Tokens remembered at most; the cache starts over beyond it.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub(crate) struct AuthCache {
    entries: Mutex<HashMap<String, (Instant, AuthenticatedUser)>>,
}

impl AuthCache {
    pub(crate) fn get(&self, token: &str) -> Option<AuthenticatedUser> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(token)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, user)| user.clone())
    }

    pub(crate) fn put(&self, token: &str, user: &AuthenticatedUser) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(token.to_string(), (Instant::now(), user.clone()));
        }
    }
}
