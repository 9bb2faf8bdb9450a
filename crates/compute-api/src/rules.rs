//! Which operations a server's state allows, and when not, why: the guide's rules as a pure
//! function. The console enables buttons with it and the simulator answers 409 with it, so the
//! two can never disagree.

use std::fmt;

use crate::server::Server;
use crate::status::{ServerStatus, TaskState};

/// Everything an operator can do to an existing server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    Start,
    Stop,
    RebootSoft,
    RebootHard,
    Resize,
    CreateImage,
    AddSecurityGroup,
    RemoveSecurityGroup,
    AttachVolume,
    DetachVolume,
    Rename,
    Delete,
}

impl Operation {
    /// Every operation, in the order an action bar shows them.
    pub const ALL: [Operation; 12] = [
        Self::Start,
        Self::Stop,
        Self::RebootSoft,
        Self::RebootHard,
        Self::Resize,
        Self::CreateImage,
        Self::AddSecurityGroup,
        Self::RemoveSecurityGroup,
        Self::AttachVolume,
        Self::DetachVolume,
        Self::Rename,
        Self::Delete,
    ];

    /// An English label (`Soft reboot`). The console translates from the variant; this is
    /// the fallback and the text of [`Denied`]'s sentences.
    pub fn label(self) -> &'static str {
        match self {
            Self::Start => "Start",
            Self::Stop => "Stop",
            Self::RebootSoft => "Soft reboot",
            Self::RebootHard => "Hard reboot",
            Self::Resize => "Resize",
            Self::CreateImage => "Create image",
            Self::AddSecurityGroup => "Add security group",
            Self::RemoveSecurityGroup => "Remove security group",
            Self::AttachVolume => "Attach volume",
            Self::DetachVolume => "Detach volume",
            Self::Rename => "Rename",
            Self::Delete => "Delete",
        }
    }

    /// The statuses the operation accepts (before task state and the other conditions).
    pub fn allowed_statuses(self) -> Vec<ServerStatus> {
        use ServerStatus as S;
        match self {
            Self::Start => vec![S::Shutoff],
            Self::Stop => vec![S::Active, S::Error],
            Self::RebootSoft => vec![S::Active],
            Self::RebootHard => vec![
                S::Active,
                S::Error,
                S::HardReboot,
                S::Paused,
                S::Reboot,
                S::Shutoff,
                S::Suspended,
            ],
            Self::Resize => vec![S::Active, S::Shutoff],
            // The guide lists "ACTIVE, SHUTOFF, DECIDED, PAUSED". There is no DECIDED status in
            // Nova or in the guide's status table; Nova's snapshot allows ACTIVE, STOPPED, PAUSED
            // and SUSPENDED, so DECIDED is read as SUSPENDED.
            Self::CreateImage => vec![S::Active, S::Shutoff, S::Paused, S::Suspended],
            // Nova's attach/detach (`check_instance_state` in nova/compute/api.py): vm_state
            // ACTIVE, PAUSED, STOPPED, RESIZED (VERIFY_RESIZE), SOFT_DELETED, SHELVED,
            // SHELVED_OFFLOADED.
            Self::AttachVolume | Self::DetachVolume => vec![
                S::Active,
                S::Paused,
                S::Shutoff,
                S::VerifyResize,
                S::SoftDeleted,
                S::Shelved,
                S::ShelvedOffloaded,
            ],
            // Stricter than the guide and Nova (neither states a rule), on purpose: these are
            // the settled states in which a server has ports whose groups can change. While
            // building, the ports do not exist yet (Nova answers "no network ports"); during a
            // resize, migration or reboot they are being re-plugged and a change races
            // Neutron; a deleted server has none. docs/guide-readings.md lists this reading.
            Self::AddSecurityGroup | Self::RemoveSecurityGroup => vec![
                S::Active,
                S::Shutoff,
                S::Paused,
                S::Suspended,
                S::Error,
                S::VerifyResize,
            ],
            Self::Rename => known_except(&[S::Deleted, S::SoftDeleted]),
            Self::Delete => known_except(&[S::Deleted]),
        }
    }

    /// Rename and delete are refused in a few states rather than allowed in a few.
    fn is_allowed_unless(self) -> bool {
        matches!(self, Self::Rename | Self::Delete)
    }
}

