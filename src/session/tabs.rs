//! The console's tabs of one origin talk over a `BroadcastChannel`: a new tab asks for the
//! session, a sign-in or renewal is announced, a sign-out ends every tab. Messages are JSON
//! text checked by [`TabMessage::from_json`]; anything else on the channel is ignored.

use compute_api::session_format::TabMessage;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::saved::now_seconds;

/// What came over the channel.
pub enum TabEvent {
    Message(TabMessage),
    /// A session was announced that fails its checks: whatever it is, this tab must not go on
    /// with its own as if no one had signed in elsewhere.
    UnusableAnnouncement,
}

/// One open channel, with the listener it keeps alive.
pub struct TabChannel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl TabChannel {
    /// Opens the channel of the console served under `base_path` (two consoles under two
    /// paths of one origin keep apart) and passes every valid message, and every unusable
    /// announcement, to `on_event`. `None` where the browser has no `BroadcastChannel`.
    pub fn open(base_path: &str, on_event: impl Fn(TabEvent) + 'static) -> Option<Self> {
        let name = format!("compute-console:{base_path}/");
        let channel = web_sys::BroadcastChannel::new(&name).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                match TabMessage::from_json(&text, now_seconds()) {
                    Ok(message) => on_event(TabEvent::Message(message)),
                    Err(_) if TabMessage::is_announcement(&text) => {
                        on_event(TabEvent::UnusableAnnouncement)
                    }
                    Err(_) => {}
                }
            },
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _listener: listener,
        })
    }

    /// Sends to every other tab (never to this one).
    pub fn post(&self, message: &TabMessage) {
        let _ = self
            .channel
            .post_message(&JsValue::from_str(&message.to_json()));
    }
}

impl Drop for TabChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
