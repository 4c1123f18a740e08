//! How long each list statement's last page took, to decide whether the next read of it
//! may run in place on a runtime thread (`read.rs`) or needs a blocking one.

use std::time::Duration;

/// How long the last page of each statement took, to decide whether the next may run in
/// place on a runtime thread (`read.rs`) or needs a blocking one.
pub struct PageTimes {
    /// Statements timed, bounded: a statement evicted is simply timed again.
    pub(crate) last: quick_cache::sync::Cache<String, Duration>,
    /// Reads that ran in place.
    pub(crate) in_place: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for PageTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageTimes")
            .field("statements", &self.last.len())
            .finish_non_exhaustive()
    }
}

impl Default for PageTimes {
    fn default() -> Self {
        PageTimes {
            last: quick_cache::sync::Cache::new(10_000),
            in_place: Default::default(),
        }
    }
}

impl PageTimes {
    /// Quicker than this, a page costs less than the hand-off to a blocking thread.
    const QUICK: Duration = Duration::from_micros(500);

    pub(crate) fn record(&self, statement: &str, took: Duration) {
        self.last.insert(statement.to_string(), took);
    }

    /// A read ran in place.
    pub(crate) fn count_in_place(&self) {
        self.in_place
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn is_quick(&self, statement: &str) -> bool {
        self.last.get(statement).is_some_and(|t| t < Self::QUICK)
    }
}