fn known_except(excluded: &[ServerStatus]) -> Vec<ServerStatus> {
    ServerStatus::KNOWN
        .iter()
        .filter(|s| !excluded.contains(s))
        .cloned()
        .collect()
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What the rules need to know about a server.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerFacts<'a> {
    pub status: &'a ServerStatus,
    pub task_state: Option<&'a TaskState>,
    /// Whether the server's flavor is U2; `None` when the flavor is not known (then
    /// create-image is not refused for it).
    pub flavor_is_u2: Option<bool>,
    pub security_group_count: usize,
    pub attached_volume_count: usize,
}

impl<'a> ServerFacts<'a> {
    /// The facts of a server as the API described it. `flavor_is_u2` comes from the flavor
    /// list (see [`crate::flavor::Flavor::is_u2`]), which the server itself does not carry.
    pub fn from_server(server: &'a Server, flavor_is_u2: Option<bool>) -> Self {
        Self {
            status: &server.status,
            task_state: server.task_state.as_ref(),
            flavor_is_u2,
            security_group_count: server.security_groups.len(),
            attached_volume_count: server.volumes_attached.len(),
        }
    }
}

/// Why an operation is refused. `Display` gives an English sentence; the console translates
/// from the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// The status is not one the operation accepts.
    WrongStatus {
        operation: Operation,
        needs: Vec<ServerStatus>,
        actual: ServerStatus,
    },
    /// Another task is running on the server (`OS-EXT-STS:task_state`).
    TaskInProgress { operation: Operation, task: String },
    /// Create image through the compute API is for U2 flavors only.
    NotU2,
    /// Remove security group with none to remove.
    NoSecurityGroups,
    /// Detach with no volume attached.
    NoVolumes,
    /// Detach of the root volume: Nova refuses it ("Can't detach root device volume").
    RootVolume,
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongStatus {
                operation,
                needs,
                actual,
            } => {
                if operation.is_allowed_unless() {
                    write!(
                        f,
                        "{operation} is not possible while this instance is {actual}"
                    )
                } else {
                    write!(
                        f,
                        "{operation} needs {}; this instance is {actual}",
                        or_list(needs)
                    )
                }
            }
            Self::TaskInProgress { operation, task } => write!(
                f,
                "{operation} must wait: this instance is busy with the task {task}"
            ),
            Self::NotU2 => f.write_str(
                "Create image through the compute API works only for U2 flavors; \
                 for other flavors create the image from the instance's block storage",
            ),
            Self::NoSecurityGroups => f.write_str(
                "Remove security group needs a security group on this instance; it has none",
            ),
            Self::NoVolumes => {
                f.write_str("Detach volume needs an attached volume; this instance has none")
            }
            Self::RootVolume => f.write_str(
                "Detach volume cannot detach the root volume: the instance boots from it",
            ),
        }
    }
}

impl std::error::Error for Denied {}

