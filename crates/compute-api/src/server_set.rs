//! The console's copy of a tenant's servers. It is filled page by page (`limit`/`marker`), then
//! kept current by merging `changes-since` answers, so a tenant of 10 000 servers is read in
//! full once and each refresh costs only what changed.
//!
//! Which `changes-since` to ask: Nova compares it with each server's `updated` (`>=`), on the
//! server's clock, so the browser's clock is never used. After a read, every later change has
//! an `updated` at least the largest `updated` that read returned (the change happened after
//! the read on the same clock). For a load of several pages this holds for the *first* page
//! only: a server on page 1 may change while page 5 is read, with an `updated` older than the
//! newest on page 5. So the mark is the newest `updated` of the first page of a full load,
//! then the newest of each `changes-since` answer (never moving back). Asking with `>=`
//! returns the servers at the mark again; merging them changes nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::request::ServerQuery;
use crate::server::Server;
use crate::status::ServerStatus;

/// The largest page the API gives (Nova's default `max_limit`).
pub const MAX_PAGE: u32 = 1000;

/// The first page of a progressive load: small, so the first rows show at once.
pub const FIRST_PAGE: u32 = 100;

/// The next [`Row::version`]. `u64::MAX` is never reached: it marks rows being dropped.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// One server as the list holds it.
#[derive(Debug, Clone)]
pub struct Row {
    pub server: Arc<Server>,
    /// Unique to this content of this server, across every set of the program: a changed
    /// server gets a new version, so a view keyed by it redraws exactly the rows that changed
    /// (also when a whole new set replaces the one shown).
    pub version: u64,
    /// What the quick filter searches, lower-cased once.
    search: Arc<str>,
}

impl Row {
    /// Whether the row matches a quick-filter query: every word, anywhere in the name, id,
    /// status, key pair or an address (case-insensitive). An empty query matches all.
    pub fn matches(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.search.contains(w.as_str()))
    }
}

/// The words of a quick-filter query, lower-cased.
pub fn filter_words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// A point on the server's clock: an ISO 8601 timestamp as the API wrote it, and the same
/// instant as seconds since 1970 (for comparing timestamps written with different zones).
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    text: String,
    seconds: i64,
}

/// What a merge of changes did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Merged {
    pub fn any(&self) -> bool {
        self.added + self.changed + self.removed > 0
    }
}

/// The servers of one list query, in the API's order (newest first).
#[derive(Debug, Clone, Default)]
pub struct ServerSet {
    rows: Vec<Row>,
    /// Server id → index in `rows`.
    positions: HashMap<String, usize>,
    pages: usize,
    mark: Option<Mark>,
    /// Counts every change, so a caller can tell whether anything moved.
    revision: u64,
}

impl ServerSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// A set of the given servers, as one page of a full load.
    pub fn from_servers(servers: Vec<Server>) -> Self {
        let mut set = Self::new();
        set.push_page(servers);
        set
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn get(&self, id: &str) -> Option<&Server> {
        self.positions.get(id).map(|&i| &*self.rows[i].server)
    }

    /// How many pages of a full load went in.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Changes with every added, changed or removed server.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The `changes-since` value that finds every change after what this set holds; `None`
    /// before a first page with a timestamp (then only a full load is safe).
    pub fn changes_since(&self) -> Option<&str> {
        self.mark.as_ref().map(|m| m.text.as_str())
    }

    /// Whether any server is in a transitional state or running a task (see
    /// [`crate::refresh::needs_refresh`]).
    pub fn needs_refresh(&self) -> bool {
        self.rows
            .iter()
            .any(|r| crate::refresh::needs_refresh(std::slice::from_ref(&r.server)))
    }

    /// Adds the next page of a full load, in the API's order. A server already held (it
    /// moved between pages while they were read) is replaced where it is.
    pub fn push_page(&mut self, page: Vec<Server>) {
        if self.pages == 0 {
            self.mark = newest(&page);
        }
        self.pages += 1;
        for server in page {
            match self.positions.get(&server.id) {
                Some(&i) => {
                    self.replace(i, server);
                }
                None => {
                    let row = self.row(server);
                    self.positions
                        .insert(row.server.id.clone(), self.rows.len());
                    self.rows.push(row);
                    self.revision += 1;
                }
            }
        }
    }

    /// Merges a `changes-since` answer: a server shown as `DELETED` leaves, a known one is
    /// replaced where it is, a new one goes first (the list is newest first).
    pub fn merge_changes(&mut self, changes: Vec<Server>) -> Merged {
        if let Some(newest) = newest(&changes) {
            if self
                .mark
                .as_ref()
                .is_none_or(|m| newest.seconds > m.seconds)
            {
                self.mark = Some(newest);
            }
        }
        let mut merged = Merged::default();
        let mut added = Vec::new();
        let mut removed = false;
        for server in changes {
            let known = self.positions.get(&server.id).copied();
            match (known, server.status == ServerStatus::Deleted) {
                (Some(i), true) => {
                    self.positions.remove(&server.id);
                    self.rows[i].version = u64::MAX;
                    removed = true;
                    merged.removed += 1;
                }
                (Some(i), false) => {
                    if self.replace(i, server) {
                        merged.changed += 1;
                    }
                }
                (None, true) => {}
                (None, false) => added.push(server),
            }
        }
        if removed {
            // Marked above; dropped in one pass so many deletions cost one.
            self.rows.retain(|r| r.version != u64::MAX);
        }
        merged.added = added.len();
        if !added.is_empty() {
            let mut fresh: Vec<Row> = added.into_iter().map(|s| self.row(s)).collect();
            fresh.append(&mut self.rows);
            self.rows = fresh;
        }
        if removed || merged.added > 0 {
            self.reindex();
        }
        self.revision += (merged.added + merged.changed + merged.removed) as u64;
        merged
    }

    /// Takes over the rows of `previous` (the set this one replaces) whose server did not
    /// change, versions included, so a view redraws only what a full read changed.
    pub fn adopt_unchanged(&mut self, previous: &ServerSet) {
        for row in &mut self.rows {
            if let Some(&i) = previous.positions.get(&row.server.id) {
                let old = &previous.rows[i];
                if old.server == row.server {
                    *row = old.clone();
                }
            }
        }
    }

    /// The rows matching a quick-filter query, in order.
    pub fn filter(&self, query: &str) -> Vec<Row> {
        let words = filter_words(query);
        if words.is_empty() {
            return self.rows.clone();
        }
        self.rows
            .iter()
            .filter(|r| r.matches(&words))
            .cloned()
            .collect()
    }

    fn row(&mut self, server: Server) -> Row {
        Row {
            search: search_text(&server).into(),
            server: Arc::new(server),
            version: NEXT_VERSION.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Replaces the row at `i` when the server differs; whether it did.
    fn replace(&mut self, i: usize, server: Server) -> bool {
        if *self.rows[i].server == server {
            return false;
        }
        self.rows[i] = self.row(server);
        self.revision += 1;
        true
    }

    fn reindex(&mut self) {
        self.positions = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.server.id.clone(), i))
            .collect();
    }
}

