//! The application: runtime configuration, router, the signed-in shell (navigation, region
//! switcher, session expiry, language, sign-out) and the error boundary.

use compute_api::request::Service;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use leptos_router::Lazy;
use leptos_router::NavigateOptions;

use crate::client::{expect_api, load_config, provide_api, ConfigError};
use crate::components::time::{epoch_ms, local_text, utc_text};
use crate::components::{LoginForm, LoginInput, RetryNotice, SlowReadNotice};
use crate::config::{base_path, RuntimeConfig};
use crate::i18n::{expect_i18n, initial_lang, provide_i18n, use_i18n, Lang, Msg, SessionMsg};
use crate::lazy_pages::{
    CreateInstanceRoute, FlavorsRoute, InstanceDetailRoute, KeypairDetailRoute, KeypairsRoute,
    ZonesRoute,
};
use crate::pages::instances::InstancesPage;
use crate::pages::login::sign_in;
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::LoadingRow;
use crate::palette::KeyboardLayer;
use crate::paths::{href, BasePath};

use crate::session::idle::IdleTimer;
use crate::session::start::start_session;
use crate::session::{expect_config, expect_session, provide_session, EndReason, Session};
use crate::store::provide_store;
use crate::tasks::TaskScope;

/// The root component: reads `config.json`, then starts the console.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n(initial_lang());
    Effect::new(move |_| {
        let lang = i18n.lang();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(crate::i18n::tr(lang, Msg::AppName));
        }
    });
    let config = LocalResource::new(load_config);
    // Not a <Suspense>: every list read below it without a boundary of its own (a count in a
    // page header) would turn the whole console back into "Loading…" while it refetches.
    move || match config.get() {
        None => view! { <LoadingRow /> }.into_any(),
        Some(Ok(config)) => view! { <Console config /> }.into_any(),
        Some(Err(error)) => view! { <ConfigFailure error /> }.into_any(),
    }
}

#[component]
fn ConfigFailure(error: ConfigError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="login-page" id="main">
            <section class="login-card error-box" role="alert" data-testid="error-message">
                <h1>{i18n.text(Msg::ConfigError)}</h1>
                <p>{error.0}</p>
            </section>
        </main>
    }
}

/// Router and routes, with the session and the API handle in context. The router starts once
/// the session is known (restored, handed over by another tab, or none), so a reload or a
/// new tab's deep link is never sent to the sign-in page on the way.
#[component]
fn Console(config: RuntimeConfig) -> impl IntoView {
    let session = provide_session(config.clone());
    let api = provide_api();
    let base = base_path();
    provide_context(BasePath(base.clone()));
    let (ready, idle) = start_session(session, api, &config, &base);
    provide_context(idle);
    view! {
        <Show when=move || ready.get() fallback=HandOverWait>
            <Router base=base.clone()>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/instances" /> } />
                    <Route path=path!("/login") view=LoginPage />
                    <ParentRoute path=path!("") view=Shell>
                        <Route path=path!("/instances") view=InstancesPage />
                        // The other pages load on their first visit (crate::lazy_pages).
                        <Route
                            path=path!("/instances/new")
                            view={Lazy::<CreateInstanceRoute>::new()}
                        />
                        <Route path=path!("/instances/:id") view={Lazy::<InstanceDetailRoute>::new()} />
                        <Route path=path!("/keypairs") view={Lazy::<KeypairsRoute>::new()} />
                        <Route path=path!("/keypairs/:name") view={Lazy::<KeypairDetailRoute>::new()} />
                        <Route path=path!("/flavors") view={Lazy::<FlavorsRoute>::new()} />
                        <Route path=path!("/zones") view={Lazy::<ZonesRoute>::new()} />
                    </ParentRoute>
                </Routes>
            </Router>
        </Show>
    }
}

/// While a new tab waits for the console's other tabs to hand their session over.
#[component]
fn HandOverWait() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="login-page" id="main">
            <p class="login-card" role="status" data-testid="hand-over-wait">
                {i18n.text(SessionMsg::SigningInFromAnotherTab)}
            </p>
        </main>
    }
}

