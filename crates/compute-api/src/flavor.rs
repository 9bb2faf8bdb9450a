//! Flavors (instance types): `GET /flavors`, `GET /flavors/detail`, `GET /flavors/{id}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::server::Link;

/// A flavor. `GET /flavors` gives only id, name and links; the rest is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flavor {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpus: Option<u32>,
    /// MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ram: Option<u64>,
    /// Root disk, GB. `0` means the root disk is a volume chosen at create time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<u64>,
    /// GB; `OS-FLV-EXT-DATA:ephemeral`.
    #[serde(
        rename = "OS-FLV-EXT-DATA:ephemeral",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ephemeral: Option<u64>,
    /// Nova and NHN send `""` for no swap, or a number (MB in Nova, GB in the guide's table).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "swap"
    )]
    pub swap: Option<u64>,
    #[serde(
        rename = "OS-FLV-DISABLED:disabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disabled: Option<bool>,
    #[serde(
        rename = "os-flavor-access:is_public",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_public: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rxtx_factor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_specs: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl Flavor {
    /// `extra_specs.flavor_type` (NHN: `general`, `compute`, `memory`, `performance`, `u2` …).
    pub fn flavor_type(&self) -> Option<&str> {
        self.extra_specs.as_ref()?.get("flavor_type")?.as_str()
    }

    /// The family prefix of the name, `m2` of `m2.c4m8`, lower-cased.
    pub fn family(&self) -> String {
        self.name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// U2 flavors use local disks: no block_device_mapping_v2 required, destination `local`,
    /// no Windows images.
    pub fn is_u2(&self) -> bool {
        self.family() == "u2"
            || self
                .flavor_type()
                .is_some_and(|t| t.eq_ignore_ascii_case("u2"))
    }
}

fn swap<'de, D>(deserializer: D) -> Result<Option<u64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        },
    )
}

/// `{"flavors": […]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorList {
    pub flavors: Vec<Flavor>,
}

/// `{"flavor": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorEnvelope {
    pub flavor: Flavor,
}
