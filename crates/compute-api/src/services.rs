//! The services around compute that the console's pickers read: images (Glance v2), networks,
//! subnets and security groups (Neutron v2.0), volumes (Cinder v2). Only what the pickers need;
//! unknown fields ignored.

use serde::{Deserialize, Serialize};

/// An image with NHN's properties at the top level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// `linux` or `windows`, in any case.
    #[serde(default)]
    pub os_type: Option<String>,
    #[serde(default)]
    pub os_distro: Option<String>,
    #[serde(default)]
    pub os_version: Option<String>,
    #[serde(default)]
    pub login_username: Option<String>,
    /// GB.
    #[serde(default)]
    pub min_disk: Option<u64>,
    /// MB.
    #[serde(default)]
    pub min_ram: Option<u64>,
    #[serde(default)]
    pub visibility: Option<String>,
}

impl Image {
    /// Windows images carry extra creation rules.
    pub fn is_windows(&self) -> bool {
        self.os_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("windows"))
    }
}
