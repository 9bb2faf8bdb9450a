//! Start-up of the session, before the router decides between the sign-in page and the
//! console: this tab's saved session first, then the other tabs' (a fraction of a second),
//! then none. Also wires what keeps the session in step afterwards: the copy for a reload,
//! the tabs' messages, the expiry, the idle timeout and an embedding page.

use std::time::Duration;

use compute_api::session::TabMessage;
use leptos::prelude::*;

use super::embed::EmbedHost;
use super::idle::IdleTimer;
use super::tabs::{TabChannel, TabEvent};
use super::{saved, EndReason, SessionState};
use crate::client::Api;
use crate::components::time::epoch_ms;
use crate::config::{RuntimeConfig, SessionPersistence};
use crate::tasks::TaskScope;

/// How long a tab without a session waits for another tab to answer. Answers come in a few
/// milliseconds; a busy machine gets the rest.
const HAND_OVER_WAIT: Duration = Duration::from_millis(400);
/// How often the expiry of the saved copy is checked.
const EXPIRY_CHECK: Duration = Duration::from_secs(5);

/// Restores or asks for the session and keeps it in step. The returned flag turns true once
/// the router may decide (a session is there, or none came in time).
pub fn start_session(
    state: SessionState,
    api: Api,
    config: &RuntimeConfig,
    base_path: &str,
) -> (RwSignal<bool>, IdleTimer) {
    match config.session_persistence {
        SessionPersistence::Tab => match saved::restore() {
            Ok(Some(session)) => state.current.set(Some(session)),
            Ok(None) => {}
            Err(rejected) => {
                web_sys::console::warn_1(
                    &format!(
                        "Compute Console: the saved session was not used ({})",
                        rejected.kind()
                    )
                    .into(),
                );
            }
        },
        // A copy left from when the deployment kept one goes.
        SessionPersistence::Memory => saved::remove(),
    }

    let idle = IdleTimer::new(config.idle_timeout_ms());
    let ready = RwSignal::new(state.current.with_untracked(Option::is_some));
    let tabs = TabChannel::open(base_path, move |event| match event {
        TabEvent::Message(message) => on_tab_message(state, idle, ready, message),
        TabEvent::UnusableAnnouncement => {
            if state.identity().is_some() {
                state.end_here(Some(EndReason::SignedOutElsewhere));
            }
        }
    });
    let tasks = TaskScope::new();
    let embed = EmbedHost::start(state, api, config, tasks);
    state.links.update_value(|links| {
        links.tabs = tabs;
        links.embed = embed;
    });

    if !ready.get_untracked() {
        state.tell_tabs(&TabMessage::Ask);
        set_timeout(move || ready.set(true), HAND_OVER_WAIT);
    }
    Effect::new(move |_| {
        if state.is_signed_in() {
            ready.set(true);
        }
    });

    if config.session_persistence == SessionPersistence::Tab {
        keep_saved_copy(state);
    }
    // Back from the back-forward cache, where the channel's messages did not reach it.
    let pageshow = window_event_listener(leptos::ev::pageshow, move |event| {
        let ended = state
            .current
            .try_with_untracked(|s| s.as_ref().is_some_and(saved::has_ended))
            .unwrap_or(false);
        if event.persisted() && ended {
            state.end_here(Some(EndReason::SignedOutElsewhere));
        }
    });
    on_cleanup(move || pageshow.remove());
    idle.start(state);
    (ready, idle)
}

/// What another tab said. `ready` is false while this tab waits for an answer.
fn on_tab_message(
    state: SessionState,
    idle: IdleTimer,
    ready: RwSignal<bool>,
    message: TabMessage,
) {
    match message {
        TabMessage::Ask => {
            // Never a token a request was refused with.
            let mine = state
                .current
                .try_with_untracked(|s| {
                    s.as_ref()
                        .filter(|s| !state.is_refused(&s.token))
                        .map(saved::to_saved)
                })
                .flatten();
            if let Some(session) = mine {
                state.tell_tabs(&TabMessage::Answer { session });
            }
        }
        TabMessage::Answer { session } => {
            // Only the tab that asked (still waiting) takes an answer.
            let waiting = ready.try_get_untracked() == Some(false);
            if waiting && state.identity().is_none() {
                state.take(saved::from_saved(session));
            }
        }
        TabMessage::Current { session } => state.take(saved::from_saved(session)),
        TabMessage::SignedOut { idle } => {
            if state.identity().is_some() {
                let reason = if idle {
                    EndReason::Idle
                } else {
                    EndReason::SignedOutElsewhere
                };
                state.end_here(Some(reason));
            }
        }
        TabMessage::Active => idle.touch_from_elsewhere(),
    }
}

/// Writes the session to this tab's storage whenever it changes, and removes it when it ends,
/// expires, or its token was refused.
fn keep_saved_copy(state: SessionState) {
    let expired = |expires: &Option<String>| {
        expires
            .as_deref()
            .and_then(epoch_ms)
            .is_some_and(|ms| ms <= js_sys::Date::now())
    };
    Effect::new(move |_| {
        state.current.with(|current| match current {
            Some(session)
                if !expired(&session.expires)
                    && state
                        .refused
                        .with_value(|r| r.as_ref() != Some(&session.token)) =>
            {
                saved::store(session)
            }
            _ => saved::remove(),
        })
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let gone = state
                .current
                .try_with_untracked(|s| s.as_ref().is_some_and(|s| expired(&s.expires)))
                .unwrap_or(false);
            if gone {
                saved::remove();
            }
        },
        EXPIRY_CHECK,
    ) {
        on_cleanup(move || handle.clear());
    }
}
