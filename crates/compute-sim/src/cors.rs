//! CORS for the configured origins, so a console on another origin can call the simulator.

use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Headers a browser script may read from responses.
pub const EXPOSED: [&str; 4] = [
    "location",
    "x-compute-request-id",
    "x-openstack-request-id",
    "retry-after",
];

/// The layer for `--allow-origin` values; `*` allows any origin. No origins: no CORS headers.
pub fn layer(origins: &[String]) -> CorsLayer {
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
            Method::HEAD,
        ])
        .allow_headers([
            HeaderName::from_static("x-auth-token"),
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static("x-openstack-nova-api-version"),
            HeaderName::from_static("openstack-api-version"),
        ])
        .expose_headers(EXPOSED.map(HeaderName::from_static))
        .max_age(Duration::from_secs(3600))
}
