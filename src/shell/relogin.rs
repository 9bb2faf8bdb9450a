use compute_api::request::Service;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::auth::{sign_in, LoginInput};
use crate::client::expect_api;
use crate::components::LoginForm;
use crate::i18n::{use_i18n, Msg, SessionMsg};
use crate::session::{expect_config, expect_session, EndReason, Session};
use crate::tasks::TaskScope;

/// Asks for the same user's credentials again when a request answers 401 (or the token is
/// about to expire), in a modal dialog over the page so nothing on it is lost. The tenant and
/// user are shown, not editable: another account is a full sign-out, and a refused request is
/// sent again only for the identity it was made for. A successful sign-in swaps the token
/// (keeping the region, in every tab) and the store's lists refetch by themselves.
#[component]
pub fn ReloginDialog() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let api = expect_api();
    let config = expect_config();
    let navigate = use_navigate();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<compute_api::ApiError>);
    let other_identity = RwSignal::new(false);
    let tasks = TaskScope::new();

    let on_submit = {
        let config = config.clone();
        Callback::new(move |input: LoginInput| {
            other_identity.set(false);
            error.set(None);
            if session.identity() != Some(input.identity()) {
                other_identity.set(true);
                return;
            }
            let config = config.clone();
            pending.set(true);
            tasks.spawn(async move {
                let outcome = sign_in(api, &config, input).await;
                pending.set(false);
                let same_user = |fresh: &Session| {
                    session
                        .identity()
                        .is_some_and(|mine| mine.is_same_user(&fresh.identity()))
                };
                match outcome {
                    Ok(fresh) if same_user(&fresh) => session.begin(fresh),
                    // A pasted token's user is unknown: it starts a new session (the page
                    // is cleared, nothing is replayed for it).
                    Ok(fresh) if fresh.username.is_none() => session.begin(fresh),
                    Ok(_) => other_identity.set(true),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let config = StoredValue::new(config);
    let prefill = move || {
        session
            .current
            .with_untracked(|s| {
                s.as_ref().map(|s| {
                    let endpoint = config
                        .with_value(|config| s.base(config, Service::Compute))
                        .unwrap_or_default();
                    (
                        s.tenant_id.clone(),
                        s.username.clone().unwrap_or_default(),
                        endpoint,
                    )
                })
            })
            .unwrap_or_default()
    };
    let someone_else = move |_| {
        session.sign_out(EndReason::SignedOut);
        navigate("/login", NavigateOptions::default());
    };

    view! {
        <dialog
            node_ref=dialog
            class="relogin"
            data-testid="relogin-dialog"
            aria-labelledby="relogin-title"
            on:close=move |_| session.reauth.set(false)
        >
            <Show when=move || session.reauth.get()>
                <ModalOpener dialog />
                <h2 id="relogin-title">{i18n.text(Msg::SessionExpired)}</h2>
                <p class="hint">{i18n.text(Msg::ReloginIntro)}</p>
                {move || {
                    let (tenant_id, username, endpoint) = prefill();
                    view! {
                        <LoginForm on_submit pending error tenant_id username endpoint locked=true />
                    }
                }}
                <Show when=move || other_identity.get()>
                    <p class="field-error" role="alert" data-testid="relogin-other-identity">
                        {i18n.text(SessionMsg::ReloginSameUserOnly)}
                    </p>
                </Show>
                <div class="modal-buttons">
                    <button
                        type="button"
                        class="ghost"
                        data-testid="relogin-someone-else"
                        on:click=someone_else.clone()
                    >
                        {i18n.text(SessionMsg::SignInAsSomeoneElse)}
                    </button>
                    <button
                        type="button"
                        class="ghost"
                        data-testid="relogin-cancel"
                        on:click=move |_| session.reauth.set(false)
                    >
                        {i18n.text(Msg::Cancel)}
                    </button>
                </div>
            </Show>
        </dialog>
    }
}

/// Opens its `<dialog>` as a modal while mounted (the native modal keeps focus inside and
/// closes on Escape) and closes it when unmounted.
#[component]
fn ModalOpener(dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    request_animation_frame(move || {
        if let Some(el) = dialog.get_untracked() {
            if !el.open() {
                let _ = el.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some(el) = dialog.get_untracked() {
            if el.open() {
                el.close();
            }
        }
    });
}
