//! "Launch more like this": the wizard's form filled from an existing server
//! (`/instances/new?like=<id>`). Everything stays editable and checked as typed.
//!
//! Nova does not give back everything a server was created with: its networks come as names
//! (matched here to the network list's ids), its user data is not returned, and a server booted
//! from a volume has no image (its volume's size and type are kept, the image is chosen again).
//! Other attached volumes are in use by the original and are not copied.

use compute_api::server::Server;
use compute_api::services::{Network, Volume};
use compute_api::{request, ApiError};

use super::draft::{Disk, Draft, MetadataEntry, Nic};
use crate::client::Api;
use crate::store::Volumes;

/// A form filled from a server, and what could not be carried over.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefill {
    pub draft: Draft,
    /// The original's name (or id), for the notice.
    pub source: String,
    /// The original booted from a volume: the image has to be chosen.
    pub image_needed: bool,
    /// Network names of the original that the network list does not have.
    pub networks_unmatched: Vec<String>,
}

/// The copy's name: `web-3` after `web-2`, else the name with `-2` (`web-01` → `web-01-2`).
pub fn next_name(name: &str) -> String {
    if let Some((stem, number)) = name.rsplit_once('-') {
        let counter = number
            .parse::<u32>()
            .ok()
            .filter(|n| (2..1000).contains(n) && !number.starts_with('0'));
        if let Some(n) = counter.filter(|_| !stem.is_empty()) {
            return format!("{stem}-{}", n + 1);
        }
    }
    format!("{name}-2")
}

/// The boot volume among `volumes`: the one attached to `server_id` as its first disk.
pub fn boot_volume<'a>(volumes: &'a [Volume], server_id: &str) -> Option<&'a Volume> {
    let attached_at = |v: &Volume| {
        v.attachments
            .iter()
            .find(|a| a.server_id.as_deref() == Some(server_id))
            .map(|a| a.device.clone().unwrap_or_default())
    };
    let mut attached: Vec<(&Volume, String)> = volumes
        .iter()
        .filter_map(|v| attached_at(v).map(|device| (v, device)))
        .collect();
    // `/dev/vda` (or `sda`, `xvda`) before the others; a bootable flag breaks ties.
    attached.sort_by_key(|(v, device)| (!device.ends_with("da"), v.bootable != Some(true)));
    attached
        .first()
        .filter(|(v, device)| device.ends_with("da") || v.bootable == Some(true))
        .map(|(v, _)| *v)
}

/// The form for another server like `server`. `networks` is the network list (its names give
/// the ids Nova's addresses leave out); `boot_volume` is the original's root volume, if it has
/// one.
pub fn prefill_from(
    server: &Server,
    networks: Option<&[Network]>,
    boot_volume: Option<&Volume>,
) -> Prefill {
    let image_id = server
        .image
        .as_ref()
        .map(|i| i.id.clone())
        .filter(|id| !id.is_empty());
    let mut root = Disk::root();
    if let Some(volume) = boot_volume {
        // On a volume (every flavor but U2): the same size and type.
        root.destination = "volume".into();
        if let Some(size) = volume.size {
            root.size = size.to_string();
        }
        if let Some(kind) = volume.volume_type.clone() {
            root.volume_type = kind;
        }
    }
    let mut networks_unmatched = vec![];
    let nics: Vec<Nic> = server
        .addresses
        .keys()
        .filter_map(|name| {
            let found = networks
                .unwrap_or_default()
                .iter()
                .find(|n| n.name == *name || n.id == *name);
            if found.is_none() {
                networks_unmatched.push(name.clone());
            }
            found.map(|n| Nic {
                target: n.id.clone(),
                ..Nic::default()
            })
        })
        .collect();
    let mut security_groups: Vec<String> = vec![];
    for group in &server.security_groups {
        if !security_groups.contains(&group.name) {
            security_groups.push(group.name.clone());
        }
    }
    let defaults = Draft::default();
    let draft = Draft {
        name: next_name(&server.name),
        availability_zone: server.availability_zone.clone().unwrap_or_default(),
        image_id: image_id.clone().unwrap_or_default(),
        flavor_id: server
            .flavor
            .as_ref()
            .map(|f| f.id.clone())
            .unwrap_or_default(),
        disks: vec![root],
        nics: if nics.is_empty() {
            defaults.nics.clone()
        } else {
            nics
        },
        key_name: server.key_name.clone().unwrap_or_default(),
        security_groups: if security_groups.is_empty() {
            defaults.security_groups.clone()
        } else {
            security_groups
        },
        metadata: server
            .metadata
            .iter()
            .map(|(key, value)| MetadataEntry {
                key: key.clone(),
                value: value.clone(),
            })
            .collect(),
        ..defaults
    };
    Prefill {
        draft,
        source: server.display_name().to_string(),
        image_needed: image_id.is_none(),
        networks_unmatched,
    }
}

/// Reads the server, and what names its networks and its boot volume; only the server is
/// required (without the others, the form says what it could not fill).
pub async fn read_prefill(api: Api, volumes: Volumes, id: String) -> Result<Prefill, ApiError> {
    let server = api.fetch(&request::show_server(&id)).await?.server;
    let networks = api
        .fetch(&request::list_networks())
        .await
        .ok()
        .map(|l| l.networks);
    let volumes = if server.volumes_attached.is_empty() {
        None
    } else {
        volumes.fresh().await.ok()
    };
    let boot = volumes
        .as_deref()
        .and_then(|volumes| boot_volume(volumes, &server.id));
    Ok(prefill_from(&server, networks.as_deref(), boot))
}
