//! The sign-in form: identity login (tenant, user, API password) or a pasted token. It only
//! collects input; the page does the talking.

use compute_api::ApiError;
use leptos::prelude::*;

use crate::auth::LoginInput;
use crate::components::error_message::ErrorMessage;
use crate::components::field::Field;
use crate::components::segment::Segment;
use crate::i18n::{use_i18n, Msg};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Password,
    Token,
}

/// The sign-in form.
#[component]
pub fn LoginForm(
    /// Called with the trimmed input when the form is submitted.
    #[prop(into)]
    on_submit: Callback<LoginInput>,
    /// A sign-in is in flight: the submit button is disabled.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last failure, shown with the server's own message.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Prefills the tenant ID (the configuration or a previous attempt).
    #[prop(optional, into)]
    tenant_id: String,
    /// Prefills the user name (re-login).
    #[prop(optional, into)]
    username: String,
    /// Prefills the compute endpoint (re-login with a pasted token).
    #[prop(optional, into)]
    endpoint: String,
    /// Re-login: the tenant, user name and endpoint are shown, not editable, and only the
    /// way the session was made is offered (the password for a user, else a token).
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let initial_mode = if locked && username.is_empty() {
        Mode::Token
    } else {
        Mode::Password
    };
    let mode = RwSignal::new(initial_mode);
    let tenant = RwSignal::new(tenant_id);
    let username = RwSignal::new(username);
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let endpoint = RwSignal::new(endpoint);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let input = match mode.get_untracked() {
            Mode::Password => LoginInput::Password {
                tenant_id: tenant.get_untracked().trim().to_string(),
                username: username.get_untracked().trim().to_string(),
                password: password.get_untracked(),
            },
            Mode::Token => LoginInput::Token {
                token: token.get_untracked().trim().to_string(),
                tenant_id: tenant.get_untracked().trim().to_string(),
                endpoint: endpoint.get_untracked().trim().to_string(),
            },
        };
        on_submit.run(input);
    };

    let mode_button = move |m: Mode, testid: &'static str, label: Msg| {
        view! {
            <Segment
                label=i18n.text(label)
                testid
                pressed=Signal::derive(move || mode.get() == m)
                on_press=Callback::new(move |()| mode.set(m))
            />
        }
    };

    view! {
        <form class="login-form" on:submit=submit>
            <Show when=move || !locked>
                <div class="segmented" role="group" aria-label=i18n.text(Msg::SignInModes)>
                    {mode_button(Mode::Password, "login-mode-password", Msg::ModePassword)}
                    {mode_button(Mode::Token, "login-mode-token", Msg::ModeToken)}
                </div>
            </Show>

            <Show when=move || mode.get() == Mode::Token>
                <Field id="login-token" label=i18n.text(Msg::Token)>
                    <input
                        id="login-token"
                        data-testid="login-token"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        required
                        bind:value=token
                    />
                </Field>
            </Show>

            <Field id="login-tenant" label=i18n.text(Msg::TenantId)>
                <input
                    id="login-tenant"
                    data-testid="login-tenant"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    required
                    readonly=locked
                    bind:value=tenant
                />
            </Field>

            <Show
                when=move || mode.get() == Mode::Password
                fallback=move || {
                    view! {
                        <Field id="login-endpoint" label=i18n.text(Msg::ComputeEndpoint) hint=i18n.text(Msg::ComputeEndpointHint)>
                            <input
                                id="login-endpoint"
                                data-testid="login-endpoint"
                                type="url"
                                autocomplete="url"
                                spellcheck="false"
                                placeholder="https://kr1-api-instance-infrastructure.nhncloudservice.com/v2/{tenantId}"
                                aria-describedby="login-endpoint-hint"
                                required
                                readonly=locked
                                bind:value=endpoint
                            />
                        </Field>
                    }
                }
            >
                <Field id="login-username" label=i18n.text(Msg::UserName) hint=i18n.text(Msg::UserNameHint)>
                    <input
                        id="login-username"
                        data-testid="login-username"
                        type="text"
                        autocomplete="username"
                        spellcheck="false"
                        aria-describedby="login-username-hint"
                        required
                        readonly=locked
                        bind:value=username
                    />
                </Field>
                <Field id="login-password" label=i18n.text(Msg::ApiPassword) hint=i18n.text(Msg::ApiPasswordHint)>
                    <input
                        id="login-password"
                        data-testid="login-password"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby="login-password-hint"
                        required
                        bind:value=password
                    />
                </Field>
            </Show>

            {move || error.get().map(|e| view! { <ErrorMessage error=e /> })}

            <button
                type="submit"
                class="primary"
                data-testid="login-submit"
                disabled=move || pending.get()
                aria-busy=move || if pending.get() { "true" } else { "false" }
            >
                {move || i18n.t(if pending.get() { Msg::SigningIn } else { Msg::SignIn })}
            </button>
        </form>
    }
}
