//! The sorted value sets range counts search (`range_count.rs`), per (tenant, module, rest),
//! valid for one write generation and bounded by their memory.

use std::sync::Arc;

use quick_cache::Weighter;

use super::columns::column_value;
use super::range_count::{RangeCarry, Sorted, MAX_ENTRY_BYTES};
use super::sql::Bind;
use crate::cache::{GenerationCache, Stamped};

/// Memory for sorted values of all tenants; beyond it the least asked sets are evicted.
const MAX_BYTES: u64 = 48 * 1024 * 1024;

/// What the cache knows of a rest in a generation.
pub(crate) enum Lookup {
    Ready(Arc<Sorted>),
    /// Asked for once in this generation: worth loading now.
    SeenOnce,
    /// First time, or known too big to keep in this generation: count by SQL.
    Unknown,
}

/// An entry: nothing loaded yet, loaded values, or values too big to keep (not loaded again
/// in this generation, because loading them is a scan that would be thrown away).
#[derive(Debug, Clone)]
enum Held {
    Seen,
    /// One reader is loading the values; a failed load leaves this until the next write.
    Loading,
    Values(Arc<Sorted>),
    TooBig,
}

#[derive(Debug, Clone)]
struct Entry {
    held: Held,
    /// How the loaded set is kept through creates, where it can be.
    carry: Option<Arc<RangeCarry>>,
}

impl Entry {
    fn seen() -> Entry {
        Entry {
            held: Held::Seen,
            carry: None,
        }
    }
}

pub(crate) type Key = (i64, &'static str, String);

/// An entry weighs its values' memory, or its key's when it holds none.
#[derive(Debug, Clone)]
struct ByMemory;

impl Weighter<Key, Stamped<Entry>> for ByMemory {
    fn weight(&self, key: &Key, entry: &Stamped<Entry>) -> u64 {
        let values = match &entry.value.held {
            Held::Values(sorted) => sorted.bytes(),
            _ => 0,
        };
        (key.2.len() + values).max(1) as u64
    }
}

/// Sorted values per (tenant, module, rest), valid for one write generation.
#[derive(Debug)]
pub struct RangeCache {
    entries: GenerationCache<Key, Entry, ByMemory>,
}

impl Default for RangeCache {
    fn default() -> Self {
        RangeCache {
            entries: GenerationCache::weighted(10_000, MAX_BYTES, ByMemory),
        }
    }
}

impl RangeCache {
    /// The loaded values of `key` in `generation`, without remembering the ask.
    pub(crate) fn peek(&self, key: &Key, generation: i64) -> Option<Arc<Sorted>> {
        match self.entries.get(key, generation)?.held {
            Held::Values(sorted) => Some(sorted),
            _ => None,
        }
    }

    /// Looks `key` up, and remembers that it was asked for.
    pub(crate) fn lookup(&self, key: &Key, generation: i64) -> Lookup {
        let found = self.entries.update(key, |e| {
            if e.generation != generation {
                *e = Stamped {
                    generation,
                    value: Entry::seen(),
                };
                return Lookup::Unknown;
            }
            match &e.value.held {
                Held::Values(sorted) => Lookup::Ready(sorted.clone()),
                Held::Seen => {
                    // One reader loads; the others count by SQL meanwhile instead of each
                    // loading a copy (sixteen clients asking at once did, and a million
                    // texts held sixteen times grew the process by hundreds of MiB).
                    e.value.held = Held::Loading;
                    Lookup::SeenOnce
                }
                Held::Loading | Held::TooBig => Lookup::Unknown,
            }
        });
        found.unwrap_or_else(|| {
            self.entries.put(key.clone(), generation, Entry::seen());
            Lookup::Unknown
        })
    }

    pub(crate) fn put(
        &self,
        key: Key,
        generation: i64,
        sorted: Arc<Sorted>,
        carry: Option<Arc<RangeCarry>>,
    ) {
        let entry = if sorted.bytes() > MAX_ENTRY_BYTES {
            Entry {
                held: Held::TooBig,
                carry: None,
            }
        } else {
            Entry {
                held: Held::Values(sorted),
                carry,
            }
        };
        self.entries.put(key, generation, entry);
    }

    /// Value sets holding values added by creates.
    #[cfg(test)]
    pub(crate) fn layered_sets(&self) -> usize {
        self.entries
            .keys_where(|_, e| {
                matches!(&e.value.held, Held::Values(s) if matches!(**s, Sorted::Layered { .. }))
            })
            .len()
    }

    /// Whether a set of values is loaded for a rest whose key names `name`.
    #[cfg(test)]
    pub(crate) fn holds_values_for(&self, name: &str) -> bool {
        !self
            .entries
            .keys_where(|k, e| k.2.contains(name) && matches!(e.value.held, Held::Values(_)))
            .is_empty()
    }

    /// After a create that took the module from generation `before` to `before + 1` with
    /// `docs`: every value set of that generation that can be carried gets the values of the
    /// new records of its rest, and the new generation (as `CountCache::carry` does).
    pub(crate) fn carry(
        &self,
        tenant: i64,
        module: &'static str,
        before: i64,
        docs: &[serde_json::Map<String, serde_json::Value>],
    ) {
        let keys = self.entries.keys_where(|key, e| {
            key.0 == tenant
                && key.1 == module
                && e.generation == before
                && e.value.carry.is_some()
                && matches!(e.value.held, Held::Values(_))
        });
        for key in keys {
            self.entries.update(&key, |e| {
                // Checked again under the entry's lock: another create may have carried it.
                let (Held::Values(sorted), Some(carry)) = (&e.value.held, &e.value.carry) else {
                    return;
                };
                if e.generation != before {
                    return;
                }
                let added: Vec<Bind> = docs
                    .iter()
                    .filter(|d| carry.rest.matches(d))
                    .map(|d| column_value(carry.column, d.get(carry.column.field)))
                    .collect();
                if added.is_empty() {
                    e.generation = before + 1;
                    return;
                }
                // Too many added, or of another kind: left behind, loaded anew when asked.
                let Some(grown) = sorted.with_added(added) else {
                    return;
                };
                e.value.held = Held::Values(Arc::new(grown));
                e.generation = before + 1;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_set_is_loaded_on_the_second_ask_and_dropped_by_a_write() {
        let cache = RangeCache::default();
        let key: Key = (1, "estate", "k".into());
        assert!(matches!(cache.lookup(&key, 3), Lookup::Unknown));
        assert!(matches!(cache.lookup(&key, 3), Lookup::SeenOnce));
        assert!(
            matches!(cache.lookup(&key, 3), Lookup::Unknown),
            "one reader loads; the others count by SQL meanwhile"
        );
        cache.put(
            key.clone(),
            3,
            Arc::new(Sorted::from_reals(vec![1.0])),
            None,
        );
        assert!(matches!(cache.lookup(&key, 3), Lookup::Ready(_)));
        assert!(
            matches!(cache.lookup(&key, 4), Lookup::Unknown),
            "a write happened"
        );
        assert!(matches!(cache.lookup(&key, 4), Lookup::SeenOnce));
        let big = vec![0.0; MAX_ENTRY_BYTES / 8 + 1];
        cache.put(key.clone(), 4, Arc::new(Sorted::from_reals(big)), None);
        assert!(
            matches!(cache.lookup(&key, 4), Lookup::Unknown),
            "too big: counted by SQL, and not loaded again"
        );
        assert!(matches!(cache.lookup(&key, 4), Lookup::Unknown));
    }
}
