//! Hand-over from an embedding page (`embed.allowedOrigins`). Framed, the console posts
//! `compute-console:ready` to its parent; a `compute-console:session` message from the parent,
//! from an allowed origin, is turned into a session by re-scoping its token at Keystone (which
//! also returns the catalog); `compute-console:signed-out` is posted when the session ends.
//! Messages from any other window or origin are ignored without a word.

use compute_api::identity::{TokenRequest, TokenResponse};
use compute_api::request;
use compute_api::session::{is_allowed_origin, EmbedSession, EMBED_READY, EMBED_SIGNED_OUT};
use leptos::prelude::Set;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{Session, SessionState};
use crate::client::Api;
use crate::config::RuntimeConfig;
use crate::tasks::TaskScope;

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
    /// Starts listening when the console is framed and origins are configured.
    pub fn start(
        state: SessionState,
        api: Api,
        config: &RuntimeConfig,
        tasks: TaskScope,
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
            let config = config.clone();
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
                let config = config.clone();
                tasks.spawn(async move { hand_over(state, api, &config, message).await });
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

/// Re-scopes the handed-over token to its tenant; the answer is a session like any sign-in's,
/// unless this tab signed out while Keystone answered.
async fn hand_over(state: SessionState, api: Api, config: &RuntimeConfig, message: EmbedSession) {
    let generation = state.generation();
    let body = TokenRequest::rescope(&message.token, &message.tenant_id);
    let answer = api
        .fetch::<TokenResponse>(&request::issue_token(&body))
        .await;
    if state.generation() != generation {
        return;
    }
    match answer {
        Ok(answer) => {
            let session = Session::from_access(answer.access, &message.tenant_id, config);
            if session.tenant_id == message.tenant_id {
                state.handover_error.try_set(None);
                state.begin(session);
            } else {
                state
                    .handover_error
                    .try_set(Some(compute_api::ApiError::Decode {
                        status: 200,
                        message: format!(
                            "Keystone scoped the token to tenant {}, not {}",
                            session.tenant_id, message.tenant_id
                        ),
                        request_id: None,
                    }));
            }
        }
        Err(error) => {
            state.handover_error.try_set(Some(error));
        }
    }
}
