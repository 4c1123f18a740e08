//! Answers to list reads, kept while nothing in their tenant has been written since.
//!
//! A website's list page sends the same `read estate` again and again; between two writes
//! the answer cannot change. Each entry remembers the tenant's generation (the sum of its
//! write generations, which grows with every record or field-configuration write, also from
//! other Kontor processes on the same database), and is only used while that is unchanged.
//! A hit costs one indexed point lookup instead of the count, the page and the rendering.

use kontor_proto::response::RenderedData;
use kontor_store::cache::{GenerationCache, Stamped};
use kontor_store::{ApiUserId, TenantId};
use quick_cache::Weighter;

/// Bytes of cached answers; beyond it the least asked are evicted. Answers are kept as the
/// JSON they are sent as, so this is their memory (plus keys), not an estimate.
const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Answers larger than this are not kept: one export must not evict every list page.
const MAX_ENTRY_BYTES: usize = 1024 * 1024;
/// Reads remembered as asked before (a hash and a generation each).
const MAX_SEEN: usize = 100_000;

/// Who asked what: the API user (rights may differ between users), the resource type and
/// id, and the parameters exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ReadKey {
    pub tenant: TenantId,
    pub api_user: ApiUserId,
    pub resourcetype: &'static str,
    pub resourceid: String,
    pub parameters: String,
}

/// An answer weighs its JSON and its key's parameters.
#[derive(Debug, Clone)]
struct ByBytes;

impl Weighter<ReadKey, Stamped<RenderedData>> for ByBytes {
    fn weight(&self, key: &ReadKey, entry: &Stamped<RenderedData>) -> u64 {
        weight(key, &entry.value) as u64
    }
}

fn weight(key: &ReadKey, data: &RenderedData) -> usize {
    (key.parameters.len() + data.json().len()).max(1)
}

#[derive(Debug)]
pub(crate) struct ReadCache {
    entries: GenerationCache<ReadKey, RenderedData, ByBytes>,
    /// Reads answered before, by hash, with the generation they were answered under (`None`:
    /// answered once without looking the generation up, see [`Self::first_sighting`]).
    seen: GenerationCache<u64, ()>,
}

impl Default for ReadCache {
    fn default() -> Self {
        ReadCache {
            entries: GenerationCache::weighted(4_096, MAX_BYTES, ByBytes),
            seen: GenerationCache::new(MAX_SEEN),
        }
    }
}

/// The generation `seen` records for a read answered without looking the generation up.
const UNKNOWN: i64 = i64::MIN;

impl ReadCache {
    /// Whether an answer to `key` is worth keeping: only when the same read was answered
    /// before in this generation. A listing whose filter changes with every request would
    /// otherwise fill the cache with answers nobody asks for again, and pay for writing
    /// each of them out twice.
    pub(crate) fn worth_keeping(&self, key: &ReadKey, generation: i64) -> bool {
        let hash = seen_hash(key);
        let before = self.seen.get_stamped(&hash).map(|s| s.generation);
        self.seen.put(hash, generation, ());
        // Seen once without a generation, this is its second ask; seen in this generation,
        // it is asked again.
        matches!(before, Some(g) if g == UNKNOWN || g == generation)
    }

    /// Whether `key` has never been asked (remembering it now). Such a read is neither in
    /// the cache nor kept, so it needs no generation lookup: a listing whose filter moves
    /// with every request skips that round trip (a few per cent of such a read's time,
    /// docs/benchmarks.md). Its second ask is kept, as with [`Self::worth_keeping`].
    pub(crate) fn first_sighting(&self, key: &ReadKey) -> bool {
        let hash = seen_hash(key);
        if self.seen.get_stamped(&hash).is_some() {
            return false;
        }
        self.seen.put(hash, UNKNOWN, ());
        true
    }

    pub(crate) fn get(&self, key: &ReadKey, generation: i64) -> Option<RenderedData> {
        self.entries.get(key, generation)
    }

    /// Keeps `data` under `generation`, the tenant generation read *before* the data was:
    /// a write in between leaves the entry with an older generation, so it is never used.
    pub(crate) fn put(&self, key: ReadKey, generation: i64, data: RenderedData) {
        if weight(&key, &data) > MAX_ENTRY_BYTES {
            return;
        }
        self.entries.put(key, generation, data);
    }
}

/// `DefaultHasher::new()` has fixed keys: the same read hashes the same every time.
fn seen_hash(key: &ReadKey) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kontor_proto::response::Meta;
    use kontor_proto::Data;

    fn key(parameters: &str) -> ReadKey {
        ReadKey {
            tenant: TenantId(1),
            api_user: ApiUserId(1),
            resourcetype: "estate",
            resourceid: String::new(),
            parameters: parameters.into(),
        }
    }

    fn data(total: u64) -> RenderedData {
        let data = Data {
            meta: Meta {
                cntabsolute: Some(total),
            },
            records: Vec::new(),
        };
        RenderedData::render(&data).unwrap_or_else(|e| panic!("{e}"))
    }

    fn total(data: RenderedData) -> Option<u64> {
        data.decode().ok().and_then(|d| d.meta.cntabsolute)
    }

    #[test]
    fn a_read_is_kept_from_its_second_time_in_a_generation() {
        let cache = ReadCache::default();
        assert!(!cache.worth_keeping(&key("{}"), 1));
        assert!(!cache.worth_keeping(&key("{\"listlimit\":5}"), 1));
        assert!(cache.worth_keeping(&key("{}"), 1));
        assert!(!cache.worth_keeping(&key("{}"), 2), "a write happened");
        assert!(cache.worth_keeping(&key("{}"), 2));
    }

    #[test]
    fn a_first_sighting_needs_no_generation_and_the_second_is_kept() {
        let cache = ReadCache::default();
        assert!(cache.first_sighting(&key("{}")));
        assert!(!cache.first_sighting(&key("{}")), "asked before");
        assert!(
            cache.worth_keeping(&key("{}"), 5),
            "the second ask, any generation"
        );
        assert!(cache.worth_keeping(&key("{}"), 5));
        assert!(!cache.worth_keeping(&key("{}"), 6), "a write happened");
        assert!(cache.first_sighting(&key("{\"listlimit\":5}")));
    }

    #[test]
    fn an_entry_is_used_only_under_its_generation() {
        let cache = ReadCache::default();
        cache.put(key("{}"), 7, data(3));
        assert_eq!(cache.get(&key("{}"), 7).and_then(total), Some(3));
        assert!(cache.get(&key("{}"), 8).is_none(), "a write happened");
        assert!(cache.get(&key("{\"listlimit\":5}"), 7).is_none());
        let other_user = ReadKey {
            api_user: ApiUserId(2),
            ..key("{}")
        };
        assert!(cache.get(&other_user, 7).is_none());
    }

    #[test]
    fn the_cache_stays_within_its_bytes() {
        let cache = ReadCache::default();
        let big = "x".repeat(MAX_ENTRY_BYTES / 2);
        for i in 0..100 {
            cache.put(key(&format!("{i}{big}")), 1, data(i));
        }
        let held = cache.entries.weight();
        assert!(held <= MAX_BYTES, "{held}");
        assert!(cache.get(&key(&format!("99{big}")), 1).is_some());
        cache.put(key(&"y".repeat(MAX_ENTRY_BYTES + 1)), 1, data(0));
        assert!(cache
            .get(&key(&"y".repeat(MAX_ENTRY_BYTES + 1)), 1)
            .is_none());
    }
}
