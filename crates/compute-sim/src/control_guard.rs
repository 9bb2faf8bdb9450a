//! What every `/_sim` control request must show, because the control port runs on people's own
//! machines next to their browsers:
//!
//! - a `Host` that is the simulator's own address (its public URL's `host:port`, or the same
//!   port on `127.0.0.1`/`localhost`), else `421 Misdirected Request`: a page on another name
//!   that resolves to the loopback address (DNS rebinding) cannot drive it;
//! - for a `POST`, `Content-Type: application/json`, else `415`: a web page can send a
//!   `text/plain` POST to any address without asking (no CORS preflight), never a JSON one.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::fault::Fault;
use crate::AppState;

/// The `Host` values the control endpoints answer: the public URL's authority and, for a
/// loopback one, the other loopback spellings of the same port.
pub fn allowed_hosts(public_url: &str) -> Vec<String> {
    let authority = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut hosts = vec![authority.clone()];
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => {
            (host.to_string(), Some(port.to_string()))
        }
        _ => (authority.clone(), None),
    };
    if matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]") {
        for loopback in ["127.0.0.1", "localhost", "[::1]"] {
            let spelled = match &port {
                Some(port) => format!("{loopback}:{port}"),
                None => loopback.to_string(),
            };
            if !hosts.contains(&spelled) {
                hosts.push(spelled);
            }
        }
    }
    hosts
}

/// The middleware on the control routes.
pub async fn guard(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    if !host.is_some_and(|h| allowed_hosts(&app.public_url).contains(&h)) {
        return Fault::new(
            StatusCode::MISDIRECTED_REQUEST,
            "misdirectedRequest",
            "The control endpoints answer only requests to the simulator's own address",
        )
        .into_response();
    }
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if request.method() == Method::POST && !json {
        return Fault::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            "Control requests need Content-Type: application/json",
        )
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::allowed_hosts;

    #[test]
    fn the_own_address_in_each_loopback_spelling() {
        assert_eq!(
            allowed_hosts("http://127.0.0.1:8080"),
            ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"]
        );
        assert_eq!(
            allowed_hosts("https://sim.example.com/"),
            ["sim.example.com"]
        );
        assert!(!allowed_hosts("http://127.0.0.1:8080").contains(&"evil.example:8080".into()));
    }
}