/// Signed-in routes: the shell, or a redirect to sign-in.
#[component]
fn Shell() -> impl IntoView {
    let session = expect_session();
    let location = use_location();
    // Where to come back to after signing in (a bookmarked or reloaded view).
    let login = move || {
        let base = use_context::<BasePath>().map(|b| b.0).unwrap_or_default();
        let path = location.pathname.get_untracked();
        let path = path
            .strip_prefix(base.as_str())
            .filter(|p| p.starts_with('/'))
            .unwrap_or(&path)
            .to_string();
        let search = location.search.get_untracked();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        format!("/login?next={}", crate::paths::segment(&here))
    };
    view! {
        <Show when=move || session.is_signed_in() fallback=move || view! { <Redirect path=login() /> }>
            <SignedInShell />
        </Show>
    }
}

#[component]
fn SignedInShell() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    provide_store(expect_api(), session);
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out(EndReason::SignedOut);
        navigate("/login", NavigateOptions::default());
    };
    let tenant = move || {
        session
            .current
            .with(|s| s.as_ref().map(|s| s.tenant_id.clone()))
    };
    let user = move || {
        session
            .current
            .with(|s| s.as_ref().and_then(|s| s.username.clone()))
    };
    view! {
        <a class="skip-link" href="#main">{i18n.text(Msg::SkipToContent)}</a>
        <header class="topbar">
            <a class="brand" href=href("/instances")>{i18n.text(Msg::AppName)}</a>
            <nav class="mainnav" aria-label=i18n.text(Msg::MainNavigation)>
                <NavLink path="/instances" testid="nav-instances" label=Msg::NavInstances />
                <NavLink path="/keypairs" testid="nav-keypairs" label=Msg::NavKeypairs />
                <NavLink path="/flavors" testid="nav-flavors" label=Msg::NavFlavors />
                <NavLink path="/zones" testid="nav-zones" label=Msg::NavZones />
            </nav>
            <div class="topbar-tools">
                <RegionSelect />
                <span class="tenant" title=i18n.text(Msg::Tenant)>
                    <span class="visually-hidden">{i18n.text(Msg::Tenant)} ": "</span>
                    <span class="mono">{tenant}</span>
                </span>
                {move || {
                    user()
                        .map(|name| {
                            view! {
                                <span class="user">
                                    <span class="visually-hidden">
                                        {i18n.text(SessionMsg::SignedInAs)} ": "
                                    </span>
                                    <span data-testid="signed-in-user">{name}</span>
                                </span>
                            }
                        })
                }}
                <SessionExpiry />
                <KeyboardLayer />
                <LangSelect />
                <button type="button" class="ghost" data-testid="logout" on:click=sign_out>
                    {i18n.text(Msg::SignOut)}
                </button>
            </div>
        </header>
        <ReloginDialog />
        <IdleWarning />
        <RetryNotice />
        <SlowReadNotice />
        <main id="main" class="content" tabindex="-1">
            <ErrorBoundary fallback=|errors| {
                view! {
                    <div class="error-box" role="alert" data-testid="error-message">
                        <ul>
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                }
            }>
                <Outlet />
            </ErrorBoundary>
        </main>
    }
}

/// A navigation link, marked `aria-current="page"` on its own section.
#[component]
fn NavLink(path: &'static str, testid: &'static str, label: Msg) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = TaskScope::new();
    // The page's code starts loading when the link is pointed at or focused.
    let preload = move || tasks.spawn(crate::lazy_pages::preload(path));
    let target = href(path);
    let location = use_location();
    let current = {
        let target = target.clone();
        move || {
            let here = location.pathname.get();
            let active = here == target || here.starts_with(&format!("{target}/"));
            active.then_some("page")
        }
    };
    view! {
        <a
            href=target
            data-testid=testid
            aria-current=current
            on:pointerenter=move |_| preload()
            on:focus=move |_| preload()
        >
            {i18n.text(label)}
        </a>
    }
}

