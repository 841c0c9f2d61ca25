//! Hybrid logical clocks: wall time plus a counter plus the device id. Encoded as a string that
//! sorts in clock order, so "which version wins" is one string comparison on every device.

use std::cmp::Ordering;

/// One clock reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
    pub device: String,
}

const COUNTER_LIMIT: u32 = 99_999;

/// How far ahead of this device's clock another device's reading may be. A reading beyond it
/// comes from a device whose clock is wrong: it neither moves this clock nor wins a conflict.
pub const MAX_CLOCK_SKEW_MS: i64 = 10 * 60 * 1000;

impl Hlc {
    /// `0001700000000000-00003-<device>`: fixed-width numbers, so string order is clock order,
    /// and ties between devices are broken by the device id.
    pub fn encode(&self) -> String {
        format!(
            "{:016}-{:05}-{}",
            self.wall_ms.max(0),
            self.counter,
            self.device
        )
    }

    /// Whether this reading is further ahead of `now_ms` than any honest clock would be.
    pub fn is_from_future(&self, now_ms: i64) -> bool {
        self.wall_ms > now_ms.saturating_add(MAX_CLOCK_SKEW_MS)
    }

    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.splitn(3, '-');
        let wall_ms = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        let device = parts.next()?.to_owned();
        Some(Self {
            wall_ms,
            counter,
            device,
        })
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, &self.device).cmp(&(
            other.wall_ms,
            other.counter,
            &other.device,
        ))
    }
}

/// This device's clock. Every reading is later than every reading it gave or saw before.
#[derive(Debug, Clone)]
pub struct HlcClock {
    last_wall: i64,
    last_counter: u32,
    device: String,
}

impl HlcClock {
    pub fn new(device: impl Into<String>, last: Option<&Hlc>) -> Self {
        let (last_wall, last_counter) = last.map_or((0, 0), |h| (h.wall_ms, h.counter));
        Self {
            last_wall,
            last_counter,
            device: device.into(),
        }
    }

    /// A reading for a local change made at `at_ms` (wall time).
    pub fn stamp(&mut self, at_ms: i64) -> Hlc {
        if at_ms > self.last_wall {
            self.last_wall = at_ms;
            self.last_counter = 0;
        } else if self.last_counter >= COUNTER_LIMIT {
            self.last_wall += 1;
            self.last_counter = 0;
        } else {
            self.last_counter += 1;
        }
        Hlc {
            wall_ms: self.last_wall,
            counter: self.last_counter,
            device: self.device.clone(),
        }
    }

    /// Takes in a reading from another device so later local readings come after it. A
    /// reading from a wrong clock far in the future is ignored: taking it in would stamp every
    /// later local change with that future time too.
    pub fn observe(&mut self, seen: &Hlc, now_ms: i64) {
        if seen.is_from_future(now_ms) {
            return;
        }
        if (seen.wall_ms, seen.counter) > (self.last_wall, self.last_counter) {
            self.last_wall = seen.wall_ms;
            self.last_counter = seen.counter;
        }
    }

    /// The latest reading, for persisting the clock.
    pub fn last(&self) -> Hlc {
        Hlc {
            wall_ms: self.last_wall,
            counter: self.last_counter,
            device: self.device.clone(),
        }
    }

    pub fn device(&self) -> &str {
        &self.device
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_order_is_clock_order() {
        let a = Hlc {
            wall_ms: 5,
            counter: 2,
            device: "b".into(),
        };
        let b = Hlc {
            wall_ms: 5,
            counter: 10,
            device: "a".into(),
        };
        let c = Hlc {
            wall_ms: 12,
            counter: 0,
            device: "a".into(),
        };
        assert!(a < b && b < c);
        assert!(a.encode() < b.encode() && b.encode() < c.encode());
        assert_eq!(Hlc::parse(&a.encode()), Some(a));
    }

    #[test]
    fn ties_break_by_device() {
        let a = Hlc {
            wall_ms: 5,
            counter: 0,
            device: "device-a".into(),
        };
        let b = Hlc {
            wall_ms: 5,
            counter: 0,
            device: "device-b".into(),
        };
        assert!(a.encode() < b.encode());
    }

    #[test]
    fn readings_only_move_forward() {
        let mut clock = HlcClock::new("d", None);
        let first = clock.stamp(100);
        let second = clock.stamp(50); // the wall clock went backwards
        assert!(second > first);
        clock.observe(
            &Hlc {
                wall_ms: 1_000,
                counter: 7,
                device: "other".into(),
            },
            200,
        );
        let third = clock.stamp(200);
        assert!(third.wall_ms == 1_000 && third.counter == 8);
    }

    #[test]
    fn a_reading_from_a_wrong_clock_does_not_move_this_one() {
        let now = 1_700_000_000_000;
        let mut clock = HlcClock::new("d", None);
        let year_ahead = Hlc {
            wall_ms: now + 365 * 24 * 3600 * 1000,
            counter: 0,
            device: "wrong".into(),
        };
        assert!(year_ahead.is_from_future(now));
        clock.observe(&year_ahead, now);
        assert_eq!(clock.stamp(now).wall_ms, now);
        let slightly_ahead = Hlc {
            wall_ms: now + 60_000,
            ..year_ahead
        };
        assert!(!slightly_ahead.is_from_future(now));
        clock.observe(&slightly_ahead, now);
        assert_eq!(clock.stamp(now).wall_ms, now + 60_000);
    }
}
