//! Browser storage: what the console keeps there, and when it goes.
//!
//! - `localStorage` holds only the language preference and the time of the last sign-out (a
//!   number, see `session::saved`).
//! - This tab's `sessionStorage` holds the session for a reload (`compute-console.session`,
//!   see `session::saved`; not with `sessionPersistence: "memory"`) and the wizard's draft
//!   (never its user data), one key per tenant and user. Every key of the console's there is
//!   removed at sign-out.
//!
//! Nothing else secret is stored: no password, no private key, no user data.

/// The prefix of every key the console writes.
pub const KEY_PREFIX: &str = "compute-console.";

/// Keys earlier versions kept in `localStorage` that may hold private data (the wizard's draft
/// with its user data, one per browser): removed wherever found.
const LEGACY_PRIVATE_KEYS: [&str; 1] = ["compute-console.create-draft"];

/// This tab's `sessionStorage`, when the browser allows it.
pub fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The keys of `storage` that start with `prefix`.
pub fn keys_with_prefix(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Removes every key of `storage` that starts with `prefix`.
pub fn remove_with_prefix(storage: &web_sys::Storage, prefix: &str) {
    for key in keys_with_prefix(storage, prefix) {
        let _ = storage.remove_item(&key);
    }
}

/// Removes what earlier versions left in `localStorage` that may be private.
pub fn remove_legacy_private_data() {
    if let Some(local) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        for key in LEGACY_PRIVATE_KEYS {
            let _ = local.remove_item(key);
        }
    }
}

/// At sign-out: this tab keeps nothing of the session (drafts included).
pub fn forget_private_data() {
    if let Some(tab) = tab_storage() {
        remove_with_prefix(&tab, KEY_PREFIX);
    }
    remove_legacy_private_data();
}
