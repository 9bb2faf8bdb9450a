//! The simulator's clock, and timestamps in the formats the APIs use.

use std::sync::{Mutex, MutexGuard};

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The time as the simulator tells it: the wall clock, moved on by what tests asked and
/// stopped while they say so (`POST /_sim/clock`), so a test of a token's expiry or of a
/// transition's steps waits for nothing and cannot lose a race. One per simulator: tests that
/// run several in one process do not share it.
#[derive(Debug, Default)]
pub struct Clock {
    state: Mutex<ClockState>,
}

#[derive(Debug, Default)]
struct ClockState {
    /// How far ahead of the wall clock it runs.
    ahead: Duration,
    /// While stopped: the time it shows.
    stopped_at: Option<OffsetDateTime>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        let state = self.lock();
        state
            .stopped_at
            .unwrap_or_else(|| OffsetDateTime::now_utc() + state.ahead)
    }

    /// Moves the time on (a stopped clock too): what was due by then is due now.
    pub fn advance(&self, by: Duration) {
        let mut state = self.lock();
        state.ahead += by;
        if let Some(at) = state.stopped_at.as_mut() {
            *at += by;
        }
    }

    /// Stops the time where it is, or lets it run again from there.
    pub fn set_stopped(&self, stopped: bool) {
        let mut state = self.lock();
        match (stopped, state.stopped_at) {
            (true, None) => state.stopped_at = Some(OffsetDateTime::now_utc() + state.ahead),
            (false, Some(at)) => {
                state.ahead = at - OffsetDateTime::now_utc();
                state.stopped_at = None;
            }
            _ => {}
        }
    }

    fn lock(&self) -> MutexGuard<'_, ClockState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `2020-02-25T01:15:46Z`: Nova's `created`/`updated`, Keystone's `expires`.
pub fn zulu(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    t.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
    ))
    .unwrap_or_default()
}

/// `2020-02-25T01:22:23.000000`: Nova's `launched_at`, Cinder's `created_at`, key pairs.
pub fn micros(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    t.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]"
    ))
    .unwrap_or_default()
}

/// Parses `changes-since` as Nova accepts it: ISO 8601 with or without zone and fraction
/// (a missing zone means UTC).
pub fn parse_iso(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim().to_ascii_uppercase().replace(' ', "T");
    if let Ok(t) = OffsetDateTime::parse(&s, &Rfc3339) {
        return Some(t);
    }
    if let Ok(t) = OffsetDateTime::parse(&format!("{s}Z"), &Rfc3339) {
        return Some(t);
    }
    let plain = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    if let Ok(t) = PrimitiveDateTime::parse(&s, plain) {
        return Some(t.assume_utc());
    }
    let date = format_description!("[year]-[month]-[day]");
    time::Date::parse(&s, date)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_on_and_stops_when_told() {
        let clock = Clock::default();
        let wall = OffsetDateTime::now_utc();
        clock.advance(Duration::hours(1));
        assert!(clock.now() - wall >= Duration::hours(1));
        clock.set_stopped(true);
        let stopped = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(clock.now(), stopped);
        clock.advance(Duration::seconds(5));
        assert_eq!(clock.now(), stopped + Duration::seconds(5));
        clock.set_stopped(false);
        assert!(clock.now() >= stopped + Duration::seconds(5));
    }

    #[test]
    fn formats_and_parses() {
        let t = parse_iso("2020-02-25T01:15:46Z").unwrap();
        assert_eq!(zulu(t), "2020-02-25T01:15:46Z");
        assert_eq!(micros(t), "2020-02-25T01:15:46.000000");
        assert_eq!(parse_iso("2020-02-25t01:15:46"), Some(t));
        assert_eq!(parse_iso("2020-02-25T01:15:46.000000"), Some(t));
        assert_eq!(parse_iso("2020-02-25T10:15:46+09:00"), Some(t));
        assert!(parse_iso("yesterday").is_none());
    }
}
