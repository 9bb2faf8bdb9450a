//! The status of a server: the API's word, always as text, with a tone for colour and shape.

use compute_api::ServerStatus;
use leptos::prelude::*;

/// How a status looks. The text is always shown; the tone only adds colour and a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Busy,
    Off,
    Error,
    Neutral,
}

impl Tone {
    pub fn of(status: &ServerStatus) -> Tone {
        match status {
            ServerStatus::Active => Tone::Ok,
            ServerStatus::Error => Tone::Error,
            ServerStatus::Shutoff
            | ServerStatus::Paused
            | ServerStatus::Suspended
            | ServerStatus::Shelved
            | ServerStatus::ShelvedOffloaded
            | ServerStatus::Deleted
            | ServerStatus::SoftDeleted => Tone::Off,
            s if s.is_transitional() => Tone::Busy,
            _ => Tone::Neutral,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Tone::Ok => "badge badge-ok",
            Tone::Busy => "badge badge-busy",
            Tone::Off => "badge badge-off",
            Tone::Error => "badge badge-error",
            Tone::Neutral => "badge badge-neutral",
        }
    }
}

/// A status badge. Unknown statuses are shown exactly as the API sent them.
#[component]
pub fn StatusBadge(
    /// The server's status.
    status: ServerStatus,
) -> impl IntoView {
    let class = Tone::of(&status).class();
    view! { <span class=class>{status.as_str().to_string()}</span> }
}
