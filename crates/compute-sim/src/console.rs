//! Serving the built console from the same origin: static files, `index.html` for deep links,
//! `config.json` pointing the console at this simulator, and Nova's 404 for unknown API paths.

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::fault::Fault;
use crate::{AppState, RegionState};

/// `GET /config.json`: the console's runtime configuration (docs/runtime-config.md).
/// `--console-setting` adds to it (or replaces a key).
pub async fn config_json(State(app): State<AppState>) -> Json<serde_json::Value> {
    let mut config = json!({ "identityUrl": app.public_url, "defaultRegion": "KR1" });
    if let Some(map) = config.as_object_mut() {
        map.extend(app.config.console_settings.clone());
    }
    Json(config)
}

fn wants_html(request: &Request) -> bool {
    wants_html_headers(request.headers())
}

/// Whether the `Accept` header asks for a page (a browser) rather than JSON.
pub(crate) fn wants_html_headers(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// `GET /`: the console for browsers (when served), Nova's version list for API clients.
pub async fn root(State(state): State<RegionState>, request: Request) -> Response {
    if state.app.config.dist.is_some() && wants_html(&request) {
        return serve_static(&state, request).await;
    }
    Json(crate::api::versions::versions_document(&state)).into_response()
}

/// Paths the APIs own: unknown ones there get Nova's JSON 404, never the console.
pub(crate) fn is_api_path(path: &str) -> bool {
    let path = path.strip_prefix("/kr2").unwrap_or(path);
    path == "/v2"
        || path.starts_with("/v2/")
        || path.starts_with("/v2.0")
        || path.starts_with("/key-manager")
}

/// Everything no route matched.
pub async fn fallback(State(state): State<RegionState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    if readable && !is_api_path(&path) && state.app.config.dist.is_some() {
        return serve_static(&state, request).await;
    }
    Fault::not_found("The resource could not be found.").into_response()
}

/// A file of the console, or `index.html` for any other path (client-side routes).
async fn serve_static(state: &RegionState, request: Request) -> Response {
    let Some(dist) = state.app.config.dist.clone() else {
        return Fault::not_found("The resource could not be found.").into_response();
    };
    let index = dist.join("index.html");
    // The build's brotli and gzip copies, for a browser that accepts them (as nginx and a CDN
    // serve them), so the demo and the tests load what production loads.
    let service = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index));
    match service.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}
