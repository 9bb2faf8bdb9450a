//! The copy of the session a tab keeps in its own `sessionStorage`, so a reload lands on the
//! same page signed in. One key, under the console's prefix (so sign-out's sweep takes it).

use compute_api::session_format::{Rejected, SavedSession, SESSION_FORMAT};

use super::{AuthToken, Session};
use crate::storage::{tab_storage, KEY_PREFIX};

/// The one key the session is kept under.
pub fn key() -> String {
    format!("{KEY_PREFIX}session")
}

/// The stored form of `session`; `last_active_at` is when a person last used it, if known.
pub fn to_saved(session: &Session) -> SavedSession {
    SavedSession {
        format: SESSION_FORMAT,
        token: session.token.expose().to_string(),
        tenant_id: session.tenant_id.clone(),
        username: session.username.clone(),
        expires: session.expires.clone(),
        catalog: session.catalog.clone(),
        regions: session.regions.clone(),
        region: session.region.clone(),
        signed_in_at: session.signed_in_at,
        last_active_at: None,
    }
}

/// The stored form with the time of the last activity.
pub fn to_saved_active(session: &Session, last_active_at: f64) -> SavedSession {
    SavedSession {
        last_active_at: Some(last_active_at),
        ..to_saved(session)
    }
}

pub fn from_saved(saved: SavedSession) -> Session {
    Session {
        token: AuthToken::new(saved.token),
        tenant_id: saved.tenant_id,
        username: saved.username,
        expires: saved.expires,
        catalog: saved.catalog,
        regions: saved.regions,
        region: saved.region,
        signed_in_at: saved.signed_in_at,
    }
}

/// The `localStorage` key of the time of the last sign-out of the origin (a number, nothing
/// secret): how a tab that missed the sign-out learns of it.
fn signed_out_key() -> String {
    format!("{KEY_PREFIX}signed-out-at")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Notes that every session begun until now has ended.
pub fn mark_signed_out() {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&signed_out_key(), &js_sys::Date::now().to_string());
    }
}

/// When the origin last signed out, if it did.
pub fn signed_out_at() -> Option<f64> {
    local_storage()?
        .get_item(&signed_out_key())
        .ok()
        .flatten()?
        .parse()
        .ok()
}

/// Whether `session` began before the last sign-out of the origin.
pub fn has_ended(session: &Session) -> bool {
    to_saved(session).ended_by(signed_out_at())
}

/// Seconds since 1970 by the browser's clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Writes the session for a reload, with the time a person last used it.
pub fn store(session: &Session, last_active_at: f64) {
    if let Some(storage) = tab_storage() {
        let _ = storage.set_item(&key(), &to_saved_active(session, last_active_at).to_json());
    }
}

/// Records a person's last input in this tab's copy of `session`. Only the time changes, and
/// only in a copy of this very session: a copy removed (sign-out, a refused token) or not this
/// session's stays as it is.
pub fn record_activity(session: &Session, at: f64) {
    let Some(storage) = tab_storage() else {
        return;
    };
    let Some(text) = storage.get_item(&key()).ok().flatten() else {
        return;
    };
    let Ok(mut saved) = serde_json::from_str::<SavedSession>(&text) else {
        return;
    };
    if saved.token != session.token.expose() {
        return;
    }
    saved.last_active_at = Some(at);
    let _ = storage.set_item(&key(), &saved.to_json());
}

/// What the session's start found in this tab's copy.
pub enum Restored {
    /// No copy, or one signed out elsewhere since.
    Nothing,
    /// A copy nobody used for longer than the idle timeout: removed, the tab signs in again.
    Idle,
    Session {
        session: Session,
        /// When a person last used it (the sign-in, if the copy does not say).
        last_active_at: f64,
    },
}

pub fn remove() {
    if let Some(storage) = tab_storage() {
        let _ = storage.remove_item(&key());
    }
}

/// The session this tab kept, if there is one, it passes every check, no sign-out came after
/// it began and it was used within `idle_timeout_ms`. Anything else is removed, and the kind
/// of rejection given.
pub fn restore(idle_timeout_ms: Option<f64>) -> Result<Restored, Rejected> {
    let Some(storage) = tab_storage() else {
        return Ok(Restored::Nothing);
    };
    let Some(text) = storage.get_item(&key()).ok().flatten() else {
        return Ok(Restored::Nothing);
    };
    match SavedSession::from_json(&text, now_seconds()) {
        Ok(saved) if saved.ended_by(signed_out_at()) => {
            let _ = storage.remove_item(&key());
            Ok(Restored::Nothing)
        }
        Ok(saved) if saved.idle_too_long(js_sys::Date::now(), idle_timeout_ms) => {
            let _ = storage.remove_item(&key());
            Ok(Restored::Idle)
        }
        Ok(saved) => {
            let last_active_at = saved.last_active_at.unwrap_or(saved.signed_in_at);
            Ok(Restored::Session {
                session: from_saved(saved),
                last_active_at,
            })
        }
        Err(rejected) => {
            let _ = storage.remove_item(&key());
            Err(rejected)
        }
    }
}

/// Whether a `storage` event says the origin signed out (another tab's sign-out, seen even
/// without the tabs' channel).
pub fn is_sign_out_mark(key: Option<String>) -> bool {
    key.is_some_and(|k| k == signed_out_key())
}
