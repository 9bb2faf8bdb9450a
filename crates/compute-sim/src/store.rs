//! One region's state: flavors, images, key pairs, servers, volumes, networks, and the
//! lazy state machine that moves servers through their transitions.
//!
//! Transitions are evaluated lazily: an action stores the steps it will go through, each with
//! a wall-clock deadline, and every request first applies the steps that are due. No
//! background task, so tests are deterministic and an idle simulator costs nothing.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::Duration;

use compute_api::flavor::Flavor;
use compute_api::rules::{Operation, ServerFacts};
use compute_api::server::{Address, ServerFault};
use compute_api::services::Image;
use compute_api::status::{ServerStatus, TaskState};
use time::OffsetDateTime;

use crate::fault::Fault;

/// A server as the simulator keeps it.
#[derive(Debug, Clone)]
pub struct ServerRec {
    pub id: String,
    pub name: String,
    pub tenant_id: String,
    pub user_id: String,
    /// `None` when booted from a volume (Nova then shows `"image": ""`).
    pub image_id: Option<String>,
    pub flavor_id: String,
    pub key_name: Option<String>,
    pub availability_zone: String,
    pub vm_state: &'static str,
    pub task_state: Option<&'static str>,
    pub power_state: i64,
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
    pub launched_at: Option<OffsetDateTime>,
    pub terminated_at: Option<OffsetDateTime>,
    pub host_id: String,
    /// Network name → addresses, in NIC order.
    pub addresses: BTreeMap<String, Vec<Address>>,
    pub security_groups: Vec<String>,
    pub attachments: Vec<Attachment>,
    pub metadata: BTreeMap<String, String>,
    pub fault: Option<ServerFault>,
    pub reservation_id: String,
    pub steps: VecDeque<Step>,
}

/// A volume attached to a server.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub volume_id: String,
    pub device: String,
    pub delete_on_termination: bool,
}

