//! One typed error for everything a request can end in, never collapsed to `None`.

use std::fmt;

/// What went wrong with a request, with what the server said.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error status and (maybe) a fault body.
    #[error("{}", .0)]
    Http(HttpError),
    /// A success status whose body is not what the API documents.
    #[error("the response could not be read ({message})")]
    Decode {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    /// No response: network down, DNS, CORS refusal, connection dropped.
    #[error("network error: {0}")]
    Network(String),
}

/// An error status with the parsed fault.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpError {
    pub status: u16,
    /// Nova's fault name (`itemNotFound`, `conflictingRequest` …) or Keystone's `title`.
    pub fault: Option<String>,
    /// The server's message, or a short description of a non-JSON body (an HTML page …).
    pub message: String,
    pub request_id: Option<String>,
    /// Seconds, from `Retry-After` or an `overLimit` fault's `retryAfter`.
    pub retry_after: Option<u64>,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {})", self.message, self.status)
    }
}

impl ApiError {
    /// Builds the error for a non-success response from its status, content type and body.
    /// Understands Nova faults (`{"itemNotFound": {"code": 404, "message": …}}`), Keystone
    /// errors (`{"error": {"code", "title", "message"}}`), HTML pages, plain text and empty bodies.
    pub fn from_response(
        status: u16,
        content_type: Option<&str>,
        body: &str,
        request_id: Option<String>,
        retry_after: Option<u64>,
    ) -> Self {
        let _ = (status, content_type, body, request_id, retry_after);
        todo!("compute-api: parse fault bodies")
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http(e) => Some(e.status),
            Self::Decode { status, .. } => Some(*status),
            Self::Network(_) => None,
        }
    }

    /// The request id the server sent (`x-compute-request-id`, `x-openstack-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Http(e) => e.request_id.as_deref(),
            Self::Decode { request_id, .. } => request_id.as_deref(),
            Self::Network(_) => None,
        }
    }
}
