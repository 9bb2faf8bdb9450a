//! Timestamps in the formats the APIs use.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

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

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

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
