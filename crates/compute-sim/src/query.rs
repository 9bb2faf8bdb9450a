//! Query strings as every API of the simulator reads them (compute and the services around it),
//! and the references a request gives by id or by URL.

/// Query pairs as they came (repeated keys kept).
pub type QueryPairs = axum::extract::Query<Vec<(String, String)>>;

/// The last value of a query parameter.
pub fn query_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Neutron and Glance filter lists by any attribute given in the query: keeps the items whose
/// field equals the value (strings, booleans and numbers compared as text).
pub fn attribute_filter(
    items: Vec<serde_json::Value>,
    query: &[(String, String)],
    skip: &[&str],
) -> Vec<serde_json::Value> {
    items
        .into_iter()
        .filter(|item| {
            query
                .iter()
                .filter(|(k, _)| !skip.contains(&k.as_str()))
                .all(|(k, v)| match (item.get(k), v.strip_prefix("in:")) {
                    // Glance's `in:` operator: any of the comma-separated values.
                    (Some(serde_json::Value::String(s)), Some(any)) => {
                        any.split(',').any(|w| w == s)
                    }
                    (found, _) => matches_value(found, v),
                })
        })
        .collect()
}

fn matches_value(found: Option<&serde_json::Value>, v: &str) -> bool {
    match found {
        Some(serde_json::Value::String(s)) => s == v,
        Some(serde_json::Value::Null) | None => false,
        Some(other) => other.to_string().eq_ignore_ascii_case(v),
    }
}

/// An id given as a bare id or as a URL (Nova accepts `imageRef`/`flavorRef` hrefs).
pub fn last_segment(reference: &str) -> &str {
    reference
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(reference)
}
