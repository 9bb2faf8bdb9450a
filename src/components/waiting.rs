//! Live notices about waiting: "trying again in 3 s" while a read waits to be sent again, "you
//! can try again in 12 s" under a rate-limit error, "still waiting … stop waiting" for a slow
//! read.

use std::time::Duration;

use leptos::prelude::*;

use crate::client::{PendingReads, RetryWait};
use crate::i18n::{use_i18n, Msg};

/// Whole seconds from `now_ms` until `until_ms`, rounded up; 0 once past.
pub fn seconds_left(until_ms: f64, now_ms: f64) -> u64 {
    ((until_ms - now_ms) / 1000.0).ceil().max(0.0) as u64
}

/// The current time, updated every quarter second while the calling component is mounted.
fn ticking_now() -> ReadSignal<f64> {
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        Duration::from_millis(250),
    ) {
        on_cleanup(move || handle.clear());
    }
    now.read_only()
}

/// Under a 429/413: counts down the server's `Retry-After` from when the error was shown.
/// Nothing is sent by itself: the user tries again when the count reaches zero.
#[component]
pub fn RetryAfterCountdown(seconds: u64) -> impl IntoView {
    let i18n = use_i18n();
    let until_ms = js_sys::Date::now() + seconds as f64 * 1000.0;
    let now = ticking_now();
    view! {
        <p class="error-retry" data-testid="retry-countdown" aria-live="polite">
            {move || match seconds_left(until_ms, now.get()) {
                0 => i18n.t(Msg::TryAgainNow).to_string(),
                n => i18n.t(Msg::TryAgainIn).replace("{n}", &n.to_string()),
            }}
        </p>
    }
}

/// While a read waits to be sent again (a gateway error, or the server's `Retry-After`): says
/// why and counts down, so a slow page is not a silent one.
#[component]
pub fn RetryNotice() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = expect_context::<RetryWait>();
    view! {
        {move || {
            waiting
                .0
                .get()
                .map(|waiting| {
                    let now = ticking_now();
                    let template = if waiting.announced {
                        Msg::ServerAskedToWait
                    } else {
                        Msg::RetryingIn
                    };
                    view! {
                        <p class="retry-notice" role="status" data-testid="retry-notice">
                            {move || {
                                i18n.t(template)
                                    .replace("{status}", &waiting.status.to_string())
                                    .replace(
                                        "{n}",
                                        &seconds_left(waiting.until_ms, now.get()).to_string(),
                                    )
                            }}
                        </p>
                    }
                })
        }}
    }
}

/// A read this old gets the "stop waiting" offer.
const SLOW_READ_MS: f64 = 5_000.0;

/// While any read is under way: after [`SLOW_READ_MS`] says how long it has taken and offers
/// to stop waiting (the page then shows "cancelled" and keeps what it had). Writes are never
/// offered: stopping one halfway would leave its outcome unknown.
#[component]
pub fn SlowReadNotice() -> impl IntoView {
    let pending = expect_context::<PendingReads>();
    view! {
        <Show when=move || pending.started.with(|started| !started.is_empty())>
            <SlowReadTimer pending />
        </Show>
    }
}

/// Mounted only while reads are under way, so the clock ticks only then.
#[component]
fn SlowReadTimer(pending: PendingReads) -> impl IntoView {
    let i18n = use_i18n();
    let now = ticking_now();
    let waited_ms = move || {
        pending
            .started
            .with(|started| started.iter().map(|(_, at)| *at).reduce(f64::min))
            .map(|oldest| now.get() - oldest)
            .filter(|ms| *ms >= SLOW_READ_MS)
    };
    move || {
        waited_ms().map(|ms| {
            view! {
                <p class="retry-notice" role="status" data-testid="slow-notice">
                    {i18n.t(Msg::StillWaiting).replace("{n}", &((ms / 1000.0) as u64).to_string())}
                    " "
                    <button
                        type="button"
                        class="ghost"
                        data-testid="stop-waiting"
                        on:click=move |_| pending.cancel_all()
                    >
                        {i18n.text(Msg::StopWaiting)}
                    </button>
                </p>
            }
        })
    }
}
