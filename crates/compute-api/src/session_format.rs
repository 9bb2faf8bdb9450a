//! The session as it leaves memory: the copy a tab keeps in its `sessionStorage` to survive a
//! reload, the messages the console's tabs send each other (`BroadcastChannel`), and the
//! hand-over an embedding page posts. Each of them comes back as input that anyone with the
//! page's origin, or a damaged store, could have written, so each is checked on the way in:
//! a bad one is rejected whole, never half-used.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::CatalogEntry;
use crate::server_set::epoch_seconds;

/// The version of [`SavedSession`]'s shape; a copy of another version is not used.
pub const SESSION_FORMAT: u32 = 1;

/// Longest token accepted (Keystone's Fernet and PKI-Z tokens are far shorter).
const MAX_TOKEN_LEN: usize = 8192;

/// A signed-in session in its stored form. Never holds a password.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SavedSession {
    pub format: u32,
    pub token: String,
    pub tenant_id: String,
    /// The user name, when known (identity sign-in, or the name Keystone gave the token).
    #[serde(default)]
    pub username: Option<String>,
    /// ISO 8601 (`access.token.expires`); `None` for a pasted token.
    #[serde(default)]
    pub expires: Option<String>,
    pub catalog: Vec<CatalogEntry>,
    pub regions: Vec<String>,
    pub region: String,
    /// When the session began (milliseconds since 1970): a copy older than the last
    /// sign-out of the origin is not used (see [`SavedSession::ended_by`]).
    pub signed_in_at: f64,
    /// When a person last used the console with this session (milliseconds since 1970), as
    /// far as the tab that wrote the copy knows: a copy idle longer than the idle timeout is
    /// not used (see [`SavedSession::idle_too_long`]). Absent in copies written before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_active_at: Option<f64>,
}

impl fmt::Debug for SavedSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SavedSession")
            .field("token", &"<redacted>")
            .field("tenant_id", &self.tenant_id)
            .field("username", &self.username)
            .field("expires", &self.expires)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// Who a session acts as: two sessions with the same identity may replace each other's token;
/// sessions of different identities never mix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub tenant_id: String,
    pub username: Option<String>,
}

impl Identity {
    /// Whether both are known to be the same user of the same tenant. A pasted token's user
    /// is unknown: it is never the same as anyone, itself included, so its session is never
    /// merged with another and a request is never replayed for it under a new token.
    pub fn is_same_user(&self, other: &Identity) -> bool {
        self.tenant_id == other.tenant_id
            && self.username.is_some()
            && self.username == other.username
    }
}

/// Why a stored or handed-over session was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("not a session: {0}")]
    Unreadable(String),
    #[error("a session of format {0}, not {SESSION_FORMAT}")]
    Format(u32),
    #[error("the token is empty, too long or not printable ASCII")]
    Token,
    #[error("the tenant ID is not a plain identifier")]
    Tenant,
    #[error("the user name holds control characters or is too long")]
    Username,
    #[error("the region is not one of the session's regions")]
    Region,
    #[error("an endpoint is not an http(s) URL: {0}")]
    Endpoint(String),
    #[error("the expiry is not a timestamp")]
    Expiry,
    #[error("the session has expired")]
    Expired,
}

impl Rejected {
    /// The kind of rejection, for a log line: never the rejected text itself (a serde
    /// message can quote a field, and a field can be the token).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Unreadable(_) => "unreadable",
            Self::Format(_) => "another format",
            Self::Token => "bad token",
            Self::Tenant => "bad tenant ID",
            Self::Username => "bad user name",
            Self::Region => "bad region",
            Self::Endpoint(_) => "bad endpoint",
            Self::Expiry => "bad expiry",
            Self::Expired => "expired",
        }
    }
}

