//! Totals (`cntabsolute`) of recent queries, valid while their module's write generation is
//! unchanged. Counting every match is the one part of a list read that grows with the data;
//! websites repeat the same listing queries, so the same count is asked for again and again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use super::carry::CarrySpec;

/// Entries kept before the cache starts over; a few MB at most.
const MAX_ENTRIES: usize = 20_000;

pub(crate) type Key = (i64, &'static str, String);

#[derive(Debug, Default)]
pub struct CountCache {
    entries: Mutex<HashMap<Key, Entry>>,
}

#[derive(Debug)]
struct Entry {
    generation: i64,
    count: u64,
    /// How to keep the count through a create (`carry.rs`); `None`: dropped by any write.
    carry: Option<Arc<CarrySpec>>,
}

impl CountCache {
    pub(crate) fn get(&self, key: &Key, generation: i64) -> Option<u64> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|e| e.generation == generation)
            .map(|e| e.count)
    }

    pub(crate) fn put(&self, key: Key, generation: i64, count: u64, carry: Option<Arc<CarrySpec>>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                key,
                Entry {
                    generation,
                    count,
                    carry,
                },
            );
        }
    }

    /// Counts held under `generation`.
    #[cfg(test)]
    pub(crate) fn held_under(&self, generation: i64) -> usize {
        self.entries
            .lock()
            .map(|e| e.values().filter(|x| x.generation == generation).count())
            .unwrap_or(0)
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
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        for (key, entry) in entries.iter_mut() {
            if key.0 != tenant || key.1 != module || entry.generation != before {
                continue;
            }
            let Some(spec) = &entry.carry else {
                continue;
            };
            entry.count += docs.iter().filter(|d| spec.matches(d)).count() as u64;
            entry.generation = before + 1;
        }
    }
}
