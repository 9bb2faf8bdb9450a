//! The idle timeout (`idleTimeoutMinutes`): without keyboard or pointer input in any of the
//! console's tabs for that long, every tab signs out, after a warning in the last minute.
//! Only a person's input counts: auto-refresh and other requests never do.

use std::time::Duration;

use compute_api::session::TabMessage;
use leptos::prelude::*;

use super::{EndReason, SessionState};

/// Input in this tab is told to the other tabs at most this often.
const TELL_EVERY_MS: f64 = 10_000.0;
/// The warning comes this long before the sign-out (or halfway, for very short timeouts).
const WARN_BEFORE_MS: f64 = 60_000.0;

/// The idle clock of this tab, shared with every tab through [`TabMessage::Active`].
#[derive(Clone, Copy)]
pub struct IdleTimer {
    timeout_ms: Option<f64>,
    last_input: StoredValue<f64>,
    last_told: StoredValue<f64>,
    /// Seconds left before the sign-out, once inside the warning window.
    pub warning: RwSignal<Option<u64>>,
}

impl IdleTimer {
    pub fn new(timeout_ms: Option<f64>) -> Self {
        Self {
            timeout_ms,
            last_input: StoredValue::new(js_sys::Date::now()),
            last_told: StoredValue::new(0.0),
            warning: RwSignal::new(None),
        }
    }

    /// Input in another tab.
    pub fn touch_from_elsewhere(self) {
        self.last_input.try_set_value(js_sys::Date::now());
        self.warning.try_set(None);
    }

    /// Input in this tab: the clock starts again here and, now and then, in the other tabs.
    fn touch(self, state: SessionState) {
        let now = js_sys::Date::now();
        self.last_input.try_set_value(now);
        if self.warning.try_get_untracked().flatten().is_some() {
            self.warning.try_set(None);
        }
        let told = self.last_told.try_get_value().unwrap_or_default();
        if now - told >= TELL_EVERY_MS && state.identity().is_some() {
            self.last_told.try_set_value(now);
            state.tell_tabs(&TabMessage::Active);
        }
    }

    /// Once a second: warn, or sign every tab out.
    fn tick(self, state: SessionState) {
        let Some(timeout) = self.timeout_ms else {
            return;
        };
        let now = js_sys::Date::now();
        if state.identity().is_none() {
            // Signed out: the clock starts at the next sign-in.
            self.last_input.try_set_value(now);
            self.warning.try_set(None);
            return;
        }
        let idle = now - self.last_input.try_get_value().unwrap_or(now);
        let warn_before = WARN_BEFORE_MS.min(timeout / 2.0);
        if idle >= timeout {
            self.warning.try_set(None);
            state.sign_out(EndReason::Idle);
        } else if idle >= timeout - warn_before {
            let left = ((timeout - idle) / 1000.0).ceil() as u64;
            self.warning.try_set(Some(left));
        } else if self.warning.try_get_untracked().flatten().is_some() {
            self.warning.try_set(None);
        }
    }

    /// Listens for input and checks the clock, for the console's lifetime.
    pub fn start(self, state: SessionState) {
        if self.timeout_ms.is_none() {
            return;
        }
        let listeners = [
            window_event_listener(leptos::ev::keydown, move |_| self.touch(state)),
            window_event_listener(leptos::ev::pointerdown, move |_| self.touch(state)),
            window_event_listener(leptos::ev::pointermove, move |_| self.touch(state)),
            window_event_listener(leptos::ev::wheel, move |_| self.touch(state)),
        ];
        on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
        if let Ok(handle) =
            set_interval_with_handle(move || self.tick(state), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
    }
}
