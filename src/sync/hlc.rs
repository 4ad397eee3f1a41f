//! Hybrid logical clocks: conflict metadata only, never the order of the log.
//!
//! An HLC is a `u64`: Unix milliseconds in the high 48 bits, a counter in the low 16.

/// How far ahead of the server's clock a client's HLC may be before the server clamps it.
pub const MAX_DRIFT_MS: i64 = 60_000;

/// Builds an HLC from a wall-clock time in milliseconds and a counter.
pub fn from_parts(millis: i64, counter: u16) -> u64 {
    ((millis.max(0) as u64) << 16) | u64::from(counter)
}

/// The wall-clock milliseconds of an HLC.
pub fn millis(hlc: u64) -> i64 {
    (hlc >> 16) as i64
}

/// Clamps a client's HLC to at most `now + MAX_DRIFT_MS`, so a skewed clock cannot win every conflict.
pub fn clamp(hlc: u64, now_ms: i64) -> u64 {
    hlc.min(from_parts(now_ms + MAX_DRIFT_MS, u16::MAX))
}

/// The next HLC a client issues after `last`, given its wall clock `now_ms`.
pub fn tick(last: u64, now_ms: i64) -> u64 {
    let wall = from_parts(now_ms, 0);
    if wall > last {
        wall
    } else {
        last + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamping_caps_clocks_far_in_the_future() {
        let now = 1_700_000_000_000;
        assert_eq!(
            clamp(from_parts(now + 10 * MAX_DRIFT_MS, 0), now),
            from_parts(now + MAX_DRIFT_MS, u16::MAX)
        );
        assert_eq!(clamp(from_parts(now, 3), now), from_parts(now, 3));
    }

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_clock_goes_back() {
        let first = tick(0, 1_000);
        let second = tick(first, 900);
        assert!(second > first);
        assert_eq!(millis(first), 1_000);
    }
}
