//! The services around compute that the console's pickers read: images (Glance v2), networks,
//! subnets and security groups (Neutron v2.0), volumes (Cinder v2). Only what the pickers need;
//! unknown fields ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::de::null_as_default;
use crate::server::Link;

/// An image with NHN's properties at the top level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

/// `GET /v2/images`: a page of images. Glance pages with `next`, a path carrying the marker
/// of the next page (`/v2/images?marker=…`); absent on the last page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

impl ImageList {
    /// The `marker` of the next page, read from `next`; `None` on the last page.
    pub fn next_marker(&self) -> Option<String> {
        let next = self.next.as_deref()?;
        let query = next.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == "marker" && !value.is_empty()).then(|| {
                percent_encoding::percent_decode_str(value)
                    .decode_utf8_lossy()
                    .into_owned()
            })
        })
    }
}

// ---- network (Neutron v2.0) ----------------------------------------------------------------

/// A network. NHN's list includes the shared external `public_network`, which is not a
/// choice for an instance NIC (see [`Network::is_external`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    #[serde(
        rename = "router:external",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub router_external: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_state_up: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
}

impl Network {
    /// `router:external`: the provider network floating IPs come from, not a NIC target.
    pub fn is_external(&self) -> bool {
        self.router_external == Some(true)
    }
}

/// `{"networks": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub networks: Vec<Network>,
}

/// `{"network": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkEnvelope {
    pub network: Network,
}

/// A subnet: what the NIC picker shows (name, CIDR) and the network it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub network_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_dhcp: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
}

/// `{"subnets": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubnetList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub subnets: Vec<Subnet>,
}

/// A port, for NICs given by port id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Port {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub network_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// The server the port is attached to; empty when it is free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_owner: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub fixed_ips: Vec<FixedIp>,
}

impl Port {
    /// Not attached to any server: usable for a new NIC.
    pub fn is_free(&self) -> bool {
        self.device_id.as_deref().is_none_or(str::is_empty)
    }
}

/// `{"subnet_id": …, "ip_address": …}` of a port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FixedIp {
    #[serde(default)]
    pub subnet_id: String,
    #[serde(default)]
    pub ip_address: String,
}

/// `{"ports": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PortList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub ports: Vec<Port>,
}

/// A security group, with its rules (shown beside the name in the picker).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_group_rules: Vec<SecurityGroupRule>,
}

/// One rule of a security group. Null ports and protocol mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    #[serde(default)]
    pub id: String,
    /// `ingress` or `egress`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub direction: String,
    /// `IPv4` or `IPv6`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    pub protocol: Option<String>,
    pub port_range_min: Option<u32>,
    pub port_range_max: Option<u32>,
    pub remote_ip_prefix: Option<String>,
    pub remote_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<String>,
}

/// `{"security_groups": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_groups: Vec<SecurityGroup>,
}

/// `{"security_group": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupEnvelope {
    pub security_group: SecurityGroup,
}

// ---- volume (Cinder v2) --------------------------------------------------------------------

/// A volume (NHN: block storage). `GET /volumes` gives only id, name and links; the detail
/// list adds the rest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub id: String,
    /// Cinder allows nameless volumes (`null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `available`, `in-use`, `creating` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    /// `General HDD`, `General SSD` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
    /// Cinder sends the strings `"true"`/`"false"`; a real boolean decodes too, and it is
    /// written back as Cinder writes it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_bool",
        serialize_with = "bool_as_string"
    )]
    pub bootable: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachments: Vec<VolumeServerAttachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiattach: Option<bool>,
    /// Values are usually strings, but Cinder's samples show booleans too.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The image the volume was made from, as Cinder copies it (`image_id`, `image_name`,
    /// NHN's `os_type` …; values are strings). `null` or absent for a volume not made from one.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub volume_image_metadata: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl Volume {
    /// The image this volume was made from, read from its `volume_image_metadata` (what the
    /// creation rules need: id, name, OS type, minimum disk and RAM).
    pub fn source_image(&self) -> Option<Image> {
        let meta = &self.volume_image_metadata;
        let text = |key: &str| match meta.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        };
        let number = |key: &str| text(key).and_then(|v| v.trim().parse().ok());
        let id = text("image_id")?;
        Some(Image {
            id,
            name: text("image_name"),
            os_type: text("os_type"),
            os_distro: text("os_distro"),
            os_version: text("os_version"),
            login_username: text("login_username"),
            min_disk: number("min_disk"),
            min_ram: number("min_ram"),
            ..Image::default()
        })
    }

    /// Can be the root disk of a new instance.
    pub fn is_bootable(&self) -> bool {
        self.bootable == Some(true)
    }

    /// `available`: can be attached now.
    pub fn is_available(&self) -> bool {
        is_available(self.status.as_deref())
    }

    /// The name, or the id when the volume has none.
    pub fn display_name(&self) -> &str {
        name_or_id(self.name.as_deref(), &self.id)
    }
}

/// Cinder's `available` status, in any case.
fn is_available(status: Option<&str>) -> bool {
    status.is_some_and(|s| s.eq_ignore_ascii_case("available"))
}

/// A name, or the id when the name is missing or empty (Cinder allows nameless resources).
fn name_or_id<'a>(name: Option<&'a str>, id: &'a str) -> &'a str {
    name.filter(|n| !n.is_empty()).unwrap_or(id)
}

fn bool_as_string<S: Serializer>(value: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(true) => serializer.serialize_str("true"),
        Some(false) => serializer.serialize_str("false"),
        None => serializer.serialize_none(),
    }
}

/// Where a volume is attached, as Cinder reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeServerAttachment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `{"volumes": […]}` of `GET /volumes` and `GET /volumes/detail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub volumes: Vec<Volume>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes_links: Vec<Link>,
}

/// `{"volume": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeEnvelope {
    pub volume: Volume,
}

/// A volume type (`General HDD`, `General SSD`): the wizard's block storage type choices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeType {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `{"volume_types": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeTypeList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub volume_types: Vec<VolumeType>,
}

// ---- snapshot (Cinder v2) ------------------------------------------------------------------

/// A block storage snapshot (`GET /v2/{tenant}/snapshots/detail`). Its zone, bootability and
/// image are its volume's: Cinder restores a snapshot into the zone of the volume it was
/// taken from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `available`, `creating`, `error` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The volume it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    /// GB: the original volume's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Snapshot {
    /// `available`: can be restored now.
    pub fn is_available(&self) -> bool {
        is_available(self.status.as_deref())
    }

    /// The name, or the id when the snapshot has none.
    pub fn display_name(&self) -> &str {
        name_or_id(self.name.as_deref(), &self.id)
    }
}

/// `{"snapshots": […]}` of `GET /snapshots` and `GET /snapshots/detail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotList {
    #[serde(default, deserialize_with = "null_as_default")]
    pub snapshots: Vec<Snapshot>,
}
