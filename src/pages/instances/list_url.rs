//! The list's URL: its query holds the server-side filters, the page size and the markers of
//! the earlier pages, so a link or a reload shows the same page.

use compute_api::request::ServerQuery;
use leptos_router::params::ParamsMap;

use crate::paths::segment;

/// The query parameter holding the markers of the earlier pages, oldest first. The first page
/// (no marker) is implicit, so the second page has none.
pub const PREV_KEY: &str = "prev";

/// The largest `limit` the API takes; a larger one in the URL is read as this.
pub const MAX_LIMIT: u32 = 1000;

/// The server-side filters and page of a list URL's query; a `limit` above the API's
/// largest is read as the largest.
pub fn server_query_from_url(params: &ParamsMap) -> ServerQuery {
    let mut q = ServerQuery::from_pairs(
        ServerQuery::KEYS
            .into_iter()
            .filter_map(|k| params.get_str(k).map(|v| (k, v))),
    );
    q.limit = q.limit.map(|n| n.min(MAX_LIMIT));
    q
}

/// The list's path for a query and the earlier pages' markers:
/// `/instances?status=SHUTOFF&limit=10&marker=…&prev=…`.
pub fn list_path(q: &ServerQuery, prev: &[String]) -> String {
    let pairs: Vec<String> = q
        .to_pairs()
        .into_iter()
        .chain(prev.iter().map(|m| (PREV_KEY, m.clone())))
        .map(|(k, v)| format!("{k}={}", segment(&v)))
        .collect();
    if pairs.is_empty() {
        "/instances".to_string()
    } else {
        format!("/instances?{}", pairs.join("&"))
    }
}
