//! Hybrid logical clocks: conflict metadata only, never the order of the log.
//!
//! An HLC is a `u64`: Unix milliseconds in the high 48 bits, a counter in the low 16.

/// How long before the store hears of it an action may have been taken (offline work):
/// an older HLC is clamped up to the store's clock minus this window.
pub const MAX_OFFLINE_MS: i64 = 7 * 24 * 60 * 60 * 1_000;

/// Builds an HLC from a wall-clock time in milliseconds and a counter.
pub fn from_parts(millis: i64, counter: u16) -> u64 {
    ((millis.max(0) as u64) << 16) | u64::from(counter)
}

/// The wall-clock milliseconds of an HLC.
pub fn millis(hlc: u64) -> i64 {
    (hlc >> 16) as i64
}

/// The store's clamp of a client's HLC, whose milliseconds are the action's time:
/// never later than the store's clock `now_ms` (a fast clock cannot win every conflict),
/// never earlier than the client's `previous` accepted HLC nor than `now_ms - MAX_OFFLINE_MS`
/// (nobody backdates far). An HLC of 0 (a client without a clock) takes the store's clock.
pub fn clamp(hlc: u64, now_ms: i64, previous: u64) -> u64 {
    let latest = from_parts(now_ms, u16::MAX);
    let earliest = from_parts(now_ms - MAX_OFFLINE_MS, 0).max(previous.min(latest));
    let hlc = if hlc == 0 { from_parts(now_ms, 0) } else { hlc };
    hlc.clamp(earliest, latest)
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
    fn clamping_keeps_action_times_between_the_bounds() {
        let now = 1_700_000_000_000;
        let offline = from_parts(now - 3_600_000, 2);
        assert_eq!(
            clamp(offline, now, 0),
            offline,
            "an hour offline keeps its time"
        );
        assert_eq!(
            millis(clamp(from_parts(now + 60_000, 0), now, 0)),
            now,
            "never later than the store's clock"
        );
        assert_eq!(
            millis(clamp(from_parts(now - 2 * MAX_OFFLINE_MS, 0), now, 0)),
            now - MAX_OFFLINE_MS,
            "never earlier than the offline window"
        );
        let previous = from_parts(now - 1_000, 7);
        assert_eq!(
            clamp(from_parts(now - 5_000, 0), now, previous),
            previous,
            "never earlier than the client's previous accepted action"
        );
        assert_eq!(
            clamp(0, now, 0),
            from_parts(now, 0),
            "no clock: the store's"
        );
    }

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_clock_goes_back() {
        let first = tick(0, 1_000);
        let second = tick(first, 900);
        assert!(second > first);
        assert_eq!(millis(first), 1_000);
    }
}
