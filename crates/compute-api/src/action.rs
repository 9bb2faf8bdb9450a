//! `POST /servers/{id}/action` bodies: one serde enum, its JSON pinned by tests.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `SOFT` or `HARD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RebootType {
    Soft,
    Hard,
}

/// `{"reboot": {"type": …}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reboot {
    #[serde(rename = "type")]
    pub kind: RebootType,
}

/// The values of `OS-DCF:diskConfig` (the guide: "`Either MANUAL` or `AUTO`").
pub const DISK_CONFIGS: [&str; 2] = ["MANUAL", "AUTO"];

/// `{"resize": {"flavorRef": …}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resize {
    #[serde(rename = "flavorRef")]
    pub flavor_ref: String,
    #[serde(
        rename = "OS-DCF:diskConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disk_config: Option<String>,
}

/// `{"createImage": {"name": …, "metadata": {…}}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateImage {
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// `{"addSecurityGroup": {"name": …}}` and `removeSecurityGroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupName {
    pub name: String,
}

/// Every server action of the guide. Serializes to exactly the guide's JSON
/// (`{"os-start": null}`, `{"reboot": {"type": "SOFT"}}` …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerAction {
    #[serde(rename = "os-start")]
    Start(()),
    #[serde(rename = "os-stop")]
    Stop(()),
    #[serde(rename = "reboot")]
    Reboot(Reboot),
    #[serde(rename = "resize")]
    Resize(Resize),
    #[serde(rename = "createImage")]
    CreateImage(CreateImage),
    #[serde(rename = "addSecurityGroup")]
    AddSecurityGroup(SecurityGroupName),
    #[serde(rename = "removeSecurityGroup")]
    RemoveSecurityGroup(SecurityGroupName),
}

impl ServerAction {
    /// `{"reboot": {"type": "SOFT"}}` or `HARD`.
    pub fn reboot(kind: RebootType) -> Self {
        Self::Reboot(Reboot { kind })
    }

    /// `{"resize": {"flavorRef": …}}`.
    pub fn resize(flavor_ref: impl Into<String>) -> Self {
        Self::Resize(Resize {
            flavor_ref: flavor_ref.into(),
            disk_config: None,
        })
    }

    /// `{"resize": {"flavorRef": …, "OS-DCF:diskConfig": …}}`: the optional partitioning
    /// after the resize (the guide: "`Either MANUAL` or `AUTO`. Set to `MANUAL` on NHN Cloud").
    pub fn resize_with_disk_config(
        flavor_ref: impl Into<String>,
        disk_config: Option<&str>,
    ) -> Self {
        Self::Resize(Resize {
            flavor_ref: flavor_ref.into(),
            disk_config: disk_config.map(str::to_string),
        })
    }

    /// `{"createImage": {"name": …, "metadata": {…}}}`.
    pub fn create_image(name: impl Into<String>, metadata: BTreeMap<String, String>) -> Self {
        Self::CreateImage(CreateImage {
            name: name.into(),
            metadata,
        })
    }

    /// `{"addSecurityGroup": {"name": …}}`.
    pub fn add_security_group(name: impl Into<String>) -> Self {
        Self::AddSecurityGroup(SecurityGroupName { name: name.into() })
    }

    /// `{"removeSecurityGroup": {"name": …}}`.
    pub fn remove_security_group(name: impl Into<String>) -> Self {
        Self::RemoveSecurityGroup(SecurityGroupName { name: name.into() })
    }

    /// The JSON key that names the action (`os-start`, `reboot` …).
    pub fn key(&self) -> &'static str {
        match self {
            Self::Start(()) => "os-start",
            Self::Stop(()) => "os-stop",
            Self::Reboot(_) => "reboot",
            Self::Resize(_) => "resize",
            Self::CreateImage(_) => "createImage",
            Self::AddSecurityGroup(_) => "addSecurityGroup",
            Self::RemoveSecurityGroup(_) => "removeSecurityGroup",
        }
    }

    /// The operation whose state rules ([`crate::rules::check`]) govern this action.
    pub fn operation(&self) -> crate::rules::Operation {
        use crate::rules::Operation;
        match self {
            Self::Start(()) => Operation::Start,
            Self::Stop(()) => Operation::Stop,
            Self::Reboot(Reboot {
                kind: RebootType::Soft,
            }) => Operation::RebootSoft,
            Self::Reboot(Reboot {
                kind: RebootType::Hard,
            }) => Operation::RebootHard,
            Self::Resize(_) => Operation::Resize,
            Self::CreateImage(_) => Operation::CreateImage,
            Self::AddSecurityGroup(_) => Operation::AddSecurityGroup,
            Self::RemoveSecurityGroup(_) => Operation::RemoveSecurityGroup,
        }
    }
}

/// The body Nova 2.45+ answers createImage with (`{"image_id": …}`). The v2 API NHN serves
/// answers with no body and a `Location` header instead; see [`image_id_from_location`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateImageResponse {
    pub image_id: String,
}

/// The image id at the end of createImage's `Location` header
/// (`https://…/images/0e7761dd-…` → `0e7761dd-…`).
pub fn image_id_from_location(location: &str) -> Option<&str> {
    let path = location.split(['?', '#']).next()?.trim_end_matches('/');
    let id = path.rsplit('/').next()?;
    (!id.is_empty()).then_some(id)
}
