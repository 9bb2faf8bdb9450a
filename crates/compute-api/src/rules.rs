//! Which operations a server's state allows, and when not, why: the seed's rules as a pure
//! function. The console enables buttons with it and the simulator answers 409 with it, so the
//! two can never disagree.

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
}

/// Checks one operation against a server's state.
pub fn check(operation: Operation, server: &ServerFacts<'_>) -> Result<(), Denied> {
    let _ = (operation, server);
    todo!("compute-api: the seed's state rules")
}