impl SavedSession {
    pub fn to_json(&self) -> String {
        // Strings and vectors only: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads and checks a stored session; `now_seconds` is the time since 1970.
    pub fn from_json(text: &str, now_seconds: i64) -> Result<Self, Rejected> {
        let session: Self =
            serde_json::from_str(text).map_err(|e| Rejected::Unreadable(e.to_string()))?;
        session.check(now_seconds)?;
        Ok(session)
    }

    /// Everything a session must be before its token is sent anywhere.
    pub fn check(&self, now_seconds: i64) -> Result<(), Rejected> {
        if self.format != SESSION_FORMAT {
            return Err(Rejected::Format(self.format));
        }
        if !is_token(&self.token) {
            return Err(Rejected::Token);
        }
        if !is_tenant_id(&self.tenant_id) {
            return Err(Rejected::Tenant);
        }
        if let Some(name) = &self.username {
            if name.is_empty() || name.len() > 255 || name.chars().any(char::is_control) {
                return Err(Rejected::Username);
            }
        }
        let plain_region = |r: &String| !r.is_empty() && r.len() <= 64 && is_printable_ascii(r);
        if !self.regions.iter().all(plain_region)
            || !self
                .regions
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&self.region))
        {
            return Err(Rejected::Region);
        }
        for endpoint in self.catalog.iter().flat_map(|entry| &entry.endpoints) {
            let url = &endpoint.public_url;
            if !is_http_url(url) {
                return Err(Rejected::Endpoint(url.clone()));
            }
        }
        if let Some(expires) = &self.expires {
            let at = epoch_seconds(expires).ok_or(Rejected::Expiry)?;
            if at <= now_seconds {
                return Err(Rejected::Expired);
            }
        }
        if !self.signed_in_at.is_finite() || self.signed_in_at < 0.0 {
            return Err(Rejected::Unreadable("signedInAt is not a time".into()));
        }
        if self
            .last_active_at
            .is_some_and(|at| !at.is_finite() || at < 0.0)
        {
            return Err(Rejected::Unreadable("lastActiveAt is not a time".into()));
        }
        Ok(())
    }

    /// Whether, at `now_ms`, nobody has used this session for longer than `idle_timeout_ms`
    /// (`None`: no idle timeout): a reloaded, restored or handed-over session idle that long
    /// is not used, so a tab left on a shared computer does not get a fresh idle period. The
    /// last activity counts from the sign-in when the copy does not say.
    pub fn idle_too_long(&self, now_ms: f64, idle_timeout_ms: Option<f64>) -> bool {
        let last = self
            .last_active_at
            .unwrap_or(self.signed_in_at)
            .max(self.signed_in_at);
        idle_timeout_ms.is_some_and(|timeout| now_ms - last >= timeout)
    }

    /// Whether a sign-out of the origin at `signed_out_at` (milliseconds) came after this
    /// session began: then the session ended, whatever a tab that missed it still holds.
    pub fn ended_by(&self, signed_out_at: Option<f64>) -> bool {
        signed_out_at.is_some_and(|out| out >= self.signed_in_at)
    }

    pub fn identity(&self) -> Identity {
        Identity {
            tenant_id: self.tenant_id.clone(),
            username: self.username.clone(),
        }
    }
}

/// What the console's tabs of one origin tell each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TabMessage {
    /// A tab started without a session: whoever has one, answer.
    Ask,
    /// The answer to [`TabMessage::Ask`]: taken by a tab waiting without a session, or as a
    /// newer token of the identity a tab already has; never to change a tab's identity.
    Answer { session: SavedSession },
    /// A tab signed in or renewed its token: who, and when, never the token. A tab of the
    /// same user asks for the new token; a tab of another identity signs out; a tab without a
    /// session stays as it is.
    SignedIn {
        #[serde(rename = "tenantId")]
        tenant_id: String,
        #[serde(default)]
        username: Option<String>,
        #[serde(rename = "signedInAt")]
        signed_in_at: f64,
    },
    /// A tab signed out: every tab signs out. `idle` when the idle timeout did it, so every
    /// tab can say why.
    SignedOut {
        #[serde(default)]
        idle: bool,
    },
    /// Someone used a tab at `at` (milliseconds since 1970): the idle timer starts again
    /// everywhere, and each tab's saved copy records it.
    Active {
        #[serde(default)]
        at: Option<f64>,
    },
}

