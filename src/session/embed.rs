//! Hand-over from an embedding page (`embed.allowedOrigins`). Framed, the console posts
//! `compute-console:ready` to its parent; a `compute-console:session` message from the parent,
//! from an allowed origin, is handed to the caller (which re-scopes its token at Keystone, see
//! `crate::auth::hand_over`); `compute-console:signed-out` is posted when the session ends.
//! Messages from any other window or origin are ignored without a word.

use compute_api::session_format::{is_allowed_origin, EmbedSession, EMBED_READY, EMBED_SIGNED_OUT};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::config::RuntimeConfig;

/// The embedding page, while the console is framed by one it may talk to.
pub struct EmbedHost {
    parent: web_sys::Window,
    allowed: Vec<String>,
    listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Drop for EmbedHost {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "message",
                self.listener.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Whether this page runs in a frame. A framed console is signed in by its embedding page
/// only: it never restores this tab's saved session and never joins the tabs' channel (a
/// same-site page could frame it invisibly and find it signed in).
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        Ok(None) => false,
        // A parent the page may not even look at is a frame.
        Err(_) => true,
    }
}

impl EmbedHost {
    /// Starts listening when the console is framed and origins are configured; each session
    /// the parent hands over goes to `on_session`.
    pub fn start(
        config: &RuntimeConfig,
        on_session: impl Fn(EmbedSession) + 'static,
    ) -> Option<Self> {
        let allowed = config.embed.allowed_origins.clone();
        if allowed.is_empty() {
            return None;
        }
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        let listener = {
            let parent = parent.clone();
            let allowed = allowed.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let from_parent = event
                    .source()
                    .is_some_and(|source| js_sys::Object::is(&source, &parent));
                if !from_parent || !is_allowed_origin(&event.origin(), &allowed) {
                    return;
                }
                let Some(message) = js_sys::JSON::stringify(&event.data())
                    .ok()
                    .and_then(|text| text.as_string())
                    .and_then(|text| EmbedSession::from_json(&text))
                else {
                    return;
                };
                on_session(message);
            })
        };
        window
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .ok()?;
        let host = Self {
            parent,
            allowed,
            listener,
        };
        host.post(EMBED_READY);
        Some(host)
    }

    pub fn signed_out(&self) {
        self.post(EMBED_SIGNED_OUT);
    }

    /// Posts `{"type": kind}` to the parent, addressed to each allowed origin: the browser
    /// delivers it only if the parent has that origin, so nothing reaches another page.
    fn post(&self, kind: &str) {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &JsValue::from_str(kind));
        for origin in &self.allowed {
            let _ = self.parent.post_message(&message, origin);
        }
    }
}