/// `A`, `A or B`, `A, B or C`.
fn or_list(statuses: &[ServerStatus]) -> String {
    let names: Vec<&str> = statuses.iter().map(ServerStatus::as_str).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The task states during which a hard reboot is still accepted: Nova's (`nova/compute/api.py`
/// `reboot` and `_hard_reboot`: a hard reboot is how an operator gets a server out of a reboot,
/// resume, unpause or suspend that hangs), and every task that shows as HARD_REBOOT, which the
/// guide lists among the states a hard reboot accepts ("**HARD_REBOOT**").
const HARD_REBOOT_TASKS: [&str; 9] = [
    "rebooting",
    "reboot_pending",
    "reboot_started",
    "rebooting_hard",
    "reboot_pending_hard",
    "reboot_started_hard",
    "resuming",
    "unpausing",
    "suspending",
];

/// Checks one operation against a server's state.
///
/// Order of the checks: the status (the guide's rules), then a running task (Nova refuses
/// everything but delete, rename and, in a few reboot-like tasks, hard reboot), then the conditions
/// that depend on the rest of the server (U2 flavor, something to remove or detach).
pub fn check(operation: Operation, server: &ServerFacts<'_>) -> Result<(), Denied> {
    let status = server.status;
    let status_ok = if status.is_unknown() {
        // A status we cannot read: only what is safe in any state.
        matches!(operation, Operation::Delete | Operation::Rename)
    } else {
        operation.allowed_statuses().contains(status)
    };
    if !status_ok {
        return Err(Denied::WrongStatus {
            operation,
            needs: operation.allowed_statuses(),
            actual: status.clone(),
        });
    }

    if let Some(task) = server.task_state.filter(|t| t.is_active()) {
        let task_name = task.as_str().trim().to_ascii_lowercase();
        let allowed = match operation {
            // A rename only changes a record: neither the guide nor Nova (`PUT /servers/{id}`)
            // holds it while a task runs.
            Operation::Delete | Operation::Rename => true,
            Operation::RebootHard => HARD_REBOOT_TASKS.contains(&task_name.as_str()),
            _ => false,
        };
        if !allowed {
            return Err(Denied::TaskInProgress {
                operation,
                task: task.as_str().to_string(),
            });
        }
    }

    match operation {
        Operation::CreateImage if server.flavor_is_u2 == Some(false) => Err(Denied::NotU2),
        Operation::RemoveSecurityGroup if server.security_group_count == 0 => {
            Err(Denied::NoSecurityGroups)
        }
        Operation::DetachVolume if server.attached_volume_count == 0 => Err(Denied::NoVolumes),
        _ => Ok(()),
    }
}

/// The device of an instance's root volume (`boot_index` 0): the first virtio disk, as Nova
/// names it on NHN's hosts.
pub const ROOT_DEVICE: &str = "/dev/vda";

/// Whether an attachment's device is the root volume's (`/dev/vda`, or `vda` as some clients
/// write it).
pub fn is_root_device(device: &str) -> bool {
    device.trim().trim_start_matches("/dev/") == "vda"
}

/// Checks detaching one attachment: the state rules of [`Operation::DetachVolume`], then the
/// root volume, which Nova never detaches (`nova/compute/api.py` `_check_and_begin_detach`'s
/// caller: "Can't detach root device volume"): the instance would have nothing to boot from.
pub fn check_detach(server: &ServerFacts<'_>, device: Option<&str>) -> Result<(), Denied> {
    check(Operation::DetachVolume, server)?;
    if device.is_some_and(is_root_device) {
        return Err(Denied::RootVolume);
    }
    Ok(())
}

/// Every operation with its verdict, in [`Operation::ALL`] order: what an action bar needs.
pub fn check_all(server: &ServerFacts<'_>) -> Vec<(Operation, Result<(), Denied>)> {
    Operation::ALL
        .iter()
        .map(|&op| (op, check(op, server)))
        .collect()
}

/// Splits a selection for a bulk operation: the servers it may be sent to, and the others
/// with the reason. The flavor of each is unknown to the list, so create-image is not judged.
pub fn partition<'a>(
    operation: Operation,
    servers: impl IntoIterator<Item = &'a Server>,
) -> (Vec<&'a Server>, Vec<(&'a Server, Denied)>) {
    let mut allowed = Vec::new();
    let mut denied = Vec::new();
    for server in servers {
        match check(operation, &ServerFacts::from_server(server, None)) {
            Ok(()) => allowed.push(server),
            Err(why) => denied.push((server, why)),
        }
    }
    (allowed, denied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_separates_what_a_bulk_action_may_touch() {
        let server = |id: &str, status: &str| -> Server {
            serde_json::from_value(serde_json::json!({"id": id, "status": status})).unwrap()
        };
        let servers = [
            server("a", "ACTIVE"),
            server("b", "SHUTOFF"),
            server("c", "ERROR"),
        ];
        let (allowed, denied) = partition(Operation::Stop, &servers);
        let ids: Vec<&str> = allowed.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(denied.len(), 1);
        assert_eq!(denied[0].0.id, "b");
        assert!(matches!(denied[0].1, Denied::WrongStatus { .. }));
    }

    #[test]
    fn or_list_reads_well() {
        use ServerStatus as S;
        assert_eq!(or_list(&[S::Active]), "ACTIVE");
        assert_eq!(or_list(&[S::Active, S::Error]), "ACTIVE or ERROR");
        assert_eq!(
            or_list(&[S::Active, S::Shutoff, S::Paused]),
            "ACTIVE, SHUTOFF or PAUSED"
        );
    }
}