/// The quick filter's text of a server: name, id, status, key pair and addresses.
fn search_text(s: &Server) -> String {
    let mut text = format!(
        "{} {} {} {}",
        s.name,
        s.id,
        s.status.as_str(),
        s.key_name.as_deref().unwrap_or_default()
    );
    for address in s.addresses.values().flatten() {
        text.push(' ');
        text.push_str(&address.addr);
    }
    text.to_lowercase()
}

/// The newest `updated` of a page (timestamps that do not parse are skipped).
fn newest(servers: &[Server]) -> Option<Mark> {
    servers
        .iter()
        .filter_map(|s| {
            let text = s.updated.as_deref()?;
            Some(Mark {
                seconds: epoch_seconds(text)?,
                text: text.to_string(),
            })
        })
        .max_by_key(|m| m.seconds)
}

/// Seconds since 1970 of an ISO 8601 timestamp as Nova writes them:
/// `2026-11-28T10:00:00Z`, with an optional fraction and a `Z`, `±hh:mm` or no zone (UTC).
/// The fraction is dropped: a mark a little early only finds a server twice.
pub fn epoch_seconds(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0_i64, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let mut rest = 19;
    if sep(rest, b".") {
        rest += 1;
        while b.get(rest).is_some_and(u8::is_ascii_digit) {
            rest += 1;
        }
    }
    let offset = match b.get(rest) {
        None => 0,
        Some(b'Z' | b'z') if rest + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if rest + 6 == b.len() && sep(rest + 3, b":") => {
            let minutes = num(rest + 1, 2)? * 60 + num(rest + 4, 2)?;
            if sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The query of the page after one that returned `page_len` servers ending with `last_id`,
/// or `None` when it was the last. A page shorter than its `limit` is the last; a load
/// with no `limit` of its own asks [`FIRST_PAGE`] first, then [`MAX_PAGE`] at a time.
pub fn next_page(
    asked: &ServerQuery,
    page_len: usize,
    last_id: Option<&str>,
) -> Option<ServerQuery> {
    let limit = asked.limit?;
    let last_id = last_id?;
    (page_len >= limit as usize).then(|| ServerQuery {
        marker: Some(last_id.to_string()),
        limit: Some(MAX_PAGE),
        ..asked.clone()
    })
}

/// The query of the first page of a full load of `query`: its own `limit` when it has one
/// (one page, as the user chose), otherwise a small [`FIRST_PAGE`] to start.
pub fn first_page(query: &ServerQuery) -> ServerQuery {
    ServerQuery {
        limit: Some(query.limit.unwrap_or(FIRST_PAGE)),
        ..query.clone()
    }
}

/// Whether a query's list can be kept current with `changes-since`: only the whole tenant,
/// unfiltered. With a filter, a server that changes so it no longer matches would not be
/// reported and would stay; with a `limit`, new servers belong to other pages.
pub fn can_merge_changes(query: &ServerQuery) -> bool {
    *query == ServerQuery::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_any_zone_give_the_same_instant() {
        let utc = epoch_seconds("2026-11-28T10:00:00Z").unwrap();
        assert_eq!(utc, 1_795_860_000);
        assert_eq!(epoch_seconds("2026-11-28T10:00:00"), Some(utc));
        assert_eq!(epoch_seconds("2026-11-28T10:00:00.123456"), Some(utc));
        assert_eq!(epoch_seconds("2026-11-28T19:00:00+09:00"), Some(utc));
        assert_eq!(epoch_seconds("2026-11-28T05:30:00-04:30"), Some(utc));
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2000-03-01T00:00:00Z"), Some(951_868_800));
    }

    #[test]
    fn malformed_timestamps_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-11-28",
            "2026-13-28T10:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T10:00:00Zjunk",
            "2026-11-28T10:00:00+0900",
            "2026-1a-28T10:00:00Z",
        ] {
            assert_eq!(epoch_seconds(bad), None, "{bad}");
        }
    }
}
