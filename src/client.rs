//! The only module that touches the network. Executes a [`compute_api::Request`] against the
//! right service base for the session's region, with the token; turns every outcome into
//! either a decoded body or an [`ApiError`]. Nothing is retried (a POST, PUT, DELETE or action
//! sent twice could act twice) and nothing here logs: the token never leaves the header.

use std::sync::Arc;

use compute_api::request::{Method, Service};
use compute_api::{ApiError, Request};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::config::{page_origin, RuntimeConfig};
use crate::session::{AuthToken, ConfigState, Reauth, SessionState};

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

fn network(e: impl std::fmt::Display) -> ApiError {
    ApiError::Network(e.to_string())
}

/// Sends one request to `base` (the service's base URL). Exactly one attempt.
pub async fn execute(
    request: &Request,
    base: &str,
    token: Option<&AuthToken>,
) -> Result<RawReply, ApiError> {
    let url = request.url(base);
    let mut builder = gloo_net::http::RequestBuilder::new(&url)
        .method(http_method(request.method))
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
        .and_then(|v| v.trim().parse::<u64>().ok());
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

/// The handle pages use: resolves the base URL from the configuration and the session.
#[derive(Clone, Copy)]
pub struct Api {
    session: SessionState,
    config: StoredValue<Arc<RuntimeConfig>>,
    reauth: Option<Reauth>,
}

impl Api {
    pub fn new(session: SessionState, config: Arc<RuntimeConfig>) -> Self {
        Self {
            session,
            config: StoredValue::new(config),
            reauth: use_context::<Reauth>(),
        }
    }

    /// The identity base (`identityUrl`, or the page's origin).
    pub fn identity_base(&self) -> String {
        self.config
            .with_value(|config| config.identity_base(&page_origin()))
    }

    /// Where a request goes and with which token, for the current session (untracked).
    fn target(&self, service: Service) -> Result<(String, Option<AuthToken>), ApiError> {
        if service == Service::Identity {
            return Ok((self.identity_base(), None));
        }
        let config = self.config.get_value();
        self.session.0.with_untracked(|session| match session {
            None => Err(ApiError::Network("not signed in".into())),
            Some(session) => match session.base(&config, service) {
                Some(base) => Ok((base, Some(session.token.clone()))),
                None => Err(ApiError::Network(format!(
                    "no {} endpoint for region {} in the catalog or the configuration",
                    crate::config::catalog_type(service),
                    session.region
                ))),
            },
        })
    }

    /// Sends a request for the current session; the success body is left undecoded.
    pub async fn send(&self, request: &Request) -> Result<RawReply, ApiError> {
        let (base, token) = self.target(request.service)?;
        let outcome = execute(request, &base, token.as_ref()).await;
        if token.is_some() && matches!(&outcome, Err(e) if e.status() == Some(401)) {
            // Only for the token that failed: a re-login meanwhile must not be undone.
            let still_current = self
                .session
                .0
                .with_untracked(|s| s.as_ref().map(|s| &s.token) == token.as_ref());
            if let (true, Some(reauth)) = (still_current, self.reauth) {
                reauth.0.set(true);
            }
        }
        outcome
    }

    /// Sends a request for the current session and decodes the JSON answer.
    pub async fn fetch<T: DeserializeOwned>(&self, request: &Request) -> Result<T, ApiError> {
        self.send(request).await?.json()
    }
}

pub fn provide_api() -> Api {
    let session = expect_context::<SessionState>();
    let config = expect_context::<ConfigState>().0;
    let api = Api::new(session, config);
    provide_context(api);
    api
}

pub fn expect_api() -> Api {
    expect_context::<Api>()
}

/// Why the runtime configuration could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError(pub String);

/// Fetches `config.json` relative to the document base (so it works under a sub-path). A
/// missing file (404) means the defaults: identity on the page's own origin.
pub async fn load_config() -> Result<RuntimeConfig, ConfigError> {
    let response = gloo_net::http::Request::get("config.json")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ConfigError(e.to_string()))?;
    if response.status() == 404 {
        return Ok(RuntimeConfig::default());
    }
    if !response.ok() {
        return Err(ConfigError(format!("HTTP {}", response.status())));
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError(e.to_string()))?;
    RuntimeConfig::parse(&text).map_err(|e| ConfigError(e.to_string()))
}
