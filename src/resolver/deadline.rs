//! [`Deadline`]: the moment a lookup must be over by, shared by every try,
//! retry and CNAME hop of it.

use core::time::Duration;
use std::time::Instant;

/// When a lookup (or one try of it) must end; `None` when the configured
/// times are too large to add to the clock, which then means no limit.
/// Every sum on the caller's durations saturates or is checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// `budget` from now.
    pub(crate) fn after(budget: Duration) -> Self {
        Deadline(Instant::now().checked_add(budget))
    }

    /// The time left: `None` for no limit, zero once passed.
    pub(crate) fn left(&self) -> Option<Duration> {
        self.0.map(|end| end.saturating_duration_since(Instant::now()))
    }

    /// Whether the deadline has passed.
    pub(crate) fn passed(&self) -> bool {
        self.left().is_some_and(|left| left.is_zero())
    }

    /// The deadline of one try that may take `timeout`: no later than this one.
    pub(crate) fn of_try(&self, timeout: Duration) -> Deadline {
        let own = Deadline::after(timeout);
        match (self.0, own.0) {
            (Some(all), Some(one)) => Deadline(Some(all.min(one))),
            (all, one) => Deadline(all.or(one)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_durations_mean_no_limit_never_an_overflow() {
        let never = Deadline::after(Duration::MAX);
        assert_eq!(never.left(), None);
        assert!(!never.passed());
        // A try is bounded by the lookup's deadline, or by its own timeout.
        let soon = Deadline::after(Duration::from_millis(50));
        assert!(soon.of_try(Duration::MAX).left().unwrap() <= Duration::from_millis(50));
        assert!(never.of_try(Duration::from_millis(50)).left().unwrap() <= Duration::from_millis(50));
        assert_eq!(never.of_try(Duration::MAX).left(), None);
        assert!(Deadline::after(Duration::ZERO).passed());
    }
}
