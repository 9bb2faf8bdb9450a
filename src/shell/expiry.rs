use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::session::expect_session;
use crate::time::{epoch_ms, local_text, utc_text};

/// Warn this long before the token expires, so a form can be finished after signing in again.
const EXPIRY_WARNING_MS: f64 = 5.0 * 60.0 * 1000.0;

/// When the token expires, in local time (UTC on hover); "expired" once past. In the last
/// minutes it turns into a warning with a button to sign in again in place (the re-login
/// dialog renews the token without leaving the page).
#[component]
pub fn SessionExpiry() -> impl IntoView {
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
