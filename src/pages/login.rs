//! `/login`: identity login (Keystone v2.0 token) or a pasted token verified against compute.

use compute_api::identity::{TokenRequest, TokenResponse};
use compute_api::request::{self, FlavorQuery, Service};
use compute_api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::app::LangSelect;
use crate::client::{execute, expect_api};
use crate::components::{LoginForm, LoginInput};
use crate::i18n::{use_i18n, Msg};
use crate::session::{expect_config, expect_session, Session};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let config = expect_config();
    let api = expect_api();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let on_submit = Callback::new(move |input: LoginInput| {
        let config = config.clone();
        let navigate = navigate.clone();
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = match input {
                LoginInput::Password {
                    tenant_id,
                    username,
                    password,
                } => {
                    let body = TokenRequest::password(&tenant_id, &username, &password);
                    api.fetch::<TokenResponse>(&request::issue_token(&body))
                        .await
                        .map(|answer| Session::from_access(answer.access, &tenant_id, &config))
                }
                LoginInput::Token {
                    token,
                    tenant_id,
                    endpoint,
                } => {
                    let candidate = Session::from_token(&token, &tenant_id, &endpoint, &config);
                    verify(&candidate, &config).await.map(|()| candidate)
                }
            };
            pending.set(false);
            match outcome {
                Ok(new_session) => {
                    session.0.set(Some(new_session));
                    navigate("/instances", NavigateOptions::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    view! {
        <Show when=move || !session.is_signed_in() fallback=|| view! { <Redirect path="/instances" /> }>
            <main class="login-page" id="main">
                <section class="login-card" aria-labelledby="login-title">
                    <div class="brand">
                        <span>{i18n.text(Msg::AppName)}</span>
                        <LangSelect />
                    </div>
                    <h1 id="login-title">{i18n.text(Msg::SignInTitle)}</h1>
                    <LoginForm
                        on_submit
                        pending
                        error
                    />
                </section>
            </main>
        </Show>
    }
}

/// A pasted token is checked by listing flavors with it: a wrong token or endpoint fails here,
/// with the server's own message, instead of on the first screen.
async fn verify(
    candidate: &Session,
    config: &crate::config::RuntimeConfig,
) -> Result<(), ApiError> {
    let base = candidate
        .base(config, Service::Compute)
        .ok_or_else(|| ApiError::Network("no compute endpoint".into()))?;
    execute(
        &request::list_flavors(&FlavorQuery::default()),
        &base,
        Some(&candidate.token),
    )
    .await
    .map(|_| ())
}
