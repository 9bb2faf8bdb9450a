//! Server status, task state and power state. Unknown values are kept as they are.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The API's `status`. The guide's English names (`BUILDING`, `STOPPED`, `RESIZED`, `RESCUED`)
/// decode to the same variants as Nova's (`BUILD`, `SHUTOFF`, `RESIZE`, `RESCUE`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ServerStatus {
    Active,
    Build,
    Shutoff,
    Deleted,
    SoftDeleted,
    Reboot,
    HardReboot,
    Resize,
    VerifyResize,
    RevertResize,
    Migrating,
    Error,
    Paused,
    Suspended,
    Rebuild,
    Rescue,
    Password,
    Shelved,
    ShelvedOffloaded,
    #[default]
    Unknown,
    /// A status this console does not know: shown as it came.
    Other(String),
}

impl ServerStatus {
    /// Parses a status as Nova or the guide spells it (case-insensitive).
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_uppercase().as_str() {
            "ACTIVE" => Self::Active,
            "BUILD" | "BUILDING" => Self::Build,
            "SHUTOFF" | "STOPPED" => Self::Shutoff,
            "DELETED" => Self::Deleted,
            "SOFT_DELETED" => Self::SoftDeleted,
            "REBOOT" => Self::Reboot,
            "HARD_REBOOT" => Self::HardReboot,
            "RESIZE" | "RESIZED" => Self::Resize,
            "VERIFY_RESIZE" => Self::VerifyResize,
            "REVERT_RESIZE" => Self::RevertResize,
            "MIGRATING" => Self::Migrating,
            "ERROR" => Self::Error,
            "PAUSED" => Self::Paused,
            "SUSPENDED" => Self::Suspended,
            "REBUILD" => Self::Rebuild,
            "RESCUE" | "RESCUED" => Self::Rescue,
            "PASSWORD" => Self::Password,
            "SHELVED" => Self::Shelved,
            "SHELVED_OFFLOADED" => Self::ShelvedOffloaded,
            "UNKNOWN" | "" => Self::Unknown,
            _ => Self::Other(s.to_string()),
        }
    }

    /// Nova's spelling (the one the API sends today).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "ACTIVE",
            Self::Build => "BUILD",
            Self::Shutoff => "SHUTOFF",
            Self::Deleted => "DELETED",
            Self::SoftDeleted => "SOFT_DELETED",
            Self::Reboot => "REBOOT",
            Self::HardReboot => "HARD_REBOOT",
            Self::Resize => "RESIZE",
            Self::VerifyResize => "VERIFY_RESIZE",
            Self::RevertResize => "REVERT_RESIZE",
            Self::Migrating => "MIGRATING",
            Self::Error => "ERROR",
            Self::Paused => "PAUSED",
            Self::Suspended => "SUSPENDED",
            Self::Rebuild => "REBUILD",
            Self::Rescue => "RESCUE",
            Self::Password => "PASSWORD",
            Self::Shelved => "SHELVED",
            Self::ShelvedOffloaded => "SHELVED_OFFLOADED",
            Self::Unknown => "UNKNOWN",
            Self::Other(s) => s,
        }
    }

    /// Every status this console knows, in Nova's order of the status table (not `Other`).
    pub const KNOWN: [ServerStatus; 20] = [
        Self::Active,
        Self::Build,
        Self::Shutoff,
        Self::Deleted,
        Self::SoftDeleted,
        Self::Reboot,
        Self::HardReboot,
        Self::Resize,
        Self::VerifyResize,
        Self::RevertResize,
        Self::Migrating,
        Self::Error,
        Self::Paused,
        Self::Suspended,
        Self::Rebuild,
        Self::Rescue,
        Self::Password,
        Self::Shelved,
        Self::ShelvedOffloaded,
        Self::Unknown,
    ];

    /// The statuses the instance list's `status` filter offers: every state of the guide's
    /// status table ("The list of instance states is as follows"), in Nova's spelling, which
    /// the API's filter takes, and SHELVED_OFFLOADED, NHN's "terminated" instances. DELETED
    /// lists deleted servers only together with `changes-since` (as in Nova): the console says
    /// so beside the filter (docs/guide-readings.md).
    pub const FILTERABLE: [ServerStatus; 16] = [
        Self::Active,
        Self::Build,
        Self::Shutoff,
        Self::Deleted,
        Self::Reboot,
        Self::HardReboot,
        Self::Resize,
        Self::RevertResize,
        Self::VerifyResize,
        Self::Error,
        Self::Paused,
        Self::Rebuild,
        Self::Rescue,
        Self::Suspended,
        Self::ShelvedOffloaded,
        Self::Unknown,
    ];

    /// The guide's English spelling where it differs from Nova's (`BUILDING`, `STOPPED`,
    /// `RESIZED`, `RESCUED`), else Nova's.
    pub fn guide_name(&self) -> &str {
        match self {
            Self::Build => "BUILDING",
            Self::Shutoff => "STOPPED",
            Self::Resize => "RESIZED",
            Self::Rescue => "RESCUED",
            other => other.as_str(),
        }
    }

    /// A status this console does not know (`UNKNOWN` or anything unexpected).
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown | Self::Other(_))
    }

    /// A state the server will leave by itself: worth polling until it settles.
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            Self::Build
                | Self::Reboot
                | Self::HardReboot
                | Self::Resize
                | Self::VerifyResize
                | Self::RevertResize
                | Self::Migrating
                | Self::Rebuild
                | Self::Password
        )
    }
}

