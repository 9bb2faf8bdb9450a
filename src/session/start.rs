//! Start-up of the session, before the router decides between the sign-in page and the
//! console: this tab's saved session first, then the other tabs' (a fraction of a second),
//! then none. Also wires what keeps the session in step afterwards: the copy for a reload,
//! the tabs' messages, the expiry, the idle timeout and an embedding page.
//!
//! The origin is the boundary: any page of the console's origin can join the tabs' channel,
//! so the channel is used only where `tabHandOver` allows it (an origin of the console's
//! own), an announcement never carries a token, and a message never changes who a tab is
//! signed in as. A framed console uses neither the channel nor the saved copy: only its
//! embedding page signs it in.

use std::time::Duration;

use compute_api::session_format::{EmbedSession, SavedSession, TabMessage};
use leptos::prelude::*;

use super::embed::{is_framed, EmbedHost};
use super::idle::IdleTimer;
use super::tabs::{TabChannel, TabEvent};
use super::{saved, EndReason, SessionState};
use crate::config::{RuntimeConfig, SessionPersistence};

/// How long a tab without a session waits for another tab to answer. Answers come in a few
/// milliseconds; a busy machine gets the rest.
const HAND_OVER_WAIT: Duration = Duration::from_millis(400);
/// How often the expiry of the saved copy is checked.
const EXPIRY_CHECK: Duration = Duration::from_secs(5);

/// Restores or asks for the session and keeps it in step. The returned flag turns true once
/// the router may decide (a session is there, or none came in time). A session handed over by
/// an embedding page goes to `on_embed_session` (the sign-in flows live above the client).
pub fn start_session(
    state: SessionState,
    config: &RuntimeConfig,
    base_path: &str,
    on_embed_session: impl Fn(EmbedSession) + 'static,
) -> (RwSignal<bool>, IdleTimer) {
    let framed = is_framed();
    let keeps_copy = config.session_persistence == SessionPersistence::Tab && !framed;
    let idle_ms = config.idle_timeout_ms();
    let mut last_active_at = None;
    if keeps_copy {
        match saved::restore(idle_ms) {
            Ok(saved::Restored::Session {
                session,
                last_active_at: at,
            }) => {
                last_active_at = Some(at);
                state.current.set(Some(session));
            }
            Ok(saved::Restored::Idle) => state.ended.set(Some(EndReason::Idle)),
            Ok(saved::Restored::Nothing) => {}
            Err(rejected) => {
                web_sys::console::warn_1(
                    &format!(
                        "Compute Console: the saved session was not used ({})",
                        rejected.kind()
                    )
                    .into(),
                );
            }
        }
    } else if !framed {
        // A copy left from when the deployment kept one goes. (A frame leaves the tab's copy
        // to the console the tab itself shows.)
        saved::remove();
    }

    let idle = IdleTimer::new(idle_ms, last_active_at, keeps_copy);
    let ready = RwSignal::new(state.current.with_untracked(Option::is_some));
    let tabs = (config.tab_hand_over && !framed)
        .then(|| {
            TabChannel::open(base_path, move |event| match event {
                TabEvent::Message(message) => on_tab_message(state, idle, ready, message),
                TabEvent::UnusableAnnouncement => {
                    if state.identity().is_some() {
                        state.end_here(Some(EndReason::SignedOutElsewhere));
                    }
                }
            })
        })
        .flatten();
    let asks = tabs.is_some();
    let embed = EmbedHost::start(config, on_embed_session);
    state.links.update_value(|links| {
        links.tabs = tabs;
        links.embed = embed;
    });

    if !ready.get_untracked() {
        if asks {
            state.tell_tabs(&TabMessage::Ask);
            set_timeout(move || ready.set(true), HAND_OVER_WAIT);
        } else {
            ready.set(true);
        }
    }
    Effect::new(move |_| {
        if state.is_signed_in() {
            ready.set(true);
        }
    });

    if keeps_copy {
        keep_saved_copy(state, idle);
    }
    // Back from the back-forward cache, where the channel's messages did not reach it.
    let pageshow = window_event_listener(leptos::ev::pageshow, move |event| {
        if event.persisted() && ended_elsewhere(state) {
            state.end_here(Some(EndReason::SignedOutElsewhere));
        }
    });
    // Without the channel, another tab's sign-out is seen by the mark it leaves. (With it,
    // the channel's message comes too, and says why: the idle timeout or a sign-out.)
    let storage = (!asks).then(|| {
        window_event_listener(leptos::ev::storage, move |event| {
            if saved::is_sign_out_mark(event.key()) && ended_elsewhere(state) {
                state.end_here(Some(EndReason::SignedOutElsewhere));
            }
        })
    });
    on_cleanup(move || {
        pageshow.remove();
        if let Some(storage) = storage {
            storage.remove();
        }
    });
    idle.start(state);
    (ready, idle)
}

