//! The documented creation rules, checked before sending: every field error at once.

use crate::flavor::Flavor;
use crate::server::CreateServer;
use crate::services::Image;

/// What validation knows beyond the request itself.
#[derive(Debug, Clone, Default)]
pub struct CreateContext<'a> {
    /// The chosen image, when the image service told us about it. Decides the Windows rules.
    pub image: Option<&'a Image>,
    /// The chosen flavor, when known. Decides the U2 and RAM rules.
    pub flavor: Option<&'a Flavor>,
}

/// One broken rule, tied to the field the user must change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The request field, as a JSON-ish path: `name`, `networks`, `block_device_mapping_v2[0].volume_size`.
    pub field: String,
    pub kind: ErrorKind,
}

/// The rules. `Display` gives an English sentence; the console translates from the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    Required,
    TooLong {
        max: usize,
        actual: usize,
    },
    /// A number out of its range.
    OutOfRange {
        min: u64,
        max: u64,
        actual: u64,
    },
    MinCountAboveMaxCount {
        min: u32,
        max: u32,
    },
    WindowsNameTooLong {
        max: usize,
        actual: usize,
    },
    WindowsNeedsRam {
        min_mb: u64,
        actual_mb: u64,
    },
    WindowsNotOnU2,
    RootDiskTooSmall {
        min_gb: u64,
        actual_gb: u64,
    },
    BlockDeviceRequired,
    DestinationMustBeLocal,
    DestinationMustBeVolume,
    UserDataTooLong {
        max: usize,
        actual: usize,
    },
    /// Exactly one of network, subnet and port per NIC.
    NicNeedsOneTarget,
    InvalidValue(String),
}

/// Checks a create request against the seed's rules.
pub fn validate_create(server: &CreateServer, context: &CreateContext<'_>) -> Vec<FieldError> {
    let _ = (server, context);
    todo!("compute-api: creation rules")
}
