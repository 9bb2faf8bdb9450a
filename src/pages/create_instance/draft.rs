//! The wizard's form as plain data: what the user typed, and the `POST /servers` body it
//! turns into. It is kept as a draft in this tab's `sessionStorage`, one per tenant and user,
//! so a reload or a re-login finds it; sign-out removes it. User data is never kept (cloud-init
//! scripts routinely carry passwords and keys): after a reload it is typed again, and the
//! wizard says so. No token and no password is part of the form.

use std::collections::BTreeMap;
use std::time::Duration;

use compute_api::block_source::BlockSource;
use compute_api::flavor::Flavor;
use compute_api::server::{BlockDeviceMapping, CreateServer, NetworkSpec, SecurityGroupRef};
use compute_api::services::Image;
use compute_api::validate::{encode_user_data, proposed_delete_on_termination, VOLUME_TYPES};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::storage;

/// The prefix of the drafts' keys in this tab's storage; the rest names the tenant and user.
pub const KEY_PREFIX: &str = "compute-console.create-draft:";
/// A larger stored draft is ignored, and a larger form is not stored.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;
/// How long typing must pause before the draft is written (and at once when the wizard goes
/// or the page is hidden): not a 256 KB write on every keystroke.
pub const SAVE_DELAY_MS: u64 = 400;

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Basics,
    Image,
    Flavor,
    Network,
    Access,
    Advanced,
    Review,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Basics,
        Step::Image,
        Step::Flavor,
        Step::Network,
        Step::Access,
        Step::Advanced,
        Step::Review,
    ];

    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// The step whose form holds a request field (`networks[1].fixed_ip` → Network).
    pub fn of_field(field: &str) -> Step {
        let root = field.split(['.', '[']).next().unwrap_or_default();
        match root {
            "name" | "min_count" | "max_count" | "availability_zone" => Step::Basics,
            "imageRef" | "block_device_mapping_v2" => Step::Image,
            "flavorRef" => Step::Flavor,
            "networks" => Step::Network,
            "key_name" | "security_groups" => Step::Access,
            _ => Step::Advanced,
        }
    }
}

/// One entry of block storage as typed. The first disk of a draft is the root disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Disk {
    /// `image`, `volume` or `snapshot` (the guide's source types).
    pub source: String,
    /// The volume or snapshot id. The root disk from an image uses the image step's id.
    pub uuid: String,
    /// `local`, `volume`, or empty on the root disk for "chosen from the flavor".
    pub destination: String,
    pub volume_type: String,
    /// GB, as typed.
    pub size: String,
    pub delete_on_termination: bool,
    /// As typed; the root disk is always 0.
    pub boot_index: String,
}

impl Disk {
    /// The root disk: from the image step's image, on a new volume that goes with the instance
    /// (see [`proposed_delete_on_termination`]; the wizard says so next to the disk).
    pub fn root() -> Self {
        Self {
            source: "image".into(),
            uuid: String::new(),
            destination: String::new(),
            volume_type: VOLUME_TYPES[0].into(),
            size: String::new(),
            delete_on_termination: proposed_delete_on_termination("image"),
            boot_index: "0".into(),
        }
    }

    /// An additional volume: an existing one by default (the API takes no blank volume), which
    /// is kept when the instance is deleted unless the user says otherwise.
    pub fn extra() -> Self {
        let mut disk = Self {
            destination: "volume".into(),
            boot_index: String::new(),
            ..Self::root()
        };
        disk.set_source("volume");
        disk
    }

    /// Changes the source, and with it the proposed delete-on-termination: an existing volume
    /// or a snapshot is never proposed for deletion, whatever the previous source proposed.
    pub fn set_source(&mut self, source: &str) {
        self.source = source.to_string();
        self.delete_on_termination = proposed_delete_on_termination(source);
    }
}

impl Default for Disk {
    fn default() -> Self {
        Self::root()
    }
}

/// How a NIC names what it attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NicBy {
    #[default]
    Network,
    Subnet,
    Port,
}

/// One NIC as typed, in the order the instance will see them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Nic {
    pub by: NicBy,
    /// The network, subnet or port id.
    pub target: String,
    pub fixed_ip: String,
}

/// One metadata entry as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetadataEntry {
    pub key: String,
    pub value: String,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub step: Step,
    pub name: String,
    pub min_count: String,
    pub max_count: String,
    /// Empty: let the scheduler choose.
    pub availability_zone: String,
    pub image_id: String,
    pub flavor_id: String,
    pub disks: Vec<Disk>,
    pub nics: Vec<Nic>,
    pub key_name: String,
    pub security_groups: Vec<String>,
    /// Raw text; base64-encoded when sent.
    pub user_data: String,
    pub metadata: Vec<MetadataEntry>,
    pub return_reservation_id: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            step: Step::Basics,
            name: String::new(),
            min_count: "1".into(),
            max_count: "1".into(),
            availability_zone: String::new(),
            image_id: String::new(),
            flavor_id: String::new(),
            disks: vec![Disk::root()],
            nics: vec![Nic::default()],
            key_name: String::new(),
            security_groups: vec!["default".into()],
            user_data: String::new(),
            metadata: Vec::new(),
            return_reservation_id: false,
        }
    }
}