/// Whether this tab's session began before the origin's last sign-out.
fn ended_elsewhere(state: SessionState) -> bool {
    state
        .current
        .try_with_untracked(|s| s.as_ref().is_some_and(saved::has_ended))
        .unwrap_or(false)
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
                        .map(|s| saved::to_saved_active(s, idle.last_input()))
                })
                .flatten();
            if let Some(session) = mine {
                state.tell_tabs(&TabMessage::Answer { session });
            }
        }
        TabMessage::Answer { session } => on_answer(state, idle, ready, session),
        TabMessage::SignedIn {
            tenant_id,
            username,
            signed_in_at,
        } => {
            let announced = compute_api::session_format::Identity {
                tenant_id,
                username,
            };
            let Some(mine) = state.identity() else {
                // A tab without a session stays as it is: it signs in itself.
                return;
            };
            if !mine.is_same_user(&announced) {
                // Never another identity from a message: this tab signs out instead.
                state.end_here(Some(EndReason::SignedOutElsewhere));
            } else if signed_in_at > my_sign_in(state) {
                // The same user signed in again: ask for the newer token.
                state.tell_tabs(&TabMessage::Ask);
            }
        }
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
        TabMessage::Active { at } => idle.touch_from_elsewhere(at, state),
    }
}

/// When this tab's session began (0 without one).
fn my_sign_in(state: SessionState) -> f64 {
    state
        .current
        .try_with_untracked(|s| s.as_ref().map(|s| s.signed_in_at))
        .flatten()
        .unwrap_or_default()
}

/// A session another tab handed over: taken by a tab that asked at start and has none (unless
/// nobody used it for longer than the idle timeout), or as a newer token of the user this tab
/// already has. Another identity's session is never taken: this tab signs out instead.
fn on_answer(state: SessionState, idle: IdleTimer, ready: RwSignal<bool>, session: SavedSession) {
    let now = js_sys::Date::now();
    match state.identity() {
        None => {
            let waiting = ready.try_get_untracked() == Some(false);
            if !waiting {
                return;
            }
            if session.idle_too_long(now, idle.timeout_ms()) {
                state.ended.try_set(Some(EndReason::Idle));
                return;
            }
            let last_active_at = session.last_active_at.unwrap_or(session.signed_in_at);
            idle.set_last_input(last_active_at);
            state.take(saved::from_saved(session));
        }
        Some(mine) if mine.is_same_user(&session.identity()) => {
            if session.signed_in_at > my_sign_in(state) {
                state.take(saved::from_saved(session));
            }
        }
        Some(_) => state.end_here(Some(EndReason::SignedOutElsewhere)),
    }
}

/// Writes the session to this tab's storage whenever it changes (with the time of the last
/// input), and removes it when it ends, expires, or its token was refused.
fn keep_saved_copy(state: SessionState, idle: IdleTimer) {
    Effect::new(move |_| {
        state.current.with(|current| match current {
            Some(session) if state.may_keep(session) => saved::store(session, idle.last_input()),
            _ => saved::remove(),
        })
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            // Expired since it was stored: the copy goes.
            let gone = state
                .current
                .try_with_untracked(|s| s.as_ref().is_some_and(|s| !state.may_keep(s)))
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
