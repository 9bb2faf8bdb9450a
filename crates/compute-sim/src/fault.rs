//! Error bodies as the real services send them: Nova faults (`{"itemNotFound": {…}}`),
//! Keystone errors (`{"error": {…}}`), Neutron errors and Glance's plain-text pages.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A Nova (and Cinder) fault: `{"<name>": {"code": …, "message": …}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub status: StatusCode,
    pub name: &'static str,
    pub message: String,
}

impl Fault {
    pub fn new(status: StatusCode, name: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            name,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "badRequest", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "itemNotFound", message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflictingRequest", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn compute_fault(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "computeFault", message)
    }

    /// The body of an unparsable request, worded as Nova's WSGI layer words it.
    pub fn malformed_body() -> Self {
        Self::bad_request("Malformed request body")
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        let body = json!({ self.name: { "code": self.status.as_u16(), "message": self.message } });
        (self.status, axum::Json(body)).into_response()
    }
}

/// Keystone's error shape, which keystonemiddleware also sends in front of Nova for a
/// missing, unknown or expired token.
#[derive(Debug, Clone)]
pub struct KeystoneError {
    pub status: StatusCode,
    pub message: String,
    /// Sent as `WWW-Authenticate: Keystone uri="…"` on 401s, as keystonemiddleware does.
    pub identity_uri: Option<String>,
}

impl KeystoneError {
    pub fn unauthorized(message: impl Into<String>, identity_uri: Option<String>) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            message: message.into(),
            identity_uri,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            identity_uri: None,
        }
    }
}

impl IntoResponse for KeystoneError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({"error": {"code": self.status.as_u16(), "title": title, "message": self.message}});
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(uri) = self.identity_uri {
            if let Ok(value) = HeaderValue::from_str(&format!("Keystone uri=\"{uri}\"")) {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, value);
            }
        }
        response
    }
}

/// Neutron's error shape: `{"NeutronError": {"type", "message", "detail"}}`.
pub fn neutron_not_found(kind: &str, id: &str) -> Response {
    let body = json!({"NeutronError": {
        "type": format!("{kind}NotFound"),
        "message": format!("{kind} {id} could not be found."),
        "detail": ""
    }});
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}

/// Glance answers a missing image with a plain-text page, not JSON.
pub fn glance_not_found(id: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=UTF-8")],
        format!("404 Not Found\n\nNo image found with ID {id}\n\n   "),
    )
        .into_response()
}

/// Parses a JSON request body, answering Nova's 400 when it is not JSON at all.
pub fn parse_json(body: &[u8]) -> Result<serde_json::Value, Fault> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Fault::bad_request("The request body is empty"));
    }
    serde_json::from_slice(body).map_err(|_| Fault::malformed_body())
}

/// Decodes an already-parsed body into a wire type; the serde message tells which field is off.
pub fn decode<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, Fault> {
    serde_json::from_value(value)
        .map_err(|e| Fault::bad_request(format!("Invalid input for field/attribute: {e}")))
}
