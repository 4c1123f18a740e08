//! Bounded caches of values that hold while the generation they were made under is current.
//!
//! Counts, value sets, field configurations and rendered answers are all valid exactly while
//! nothing was written since: each entry carries the write generation it was computed under
//! and is only handed out under that same generation. The entries live in a `quick_cache`
//! (S3-FIFO eviction, sharded locks, no background threads), bounded by entries or by
//! weight, so a full cache evicts what is asked for least instead of starting over.

use std::hash::Hash;

use quick_cache::sync::{Cache, EntryAction, EntryResult};
use quick_cache::{UnitWeighter, Weighter};

/// A value and the generation it was made under.
#[derive(Debug, Clone)]
pub struct Stamped<V> {
    pub generation: i64,
    pub value: V,
}

/// A bounded map from keys to [`Stamped`] values.
pub struct GenerationCache<K, V, W = UnitWeighter> {
    entries: Cache<K, Stamped<V>, W>,
}

impl<K, V, W> std::fmt::Debug for GenerationCache<K, V, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GenerationCache").finish_non_exhaustive()
    }
}

impl<K: Eq + Hash + Clone, V: Clone> GenerationCache<K, V, UnitWeighter> {
    /// A cache of at most `max_entries` entries.
    pub fn new(max_entries: usize) -> Self {
        GenerationCache {
            entries: Cache::new(max_entries.max(1)),
        }
    }
}

impl<K, V, W> GenerationCache<K, V, W>
where
    K: Eq + Hash + Clone,
    V: Clone,
    W: Weighter<K, Stamped<V>> + Clone,
{
    /// A cache whose entries together weigh at most `max_weight`; `estimated_entries` sizes
    /// its tables.
    pub fn weighted(estimated_entries: usize, max_weight: u64, weighter: W) -> Self {
        GenerationCache {
            entries: Cache::with_weighter(estimated_entries.max(1), max_weight.max(1), weighter),
        }
    }

    /// The value of `key` if it was made under `generation`.
    pub fn get(&self, key: &K, generation: i64) -> Option<V> {
        self.entries
            .get(key)
            .filter(|e| e.generation == generation)
            .map(|e| e.value)
    }

    /// The entry of `key` whatever its generation.
    pub fn get_stamped(&self, key: &K) -> Option<Stamped<V>> {
        self.entries.get(key)
    }

    pub fn put(&self, key: K, generation: i64, value: V) {
        self.entries.insert(key, Stamped { generation, value });
    }

    /// Changes the entry of `key` in place under the cache's lock (so that two callers cannot
    /// both see the state before the change); `None` when there is no entry.
    pub fn update<T>(&self, key: &K, change: impl FnOnce(&mut Stamped<V>) -> T) -> Option<T> {
        match self
            .entries
            .entry(key, None, |_, entry| EntryAction::Retain(change(entry)))
        {
            EntryResult::Retained(t) => Some(t),
            _ => None,
        }
    }

    /// The keys of every entry `pick` chooses, for changes that sweep the cache (a create
    /// carrying counts forward).
    pub fn keys_where(&self, pick: impl Fn(&K, &Stamped<V>) -> bool) -> Vec<K> {
        self.entries
            .iter()
            .filter(|(k, v)| pick(k, v))
            .map(|(k, _)| k)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What the entries weigh together.
    pub fn weight(&self) -> u64 {
        self.entries.weight()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct Len;
    impl Weighter<u32, Stamped<String>> for Len {
        fn weight(&self, _: &u32, v: &Stamped<String>) -> u64 {
            v.value.len() as u64
        }
    }

    #[test]
    fn an_entry_holds_only_under_its_generation() {
        let cache = GenerationCache::new(10);
        cache.put("a", 3, 7u64);
        assert_eq!(cache.get(&"a", 3), Some(7));
        assert_eq!(cache.get(&"a", 4), None);
        assert_eq!(cache.update(&"a", |e| e.generation = 4), Some(()));
        assert_eq!(cache.get(&"a", 4), Some(7));
        assert_eq!(cache.update(&"b", |e| e.generation = 4), None);
    }

    /// Full, the cache evicts instead of starting over: most entries survive.
    #[test]
    fn a_full_cache_evicts_some_entries_not_all() {
        let cache = GenerationCache::new(100);
        for i in 0..1_000u32 {
            cache.put(i, 1, i);
        }
        let held = (0..1_000u32).filter(|i| cache.get(i, 1).is_some()).count();
        assert!((50..=100).contains(&held), "{held}");
    }

    #[test]
    fn a_weighted_cache_stays_within_its_weight() {
        let cache = GenerationCache::weighted(16, 1_000, Len);
        for i in 0..100u32 {
            cache.put(i, 1, "x".repeat(100));
        }
        assert!(cache.weight() <= 1_000, "{}", cache.weight());
        assert!(cache.get(&99, 1).is_some(), "the newest entry is kept");
        let keys = cache.keys_where(|k, _| *k >= 95);
        assert!(!keys.is_empty());
    }
}
