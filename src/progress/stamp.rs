//! Typed times in the progress model.
//!
//! A [`Stamp`] is an instant plus the UTC offset it was recorded in: the instant orders and
//! merges records, the offset keeps the learner's local date ("completed on 24 November")
//! that certificates and date filters use. The clock is read only by [`Stamp::now`], which
//! the edges of the program call and pass in.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant and the offset it was recorded in; written as RFC 3339
/// (`2026-11-24T10:05:00.123-05:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    ts: Timestamp,
    offset: Offset,
}

impl Stamp {
    /// 1970-01-01T00:00:00Z: a placeholder until a real time is filled in.
    pub const EPOCH: Stamp = Stamp {
        ts: Timestamp::UNIX_EPOCH,
        offset: Offset::UTC,
    };

    /// Now, to the millisecond, in the system's local offset. Call only at the edge.
    pub fn now() -> Stamp {
        let ts = Timestamp::now();
        let ts = Timestamp::from_millisecond(ts.as_millisecond()).unwrap_or(ts);
        let offset = jiff::tz::TimeZone::system().to_offset(ts);
        Stamp { ts, offset }
    }

    /// The time a clock reading (taken at the edge) stands for, to the millisecond.
    pub fn from_zoned(now: &jiff::Zoned) -> Stamp {
        let ts = now.timestamp();
        let ts = Timestamp::from_millisecond(ts.as_millisecond()).unwrap_or(ts);
        Stamp {
            ts,
            offset: now.offset(),
        }
    }

    /// A stamp from an instant and an offset.
    pub fn new(ts: Timestamp, offset: Offset) -> Stamp {
        Stamp { ts, offset }
    }

    /// The instant.
    pub fn timestamp(self) -> Timestamp {
        self.ts
    }

    /// The offset it was recorded in.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// The local date where it was recorded.
    pub fn date(self) -> Date {
        self.offset.to_datetime(self.ts).date()
    }

    /// As xAPI wants it: always milliseconds, and the recorded offset.
    pub fn to_xapi(self) -> String {
        self.ts
            .to_zoned(jiff::tz::TimeZone::fixed(self.offset))
            .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string()
    }

    /// Milliseconds from `self` to `later` (0 when `later` is earlier).
    pub fn millis_until(self, later: Stamp) -> i64 {
        (later.ts.as_millisecond() - self.ts.as_millisecond()).max(0)
    }
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.ts
            .cmp(&other.ts)
            .then(self.offset.seconds().cmp(&other.offset.seconds()))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.ts.display_with_offset(self.offset))
    }
}

/// Why a text is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an RFC 3339 time with an offset ({problem})")]
pub struct StampError {
    text: String,
    problem: String,
}

impl FromStr for Stamp {
    type Err = StampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |problem: String| StampError {
            text: s.chars().take(64).collect(),
            problem,
        };
        let ts: Timestamp = s.parse().map_err(|e: jiff::Error| err(e.to_string()))?;
        let pieces = Pieces::parse(s).map_err(|e| err(e.to_string()))?;
        let offset = match pieces.offset() {
            Some(PiecesOffset::Numeric(n)) => n.offset(),
            Some(PiecesOffset::Zulu) => Offset::UTC,
            _ => return Err(err("no numeric offset".into())),
        };
        Ok(Stamp { ts, offset })
    }
}

impl From<&str> for Stamp {
    /// For tests and fixtures: panics on text that is not a time.
    #[allow(clippy::expect_used)]
    fn from(s: &str) -> Self {
        s.parse().expect("a valid RFC 3339 time")
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_and_keeps_the_local_date() {
        for text in [
            "2026-11-24T23:30:00-05:00",
            "2026-11-20T09:12:03.114-05:00",
            "2026-01-01T00:00:00+14:00",
        ] {
            let s: Stamp = text.parse().unwrap();
            assert_eq!(s.to_string(), text);
        }
        let late: Stamp = "2026-11-24T23:30:00-05:00".parse().unwrap();
        assert_eq!(late.date().to_string(), "2026-11-24");
        assert_eq!(late.to_xapi(), "2026-11-24T23:30:00.000-05:00");
        assert_eq!(
            "2026-11-24T10:00:00Z".parse::<Stamp>().unwrap().to_string(),
            "2026-11-24T10:00:00+00:00"
        );
    }

    #[test]
    fn orders_by_instant_not_by_text() {
        let a: Stamp = "2026-01-01T11:30:00+02:00".parse().unwrap();
        let b: Stamp = "2026-01-01T10:00:00+00:00".parse().unwrap();
        assert!(a < b);
        assert_eq!(a.millis_until(b), 30 * 60 * 1000);
        assert_eq!(b.millis_until(a), 0);
    }

    #[test]
    fn text_that_is_not_a_time_is_an_error() {
        for bad in [
            "yesterday",
            "2026-02-30T10:00:00Z",
            "2026-01-01T10:00:00",
            "",
        ] {
            assert!(bad.parse::<Stamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn now_is_to_the_millisecond() {
        let now = Stamp::now();
        assert_eq!(now.timestamp().subsec_nanosecond() % 1_000_000, 0);
        assert_eq!(now.to_string().parse::<Stamp>().unwrap(), now);
    }
}
