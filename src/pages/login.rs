//! `/login`: identity login (Keystone v2.0 token) or a pasted token verified against compute
//! (the flow itself is `crate::auth::sign_in`, shared with the in-place re-login dialog).

use compute_api::ApiError;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::auth::{sign_in, LoginInput};
use crate::client::expect_api;
use crate::components::ErrorMessage;
use crate::components::{LangSelect, LoginForm};

use crate::config::{page_origin, SessionPersistence};
use crate::i18n::{use_i18n, Msg, SessionMsg};
use crate::lazy::when_idle;
use crate::paths::{safe_next, BasePath};
use crate::session::{expect_config, expect_session, EndReason};
use crate::tasks::TaskScope;

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

    // The list comes next: its code loads while the user types, once the form is on screen
    // and the page idle.
    crate::perf::mark_after_paint("cc:sign-in-shown");
    tasks.spawn(async {
        when_idle().await;
        crate::lazy_pages::preload("/instances").await;
    });

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