fn non_blank(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A count as typed: blank is "not given"; anything that is not a whole number is 0, which
/// the range rule then refuses.
fn count(value: &str) -> Option<u32> {
    non_blank(value).map(|v| v.parse().unwrap_or(0))
}

/// What the draft's pickers point at, for the rules that depend on them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Chosen<'a> {
    pub image: Option<&'a Image>,
    pub flavor: Option<&'a Flavor>,
    /// The volumes and snapshots the block-storage service listed.
    pub sources: &'a [BlockSource],
}

impl<'a> Chosen<'a> {
    pub fn context(&self) -> compute_api::CreateContext<'a> {
        compute_api::CreateContext {
            image: self.image,
            flavor: self.flavor,
            sources: self.sources,
        }
    }
}

/// The root disk's destination: the one typed, else `local` for U2 flavors and `volume`
/// otherwise (U2 flavors keep the root on the host's disk; the others boot from a volume).
pub fn root_destination(disk: &Disk, flavor: Option<&Flavor>) -> String {
    if let Some(typed) = non_blank(&disk.destination) {
        return typed;
    }
    if disk.source == "image" && flavor.is_some_and(Flavor::is_u2) {
        "local".into()
    } else {
        "volume".into()
    }
}

impl Draft {
    /// The root disk (a draft always has one; an edited-away list gets a fresh one).
    pub fn root(&self) -> Disk {
        self.disks.first().cloned().unwrap_or_else(Disk::root)
    }

    /// The `server` object this draft sends.
    pub fn to_request(&self, chosen: Chosen<'_>) -> CreateServer {
        let root = self.root();
        let boots_from_image = root.source == "image";
        let image_id = self.image_id.trim().to_string();
        let disks = std::iter::once(&root).chain(self.disks.iter().skip(1));
        let block_device_mapping_v2: Vec<BlockDeviceMapping> = disks
            .enumerate()
            .map(|(i, disk)| {
                let is_root = i == 0;
                let destination = if is_root {
                    root_destination(disk, chosen.flavor)
                } else {
                    non_blank(&disk.destination).unwrap_or_else(|| "volume".into())
                };
                let on_volume = destination == "volume";
                let uuid = if is_root && boots_from_image {
                    non_blank(&image_id)
                } else {
                    non_blank(&disk.uuid)
                };
                BlockDeviceMapping {
                    uuid,
                    source_type: disk.source.clone(),
                    destination_type: Some(destination),
                    // A local root lives on the flavor's disk: its size and type are the flavor's.
                    volume_type: on_volume.then(|| non_blank(&disk.volume_type)).flatten(),
                    volume_size: on_volume
                        .then(|| non_blank(&disk.size).map(|s| s.parse().unwrap_or(0)))
                        .flatten(),
                    delete_on_termination: on_volume.then_some(disk.delete_on_termination),
                    boot_index: if is_root {
                        Some(0)
                    } else {
                        non_blank(&disk.boot_index).map(|b| b.parse().unwrap_or(-1))
                    },
                    device_name: None,
                }
            })
            .collect();
        let metadata: BTreeMap<String, String> = self
            .metadata
            .iter()
            .filter(|e| !(e.key.is_empty() && e.value.is_empty()))
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
        let groups: Vec<SecurityGroupRef> = self
            .security_groups
            .iter()
            .map(|name| SecurityGroupRef { name: name.clone() })
            .collect();
        CreateServer {
            name: self.name.clone(),
            image_ref: if boots_from_image {
                image_id
            } else {
                String::new()
            },
            flavor_ref: self.flavor_id.trim().to_string(),
            networks: self
                .nics
                .iter()
                .map(|nic| {
                    let target = non_blank(&nic.target);
                    NetworkSpec {
                        uuid: target.clone().filter(|_| nic.by == NicBy::Network),
                        subnet: target.clone().filter(|_| nic.by == NicBy::Subnet),
                        port: target.filter(|_| nic.by == NicBy::Port),
                        fixed_ip: non_blank(&nic.fixed_ip),
                    }
                })
                .collect(),
            availability_zone: non_blank(&self.availability_zone),
            key_name: non_blank(&self.key_name),
            security_groups: (!groups.is_empty()).then_some(groups),
            user_data: (!self.user_data.is_empty()).then(|| encode_user_data(&self.user_data)),
            metadata: (!metadata.is_empty()).then_some(metadata),
            block_device_mapping_v2: Some(block_device_mapping_v2),
            min_count: count(&self.min_count),
            max_count: count(&self.max_count),
            // Several instances are followed by their reservation (Nova answers a multiple
            // create with the first server only), so a count above one asks for it; a blank
            // max_count is min_count (the guide: it defaults to min_count).
            return_reservation_id: (self.return_reservation_id
                || count(&self.max_count)
                    .or(count(&self.min_count))
                    .is_some_and(|n| n > 1))
            .then_some(true),
        }
    }

