//! The signed-in session: token, tenant, user, catalog, regions, the selected region and the
//! expiry. Shared through context as [`SessionState`].
//!
//! Where it lives (docs/security.md, Sessions): in memory, and for a reload in this tab's
//! `sessionStorage` ([`saved`]); handed to the console's other tabs memory to memory
//! ([`tabs`]) or by an embedding page ([`embed`]); ended everywhere by a sign-out or the idle
//! timeout ([`idle`]). Never in `localStorage`, IndexedDB, cookies, URLs or logs.

pub mod embed;
pub mod idle;
pub mod saved;
pub mod start;
pub mod tabs;

use std::fmt;
use std::sync::Arc;

use compute_api::identity::{Access, CatalogEntry, Endpoint};
use compute_api::request::Service;
use compute_api::session_format::{Identity, TabMessage};
use leptos::prelude::*;

use crate::config::{service_base, RuntimeConfig};

/// A token. Its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthToken(String);

impl AuthToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The value, for the `X-Auth-Token` header (and the tab's own stored session) only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthToken(<redacted>)")
    }
}

/// One signed-in session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub token: AuthToken,
    pub tenant_id: String,
    /// The user name (identity sign-in, or Keystone's name for the token's user).
    pub username: Option<String>,
    /// ISO 8601 (`access.token.expires`); `None` for a pasted token.
    pub expires: Option<String>,
    pub catalog: Vec<CatalogEntry>,
    /// The regions offered by the switcher.
    pub regions: Vec<String>,
    pub region: String,
    /// When this session began (milliseconds since 1970), to tell it from a later sign-out.
    pub signed_in_at: f64,
}

impl Session {
    /// A session from a Keystone token answer.
    pub fn from_access(access: Access, tenant_fallback: &str, config: &RuntimeConfig) -> Self {
        let tenant_id = access
            .token
            .tenant
            .as_ref()
            .map(|t| t.id.clone())
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| tenant_fallback.to_string());
        let username = access
            .user
            .as_ref()
            .and_then(|user| user.get("name").or_else(|| user.get("username")))
            .and_then(|name| name.as_str())
            .filter(|name| !name.is_empty())
            .map(str::to_string);
        let regions = config.regions(&access.service_catalog);
        let region = config.initial_region(&regions).unwrap_or_default();
        let expires = Some(access.token.expires.clone()).filter(|e| !e.is_empty());
        Self {
            token: AuthToken::new(access.token.id),
            tenant_id,
            username,
            expires,
            catalog: access.service_catalog,
            regions,
            region,
            signed_in_at: js_sys::Date::now(),
        }
    }

    /// A session from a pasted token and compute endpoint: a synthetic single-region catalog.
    /// The region is named after the configuration's default region (or `default`).
    pub fn from_token(
        token: &str,
        tenant_id: &str,
        compute_url: &str,
        config: &RuntimeConfig,
    ) -> Self {
        let region = config
            .default_region
            .clone()
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "default".to_string());
        let catalog = vec![CatalogEntry {
            service_type: "compute".into(),
            name: "nova".into(),
            endpoints: vec![Endpoint {
                region: region.clone(),
                public_url: compute_url.trim().to_string(),
                internal_url: None,
                admin_url: None,
            }],
        }];
        let regions = config.regions(&catalog);
        Self {
            token: AuthToken::new(token.trim()),
            tenant_id: tenant_id.trim().to_string(),
            username: None,
            expires: None,
            catalog,
            regions,
            region,
            signed_in_at: js_sys::Date::now(),
        }
    }

    /// The base URL of a service in the selected region.
    pub fn base(&self, config: &RuntimeConfig, service: Service) -> Option<String> {
        service_base(
            config,
            &self.catalog,
            &self.region,
            service,
            &self.tenant_id,
        )
    }

    /// Who this session acts as.
    pub fn identity(&self) -> Identity {
        Identity {
            tenant_id: self.tenant_id.clone(),
            username: self.username.clone(),
        }
    }

    /// Takes a fresh sign-in's token and catalog, keeping the selected region when offered.
    pub fn renewed(&self, mut fresh: Session) -> Session {
        if fresh
            .regions
            .iter()
            .any(|r| r.eq_ignore_ascii_case(&self.region))
        {
            fresh.region = self.region.clone();
        }
        fresh
    }
}

/// Why the last session of this tab ended, for the sign-in page to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// This tab's sign-out button.
    SignedOut,
    /// Another tab signed out.
    SignedOutElsewhere,
    /// No keyboard or pointer input for the idle timeout.
    Idle,
}

/// What a session is connected to besides memory; set once at start-up.
struct Links {
    tabs: Option<tabs::TabChannel>,
    embed: Option<embed::EmbedHost>,
}

/// The session handle in context: `current` is `None` when signed out.
#[derive(Clone, Copy)]
pub struct SessionState {
    pub current: RwSignal<Option<Session>>,
    /// Set when a request answered 401 (or the user asked to renew): the shell then asks for
    /// the same user's credentials again in place, without leaving the page.
    pub reauth: RwSignal<bool>,
    pub ended: RwSignal<Option<EndReason>>,
    /// Why an embedding page's hand-over failed (shown on the sign-in page).
    pub handover_error: RwSignal<Option<compute_api::ApiError>>,
    /// A token a request was refused with (401): never saved for a reload again, nor handed
    /// to another tab.
    refused: StoredValue<Option<AuthToken>>,
    /// Counts the sessions ended here: work begun for one session (a delayed take-over, an
    /// embedding page's hand-over) checks it is still the same before it signs anyone in.
    generation: StoredValue<u64>,
    links: StoredValue<Links, LocalStorage>,
}

