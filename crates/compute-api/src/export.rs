//! The instance list as files: CSV of the columns on screen, JSON of the whole servers.
//!
//! Server names, metadata and key names are whatever users typed, and a spreadsheet runs a
//! cell that starts with `=`, `+`, `-` or `@` (or a tab, carriage return or NUL before one) as
//! a formula. Such cells get a leading `'`, OWASP's advice for CSV injection (ASVS 5, V1.2.10,
//! lists these six), so they open as text.

use serde::Serialize;

use crate::server::Server;

/// A cell as a spreadsheet should read it: neutralised if it could start a formula, quoted
/// if it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_cell(value: &str) -> String {
    let neutral = if value.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) || neutral != neutral.trim() {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// A CSV document: a byte-order mark (so spreadsheets read UTF-8 names as UTF-8), the header,
/// then one line per row, each ended by CRLF.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    let line =
        |cells: &mut dyn Iterator<Item = String>| cells.collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(&mut header.iter().map(|h| csv_cell(h))));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|c| csv_cell(c))));
    }
    out
}

#[derive(Serialize)]
struct ServerList<'a> {
    servers: &'a [&'a Server],
}

/// The servers as Nova lists them (`{"servers": [...]}`, Nova's field names), indented.
pub fn servers_json(servers: &[&Server]) -> String {
    serde_json::to_string_pretty(&ServerList { servers }).unwrap_or_default()
}

/// `instances-KR1-20261201-1905.csv`: what, where and when (local time, to the minute). The
/// region is reduced to letters, digits, `-` and `_` so it cannot steer the file name.
pub fn file_name(region: &str, stamp: &str, extension: &str) -> String {
    let region: String = region
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let region = if region.is_empty() { "region" } else { &region };
    format!("instances-{region}-{stamp}.{extension}")
}
