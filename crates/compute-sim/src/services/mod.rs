//! The read-only services around compute that the console's pickers use: Glance images,
//! Neutron networks/subnets/security groups, Cinder volumes (routed with compute, see
//! [`volumes::routes`]).

pub mod images;
pub mod networks;
pub mod volumes;

use axum::routing::get;
use axum::Router;

use crate::RegionState;

/// Image and network routes (volumes share the compute prefix and are merged there).
pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/v2/images", get(images::list))
        .route(
            "/v2/images/{image_id}",
            get(images::show).delete(images::delete),
        )
        .route("/v2.0/networks", get(networks::networks))
        .route("/v2.0/networks/{id}", get(networks::network))
        .route("/v2.0/subnets", get(networks::subnets))
        .route("/v2.0/subnets/{id}", get(networks::subnet))
        .route("/v2.0/ports", get(networks::ports))
        .route("/v2.0/ports/{id}", get(networks::port))
        .route("/v2.0/security-groups", get(networks::security_groups))
        .route("/v2.0/security-groups/{id}", get(networks::security_group))
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
