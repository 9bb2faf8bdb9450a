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

/// Every server action of the seed. Serializes to exactly the seed's JSON
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