impl SessionState {
    fn new() -> Self {
        Self {
            current: RwSignal::new(None),
            reauth: RwSignal::new(false),
            ended: RwSignal::new(None),
            handover_error: RwSignal::new(None),
            refused: StoredValue::new(None),
            generation: StoredValue::new(0),
            links: StoredValue::new_local(Links {
                tabs: None,
                embed: None,
            }),
        }
    }

    pub fn is_signed_in(self) -> bool {
        self.current.with(Option::is_some)
    }

    /// The selected region (tracked).
    pub fn region(self) -> Option<String> {
        self.current.with(|s| s.as_ref().map(|s| s.region.clone()))
    }

    pub fn set_region(self, region: String) {
        self.current.update(|s| {
            if let Some(s) = s {
                s.region = region;
            }
        });
    }

    /// The current identity (untracked).
    pub fn identity(self) -> Option<Identity> {
        self.current
            .try_with_untracked(|s| s.as_ref().map(Session::identity))
            .flatten()
    }

    /// A sign-in made in this tab (the form, the re-login dialog, an embedding page's
    /// hand-over): this tab takes it and the other tabs follow.
    pub fn begin(self, session: Session) {
        // Who signed in, never the token: a tab of the same user asks for it.
        let announcement = TabMessage::signed_in(&saved::to_saved(&session));
        self.take(session);
        self.tell_tabs(&announcement);
    }

    /// Takes a session: replaces the token of the same user (keeping this tab's region), and
    /// ends the session of anyone else first so their data never shows under the new one.
    fn take(self, session: Session) {
        match self.identity() {
            None => {
                self.ended.try_set(None);
                self.handover_error.try_set(None);
                self.current.try_set(Some(session));
            }
            Some(mine) if mine.is_same_user(&session.identity()) => {
                self.current.try_update(|current| {
                    if let Some(current) = current {
                        *current = current.renewed(session);
                    }
                });
            }
            Some(_) => {
                // Not a sign-out: the embedding page is not told, the new session follows.
                self.end_here(None);
                let generation = self.generation();
                // After the signed-in shell has gone (effects run before timers), so nothing
                // of the old identity's is reused; unless this tab signed out meanwhile.
                set_timeout(
                    move || {
                        if self.generation() == generation && self.identity().is_none() {
                            self.current.try_set(Some(session));
                        }
                    },
                    std::time::Duration::from_millis(50),
                );
            }
        }
        self.reauth.try_set(false);
    }

    /// Signs out every tab of the console, including those not running now (a discarded tab,
    /// one in the back-forward cache): the time of the sign-out is left in `localStorage`
    /// (no secret in it) and a saved session that began before it is not used again.
    pub fn sign_out(self, reason: EndReason) {
        self.end_here(Some(reason));
        saved::mark_signed_out();
        self.tell_tabs(&TabMessage::SignedOut {
            idle: reason == EndReason::Idle,
        });
    }

    /// Ends this tab's session: the token goes from memory and storage with the drafts, and
    /// the signed-in shell (and every cached list) goes with the session. With a `reason` (a
    /// sign-out, not a change of user), an embedding page is told so it can hand over a fresh
    /// session.
    pub fn end_here(self, reason: Option<EndReason>) {
        let was_signed_in = self.identity().is_some();
        self.generation.try_update_value(|g| *g += 1);
        self.current.try_set(None);
        self.reauth.try_set(false);
        self.ended.try_set(reason);
        crate::storage::forget_private_data();
        if was_signed_in && reason.is_some() {
            self.links.with_value(|l| {
                if let Some(embed) = &l.embed {
                    embed.signed_out();
                }
            });
        }
    }

    /// The number of sessions ended in this tab so far.
    pub fn generation(self) -> u64 {
        self.generation.try_get_value().unwrap_or_default()
    }

    /// After a 401: the token is no longer trusted, so a reload must not bring it back. The
    /// re-login dialog saves the renewed session again.
    pub fn forget_saved(self, refused: &AuthToken) {
        self.refused.try_set_value(Some(refused.clone()));
        saved::remove();
    }

    /// Whether `session` may be kept for a reload: not expired, its token not refused.
    fn may_keep(self, session: &Session) -> bool {
        let expired = session
            .expires
            .as_deref()
            .and_then(crate::time::epoch_ms)
            .is_some_and(|ms| ms <= js_sys::Date::now());
        !expired && !self.is_refused(&session.token)
    }

    /// Whether this token was refused with a 401.
    fn is_refused(self, token: &AuthToken) -> bool {
        self.refused
            .try_with_value(|r| r.as_ref() == Some(token))
            .unwrap_or(false)
    }

    fn tell_tabs(self, message: &TabMessage) {
        self.links.with_value(|l| {
            if let Some(tabs) = &l.tabs {
                tabs.post(message);
            }
        });
    }
}

/// The `Reauth` flag in context, for the client (it has no session handle of its own).
#[derive(Debug, Clone, Copy)]
pub struct Reauth(pub RwSignal<bool>);

/// The runtime configuration in context (read-only after start-up).
#[derive(Debug, Clone)]
pub struct ConfigState(pub Arc<RuntimeConfig>);

/// Puts a signed-out session, the configuration and the re-login flag in context.
pub fn provide_session(config: RuntimeConfig) -> SessionState {
    let state = SessionState::new();
    provide_context(state);
    provide_context(ConfigState(Arc::new(config)));
    provide_context(Reauth(state.reauth));
    state
}

pub fn expect_session() -> SessionState {
    expect_context::<SessionState>()
}

pub fn use_session() -> Option<SessionState> {
    use_context::<SessionState>()
}

pub fn expect_config() -> Arc<RuntimeConfig> {
    expect_context::<ConfigState>().0
}
