//! The signed-in shell around every page: the header (navigation, region, tenant and user,
//! session expiry, commands, language, sign-out), the dialogs and notices over the page
//! (re-login, idle warning, retries) and the error boundary around the page itself.

mod expiry;
mod idle_warning;
mod region;
mod relogin;

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::client::expect_api;
use crate::components::{LangSelect, RetryNotice, SlowReadNotice};
use crate::i18n::{use_i18n, Msg, SessionMsg};
use crate::palette::KeyboardLayer;
use crate::paths::{href, BasePath};
use crate::session::{expect_session, EndReason};
use crate::store::provide_store;
use crate::tasks::TaskScope;
use expiry::SessionExpiry;
use idle_warning::IdleWarning;
use region::RegionSelect;
use relogin::ReloginDialog;

/// Signed-in routes: the shell, or a redirect to sign-in.
#[component]
pub fn Shell() -> impl IntoView {
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
    let tasks = TaskScope::new();
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
        <main
            id="main"
            class="content"
            tabindex="-1"
            on:pointerover=move |ev| preload_linked_page(tasks, ev.target())
            on:focusin=move |ev| preload_linked_page(tasks, ev.target())
        >
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

/// Starts loading the code of the page a link inside a page leads to, when the link (marked
/// `data-preload="/path"`) is pointed at or focused: pages link to other pages without
/// knowing how their code loads.
fn preload_linked_page(tasks: TaskScope, target: Option<web_sys::EventTarget>) {
    let path = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[data-preload]").ok().flatten())
        .and_then(|link| link.get_attribute("data-preload"));
    if let Some(path) = path {
        tasks.spawn(async move { crate::lazy_pages::preload(&path).await });
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
