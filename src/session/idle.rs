//! The idle timeout (`idleTimeoutMinutes`): without keyboard or pointer input in any of the
//! console's tabs for that long, every tab signs out, after a warning in the last minute.
//! Only a person's input counts: auto-refresh and other requests never do. The time of the
//! last input goes with the tab's saved copy (and with a session handed to a new tab), so a
//! reload or a restored tab does not start a fresh idle period.

use std::time::Duration;

use compute_api::session_format::TabMessage;
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
    /// Whether this tab keeps a saved copy, which then records the last input.
    keeps_copy: bool,
    /// Seconds left before the sign-out, once inside the warning window.
    pub warning: RwSignal<Option<u64>>,
}

impl IdleTimer {
    /// A clock whose last input was at `last_input` (a restored session's), else now.
    pub fn new(timeout_ms: Option<f64>, last_input: Option<f64>, keeps_copy: bool) -> Self {
        Self {
            timeout_ms,
            last_input: StoredValue::new(last_input.unwrap_or_else(js_sys::Date::now)),
            last_told: StoredValue::new(0.0),
            keeps_copy,
            warning: RwSignal::new(None),
        }
    }

    /// The timeout in milliseconds, if there is one.
    pub fn timeout_ms(self) -> Option<f64> {
        self.timeout_ms
    }

    /// When a person last used the console (milliseconds since 1970).
    pub fn last_input(self) -> f64 {
        self.last_input
            .try_get_value()
            .unwrap_or_else(js_sys::Date::now)
    }

    /// Input in another tab at `at` (now, if it did not say; never later than now).
    pub fn touch_from_elsewhere(self, at: Option<f64>, state: SessionState) {
        let now = js_sys::Date::now();
        let at = at.unwrap_or(now).min(now);
        if at > self.last_input() {
            self.last_input.try_set_value(at);
            self.warning.try_set(None);
            self.keep(state);
        }
    }

    /// A session taken from another tab was last used at `at`.
    pub fn set_last_input(self, at: f64) {
        self.last_input.try_set_value(at.min(js_sys::Date::now()));
        self.warning.try_set(None);
    }

    /// Records the last input in this tab's saved copy.
    pub fn keep(self, state: SessionState) {
        if !self.keeps_copy {
            return;
        }
        let at = self.last_input();
        state.current.try_with_untracked(|current| {
            if let Some(session) = current {
                super::saved::record_activity(session, at);
            }
        });
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
            state.tell_tabs(&TabMessage::Active { at: Some(now) });
            self.keep(state);
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
            // Leaving the page (a reload, another page of the origin, a closed tab): the copy
            // records the very last input, not the last one told.
            window_event_listener(leptos::ev::pagehide, move |_| self.keep(state)),
        ];
        on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
        if let Ok(handle) =
            set_interval_with_handle(move || self.tick(state), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
    }
}