/// One future change of a server.
#[derive(Debug, Clone)]
pub struct Step {
    pub at: OffsetDateTime,
    pub effect: Effect,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Sets (or clears) `OS-EXT-STS:task_state`.
    Task(Option<&'static str>),
    /// The end of a transition: a new vm_state and power state, no task.
    Settle { vm_state: &'static str, power: i64 },
    /// Resize takes effect.
    Flavor(String),
    /// Deletion completes: the server disappears (and shows as DELETED to `changes-since`).
    Gone,
}

/// Nova's default order: newest first, then id, both descending.
pub type SortKey = (Reverse<OffsetDateTime>, Reverse<String>);

pub fn sort_key(server: &ServerRec) -> SortKey {
    (Reverse(server.created), Reverse(server.id.clone()))
}

/// A Glance image.
#[derive(Debug, Clone)]
pub struct ImageRec {
    pub image: Image,
    pub created: OffsetDateTime,
    /// Snapshots are `saving` until then.
    pub ready_at: OffsetDateTime,
    pub size: u64,
    pub owner: String,
    pub properties: BTreeMap<String, String>,
}

/// A key pair.
#[derive(Debug, Clone)]
pub struct KeypairRec {
    pub id: u64,
    pub name: String,
    pub public_key: String,
    pub fingerprint: String,
    pub created: OffsetDateTime,
}

/// A Cinder volume.
#[derive(Debug, Clone)]
pub struct VolumeRec {
    pub id: String,
    pub name: Option<String>,
    pub size: u64,
    pub availability_zone: String,
    pub volume_type: String,
    pub bootable: bool,
    pub created: OffsetDateTime,
    pub image_id: Option<String>,
    /// `(server id, device)` while attached.
    pub attached: Option<(String, String)>,
}

/// A Cinder snapshot. Its zone, bootability and image are its volume's.
#[derive(Debug, Clone)]
pub struct SnapshotRec {
    pub id: String,
    pub name: String,
    pub volume_id: String,
    pub size: u64,
    pub created: OffsetDateTime,
}

/// A Neutron network.
#[derive(Debug, Clone)]
pub struct NetworkRec {
    pub id: String,
    pub name: String,
    pub subnets: Vec<String>,
    pub external: bool,
    pub tenant_id: String,
}

/// A Neutron subnet; addresses are handed out from `prefix.next`.
#[derive(Debug, Clone)]
pub struct SubnetRec {
    pub id: String,
    pub name: String,
    pub network_id: String,
    pub cidr: String,
    pub gateway: String,
    /// The first three octets new addresses get, `192.168.0`.
    pub prefix: String,
    pub next_host: u8,
    pub tenant_id: String,
}

impl SubnetRec {
    /// The next free host address (wrapping inside .10–.250, good enough for a simulator).
    pub fn allocate(&mut self) -> String {
        let host = self.next_host;
        self.next_host = if host >= 250 { 10 } else { host + 1 };
        format!("{}.{host}", self.prefix)
    }
}

/// A Neutron port made ahead of time, for a NIC by port. `device_id` names the server it is
/// bound to; a free port has none.
#[derive(Debug, Clone)]
pub struct PortRec {
    pub id: String,
    pub name: String,
    pub network_id: String,
    pub subnet_id: String,
    pub ip: String,
    pub mac: String,
    pub device_id: Option<String>,
    pub tenant_id: String,
}

/// A Neutron security group.
#[derive(Debug, Clone)]
pub struct SecurityGroupRec {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `(direction, protocol, port)`; `None` protocol means any.
    pub rules: Vec<(&'static str, Option<&'static str>, Option<u16>)>,
    pub tenant_id: String,
}

/// Everything one region holds.
#[derive(Debug)]
pub struct Store {
    pub region: &'static str,
    pub transition: Duration,
    pub zones: Vec<String>,
    pub flavors: Vec<Flavor>,
    pub images: Vec<ImageRec>,
    pub keypairs: Vec<KeypairRec>,
    pub next_keypair_id: u64,
    pub servers: BTreeMap<SortKey, ServerRec>,
    pub index: HashMap<String, SortKey>,
    /// Servers whose deletion completed, for `changes-since`.
    pub deleted: Vec<ServerRec>,
    /// Ids of servers with pending steps.
    pub busy: BTreeSet<String>,
    pub volumes: Vec<VolumeRec>,
    pub snapshots: Vec<SnapshotRec>,
    pub networks: Vec<NetworkRec>,
    pub subnets: Vec<SubnetRec>,
    pub ports: Vec<PortRec>,
    pub security_groups: Vec<SecurityGroupRec>,
    pub next_mac: u32,
    pub next_reservation: u32,
}

impl Store {
    pub fn new(region: &'static str, transition: Duration) -> Self {
        Self {
            region,
            transition,
            zones: Vec::new(),
            flavors: Vec::new(),
            images: Vec::new(),
            keypairs: Vec::new(),
            next_keypair_id: 1,
            servers: BTreeMap::new(),
            index: HashMap::new(),
            deleted: Vec::new(),
            busy: BTreeSet::new(),
            volumes: Vec::new(),
            snapshots: Vec::new(),
            networks: Vec::new(),
            subnets: Vec::new(),
            ports: Vec::new(),
            security_groups: Vec::new(),
            next_mac: 0x10_00_00,
            next_reservation: 0,
        }
    }

    // ---- servers ------------------------------------------------------------------------

    pub fn insert_server(&mut self, server: ServerRec) {
        let key = sort_key(&server);
        if !server.steps.is_empty() {
            self.busy.insert(server.id.clone());
        }
        self.index.insert(server.id.clone(), key.clone());
        self.servers.insert(key, server);
    }

    pub fn server(&self, id: &str) -> Result<&ServerRec, Fault> {
        self.index
            .get(id)
            .and_then(|key| self.servers.get(key))
            .ok_or_else(|| Fault::not_found(format!("Instance {id} could not be found.")))
    }

    pub fn server_mut(&mut self, id: &str) -> Result<&mut ServerRec, Fault> {
        match self.index.get(id) {
            Some(key) => self
                .servers
                .get_mut(key)
                .ok_or_else(|| Fault::not_found(format!("Instance {id} could not be found."))),
            None => Err(Fault::not_found(format!(
                "Instance {id} could not be found."
            ))),
        }
    }

    pub fn flavor(&self, id: &str) -> Option<&Flavor> {
        self.flavors.iter().find(|f| f.id == id)
    }

    pub fn image(&self, id: &str) -> Option<&ImageRec> {
        self.images.iter().find(|i| i.image.id == id)
    }

    pub fn volume(&self, id: &str) -> Option<&VolumeRec> {
        self.volumes.iter().find(|v| v.id == id)
    }

    pub fn snapshot(&self, id: &str) -> Option<&SnapshotRec> {
        self.snapshots.iter().find(|s| s.id == id)
    }

    pub fn volume_mut(&mut self, id: &str) -> Option<&mut VolumeRec> {
        self.volumes.iter_mut().find(|v| v.id == id)
    }

    /// A MAC in OpenStack's `fa:16:3e` range, unique in this region.
    pub fn mac(&mut self) -> String {
        self.next_mac += 1;
        let n = self.next_mac;
        format!(
            "fa:16:3e:{:02x}:{:02x}:{:02x}",
            (n >> 16) & 0xff,
            (n >> 8) & 0xff,
            n & 0xff
        )
    }

    pub fn reservation_id(&mut self) -> String {
        self.next_reservation += 1;
        // Nova's are `r-` and eight base-36 characters.
        let mut n = self.next_reservation as u64 * 2_654_435_761 % 2_821_109_907_456;
        let mut s = String::new();
        for _ in 0..8 {
            let d = (n % 36) as u32;
            s.push(std::char::from_digit(d, 36).unwrap_or('0'));
            n /= 36;
        }
        format!("r-{s}")
    }

    /// Applies every step that is due. Called at the start of every request.
    pub fn advance(&mut self, now: OffsetDateTime) {
        if self.busy.is_empty() {
            return;
        }
        let busy: Vec<String> = self.busy.iter().cloned().collect();
        for id in busy {
            let mut gone = false;
            if let Ok(server) = self.server_mut(&id) {
                while server.steps.front().is_some_and(|s| s.at <= now) {
                    let Some(step) = server.steps.pop_front() else {
                        break;
                    };
                    server.updated = step.at;
                    match step.effect {
                        Effect::Task(task) => server.task_state = task,
                        Effect::Settle { vm_state, power } => {
                            server.vm_state = vm_state;
                            server.power_state = power;
                            server.task_state = None;
                            if vm_state == "active" && server.launched_at.is_none() {
                                server.launched_at = Some(step.at);
                            }
                        }
                        Effect::Flavor(flavor) => server.flavor_id = flavor,
                        Effect::Gone => {
                            gone = true;
                            break;
                        }
                    }
                }
                if server.steps.is_empty() && !gone {
                    self.busy.remove(&id);
                }
            } else {
                self.busy.remove(&id);
            }
            if gone {
                self.finish_delete(&id);
            }
        }
    }

    fn finish_delete(&mut self, id: &str) {
        self.busy.remove(id);
        let Some(key) = self.index.remove(id) else {
            return;
        };
        let Some(mut server) = self.servers.remove(&key) else {
            return;
        };
        for attachment in &server.attachments {
            if attachment.delete_on_termination {
                self.volumes.retain(|v| v.id != attachment.volume_id);
            } else if let Some(volume) = self.volume_mut(&attachment.volume_id) {
                volume.attached = None;
            }
        }
        // The ports a server was created with go back to being free, as Neutron unbinds them.
        for port in &mut self.ports {
            if port.device_id.as_deref() == Some(server.id.as_str()) {
                port.device_id = None;
            }
        }
        server.vm_state = "deleted";
        server.task_state = None;
        server.power_state = 0;
        server.terminated_at = Some(server.updated);
        server.steps.clear();
        self.deleted.push(server);
    }

    /// Replaces a server's pending steps with a transition: `task` now, the `middle` tasks
    /// spread over the transition time, then `last`.
    pub fn schedule(
        &mut self,
        id: &str,
        now: OffsetDateTime,
        task: &'static str,
        middle: &[Effect],
        last: Vec<Effect>,
    ) -> Result<(), Fault> {
        let total = self.transition;
        let server = self.server_mut(id)?;
        server.task_state = Some(task);
        server.updated = now;
        server.steps.clear();
        let parts = middle.len() as u32 + 1;
        for (i, effect) in middle.iter().enumerate() {
            server.steps.push_back(Step {
                at: now + total * (i as u32 + 1) / parts,
                effect: effect.clone(),
            });
        }
        for effect in last {
            server.steps.push_back(Step {
                at: now + total,
                effect,
            });
        }
        self.busy.insert(id.to_string());
        Ok(())
    }

    /// The facts [`compute_api::rules::check`] needs about a server.
    pub fn facts<'a>(
        &self,
        server: &'a ServerRec,
        status: &'a ServerStatus,
        task: &'a Option<TaskState>,
    ) -> ServerFacts<'a> {
        ServerFacts {
            status,
            task_state: task.as_ref(),
            flavor_is_u2: self.flavor(&server.flavor_id).map(Flavor::is_u2),
            security_group_count: server.security_groups.len(),
            attached_volume_count: server.attachments.len(),
        }
    }