    /// The stored form of the draft (without its user data), or `None` when it is too large to
    /// keep.
    pub fn to_stored(&self) -> Option<String> {
        let kept = Kept {
            form: Draft {
                user_data: String::new(),
                ..self.clone()
            },
            user_data_left_out: !self.user_data.is_empty(),
        };
        serde_json::to_string(&kept)
            .ok()
            .filter(|s| s.len() <= MAX_DRAFT_BYTES)
    }

    /// A stored draft, or `None` when it is too large or does not decode (another version's
    /// shape, a hand edit): the wizard then starts empty rather than half-filled.
    pub fn from_stored(stored: &str) -> Option<Restored> {
        if stored.len() > MAX_DRAFT_BYTES {
            return None;
        }
        let Kept {
            mut form,
            user_data_left_out,
        } = serde_json::from_str(stored).ok()?;
        if form.disks.is_empty() {
            form.disks.push(Disk::root());
        }
        form.user_data.clear();
        Some(Restored {
            draft: form,
            user_data_left_out,
        })
    }
}

/// What is stored: the form without its user data, and whether there was some.
#[derive(Serialize, Deserialize)]
struct Kept {
    form: Draft,
    #[serde(default)]
    user_data_left_out: bool,
}

/// A draft read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub draft: Draft,
    /// The form had user data, which was not kept: the user types it again.
    pub user_data_left_out: bool,
}

/// The key of the draft of a tenant and user (unambiguous whatever the names hold).
pub fn storage_key(tenant_id: &str, user: &str) -> String {
    let identity = serde_json::to_string(&(tenant_id, user)).unwrap_or_default();
    format!("{KEY_PREFIX}{identity}")
}

/// The draft kept under `key` in this tab, if any.
pub fn load(key: &str) -> Option<Restored> {
    storage::remove_legacy_private_data();
    let stored = storage::tab_storage()?.get_item(key).ok().flatten()?;
    Draft::from_stored(&stored)
}

/// Keeps the draft under `key`; an untouched form removes the stored one. A form too large to
/// keep is not stored (the previous copy is removed so it cannot come back stale).
pub fn save(key: &str, draft: &Draft) {
    let Some(tab) = storage::tab_storage() else {
        return;
    };
    let untouched = Draft {
        step: draft.step,
        ..Draft::default()
    } == *draft;
    match draft.to_stored().filter(|_| !untouched) {
        Some(stored) => {
            let _ = tab.set_item(key, &stored);
        }
        None => {
            let _ = tab.remove_item(key);
        }
    }
}

/// Forgets this tab's drafts ("Start over", or after the instance was created; sign-out
/// removes them with the rest of the session).
pub fn clear() {
    if let Some(tab) = storage::tab_storage() {
        storage::remove_with_prefix(&tab, KEY_PREFIX);
    }
    storage::remove_legacy_private_data();
}

/// Writes the draft under `key` after each pause in typing, and at once (if a write is due)
/// when the wizard goes or the page is hidden (a reload, a closed tab).
pub fn keep_saved(draft: RwSignal<Draft>, key: String) {
    let key = StoredValue::new(key);
    let due = StoredValue::new(None::<TimeoutHandle>);
    // Signing out removes the drafts first and unmounts the wizard after: a write due then
    // must not bring the draft back.
    let session = crate::session::use_session();
    let signed_in =
        move || session.is_none_or(|s| s.current.try_with_untracked(Option::is_some) == Some(true));
    let write_now = move || {
        if let Some(Some(timer)) = due.try_update_value(Option::take) {
            timer.clear();
            if signed_in() {
                key.try_with_value(|key| draft.try_with_untracked(|form| save(key, form)));
            }
        }
    };
    Effect::new(move |previous: Option<()>| {
        draft.track();
        // The first run is the form as loaded: nothing to write.
        if previous.is_none() {
            return;
        }
        if let Some(timer) = due.get_value() {
            timer.clear();
        }
        let timer = set_timeout_with_handle(write_now, Duration::from_millis(SAVE_DELAY_MS)).ok();
        due.set_value(timer);
    });
    let page_hidden = window_event_listener(leptos::ev::pagehide, move |_| write_now());
    on_cleanup(move || {
        page_hidden.remove();
        write_now();
    });
}
