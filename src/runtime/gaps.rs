//! The time between inputs, read from a monotonic clock at the edge, each gap capped.
//!
//! A monotonic clock never jumps when the wall clock is set, and (on Linux) does not advance
//! while the machine sleeps; the cap covers a laptop left open: a pause longer than the cap
//! counts as the cap, however long it was.

use std::time::{Duration, Instant};

/// The longest gap counted when the settings do not say (`max_gap_minutes`).
pub const DEFAULT_MAX_GAP: Duration =
    Duration::from_mins(crate::config::settings::MAX_GAP_DEFAULT as u64);

/// Measures the gaps between inputs.
pub struct Gaps {
    /// Reads the monotonic clock: time since some fixed start.
    clock: Box<dyn FnMut() -> Duration>,
    /// The clock at the previous input.
    last: Option<Duration>,
    /// The longest gap counted.
    pub cap: Duration,
}

impl std::fmt::Debug for Gaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gaps")
            .field("last", &self.last)
            .field("cap", &self.cap)
            .finish_non_exhaustive()
    }
}

impl Gaps {
    /// Gaps read from the system's monotonic clock ([`Instant`]).
    #[must_use]
    pub fn new(cap: Duration) -> Self {
        let start = Instant::now();
        Self::with_clock(cap, move || start.elapsed())
    }

    /// Gaps read from `clock` (tests pass one they move by hand).
    pub fn with_clock(cap: Duration, clock: impl FnMut() -> Duration + 'static) -> Self {
        Self {
            clock: Box::new(clock),
            last: None,
            cap,
        }
    }

    /// An input happened now: the gap since the previous one, capped (zero for the first).
    pub fn input(&mut self) -> Duration {
        let now = (self.clock)();
        let gap = self
            .last
            .map_or(Duration::ZERO, |last| now.saturating_sub(last));
        self.last = Some(now);
        gap.min(self.cap)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    #[test]
    fn gaps_are_measured_between_inputs_and_capped() {
        let t = Rc::new(Cell::new(Duration::from_secs(100)));
        let clock = Rc::clone(&t);
        let mut gaps = Gaps::with_clock(Duration::from_mins(5), move || clock.get());
        assert_eq!(
            gaps.input(),
            Duration::ZERO,
            "nothing before the first input"
        );
        t.set(Duration::from_secs(140));
        assert_eq!(gaps.input(), Duration::from_secs(40));
        // Two hours with the lid open: counts as the cap.
        t.set(Duration::from_secs(140 + 7200));
        assert_eq!(gaps.input(), Duration::from_mins(5));
        t.set(Duration::from_secs(140 + 7200 + 2));
        assert_eq!(gaps.input(), Duration::from_secs(2));
        // A clock that went backwards (it cannot, but): nothing, not a huge gap.
        t.set(Duration::from_secs(10));
        assert_eq!(gaps.input(), Duration::ZERO);
    }

    #[test]
    fn the_system_clock_gives_small_gaps() {
        let mut gaps = Gaps::new(DEFAULT_MAX_GAP);
        gaps.input();
        assert!(gaps.input() < Duration::from_secs(5));
    }
}
