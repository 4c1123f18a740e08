//! When a request is sent again, and how long to wait before.
//!
//! Only failures that leave no answer are retried: transport errors and HTTP 5xx. A per-action
//! error is an answer (the server ran the action and said no) and is never retried. Each
//! attempt is signed afresh (new timestamp, new HMAC), so a retry after a long wait is not
//! refused for a stale timestamp.

use std::time::Duration;

/// How often and how patiently to retry.
///
/// ```
/// use std::time::Duration;
/// use kontor_client::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(500));
/// assert_eq!(patient.delay(1), Duration::from_millis(500));
/// assert_eq!(patient.delay(2), Duration::from_millis(1000));
/// assert_eq!(RetryPolicy::none().delay(1), Duration::ZERO);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, waiting 200 ms and then 400 ms.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
        }
    }
}

/// Why an attempt got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No connection was made: the server cannot have seen the request.
    Connect,
    /// The connection broke or timed out: the server may have run the actions.
    Broken,
    /// An HTTP 5xx status without an API envelope.
    Status(u16),
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait after the first failure; it doubles after each further one.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after failed attempt number `attempt` (counted from 1).
    pub fn delay(&self, attempt: u32) -> Duration {
        if self.max_attempts <= 1 {
            return Duration::ZERO;
        }
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// Whether attempt number `attempt` that failed so should be followed by another.
    ///
    /// A request holding writes (create, modify, delete, do) is sent again only when the
    /// server cannot have run it: no connection, or 503 (the server or its proxy refused the
    /// request). After a broken connection or another 5xx it may have created the record
    /// already, and a second create would make a duplicate.
    pub(crate) fn should_retry(&self, failure: Failure, attempt: u32, writes: bool) -> bool {
        if attempt >= self.max_attempts {
            return false;
        }
        match failure {
            Failure::Connect | Failure::Status(503) => true,
            Failure::Broken => !writes,
            Failure::Status(status) => (500..600).contains(&status) && !writes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_retried_only_when_the_server_cannot_have_run_them() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(Failure::Connect, 1, true));
        assert!(p.should_retry(Failure::Status(503), 1, true));
        assert!(!p.should_retry(Failure::Status(502), 1, true));
        assert!(!p.should_retry(Failure::Broken, 1, true));
        assert!(p.should_retry(Failure::Broken, 1, false));
        assert!(p.should_retry(Failure::Status(500), 2, false));
        assert!(!p.should_retry(Failure::Status(500), 3, false));
        assert!(!p.should_retry(Failure::Status(404), 1, false));
    }

    #[test]
    fn delays_double_up_to_the_cap() {
        let p = RetryPolicy::default()
            .max_attempts(10)
            .max_delay(Duration::from_secs(1));
        assert_eq!(p.delay(1), Duration::from_millis(200));
        assert_eq!(p.delay(3), Duration::from_millis(800));
        assert_eq!(p.delay(4), Duration::from_secs(1));
        assert_eq!(p.delay(64), Duration::from_secs(1));
    }
}
