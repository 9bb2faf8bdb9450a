//! The application: runtime configuration, the session's start and the router (the one place
//! that lists the routes). The signed-in shell around the pages is `crate::shell`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

use crate::auth::hand_over;
use crate::client::{load_config, provide_api, ConfigError};
use crate::config::{base_path, RuntimeConfig};
use crate::i18n::{initial_lang, provide_i18n, use_i18n, Msg, SessionMsg};
use crate::lazy_pages::{
    CreateInstanceRoute, FlavorsRoute, InstanceDetailRoute, InstancesRoute, KeypairDetailRoute,
    KeypairsRoute, ZonesRoute,
};
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::LoadingRow;
use crate::paths::BasePath;
use crate::session::provide_session;
use crate::session::start::start_session;
use crate::shell::Shell;
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
    let tasks = TaskScope::new();
    let embed_config = config.clone();
    let (ready, idle) = start_session(session, &config, &base, move |message| {
        let config = embed_config.clone();
        tasks.spawn(async move { hand_over(session, api, &config, message).await });
    });
    provide_context(idle);
    view! {
        <Show when=move || ready.get() fallback=HandOverWait>
            <Router base=base.clone()>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/instances" /> } />
                    <Route path=path!("/login") view=LoginPage />
                    <ParentRoute path=path!("") view=Shell>
                        // Every page loads on its first visit (crate::lazy_pages).
                        <Route path=path!("/instances") view={Lazy::<InstancesRoute>::new()} />
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
