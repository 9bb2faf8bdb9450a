//! The only module that touches the network. Executes a [`compute_api::Request`] against the
//! right service base for the session's region, with the token; turns every outcome into
//! either a decoded body or an [`ApiError`]. Nothing here logs: the token never leaves the
//! header.
//!
//! What happens after a failure is [`compute_api::retry`]'s decision: reads are sent again a
//! bounded number of times after a 502/503/504 or a short `Retry-After`, with the wait shown
//! ([`RetryWait`]); a 401 opens the sign-in dialog and the request is sent once more with the
//! new token; nothing else is ever sent twice (a POST, PUT, DELETE or action could act twice).

use std::sync::Arc;

use compute_api::request::{Method, Service};
use compute_api::retry::{self, NextStep};
use compute_api::{ApiError, Request};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

mod http;

pub use http::{execute, execute_until, RawReply};

use crate::config::{page_origin, RuntimeConfig};
use crate::i18n::{tr, I18n, Lang, Msg};
use crate::session::{AuthToken, ConfigState, Reauth, SessionState};

/// Adds "it may have been carried out" to the failure of a write that got no answer or a
/// server error: the user must check before sending it again (we never do on our own).
fn note_unknown_outcome(method: Method, error: ApiError, lang: Lang) -> ApiError {
    if method.is_idempotent_read() {
        return error;
    }
    let note = tr(lang, Msg::OutcomeUnknown);
    match error {
        ApiError::Network(message) => ApiError::Network(format!("{message}. {note}")),
        ApiError::Http(mut e) if e.status >= 500 => {
            e.message = format!("{}. {note}", e.message.trim_end_matches('.'));
            ApiError::Http(e)
        }
        // A success status with a body the API never sends: something between us and the
        // API answered, and whether the API acted is not known.
        ApiError::Decode {
            status,
            message,
            request_id,
        } => ApiError::Decode {
            status,
            message: format!("{}. {note}", message.trim_end_matches('.')),
            request_id,
        },
        other => other,
    }
}

/// A read waiting to be sent again, for the countdown the shell shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Waiting {
    /// `Date.now()` when it is sent again.
    pub until_ms: f64,
    /// The status that made it wait.
    pub status: u16,
    /// Whether the server asked for the wait (`Retry-After`) rather than our back-off.
    pub announced: bool,
}

/// The read currently waiting to be sent again, if any (the latest one when several wait).
#[derive(Debug, Clone, Copy)]
pub struct RetryWait(pub RwSignal<Option<Waiting>>);

/// The reads under way, so the shell can offer to stop waiting for a slow one.
#[derive(Debug, Clone, Copy)]
pub struct PendingReads {
    /// When (`Date.now()`) each read under way started, by a running number.
    pub started: RwSignal<Vec<(u64, f64)>>,
    /// Bumped by "stop waiting": every read started before it gives up.
    cancels: RwSignal<u64>,
    next: StoredValue<u64>,
}

impl PendingReads {
    fn new() -> Self {
        Self {
            started: RwSignal::new(Vec::new()),
            cancels: RwSignal::new(0),
            next: StoredValue::new(0),
        }
    }

    /// Gives up every read under way (their pages show "cancelled" and keep what they had).
    pub fn cancel_all(self) {
        self.cancels.update(|n| *n += 1);
    }

    /// Completes once [`PendingReads::cancel_all`] is called. Polled: a person's click needs
    /// no faster answer, and it spares a list of wakers.
    async fn cancelled(self) {
        let generation = self.cancels.get_untracked();
        while self.cancels.try_get_untracked() == Some(generation) {
            TimeoutFuture::new(200).await;
        }
    }
}

/// Runs a closure when dropped: clean-up that must happen however an `async` block ends,
/// including when its task is dropped unfinished (see `crate::tasks`).
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// The handle pages use: resolves the base URL from the configuration and the session.
#[derive(Clone, Copy)]
pub struct Api {
    session: SessionState,
    config: StoredValue<Arc<RuntimeConfig>>,
    reauth: Option<Reauth>,
    waiting: RetryWait,
    pending: PendingReads,
    /// For the few words the client adds to an error (the language at the time of failure).
    i18n: Option<I18n>,
}

