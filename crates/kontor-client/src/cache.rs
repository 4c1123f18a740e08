//! Caches for the results of reads and gets that the server marks `cacheable`.
//!
//! The client asks the cache before it sends an action and leaves cached actions out of the
//! request, as the PHP SDK does. It stores a result only when three things hold: the verb is
//! `read` or `get`, the result says `"cacheable": true`, and the action succeeded. Writes are
//! never cached and never answered from a cache.

use std::fmt;
use std::time::{Duration, Instant};

use kontor_proto::ActionResult;

use crate::CacheKey;

/// A store for cacheable results. Implement it for Redis, a file, … ; [`MemoryCache`] is the
/// one in the box.
///
/// The methods are synchronous because the client calls them around a network round trip that
/// dwarfs a local lookup; an implementation backed by a remote store should answer from a
/// local copy or keep its own runtime.
pub trait Cache: Send + Sync + fmt::Debug {
    /// The result stored under `key`, if any and still fresh.
    fn get(&self, key: &CacheKey) -> Option<ActionResult>;
    /// Stores a result. Only called for successful, cacheable results of reads and gets.
    fn put(&self, key: CacheKey, result: &ActionResult);
    /// Forgets everything.
    fn clear(&self);
}

/// An in-memory cache whose entries expire after a time to live.
///
/// ```
/// use std::time::Duration;
/// use kontor_client::{Action, Cache, MemoryCache};
/// use kontor_proto::{ActionVerb, ActionResult};
///
/// let cache = MemoryCache::new(Duration::from_secs(3600));
/// let key = Action::new(ActionVerb::Get, "fields").param("modules", vec!["estate"]).cache_key();
/// assert!(cache.get(&key).is_none());
/// let result: ActionResult = serde_json::from_str(r#"{"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:get",
///   "resourceid":"","resourcetype":"fields","cacheable":true,"identifier":"",
///   "data":{"meta":{"cntabsolute":null},"records":[]},"status":{"errorcode":0,"message":"OK"}}"#)?;
/// cache.put(key.clone(), &result);
/// assert_eq!(cache.get(&key).map(|r| r.resourcetype), Some("fields".to_string()));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct MemoryCache {
    ttl: Duration,
    /// Bounded, so that a long paging walk cannot grow the process without bound: beyond
    /// the bound the least used entries are evicted (S3-FIFO).
    entries: quick_cache::sync::Cache<CacheKey, (Instant, ActionResult)>,
}

impl MemoryCache {
    /// Entries live for `ttl` (the WordPress plugin uses one hour); at most 10,000 are kept.
    pub fn new(ttl: Duration) -> MemoryCache {
        MemoryCache {
            ttl,
            entries: quick_cache::sync::Cache::new(10_000),
        }
    }

    /// Keeps at most `max` entries (emptying the cache).
    pub fn max_entries(mut self, max: usize) -> Self {
        self.entries = quick_cache::sync::Cache::new(max.max(1));
        self
    }

    /// How many entries are stored, fresh or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryCache")
            .field("ttl", &self.ttl)
            .field("entries", &self.len())
            .finish()
    }
}

impl Cache for MemoryCache {
    fn get(&self, key: &CacheKey) -> Option<ActionResult> {
        match self.entries.get(key) {
            Some((stored, result)) if stored.elapsed() < self.ttl => Some(result),
            Some(_) => {
                self.entries.remove(key);
                None
            }
            None => None,
        }
    }

    fn put(&self, key: CacheKey, result: &ActionResult) {
        self.entries.insert(key, (Instant::now(), result.clone()));
    }

    fn clear(&self) {
        self.entries.clear();
    }
}
