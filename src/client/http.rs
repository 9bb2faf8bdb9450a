//! One exchange with the API: the request with the token, the response read in full, every
//! outcome turned into a body or an [`ApiError`]. Bounded in time and abortable; never
//! repeated here (what happens after a failure is the caller's decision).

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;

use compute_api::request::Method;
use compute_api::{ApiError, Request};
use futures::future::{self, Either};
use serde::de::DeserializeOwned;

use crate::session::AuthToken;

/// A response with a success status, body not yet decoded.
#[derive(Debug, Clone)]
pub struct RawReply {
    pub status: u16,
    pub request_id: Option<String>,
    /// `Location` (createImage answers with the new image's URL).
    pub location: Option<String>,
    pub text: String,
}

impl RawReply {
    /// Decodes the JSON body; a body that is not what the API documents is a `Decode` error.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        compute_api::decode(self.status, &self.text, self.request_id.clone())
    }
}

fn http_method(method: Method) -> gloo_net::http::Method {
    match method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Put => gloo_net::http::Method::PUT,
        Method::Delete => gloo_net::http::Method::DELETE,
    }
}

/// How long a read may take before it is abandoned as failed.
const READ_TIMEOUT_MS: u32 = 30_000;
/// Writes get longer: abandoning one leaves its outcome unknown.
const WRITE_TIMEOUT_MS: u32 = 60_000;

/// Why a request got no complete answer, in words: the browser's own text ("Failed to fetch")
/// says nothing about the cause.
fn no_answer(timed_out_after_ms: Option<u32>, cause: &str) -> ApiError {
    ApiError::Network(match timed_out_after_ms {
        Some(ms) => format!("no answer within {} s", ms / 1000),
        None if cause.contains("Failed to fetch")
            || cause.contains("NetworkError")
            || cause.contains("Load failed") =>
        {
            "the server could not be reached (offline, refused by CORS, or the connection \
             dropped)"
                .to_string()
        }
        None => cause.to_string(),
    })
}

/// Sends one request to `base` (the service's base URL). Exactly one attempt, abandoned after
/// [`READ_TIMEOUT_MS`] or [`WRITE_TIMEOUT_MS`].
pub async fn execute<T>(
    request: &Request<T>,
    base: &str,
    token: Option<&AuthToken>,
) -> Result<RawReply, ApiError> {
    execute_until(request, base, token, std::future::pending()).await
}

/// [`execute`], given up (and the fetch aborted) when `cancel` completes first.
pub async fn execute_until<T>(
    request: &Request<T>,
    base: &str,
    token: Option<&AuthToken>,
    cancel: impl Future<Output = ()>,
) -> Result<RawReply, ApiError> {
    let method = request.method;
    let timeout_ms = if method.is_idempotent_read() {
        READ_TIMEOUT_MS
    } else {
        WRITE_TIMEOUT_MS
    };
    let timed_out = Rc::new(Cell::new(false));
    let controller = web_sys::AbortController::new().ok();
    // Dropped (and so cancelled) when this function returns.
    let _deadline = controller.clone().map(|controller| {
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    });
    let exchange = pin!(exchange(request, base, token, controller.as_ref(), || {
        timed_out.get().then_some(timeout_ms)
    }));
    let cancel = pin!(cancel);
    let first = future::select(exchange, cancel).await;
    match first {
        Either::Left((outcome, _)) => outcome,
        Either::Right(((), _)) => {
            if let Some(controller) = &controller {
                controller.abort();
            }
            Err(ApiError::Network(
                "cancelled: the page stopped waiting for the answer".into(),
            ))
        }
    }
}

/// The request and its response, with `abort` wired to the fetch; `timed_out` says whether
/// the deadline fired (to tell a timeout from any other abort).
async fn exchange<T>(
    request: &Request<T>,
    base: &str,
    token: Option<&AuthToken>,
    abort: Option<&web_sys::AbortController>,
    timed_out: impl Fn() -> Option<u32>,
) -> Result<RawReply, ApiError> {
    let network = |e: gloo_net::Error| no_answer(timed_out(), &e.to_string());

    let url = request.url(base);
    let mut builder = gloo_net::http::RequestBuilder::new(&url)
        .method(http_method(request.method))
        .abort_signal(abort.map(|c| c.signal()).as_ref())
        .header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("X-Auth-Token", token.expose());
    }
    let outgoing = match &request.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .map_err(network)?,
        None => builder.build().map_err(network)?,
    };
    let response = outgoing.send().await.map_err(network)?;

    let headers = response.headers();
    let status = response.status();
    let request_id = headers
        .get("x-compute-request-id")
        .or_else(|| headers.get("x-openstack-request-id"))
        .filter(|id| !id.is_empty());
    let retry_after = headers
        .get("retry-after")
        .and_then(|v| compute_api::error::parse_retry_after(&v));
    let content_type = headers.get("content-type");
    let location = headers.get("location");
    // A body that breaks off mid-way is a network failure: there is no complete answer.
    let text = response.text().await.map_err(network)?;

    if (200..300).contains(&status) {
        Ok(RawReply {
            status,
            request_id,
            location,
            text,
        })
    } else {
        Err(ApiError::from_response(
            status,
            content_type.as_deref(),
            &text,
            request_id,
            retry_after,
        ))
    }
}
