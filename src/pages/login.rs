//! `/login`: identity login (Keystone v2.0 token) or a pasted token verified against compute.
//! [`sign_in`] is shared with the in-place re-login dialog.

use compute_api::identity::{TokenRequest, TokenResponse};
use compute_api::request::{self, FlavorQuery, Service};
use compute_api::ApiError;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::app::LangSelect;
use crate::client::{execute, expect_api, Api};
use crate::components::ErrorMessage;
use crate::components::{LoginForm, LoginInput};
use crate::config::{page_origin, RuntimeConfig, SessionPersistence};
use crate::i18n::{use_i18n, Msg, SessionMsg};
use crate::paths::{safe_next, BasePath};
use crate::session::{expect_config, expect_session, EndReason, Session};
use crate::tasks::TaskScope;

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
            let answer: TokenResponse = api.fetch(&request::issue_token(&body)).await?;
            let mut session = Session::from_access(answer.access, &tenant_id, config);
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

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let config = expect_config();
    let api = expect_api();
    let navigate = use_navigate();
    let query = use_query_map();
    // Back to the page that sent here, if it is one of ours (see `safe_next`).
    let base = StoredValue::new(use_context::<BasePath>().map(|b| b.0).unwrap_or_default());
    let next = move || {
        let base = base.get_value();
        query.with_untracked(|q| safe_next(q.get_str("next"), &base, &page_origin()))
    };
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let tasks = TaskScope::new();
    let kept_note = match config.session_persistence {
        SessionPersistence::Tab => SessionMsg::KeptInThisTab,
        SessionPersistence::Memory => SessionMsg::KeptInMemory,
    };
    let idle_minutes = config
        .idle_timeout_ms()
        .map(|ms| (ms / 60_000.0 * 10.0).round() / 10.0)
        .unwrap_or_default();
    let ended_note = move || match session.ended.get()? {
        EndReason::Idle => Some(
            i18n.t(SessionMsg::EndedIdle)
                .replace("{n}", &idle_minutes.to_string()),
        ),
        EndReason::SignedOutElsewhere => Some(i18n.t(SessionMsg::EndedElsewhere).to_string()),
        EndReason::SignedOut => None,
    };

    let on_submit = Callback::new(move |input: LoginInput| {
        let config = config.clone();
        let navigate = navigate.clone();
        pending.set(true);
        error.set(None);
        tasks.spawn(async move {
            let outcome = sign_in(api, &config, input).await;
            pending.set(false);
            match outcome {
                Ok(new_session) => {
                    session.begin(new_session);
                    navigate(&next(), NavigateOptions::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    view! {
        <Show
            when=move || !session.is_signed_in()
            fallback=move || view! { <Redirect path=next() /> }
        >
            <main class="login-page" id="main">
                <section class="login-card" aria-labelledby="login-title">
                    <div class="brand">
                        <span>{i18n.text(Msg::AppName)}</span>
                        <LangSelect />
                    </div>
                    <h1 id="login-title">{i18n.text(Msg::SignInTitle)}</h1>
                    {move || {
                        ended_note()
                            .map(|note| {
                                view! {
                                    <p class="notice" role="status" data-testid="signed-out-notice">
                                        {note}
                                    </p>
                                }
                            })
                    }}
                    {move || {
                        session
                            .handover_error
                            .get()
                            .map(|e| {
                                view! {
                                    <div data-testid="handover-error">
                                        <p>{i18n.text(SessionMsg::HandOverFailed)}</p>
                                        <ErrorMessage error=e />
                                    </div>
                                }
                            })
                    }}
                    <LoginForm on_submit pending error />
                    <p class="hint" data-testid="session-kept-note">{i18n.text(kept_note)}</p>
                </section>
            </main>
        </Show>
    }
}
