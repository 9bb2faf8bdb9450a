//! Servers: list, detail, show, create, update. Field names follow the wire exactly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::de::null_as_default;
use crate::status::{PowerState, ServerStatus, TaskState};

/// A link object (`{"href": …, "rel": …}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub href: String,
    #[serde(default)]
    pub rel: String,
}

/// `GET /servers`: id, name and links only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerSummary {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// The body of `GET /servers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerList {
    pub servers: Vec<ServerSummary>,
    /// Nova adds `servers_links` with a `next` link when a page is full.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers_links: Vec<Link>,
}

/// The body of `GET /servers/detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerDetailList {
    pub servers: Vec<Server>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers_links: Vec<Link>,
}

/// The body of `GET /servers/{id}` and of `PUT /servers/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerEnvelope {
    pub server: Server,
}

/// One address of a server on one network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub addr: String,
    #[serde(default)]
    pub version: Option<u8>,
    #[serde(
        rename = "OS-EXT-IPS-MAC:mac_addr",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mac_addr: Option<String>,
    /// `fixed` or `floating`.
    #[serde(
        rename = "OS-EXT-IPS:type",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ip_type: Option<String>,
}

/// A reference to an image or flavor: `{"id": …, "links": […]}`. Nova gives `""` for the image
/// of a server booted from a volume; that decodes as `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceRef {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// `{"name": …}` in `security_groups`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupRef {
    pub name: String,
}

/// `{"id": …}` in `os-extended-volumes:volumes_attached`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachedVolume {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
}

/// The `fault` of a server in ERROR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerFault {
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

/// A server as `GET /servers/detail` and `GET /servers/{id}` return it.
/// Unknown fields are ignored; every field but `id` may be missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub status: ServerStatus,
    #[serde(default, deserialize_with = "null_as_default")]
    pub addresses: BTreeMap<String, Vec<Address>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::server::image_ref"
    )]
    pub image: Option<ResourceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flavor: Option<ResourceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(
        rename = "OS-EXT-AZ:availability_zone",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub availability_zone: Option<String>,
    #[serde(
        rename = "OS-EXT-STS:task_state",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub task_state: Option<TaskState>,
    #[serde(
        rename = "OS-EXT-STS:vm_state",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub vm_state: Option<String>,
    #[serde(
        rename = "OS-EXT-STS:power_state",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub power_state: Option<PowerState>,
    #[serde(
        rename = "OS-SRV-USG:launched_at",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub launched_at: Option<String>,
    #[serde(
        rename = "OS-SRV-USG:terminated_at",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub terminated_at: Option<String>,
    #[serde(
        rename = "OS-DCF:diskConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disk_config: Option<String>,
    #[serde(rename = "hostId", default, skip_serializing_if = "Option::is_none")]
    pub host_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub security_groups: Vec<SecurityGroupRef>,
    #[serde(
        rename = "os-extended-volumes:volumes_attached",
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub volumes_attached: Vec<AttachedVolume>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<ServerFault>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u32>,
    #[serde(
        rename = "NHN-EXT-ATTR:ephemeral_disk_size",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ephemeral_disk_size: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// Nova writes `"image": ""` for servers booted from a volume.
pub(crate) fn image_ref<'de, D>(deserializer: D) -> Result<Option<ResourceRef>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Ref(ResourceRef),
        // Anything else (`""`, a bare id): read and dropped.
        Other(#[allow(dead_code)] serde::de::IgnoredAny),
    }
    Ok(match Option::<Either>::deserialize(deserializer)? {
        Some(Either::Ref(r)) => Some(r),
        _ => None,
    })
}

// ---- create -------------------------------------------------------------------------------

/// One NIC of a create request: exactly one of network, subnet, port; optionally a fixed IP.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_ip: Option<String>,
}

/// One entry of `block_device_mapping_v2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockDeviceMapping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `image`, `volume`, `snapshot` (or `blank`).
    pub source_type: String,
    /// `local` or `volume`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
    /// GB. Nova's samples send `"1"`; numbers in strings decode.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_int"
    )]
    pub volume_size: Option<u64>,
    /// The guide's example sends `1`; real clients send `true`. Both decode.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_bool"
    )]
    pub delete_on_termination: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_int"
    )]
    pub boot_index: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
}

impl BlockDeviceMapping {
    /// Whether the volume behind this entry is deleted when the instance is. The guide
    /// (`delete_on_termination`): "the default value is `false`": an entry that does not say
    /// keeps its volume.
    pub fn deleted_with_instance(&self) -> bool {
        self.delete_on_termination.unwrap_or(false)
    }
}

/// The `server` object of `POST /servers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateServer {
    pub name: String,
    #[serde(rename = "imageRef", default)]
    pub image_ref: String,
    #[serde(rename = "flavorRef")]
    pub flavor_ref: String,
    /// Nova 2.37+ also accepts the strings `"auto"` and `"none"` here; they decode as an
    /// empty list (the v2 API NHN serves has no automatic networks, so validation then asks
    /// for a NIC).
    #[serde(default, deserialize_with = "crate::server::network_specs")]
    pub networks: Vec<NetworkSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<SecurityGroupRef>>,
    /// Already base64-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_device_mapping_v2: Option<Vec<BlockDeviceMapping>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_int"
    )]
    pub min_count: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_int"
    )]
    pub max_count: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::lenient_bool"
    )]
    pub return_reservation_id: Option<bool>,
}

pub(crate) fn network_specs<'de, D>(deserializer: D) -> Result<Vec<NetworkSpec>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<NetworkSpec>),
        Keyword(#[allow(dead_code)] String),
    }
    Ok(match Option::<Either>::deserialize(deserializer)? {
        Some(Either::List(list)) => list,
        Some(Either::Keyword(_)) | None => Vec::new(),
    })
}

/// The body of `POST /servers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateServerRequest {
    pub server: CreateServer,
}

/// The answer to `POST /servers`: a created server, or a reservation id when
/// `return_reservation_id` was set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CreateServerResponse {
    Created { server: CreatedServer },
    Reservation { reservation_id: String },
}

/// The `server` of a create answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedServer {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(
        rename = "OS-DCF:diskConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub disk_config: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupRef>,
    #[serde(rename = "adminPass", default, skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<String>,
}

/// `{"metadata": {…}}`: `GET /servers/{id}/metadata`. NHN copies the image's properties
/// (`os_type`, `login_username` …) into it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetadataEnvelope {
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
}

impl Server {
    /// The name people know the server by: its name, or its id when it has none (Nova allows
    /// an empty name).
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }

    /// `os_type` from the metadata NHN copies from the image: whether this is a Windows
    /// instance (login `Administrator`, password instead of key).
    pub fn is_windows(&self) -> bool {
        self.metadata
            .get("os_type")
            .is_some_and(|t| t.eq_ignore_ascii_case("windows"))
    }

    /// The task running on the server, if any (an empty task state counts as none).
    pub fn active_task(&self) -> Option<&TaskState> {
        self.task_state.as_ref().filter(|t| t.is_active())
    }
}

/// The body of `PUT /servers/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateServerRequest {
    pub server: UpdateServer,
}

/// The fields `PUT /servers/{id}` may change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateServer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Server;

    #[test]
    fn a_server_without_a_name_is_known_by_its_id() {
        let server = |name: &str| -> Server {
            serde_json::from_value(serde_json::json!({"id": "5e1f-01", "name": name})).unwrap()
        };
        assert_eq!(server("web-01").display_name(), "web-01");
        assert_eq!(server("").display_name(), "5e1f-01");
    }
}
