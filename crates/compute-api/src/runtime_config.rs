//! The console's runtime configuration (`config.json` beside `index.html`, see
//! `docs/runtime-config.md`) and the resolution of service base URLs: per-region overrides
//! first, then the catalog. Pure: the console reads the file, this decides what it means.

use std::collections::BTreeMap;

use crate::identity::CatalogEntry;
use crate::request::Service;
use serde::Deserialize;

/// `config.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    /// Keystone v2.0 base without `/v2.0`; empty means the page's own origin.
    #[serde(default)]
    pub identity_url: String,
    /// Region selected after sign-in when offered.
    #[serde(default)]
    pub default_region: Option<String>,
    /// Per-region, per-service base URLs replacing the catalog's.
    #[serde(default)]
    pub regions: BTreeMap<String, RegionOverrides>,
    /// Minutes without keyboard or pointer input before every tab signs out; `0` turns it
    /// off; unset (or not a number ≥ 0) means [`DEFAULT_IDLE_MINUTES`].
    #[serde(default)]
    pub idle_timeout_minutes: Option<f64>,
    /// Where the session lives besides memory.
    #[serde(default)]
    pub session_persistence: SessionPersistence,
    /// Hand-over from an embedding page.
    #[serde(default)]
    pub embed: EmbedConfig,
    /// Whether the console's tabs hand each other the session (`tabHandOver`, default on).
    /// Off where the console shares its origin with other pages: any page of an origin can
    /// join the tabs' channel, so only a console on an origin of its own may use it.
    #[serde(default = "on")]
    pub tab_hand_over: bool,
}

fn on() -> bool {
    true
}

/// The idle timeout when `config.json` sets none.
pub const DEFAULT_IDLE_MINUTES: f64 = 60.0;

/// `sessionPersistence`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionPersistence {
    /// In memory and this tab's `sessionStorage`: a reload keeps the session.
    #[default]
    Tab,
    /// In memory only: a reload signs out (other open tabs still hand it over).
    Memory,
}

/// `embed`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedConfig {
    /// Origins of pages that may hand the console a session (exact `event.origin` values).
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

/// The base URLs of one region's services. `{tenantId}` is replaced by the signed-in tenant.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RegionOverrides {
    #[serde(default)]
    pub compute: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub network: Option<String>,
    #[serde(default)]
    pub volume: Option<String>,
}

impl RegionOverrides {
    fn get(&self, service: Service) -> Option<&str> {
        match service {
            Service::Compute => self.compute.as_deref(),
            Service::Image => self.image.as_deref(),
            Service::Network => self.network.as_deref(),
            Service::Volume => self.volume.as_deref(),
            Service::Identity => None,
        }
    }
}

/// The catalog's service type for a service.
pub fn catalog_type(service: Service) -> &'static str {
    match service {
        Service::Identity => "identity",
        Service::Compute => "compute",
        Service::Image => "image",
        Service::Network => "network",
        Service::Volume => "volumev2",
    }
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self {
            identity_url: String::new(),
            default_region: None,
            regions: BTreeMap::new(),
            idle_timeout_minutes: None,
            session_persistence: SessionPersistence::default(),
            embed: EmbedConfig::default(),
            tab_hand_over: true,
        }
    }
}

impl RuntimeConfig {
    /// Parses `config.json`.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The idle timeout in milliseconds; `None` when turned off.
    pub fn idle_timeout_ms(&self) -> Option<f64> {
        let minutes = match self.idle_timeout_minutes {
            Some(m) if m.is_finite() && m >= 0.0 => m,
            _ => DEFAULT_IDLE_MINUTES,
        };
        (minutes > 0.0).then_some(minutes * 60_000.0)
    }

    /// The identity base: the configured URL, or `origin` when empty.
    pub fn identity_base(&self, origin: &str) -> String {
        let url = self.identity_url.trim();
        if url.is_empty() {
            origin.trim_end_matches('/').to_string()
        } else {
            url.trim_end_matches('/').to_string()
        }
    }

    /// The override for a service in a region (region names compare case-insensitively).
    pub fn override_for(&self, region: &str, service: Service) -> Option<&str> {
        self.regions
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(region))
            .and_then(|(_, o)| o.get(service))
            .filter(|url| !url.trim().is_empty())
    }

    /// The regions offered after sign-in: the catalog's compute regions, then the configured
    /// ones the catalog does not list.
    pub fn regions(&self, catalog: &[CatalogEntry]) -> Vec<String> {
        let mut regions: Vec<String> = Vec::new();
        for endpoint in catalog
            .iter()
            .filter(|e| e.service_type == "compute")
            .flat_map(|e| &e.endpoints)
        {
            if !regions
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&endpoint.region))
            {
                regions.push(endpoint.region.clone());
            }
        }
        for name in self.regions.keys() {
            if !regions.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                regions.push(name.clone());
            }
        }
        regions
    }

    /// The region to select first: `defaultRegion` when offered, else the first one.
    pub fn initial_region(&self, regions: &[String]) -> Option<String> {
        self.default_region
            .as_ref()
            .and_then(|d| regions.iter().find(|r| r.eq_ignore_ascii_case(d)))
            .or_else(|| regions.first())
            .cloned()
    }
}

/// The base URL of a service in a region: the configured override, else the catalog's
/// `publicURL`; `{tenantId}` substituted. `None` when neither names it.
pub fn service_base(
    config: &RuntimeConfig,
    catalog: &[CatalogEntry],
    region: &str,
    service: Service,
    tenant_id: &str,
) -> Option<String> {
    let raw = config.override_for(region, service).or_else(|| {
        let wanted = catalog_type(service);
        catalog
            .iter()
            .filter(|e| e.service_type == wanted)
            .flat_map(|e| &e.endpoints)
            .find(|e| e.region.eq_ignore_ascii_case(region))
            .map(|e| e.public_url.as_str())
    })?;
    Some(
        raw.trim()
            .replace("{tenantId}", tenant_id)
            .replace("%(tenant_id)s", tenant_id)
            .trim_end_matches('/')
            .to_string(),
    )
}
