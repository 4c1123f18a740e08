//! The window an action's timestamp must fall in.
//!
//! The check is here, beside the parsed [`Timestamp`](crate::Timestamp), rather than in the
//! server, so that CI can run its test in a release build (overflow wraps there instead of
//! panicking) without building the whole server twice: see `.ci/run`.

/// How far, in seconds, an action's timestamp may be from the server's clock, either side
/// (the API's is 120).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampWindow(u64);

impl TimestampWindow {
    pub const fn from_secs(secs: u64) -> TimestampWindow {
        TimestampWindow(secs)
    }

    pub const fn as_secs(self) -> u64 {
        self.0
    }

    /// `Ok` when `timestamp` is at most the window away from `now`; otherwise the distance
    /// `timestamp - now`, exact for any two `i64` (it needs 65 bits).
    ///
    /// In `i128` the difference of two `i64` cannot overflow, nor can its absolute value:
    /// with `i64::saturating_sub` and `abs`, `i64::MIN` wrapped to a negative distance in
    /// release builds and passed every window, a signature that never expired.
    pub fn check(self, timestamp: i64, now: i64) -> Result<(), i128> {
        let skew = i128::from(timestamp) - i128::from(now);
        if skew.unsigned_abs() > u128::from(self.0) {
            Err(skew)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `.ci/run` also runs this in a release build, where arithmetic wraps.
    #[test]
    fn timestamp_window_holds_at_its_edges_and_at_the_ends_of_i64() {
        let window = TimestampWindow::from_secs(120);
        for now in [0, 1_700_000_000, -1_700_000_000, i64::MIN, i64::MAX] {
            for (offset, inside) in [
                (0, true),
                (120, true),
                (-120, true),
                (121, false),
                (-121, false),
            ] {
                let Some(timestamp) = now.checked_add(offset) else {
                    continue;
                };
                assert_eq!(
                    window.check(timestamp, now).is_ok(),
                    inside,
                    "now {now}, offset {offset}"
                );
            }
        }
        let now = 1_700_000_000;
        assert_eq!(
            window.check(i64::MIN, now),
            Err(-9_223_372_038_554_775_808),
            "the exact distance, which i64 cannot hold"
        );
        assert_eq!(window.check(i64::MAX, now), Err(9_223_372_035_154_775_807));
        for timestamp in [i64::MIN + 1, i64::MAX - 1, -1, 0] {
            assert!(window.check(timestamp, now).is_err(), "{timestamp}");
        }
        assert_eq!(
            window.check(i64::MIN, i64::MAX),
            Err(-18_446_744_073_709_551_615)
        );
        assert!(window.check(i64::MAX, i64::MIN).is_err());
        // The widest window still bounds: u64::MAX is below the largest distance.
        let widest = TimestampWindow::from_secs(u64::MAX);
        assert!(widest.check(i64::MIN, i64::MAX).is_ok());
        assert!(TimestampWindow::from_secs(0).check(now + 1, now).is_err());
        assert!(TimestampWindow::from_secs(0).check(now, now).is_ok());
    }
}
