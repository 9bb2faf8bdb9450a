//! The signed-in session: token (in memory only: never Web Storage, cookies or URLs), tenant,
//! catalog, regions, the selected region and the expiry. Shared through context.

use std::fmt;
use std::sync::Arc;

use compute_api::identity::{Access, CatalogEntry, Endpoint};
use compute_api::request::Service;
use leptos::prelude::*;

use crate::config::{service_base, RuntimeConfig};

/// A token. Its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthToken(String);

impl AuthToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The value, for the `X-Auth-Token` header and nothing else.
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
    /// The user name of an identity login (prefills the re-login form; not a secret).
    pub username: Option<String>,
    /// ISO 8601 (`access.token.expires`); `None` for a pasted token.
    pub expires: Option<String>,
    pub catalog: Vec<CatalogEntry>,
    /// The regions offered by the switcher.
    pub regions: Vec<String>,
    pub region: String,
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
        let regions = config.regions(&access.service_catalog);
        let region = config.initial_region(&regions).unwrap_or_default();
        let expires = Some(access.token.expires.clone()).filter(|e| !e.is_empty());
        Self {
            token: AuthToken::new(access.token.id),
            tenant_id,
            username: None,
            expires,
            catalog: access.service_catalog,
            regions,
            region,
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
}

/// The session handle in context: `None` when signed out.
#[derive(Debug, Clone, Copy)]
pub struct SessionState(pub RwSignal<Option<Session>>);

impl SessionState {
    pub fn is_signed_in(self) -> bool {
        self.0.with(Option::is_some)
    }

    /// The selected region (tracked).
    pub fn region(self) -> Option<String> {
        self.0.with(|s| s.as_ref().map(|s| s.region.clone()))
    }

    pub fn set_region(self, region: String) {
        self.0.update(|s| {
            if let Some(s) = s {
                s.region = region;
            }
        });
    }

    /// Wipes the token and what this tab keeps of the session (drafts). Cached data lives in
    /// the signed-in shell's store and goes with it.
    pub fn sign_out(self) {
        self.0.set(None);
        crate::storage::forget_private_data();
        if let Some(reauth) = use_context::<Reauth>() {
            reauth.0.set(false);
        }
    }
}

/// Set when a signed-in request answered 401 (token expired or revoked): the shell then asks
/// for the credentials again in place, without leaving the page.
#[derive(Debug, Clone, Copy)]
pub struct Reauth(pub RwSignal<bool>);

impl Session {
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

/// The runtime configuration in context (read-only after start-up).
#[derive(Debug, Clone)]
pub struct ConfigState(pub Arc<RuntimeConfig>);

pub fn provide_session(config: RuntimeConfig) -> SessionState {
    let state = SessionState(RwSignal::new(None));
    provide_context(state);
    provide_context(ConfigState(Arc::new(config)));
    provide_context(Reauth(RwSignal::new(false)));
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
