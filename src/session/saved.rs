//! The copy of the session a tab keeps in its own `sessionStorage`, so a reload lands on the
//! same page signed in. One key, under the console's prefix (so sign-out's sweep takes it).

use compute_api::session::{Rejected, SavedSession, SESSION_FORMAT};

use super::{AuthToken, Session};
use crate::storage::{tab_storage, KEY_PREFIX};

/// The one key the session is kept under.
pub fn key() -> String {
    format!("{KEY_PREFIX}session")
}

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

/// Writes the session for a reload.
pub fn store(session: &Session) {
    if let Some(storage) = tab_storage() {
        let _ = storage.set_item(&key(), &to_saved(session).to_json());
    }
}

pub fn remove() {
    if let Some(storage) = tab_storage() {
        let _ = storage.remove_item(&key());
    }
}

/// The session this tab kept, if there is one, it passes every check and no sign-out came
/// after it began. Anything else is removed, and the kind of rejection given.
pub fn restore() -> Result<Option<Session>, Rejected> {
    let Some(storage) = tab_storage() else {
        return Ok(None);
    };
    let Some(text) = storage.get_item(&key()).ok().flatten() else {
        return Ok(None);
    };
    match SavedSession::from_json(&text, now_seconds()) {
        Ok(saved) if saved.ended_by(signed_out_at()) => {
            let _ = storage.remove_item(&key());
            Ok(None)
        }
        Ok(saved) => Ok(Some(from_saved(saved))),
        Err(rejected) => {
            let _ = storage.remove_item(&key());
            Err(rejected)
        }
    }
}