impl Api {
    pub fn new(session: SessionState, config: Arc<RuntimeConfig>) -> Self {
        let waiting = use_context::<RetryWait>().unwrap_or_else(|| {
            let waiting = RetryWait(RwSignal::new(None));
            provide_context(waiting);
            waiting
        });
        let pending = use_context::<PendingReads>().unwrap_or_else(|| {
            let pending = PendingReads::new();
            provide_context(pending);
            pending
        });
        Self {
            session,
            config: StoredValue::new(config),
            reauth: use_context::<Reauth>(),
            waiting,
            pending,
            i18n: use_context::<I18n>(),
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
        self.session
            .current
            .with_untracked(|session| match session {
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

    /// Sends a request for the current session; the success body is left undecoded. A read
    /// may be sent again after a gateway error or a short `Retry-After`; any request is sent
    /// once more after a 401 and a fresh sign-in (see [`compute_api::retry`]).
    pub async fn send<T>(&self, request: &Request<T>) -> Result<RawReply, ApiError> {
        let mut retries_done = 0;
        let mut signed_in_again = false;
        loop {
            let (base, token) = self.target(request.service)?;
            let outcome = if request.method.is_idempotent_read() {
                self.read(request, &base, token.as_ref()).await
            } else {
                // A write is never cancelled halfway: its outcome would be unknown.
                execute(request, &base, token.as_ref()).await
            };
            // A write's answer is empty or JSON (Nova's actions answer 202 with no body); any
            // other body on a success status did not come from the API.
            let outcome = outcome.and_then(|reply| {
                let body = reply.text.trim();
                if !request.method.is_idempotent_read() && !body.is_empty() {
                    compute_api::decode::<serde_json::Value>(
                        reply.status,
                        body,
                        reply.request_id.clone(),
                    )?;
                }
                Ok(reply)
            });
            let Err(error) = &outcome else {
                return outcome;
            };
            match retry::after_failure(
                request.method,
                error,
                retries_done,
                token.is_some(),
                signed_in_again,
            ) {
                NextStep::GiveUp => {
                    let lang = self.i18n.map_or(Lang::En, |i18n| i18n.0.get_untracked());
                    return outcome.map_err(|e| note_unknown_outcome(request.method, e, lang));
                }
                NextStep::RetryAfter { wait_ms, announced } => {
                    retries_done += 1;
                    let status = error.status().unwrap_or_default();
                    self.wait_visibly(wait_ms, status, announced).await;
                }
                NextStep::SignInAgain => match token {
                    Some(failed) if self.sign_in_again(&failed).await => signed_in_again = true,
                    _ => return outcome,
                },
            }
        }
    }

    /// One attempt at a read, listed in [`PendingReads`] while under way and given up when the
    /// user stops waiting.
    async fn read<T>(
        &self,
        request: &Request<T>,
        base: &str,
        token: Option<&AuthToken>,
    ) -> Result<RawReply, ApiError> {
        let pending = self.pending;
        let id = pending.next.get_value();
        pending.next.set_value(id + 1);
        pending
            .started
            .update(|started| started.push((id, js_sys::Date::now())));
        // Off the list however the read ends: answered, failed, or dropped unfinished with the
        // task that awaited it (its page went away).
        let _listed = OnDrop(move || {
            pending
                .started
                .try_update(|started| started.retain(|(other, _)| *other != id));
        });
        execute_until(request, base, token, pending.cancelled()).await
    }

    /// Waits before a read is sent again, with the countdown shown in the shell.
    async fn wait_visibly(&self, wait_ms: u64, status: u16, announced: bool) {
        let waiting = Waiting {
            until_ms: js_sys::Date::now() + wait_ms as f64,
            status,
            announced,
        };
        self.waiting.0.try_set(Some(waiting));
        // The countdown goes when the wait ends, or when the task waiting is dropped. Another
        // read may have started waiting meanwhile: its countdown stays.
        let signal = self.waiting.0;
        let _shown = OnDrop(move || {
            signal.try_update(|current| {
                if *current == Some(waiting) {
                    *current = None;
                }
            });
        });
        TimeoutFuture::new(u32::try_from(wait_ms).unwrap_or(u32::MAX)).await;
    }

    /// The current token (untracked).
    fn current_token(&self) -> Option<AuthToken> {
        self.session
            .current
            .try_with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
            .flatten()
    }

    /// After a 401 with `failed`: opens the sign-in dialog (unless someone signed in again
    /// meanwhile) and waits for it. True when there is a new token, of the same tenant and
    /// user, to send the request with: a request is never replayed for another identity.
    async fn sign_in_again(&self, failed: &AuthToken) -> bool {
        let identity = self.session.identity();
        if self.current_token().as_ref() == Some(failed) {
            let Some(reauth) = self.reauth else {
                return false;
            };
            // A reload must not bring the refused token back.
            self.session.forget_saved(failed);
            reauth.0.set(true);
            // The dialog clears the flag when it signs in or is cancelled. Polling keeps this
            // free of waker bookkeeping; a person takes seconds to type a password anyway.
            while reauth.0.try_get_untracked() == Some(true) {
                TimeoutFuture::new(200).await;
            }
        }
        let same_user = match (identity, self.session.identity()) {
            (Some(before), Some(now)) => before.is_same_user(&now),
            _ => false,
        };
        same_user && matches!(self.current_token(), Some(token) if &token != failed)
    }

    /// Sends a request for the current session and decodes the JSON answer into the request's
    /// answer type.
    pub async fn fetch<T: DeserializeOwned>(&self, request: &Request<T>) -> Result<T, ApiError> {
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