impl TabMessage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether `text` claims to announce a sign-in (`"kind": "signed-in"`), valid or not: a
    /// tab that cannot read an announcement must not go on as if no one had signed in.
    pub fn is_announcement(text: &str) -> bool {
        serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|value| value.get("kind").and_then(|k| k.as_str()) == Some("signed-in"))
    }

    /// Reads a message; a session in it must pass [`SavedSession::check`], an announced
    /// identity must be well formed, and times must be times.
    pub fn from_json(text: &str, now_seconds: i64) -> Result<Self, Rejected> {
        let message: Self =
            serde_json::from_str(text).map_err(|e| Rejected::Unreadable(e.to_string()))?;
        match &message {
            Self::Answer { session } => session.check(now_seconds)?,
            Self::SignedIn {
                tenant_id,
                username,
                signed_in_at,
            } => {
                if !is_tenant_id(tenant_id) {
                    return Err(Rejected::Tenant);
                }
                if username.as_ref().is_some_and(|n| {
                    n.is_empty() || n.len() > 255 || n.chars().any(char::is_control)
                }) {
                    return Err(Rejected::Username);
                }
                if !signed_in_at.is_finite() || *signed_in_at < 0.0 {
                    return Err(Rejected::Unreadable("signedInAt is not a time".into()));
                }
            }
            Self::Active { at: Some(at) } if !at.is_finite() || *at < 0.0 => {
                return Err(Rejected::Unreadable("at is not a time".into()));
            }
            _ => {}
        }
        Ok(message)
    }

    /// The announcement of `session`'s sign-in: who and when, no token.
    pub fn signed_in(session: &SavedSession) -> Self {
        Self::SignedIn {
            tenant_id: session.tenant_id.clone(),
            username: session.username.clone(),
            signed_in_at: session.signed_in_at,
        }
    }
}

/// The message type an embedding page sends a session with.
pub const EMBED_SESSION: &str = "compute-console:session";
/// Posted to the embedding page when the console is ready for a session.
pub const EMBED_READY: &str = "compute-console:ready";
/// Posted to the embedding page when the console's session ends.
pub const EMBED_SIGNED_OUT: &str = "compute-console:signed-out";

/// `{"type": "compute-console:session", "token": …, "tenantId": …}` from an embedding page:
/// a Keystone token to re-scope to the tenant.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedSession {
    #[serde(rename = "type")]
    pub kind: String,
    pub token: String,
    pub tenant_id: String,
}

impl fmt::Debug for EmbedSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmbedSession")
            .field("token", &"<redacted>")
            .field("tenant_id", &self.tenant_id)
            .finish()
    }
}

impl EmbedSession {
    /// Reads a posted message (as JSON); `None` for anything that is not a well-formed
    /// session hand-over.
    pub fn from_json(text: &str) -> Option<Self> {
        let message: Self = serde_json::from_str(text).ok()?;
        (message.kind == EMBED_SESSION
            && is_token(&message.token)
            && is_tenant_id(&message.tenant_id))
        .then_some(message)
    }
}

/// Whether an embedding page's origin is one of the configured ones: exact match, never a
/// prefix or a pattern, and never the opaque `null` origin.
pub fn is_allowed_origin(origin: &str, allowed: &[String]) -> bool {
    origin != "null" && allowed.iter().any(|a| a == origin)
}

fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x21..0x7f).contains(&b))
}

/// A token goes into a header: printable ASCII without spaces, and not absurdly long.
fn is_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= MAX_TOKEN_LEN && is_printable_ascii(token)
}

/// A tenant ID goes into URL paths: letters, digits, `-` and `_` only.
fn is_tenant_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An absolute `http` or `https` URL with a host and nothing that is not a URL character.
fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !host.contains('@') && is_printable_ascii(url)
    })
}
