//! Deterministic German demo data: the same seed gives the same field values (ids follow
//! the tenant's counters; uuids are random, as on the real system).

pub mod addresses;
pub mod estates;
pub mod relations;
pub mod run;
pub mod searchcriteria;
pub mod settings;

use rand::rngs::StdRng;
use rand::Rng;

/// Picks one element; the slices are static and never empty.
pub(crate) fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// A datetime `days_back` days or less before 2026-11-01, as the API writes them.
pub(crate) fn datetime_before(rng: &mut StdRng, days_back: i64) -> String {
    // 2026-11-01 00:00:00 UTC: a fixed anchor, so that the data does not depend on the clock.
    const ANCHOR: i64 = 1_793_491_200;
    let secs = ANCHOR - rng.gen_range(0..days_back * 86_400);
    kontor_proto::time::datetime(secs)
}
