//! The flows that turn credentials into a session by asking Keystone (or, for a pasted token,
//! compute): the sign-in form, the re-login dialog and an embedding page's hand-over. They sit
//! above the client; the session's state (`crate::session`) sits below it.

use std::fmt;

use compute_api::identity::{TokenRequest, TokenResponse};
use compute_api::request::{self, FlavorQuery, Service};
use compute_api::session_format::{EmbedSession, Identity};
use compute_api::ApiError;
use leptos::prelude::Set;

use crate::client::{execute, Api};
use crate::config::RuntimeConfig;
use crate::session::{Session, SessionState};

/// What the user submitted on the sign-in form (or the re-login dialog).
#[derive(Clone, PartialEq)]
pub enum LoginInput {
    Password {
        tenant_id: String,
        username: String,
        password: String,
    },
    Token {
        token: String,
        tenant_id: String,
        endpoint: String,
    },
}

impl LoginInput {
    /// Whom this input signs in as (the user name is unknown for a pasted token).
    pub fn identity(&self) -> Identity {
        match self {
            Self::Password {
                tenant_id,
                username,
                ..
            } => Identity {
                tenant_id: tenant_id.clone(),
                username: Some(username.clone()),
            },
            Self::Token { tenant_id, .. } => Identity {
                tenant_id: tenant_id.clone(),
                username: None,
            },
        }
    }
}

// Secrets never reach a log line or a panic message.
impl fmt::Debug for LoginInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Password {
                tenant_id,
                username,
                ..
            } => f
                .debug_struct("Password")
                .field("tenant_id", tenant_id)
                .field("username", username)
                .finish_non_exhaustive(),
            Self::Token {
                tenant_id,
                endpoint,
                ..
            } => f
                .debug_struct("Token")
                .field("tenant_id", tenant_id)
                .field("endpoint", endpoint)
                .finish_non_exhaustive(),
        }
    }
}

/// Turns the form's input into a session: a Keystone token for a password, or a pasted token
/// checked by listing flavors with it (a wrong token or endpoint fails here, with the
/// server's own message, instead of on the first screen).
pub async fn sign_in(
    api: Api,
    config: &RuntimeConfig,
    input: LoginInput,
) -> Result<Session, ApiError> {
    match input {
        LoginInput::Password {
            tenant_id,
            username,
            password,
        } => {
            let body = TokenRequest::password(&tenant_id, &username, &password);
            let mut session = keystone_session(api, config, &body, &tenant_id).await?;
            // The name typed, which the re-login dialog compares with.
            session.username = Some(username);
            Ok(session)
        }
        LoginInput::Token {
            token,
            tenant_id,
            endpoint,
        } => {
            let candidate = Session::from_token(&token, &tenant_id, &endpoint, config);
            let base = candidate
                .base(config, Service::Compute)
                .ok_or_else(|| ApiError::Network("no compute endpoint".into()))?;
            execute(
                &request::list_flavors(&FlavorQuery::default()),
                &base,
                Some(&candidate.token),
            )
            .await?;
            Ok(candidate)
        }
    }
}

/// An embedding page's hand-over: the token is re-scoped to its tenant, and the answer is a
/// session like any sign-in's, unless this tab signed out while Keystone answered.
pub async fn hand_over(
    state: SessionState,
    api: Api,
    config: &RuntimeConfig,
    message: EmbedSession,
) {
    let generation = state.generation();
    let body = TokenRequest::rescope(&message.token, &message.tenant_id);
    let answer = keystone_session(api, config, &body, &message.tenant_id).await;
    if state.generation() != generation {
        return;
    }
    match answer {
        Ok(session) if session.tenant_id == message.tenant_id => {
            state.handover_error.try_set(None);
            state.begin(session);
        }
        Ok(session) => {
            state.handover_error.try_set(Some(ApiError::Decode {
                status: 200,
                message: format!(
                    "Keystone scoped the token to tenant {}, not {}",
                    session.tenant_id, message.tenant_id
                ),
                request_id: None,
            }));
        }
        Err(error) => {
            state.handover_error.try_set(Some(error));
        }
    }
}

/// Asks Keystone for a token (`POST /v2.0/tokens`); its answer, with the catalog, is the
/// session for `tenant_id`.
async fn keystone_session(
    api: Api,
    config: &RuntimeConfig,
    body: &TokenRequest,
    tenant_id: &str,
) -> Result<Session, ApiError> {
    let answer: TokenResponse = api.fetch(&request::issue_token(body)).await?;
    Ok(Session::from_access(answer.access, tenant_id, config))
}
