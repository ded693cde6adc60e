//! Times in xAPI's forms: timestamps with milliseconds and their offset, and ISO 8601
//! durations (an attempt's or a run's time on task).

use crate::progress::Attempt;

/// An RFC 3339 time as an xAPI timestamp: milliseconds and the original offset
/// (`2026-03-01T10:00:00.000+01:00`); `None` when it does not parse.
pub fn xapi_timestamp(time: &str) -> Option<String> {
    let ts: jiff::Timestamp = time.parse().ok()?;
    let offset = offset_of(time)?;
    let zoned = ts.to_zoned(jiff::tz::TimeZone::fixed(offset));
    Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
}

/// The UTC offset written at the end of an RFC 3339 time.
fn offset_of(time: &str) -> Option<jiff::tz::Offset> {
    if time.ends_with(['Z', 'z']) {
        return Some(jiff::tz::Offset::UTC);
    }
    let tail = time.get(time.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// The time between two RFC 3339 times as an ISO 8601 duration (`PT1M5.25S`), to the
/// hundredth of a second; a negative span (a clock set back) is `PT0S`.
pub fn iso_duration(started: &str, finished: &str) -> Option<String> {
    let a: jiff::Timestamp = started.parse().ok()?;
    let b: jiff::Timestamp = finished.parse().ok()?;
    let centis = (b.as_millisecond() - a.as_millisecond()).max(0) / 10;
    Some(duration_from_centis(centis))
}

/// An attempt's `result.duration`: its time on task, so an attempt kept overnight does not
/// report a day. Attempts recorded before time on task (schema 3 and older) hold no active
/// time; theirs stays the time from start to finish, as it was before.
pub(super) fn attempt_duration(attempt: &Attempt) -> String {
    match attempt.active_seconds {
        Some(secs) => duration_from_secs(i64::try_from(secs).unwrap_or(i64::MAX)),
        None => duration_from_centis(attempt.started.millis_until(attempt.finished) / 10),
    }
}

/// Whole seconds as an ISO 8601 duration; a negative count (a hand-edited record, flagged by
/// `progress check`) is `PT0S`.
pub(super) fn duration_from_secs(secs: i64) -> String {
    duration_from_centis(secs.max(0).saturating_mul(100))
}

fn duration_from_centis(centis: i64) -> String {
    let (hours, rest) = (centis / 360_000, centis % 360_000);
    let (minutes, rest) = (rest / 6000, rest % 6000);
    let (seconds, hundredths) = (rest / 100, rest % 100);
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if seconds > 0 || hundredths > 0 || (hours == 0 && minutes == 0) {
        if hundredths == 0 {
            out.push_str(&format!("{seconds}S"));
        } else {
            let frac = format!("{hundredths:02}");
            out.push_str(&format!("{seconds}.{}S", frac.trim_end_matches('0')));
        }
    }
    out
}
