//! Totals (`cntabsolute`) of recent queries, valid while their module's write generation is
//! unchanged. Counting every match is the one part of a list read that grows with the data;
//! websites repeat the same listing queries, so the same count is asked for again and again.

use std::collections::HashMap;
use std::sync::Mutex;

/// Entries kept before the cache starts over; a few MB at most.
const MAX_ENTRIES: usize = 20_000;

pub(crate) type Key = (i64, &'static str, String);

#[derive(Debug, Default)]
pub struct CountCache {
    entries: Mutex<HashMap<Key, (i64, u64)>>,
}

impl CountCache {
    pub(crate) fn get(&self, key: &Key, generation: i64) -> Option<u64> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, count)| *count)
    }

    pub(crate) fn put(&self, key: Key, generation: i64, count: u64) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, (generation, count));
        }
    }
}
