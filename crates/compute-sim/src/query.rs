//! Query strings as every API of the simulator reads them (compute and the services around it).

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