    /// Checks an operation against the shared rules; a refusal becomes Nova's 409.
    pub fn check(&self, id: &str, operation: Operation, action: &str) -> Result<(), Fault> {
        let server = self.server(id)?;
        let status = status_of(server);
        let task = server.task_state.map(|t| TaskState(t.to_string()));
        let facts = self.facts(server, &status, &task);
        compute_api::rules::check(operation, &facts)
            .map_err(|denied| conflict_for(&denied, server, action))
    }
}

/// The API status of a server: compute-api's map of Nova's vm_state and task_state (the one the
/// console reads statuses with), so the two cannot disagree.
pub fn status_of(server: &ServerRec) -> ServerStatus {
    compute_api::status::status_from_states(server.vm_state, server.task_state)
}

/// Nova's wording for an action refused in the current state:
/// `Cannot 'stop' instance <id> while it is in vm_state stopped`.
pub fn conflict_for(
    denied: &compute_api::rules::Denied,
    server: &ServerRec,
    action: &str,
) -> Fault {
    use compute_api::rules::Denied;
    let id = &server.id;
    match denied {
        Denied::TaskInProgress { task, .. } => Fault::conflict(format!(
            "Cannot '{action}' instance {id} while it is in task_state {task}"
        )),
        Denied::WrongStatus { .. } => match server.task_state {
            Some(task) => Fault::conflict(format!(
                "Cannot '{action}' instance {id} while it is in task_state {task}"
            )),
            None => Fault::conflict(format!(
                "Cannot '{action}' instance {id} while it is in vm_state {}",
                server.vm_state
            )),
        },
        Denied::NotU2 => Fault::conflict(format!(
            "Cannot '{action}' instance {id}: only instances of a U2 flavor can create an image through the compute API; use the block storage API for others"
        )),
        Denied::NoSecurityGroups => Fault::not_found(format!(
            "Instance {id} has no security group to remove"
        )),
        Denied::NoVolumes => Fault::not_found(format!("Instance {id} has no volume attached")),
        Denied::RootVolume => Fault::bad_request("Can't detach root device volume"),
    }
}

/// The image properties NHN copies into an instance's metadata when it is created.
pub fn image_properties(image: &compute_api::services::Image) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("os_type", &image.os_type),
        ("os_distro", &image.os_distro),
        ("os_version", &image.os_version),
        ("login_username", &image.login_username),
        ("image_name", &image.name),
        ("description", &image.name),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.clone().map(|v| (key.to_string(), v)))
    .collect();
    out.push(("os_architecture".into(), "amd64".into()));
    out.push(("project_domain".into(), "NORMAL".into()));
    out
}