/// The region switcher, from the catalog (and the configuration).
#[component]
fn RegionSelect() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let regions = move || {
        session
            .current
            .with(|s| s.as_ref().map(|s| s.regions.clone()).unwrap_or_default())
    };
    let current = move || session.region().unwrap_or_default();
    view! {
        <label class="inline-field">
            <span>{i18n.text(Msg::Region)}</span>
            <select
                data-testid="region-select"
                prop:value=current
                on:change=move |ev| session.set_region(event_target_value(&ev))
            >
                {move || {
                    let selected = current();
                    regions()
                        .into_iter()
                        .map(|r| {
                            let is_selected = r == selected;
                            view! {
                                <option value=r.clone() selected=is_selected>
                                    {r.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Warn this long before the token expires, so a form can be finished after signing in again.
const EXPIRY_WARNING_MS: f64 = 5.0 * 60.0 * 1000.0;

/// When the token expires, in local time (UTC on hover); "expired" once past. In the last
/// minutes it turns into a warning with a button to sign in again in place (the re-login
/// dialog renews the token without leaving the page).
#[component]
fn SessionExpiry() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let reauth = session.reauth;
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(15),
    ) {
        on_cleanup(move || handle.clear());
    }
    let expires = move || {
        session
            .current
            .with(|s| s.as_ref().and_then(|s| s.expires.clone()))
    };
    let expires_ms = move || expires().and_then(|e| epoch_ms(&e));
    let expired = move || reauth.get() || expires_ms().is_some_and(|ms| ms <= now.get());
    // Minutes left, once inside the warning window.
    let minutes_left = move || {
        expires_ms()
            .map(|ms| ms - now.get())
            .filter(|left| *left > 0.0 && *left <= EXPIRY_WARNING_MS)
            .map(|left| (left / 60_000.0).ceil() as u64)
    };
    view! {
        <span
            class="session-expiry"
            data-testid="session-expiry"
            title=move || expires().and_then(|e| utc_text(&e))
            class:expired=expired
            class:expiring=move || minutes_left().is_some()
            role=move || minutes_left().map(|_| "status")
        >
            {move || match (expires(), minutes_left()) {
                _ if expired() => i18n.t(Msg::SessionExpired).to_string(),
                (None, _) => i18n.t(Msg::SessionExpiryUnknown).to_string(),
                (Some(_), Some(minutes)) => {
                    i18n.t(Msg::SessionExpiresSoon).replace("{n}", &minutes.to_string())
                }
                (Some(e), None) => {
                    format!(
                        "{} {}",
                        i18n.t(Msg::SessionExpires),
                        local_text(&e).unwrap_or(e),
                    )
                }
            }}
        </span>
        <Show when=move || minutes_left().is_some() && !expired()>
            <button
                type="button"
                class="ghost"
                data-testid="renew-session"
                on:click=move |_| reauth.set(true)
            >
                {i18n.text(Msg::RenewSession)}
            </button>
        </Show>
    }
}

/// The language switcher; the choice is remembered (it is a preference, not a secret).
#[component]
pub fn LangSelect() -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <label class="inline-field">
            <span class="visually-hidden">{i18n.text(Msg::Language)}</span>
            <select
                data-testid="lang-select"
                aria-label=i18n.text(Msg::Language)
                prop:value=move || i18n.lang().code()
                on:change=move |ev| i18n.set(Lang::from_tag(&event_target_value(&ev)))
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() selected=move || i18n.lang() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Asks for the same user's credentials again when a request answers 401 (or the token is
/// about to expire), in a modal dialog over the page so nothing on it is lost. The tenant and
/// user are shown, not editable: another account is a full sign-out, and a refused request is
/// sent again only for the identity it was made for. A successful sign-in swaps the token
/// (keeping the region, in every tab) and the store's lists refetch by themselves.
#[component]
fn ReloginDialog() -> impl IntoView {
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

/// The warning before the idle timeout signs every tab out; any input dismisses it.
#[component]
fn IdleWarning() -> impl IntoView {
    let i18n = use_i18n();
    let idle = expect_context::<IdleTimer>();
    view! {
        {move || {
            idle.warning
                .get()
                .map(|seconds| {
                    view! {
                        <div class="idle-warning" role="alert" data-testid="idle-warning">
                            <span>
                                {i18n.t(SessionMsg::IdleWarning).replace("{n}", &seconds.to_string())}
                            </span>
                            <button type="button" class="primary" data-testid="stay-signed-in">
                                {i18n.text(SessionMsg::StaySignedIn)}
                            </button>
                        </div>
                    }
                })
        }}
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