impl fmt::Display for ServerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ServerStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ServerStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Option::<String>::deserialize(deserializer)?;
        Ok(s.map(|s| Self::parse(&s)).unwrap_or_default())
    }
}

/// `OS-EXT-STS:task_state`, kept as the string Nova sent (`rebooting`, `resize_prep` …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskState(pub String);

impl TaskState {
    /// The task as Nova spells it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a task is actually running. An empty string (or a literal `none`, which some
    /// gateways print for Python's `None`) means no task.
    pub fn is_active(&self) -> bool {
        let s = self.0.trim();
        !(s.is_empty() || s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("null"))
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The API status Nova derives from `OS-EXT-STS:vm_state` and `OS-EXT-STS:task_state`
/// (Nova's `_STATE_MAP` in `nova/api/openstack/common.py`, copied in
/// `fixtures/derived/server-status-map.json`). An unknown vm_state gives
/// [`ServerStatus::Unknown`], as in Nova. Used by the simulator to answer like Nova, and by
/// the console when a gateway leaves `status` out.
pub fn status_from_states(vm_state: &str, task_state: Option<&str>) -> ServerStatus {
    use ServerStatus as S;
    let task = task_state.map(|t| t.trim().to_ascii_lowercase());
    let task = task.as_deref().unwrap_or("");
    const REBUILD: [&str; 3] = [
        "rebuilding",
        "rebuild_block_device_mapping",
        "rebuild_spawning",
    ];
    const RESIZE: [&str; 4] = [
        "resize_prep",
        "resize_migrating",
        "resize_migrated",
        "resize_finish",
    ];
    match vm_state.trim().to_ascii_lowercase().as_str() {
        "active" => match task {
            "rebooting" | "reboot_pending" | "reboot_started" => S::Reboot,
            "rebooting_hard" | "reboot_pending_hard" | "reboot_started_hard" => S::HardReboot,
            "updating_password" => S::Password,
            "migrating" => S::Migrating,
            t if REBUILD.contains(&t) => S::Rebuild,
            t if RESIZE.contains(&t) => S::Resize,
            _ => S::Active,
        },
        "building" => S::Build,
        "stopped" => match task {
            t if RESIZE.contains(&t) => S::Resize,
            t if REBUILD.contains(&t) => S::Rebuild,
            _ => S::Shutoff,
        },
        "resized" => match task {
            "resize_reverting" => S::RevertResize,
            _ => S::VerifyResize,
        },
        "paused" => match task {
            "migrating" => S::Migrating,
            _ => S::Paused,
        },
        "suspended" => S::Suspended,
        "rescued" => S::Rescue,
        "error" => match task {
            t if REBUILD.contains(&t) => S::Rebuild,
            _ => S::Error,
        },
        "deleted" => S::Deleted,
        "soft-delete" | "soft_delete" | "soft_deleted" => S::SoftDeleted,
        "shelved" => S::Shelved,
        "shelved_offloaded" => S::ShelvedOffloaded,
        _ => S::Unknown,
    }
}

/// `OS-EXT-STS:power_state`: Nova's `InstancePowerState` index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PowerState(pub i64);

impl PowerState {
    pub const NOSTATE: Self = Self(0);
    pub const RUNNING: Self = Self(1);
    pub const PAUSED: Self = Self(3);
    pub const SHUTDOWN: Self = Self(4);
    pub const CRASHED: Self = Self(6);
    pub const SUSPENDED: Self = Self(7);

    /// Nova's name for the power state (`running`, `shutdown` …), or `None` for an unknown code.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "pending",
            1 => "running",
            3 => "paused",
            4 => "shutdown",
            6 => "crashed",
            7 => "suspended",
            _ => return None,
        })
    }
}
