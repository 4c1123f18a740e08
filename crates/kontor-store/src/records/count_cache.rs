//! Totals (`cntabsolute`) of recent queries, valid while their module's write generation is
//! unchanged. Counting every match is the one part of a list read that grows with the data;
//! websites repeat the same listing queries, so the same count is asked for again and again.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::carry::CarrySpec;
use crate::cache::GenerationCache;

/// Counts kept; a few MB at most. The least asked are evicted first.
const MAX_ENTRIES: usize = 20_000;

pub(crate) type Key = (i64, &'static str, String);

#[derive(Debug)]
pub struct CountCache {
    entries: GenerationCache<Key, Entry>,
}

impl Default for CountCache {
    fn default() -> Self {
        CountCache {
            entries: GenerationCache::new(MAX_ENTRIES),
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    count: u64,
    /// How to keep the count through a create (`carry.rs`); `None`: dropped by any write.
    carry: Option<Arc<CarrySpec>>,
}

impl CountCache {
    pub(crate) fn get(&self, key: &Key, generation: i64) -> Option<u64> {
        self.entries.get(key, generation).map(|e| e.count)
    }

    pub(crate) fn put(&self, key: Key, generation: i64, count: u64, carry: Option<Arc<CarrySpec>>) {
        self.entries.put(key, generation, Entry { count, carry });
    }

    /// Counts held under `generation`.
    #[cfg(test)]
    pub(crate) fn held_under(&self, generation: i64) -> usize {
        self.entries
            .keys_where(|_, e| e.generation == generation)
            .len()
    }

    /// After a create that took the module from generation `before` to `before + 1` with
    /// `docs`: every carried count of that generation gets the new matches and the new
    /// generation. A count of any other generation was made before another write this
    /// create knows nothing of, and stays behind (a later read counts again).
    pub(crate) fn carry(
        &self,
        tenant: i64,
        module: &'static str,
        before: i64,
        docs: &[Map<String, Value>],
    ) {
        let keys = self.entries.keys_where(|key, e| {
            key.0 == tenant && key.1 == module && e.generation == before && e.value.carry.is_some()
        });
        for key in keys {
            // Checked again under the entry's lock: another create may have carried it.
            self.entries.update(&key, |e| {
                let Some(spec) = &e.value.carry else {
                    return;
                };
                if e.generation == before {
                    e.value.count += docs.iter().filter(|d| spec.matches(d)).count() as u64;
                    e.generation = before + 1;
                }
            });
        }
    }
}
