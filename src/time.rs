//! Reading the API's timestamps and writing them in the browser's time zone (and in UTC).

use wasm_bindgen::JsValue;

/// Nova sometimes omits the zone (`2012-08-20T21:11:09.000000`); those values are UTC.
fn with_zone(iso: &str) -> String {
    let iso = iso.trim();
    let time = iso.split_once('T').map(|(_, t)| t).unwrap_or_default();
    let has_zone = time.ends_with('Z') || time.ends_with('z') || time.contains(['+', '-']);
    if has_zone || time.is_empty() {
        iso.to_string()
    } else {
        format!("{iso}Z")
    }
}

fn parse(iso: &str) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&JsValue::from_str(&with_zone(iso)));
    (!date.get_time().is_nan()).then_some(date)
}

/// Milliseconds since the epoch, for comparisons (expiry).
pub fn epoch_ms(iso: &str) -> Option<f64> {
    parse(iso).map(|d| d.get_time())
}

/// `2024-05-01 18:30` in the browser's time zone.
pub fn local_text(iso: &str) -> Option<String> {
    parse(iso).map(|d| local_date_text(&d))
}

fn local_date_text(d: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// `2024-05-01 09:30:00 UTC`.
pub fn utc_text(iso: &str) -> Option<String> {
    parse(iso).map(|d| utc_date_text(&d))
}

fn utc_date_text(d: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        d.get_utc_full_year(),
        d.get_utc_month() + 1,
        d.get_utc_date(),
        d.get_utc_hours(),
        d.get_utc_minutes(),
        d.get_utc_seconds()
    )
}

/// The local text and the UTC text of a timestamp, from one parse (long lists show many); an
/// unreadable value twice, as it came.
pub fn local_and_utc_text(iso: &str) -> (String, String) {
    match parse(iso) {
        Some(date) => (local_date_text(&date), utc_date_text(&date)),
        None => (iso.to_string(), iso.to_string()),
    }
}
