//! The documented creation rules, checked before sending: every field error at once.
//!
//! The rules come from the guide's "Create an instance" section. The
//! simulator answers 400 with the same function, so the wizard and the server agree.

use std::fmt;

use base64::Engine as _;

use crate::block_source::BlockSource;
use crate::flavor::Flavor;
use crate::server::{BlockDeviceMapping, CreateServer};
use crate::services::Image;

/// Instance names: "Up to 255 English characters" (the guide's create-instance table). English
/// characters are read as printable ASCII: letters, digits, space and punctuation; anything
/// else (Hangul, kana, accents, emoji, control characters) is refused with [`ErrorKind::NotEnglish`].
pub const MAX_NAME_CHARS: usize = 255;
/// The block-storage source types the guide lists for `block_device_mapping_v2.source_type`.
pub const SOURCE_TYPES: [&str; 3] = ["image", "volume", "snapshot"];
/// The volume types the guide lists for `block_device_mapping_v2.volume_type`.
pub const VOLUME_TYPES: [&str; 2] = ["General HDD", "General SSD"];
/// Instance names with a Windows image (the NetBIOS limit).
pub const MAX_WINDOWS_NAME_CHARS: usize = 15;
/// Windows needs a flavor with at least 2 GB of RAM.
pub const MIN_WINDOWS_RAM_MB: u64 = 2048;
/// The smallest root disk for Linux images.
pub const MIN_LINUX_ROOT_GB: u64 = 10;
/// The smallest root disk for Windows images.
pub const MIN_WINDOWS_ROOT_GB: u64 = 50;
/// `user_data`, counted after base64 encoding.
pub const MAX_USER_DATA_BYTES: usize = 65_535;
/// Metadata keys and values.
pub const MAX_METADATA_CHARS: usize = 255;
/// `max_count` (and so `min_count`).
pub const MAX_COUNT: u32 = 10;

/// What a form proposes for `delete_on_termination` before the user chooses, by source type.
///
/// The API's default is `false` ([`BlockDeviceMapping::deleted_with_instance`]), and an
/// existing volume, or a volume restored from a snapshot, holds data that outlives the
/// instance: never proposed for deletion. A volume made from an image is new and made for this
/// instance alone; kept, it would remain (and be billed) as an orphan after the instance is
/// gone, so the form proposes deleting it, and says so next to the disk and in the review.
pub fn proposed_delete_on_termination(source_type: &str) -> bool {
    source_type == "image"
}

/// What validation knows beyond the request itself.
#[derive(Debug, Clone, Default)]
pub struct CreateContext<'a> {
    /// The image `imageRef` names, when the image service told us about it.
    pub image: Option<&'a Image>,
    /// The chosen flavor, when known. Decides the U2 and RAM rules.
    pub flavor: Option<&'a Flavor>,
    /// The existing volumes and snapshots the block-storage service describes (any superset
    /// of those the request names). A source not found here is not judged.
    pub sources: &'a [BlockSource],
}

impl<'a> CreateContext<'a> {
    /// The volume or snapshot with this id, if known.
    pub fn source(&self, id: &str) -> Option<&'a BlockSource> {
        let id = id.trim();
        self.sources.iter().find(|s| s.id == id)
    }

    /// The image the root disk comes from, wherever it comes from: `imageRef`'s image, or the
    /// image a root volume or snapshot was made from. The Windows rules and the image's
    /// minimums follow it (the guide's Windows rules are about what the instance runs).
    pub fn root_image(&self, server: &CreateServer) -> Option<&'a Image> {
        let bdms = server.block_device_mapping_v2.as_deref().unwrap_or(&[]);
        match root_device(bdms) {
            Some((_, root)) if is_existing_source(root) => root
                .uuid
                .as_deref()
                .and_then(|id| self.source(id))
                .and_then(|source| source.image.as_ref()),
            _ => self.image,
        }
    }

    /// The zone the instance will be in: the one it names, else the zone of the first existing
    /// volume or snapshot it uses (as Nova schedules it: such a source cannot move), else
    /// `None` (the scheduler chooses).
    pub fn instance_zone(&self, server: &CreateServer) -> Option<String> {
        if let Some(zone) = server
            .availability_zone
            .as_deref()
            .filter(|z| !z.trim().is_empty())
        {
            return Some(zone.trim().to_string());
        }
        server
            .block_device_mapping_v2
            .iter()
            .flatten()
            .filter(|bdm| is_existing_source(bdm))
            .filter_map(|bdm| self.source(bdm.uuid.as_deref()?))
            .find_map(|source| source.availability_zone.clone())
    }
}

/// An entry that uses an existing volume or snapshot (not an image).
fn is_existing_source(bdm: &BlockDeviceMapping) -> bool {
    matches!(bdm.source_type.trim(), "volume" | "snapshot") && !is_blank(bdm.uuid.as_deref())
}

/// The names the instances of one request get: the name itself for one instance; for several,
/// `name-1` … `name-N` (Nova's multiple-create naming, which the simulator follows). The
/// name rules apply to these, not to what was typed.
pub fn instance_names(name: &str, count: u32) -> Vec<String> {
    if count <= 1 {
        vec![name.to_string()]
    } else {
        (1..=count).map(|n| format!("{name}-{n}")).collect()
    }
}

/// One broken rule, tied to the field the user must change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The request field, as a JSON-ish path: `name`, `networks`, `block_device_mapping_v2[0].volume_size`.
    pub field: String,
    pub kind: ErrorKind,
}

impl FieldError {
    fn new(field: impl Into<String>, kind: ErrorKind) -> Self {
        Self {
            field: field.into(),
            kind,
        }
    }
}

impl fmt::Display for FieldError {
    /// `name: must be at most 255 characters (it has 256)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.kind)
    }
}

impl std::error::Error for FieldError {}

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
    /// A metadata key longer than allowed (the field names the key).
    MetadataKeyTooLong {
        max: usize,
        actual: usize,
    },
    /// `user_data` is not base64 (the API wants the encoded form).
    NotBase64,
    /// A fixed IP only goes with a network or subnet; a port already has its addresses.
    FixedIpWithPort,
    /// The image's `min_ram` is more than the flavor has.
    FlavorRamTooSmall {
        min_mb: u64,
        actual_mb: u64,
    },
    /// `source_type` is none of [`SOURCE_TYPES`].
    UnknownSourceType(String),
    /// `volume_type` is none of [`VOLUME_TYPES`].
    UnknownVolumeType(String),
    /// A name holds a character that is not English (printable ASCII): the first such one.
    NotEnglish(char),
    /// Block storage is given for a flavor other than U2, but none of it is the root
    /// (`boot_index` 0): the instance would have no disk to boot from.
    RootDiskRequired,
    /// A volume size that is not a whole number of GB of at least 1 (a mistyped size too).
    VolumeSizeNotPositive,
    /// Several instances are named `name-1` … `name-N`: the longest of those is too long.
    NumberedNameTooLong {
        max: usize,
        longest: String,
    },
    /// The root volume or snapshot is not bootable.
    SourceNotBootable,
    /// The volume or snapshot was made from a WAF, MS-SQL or MySQL image (its name).
    SourceImageRestricted(String),
    /// The volume or snapshot is in another zone than the instance.
    SourceZoneMismatch {
        source_zone: String,
        instance_zone: String,
    },
    /// A fixed IP that is not IPv4 ("NHN Cloud only supports IPv4").
    NotIpv4,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("a value is required"),
            Self::TooLong { max, actual } => {
                write!(f, "must be at most {max} characters (it has {actual})")
            }
            Self::OutOfRange { min, max, actual } => {
                write!(f, "must be between {min} and {max} (it is {actual})")
            }
            Self::MinCountAboveMaxCount { min, max } => write!(
                f,
                "the minimum count ({min}) must not be more than the maximum count ({max})"
            ),
            Self::WindowsNameTooLong { max, actual } => write!(
                f,
                "names of Windows instances must be at most {max} characters (it has {actual})"
            ),
            Self::WindowsNeedsRam { min_mb, actual_mb } => write!(
                f,
                "Windows images need a flavor with at least {} of RAM (this flavor has {})",
                mb(*min_mb),
                mb(*actual_mb)
            ),
            Self::WindowsNotOnU2 => f.write_str("Windows images cannot be used with U2 flavors"),
            Self::RootDiskTooSmall { min_gb, actual_gb } => write!(
                f,
                "the root disk must be at least {min_gb} GB (it is {actual_gb} GB)"
            ),
            Self::BlockDeviceRequired => f.write_str(
                "a root block storage (block_device_mapping_v2) is required for flavors other than U2",
            ),
            Self::DestinationMustBeLocal => {
                f.write_str("the root disk of a U2 flavor must have destination local")
            }
            Self::DestinationMustBeVolume => f.write_str(
                "the destination must be volume (for flavors other than U2, and for volume or snapshot sources)",
            ),
            Self::UserDataTooLong { max, actual } => write!(
                f,
                "user data must be at most {max} bytes once base64-encoded (it is {actual} bytes)"
            ),
            Self::NicNeedsOneTarget => {
                f.write_str("give exactly one of a network, a subnet or a port")
            }
            Self::InvalidValue(message) => f.write_str(message),
            Self::MetadataKeyTooLong { max, actual } => write!(
                f,
                "metadata keys must be at most {max} characters (this one has {actual})"
            ),
            Self::NotBase64 => f.write_str("user data must be base64-encoded"),
            Self::FixedIpWithPort => {
                f.write_str("a fixed IP goes with a network or a subnet, not with a port")
            }
            Self::FlavorRamTooSmall { min_mb, actual_mb } => write!(
                f,
                "the image needs a flavor with at least {} of RAM (this flavor has {})",
                mb(*min_mb),
                mb(*actual_mb)
            ),
            Self::UnknownSourceType(kind) => write!(
                f,
                "the source type must be image, volume or snapshot (not {kind:?})"
            ),
            Self::UnknownVolumeType(kind) => write!(
                f,
                "the volume type must be General HDD or General SSD (not {kind:?})"
            ),
            Self::NotEnglish(c) => write!(
                f,
                "only English letters, digits, spaces and punctuation are allowed (not {c:?})"
            ),
            Self::RootDiskRequired => f.write_str(
                "one block storage entry must be the root disk (boot_index 0) for flavors other than U2",
            ),
            Self::VolumeSizeNotPositive => {
                f.write_str("the size must be a whole number of GB, at least 1")
            }
            Self::NumberedNameTooLong { max, longest } => write!(
                f,
                "with several instances the names get -1, -2 …: {longest:?} would be {} characters (at most {max})",
                longest.chars().count()
            ),
            Self::SourceNotBootable => {
                f.write_str("the root volume or snapshot must be bootable")
            }
            Self::SourceImageRestricted(image) => write!(
                f,
                "a volume or snapshot made from a WAF, MS-SQL or MySQL image cannot be used (this one is from {image:?})"
            ),
            Self::SourceZoneMismatch {
                source_zone,
                instance_zone,
            } => write!(
                f,
                "the volume or snapshot is in {source_zone}; it must be in the instance's availability zone ({instance_zone})"
            ),
            Self::NotIpv4 => f.write_str("NHN Cloud only supports IPv4: give an IPv4 address"),
        }
    }
}

/// `2 GB`, `1536 MB`: RAM as people say it.
fn mb(value: u64) -> String {
    if value >= 1024 && value.is_multiple_of(1024) {
        format!("{} GB", value / 1024)
    } else {
        format!("{value} MB")
    }
}

/// Base64 (standard alphabet, padded) of a user-data script, as `user_data` wants it.
pub fn encode_user_data(raw: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(raw.as_bytes())
}

/// The encoded size of `raw_len_bytes` bytes of user data: the live counter of the wizard
/// (4 bytes per started group of 3).
pub fn encoded_user_data_len(raw_len_bytes: usize) -> usize {
    raw_len_bytes.div_ceil(3) * 4
}

/// Nova decodes user data leniently about line breaks (MIME-style wrapped base64 is fine)
/// but wants the padding.
fn is_base64(encoded: &str) -> bool {
    let compact: String = encoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .is_ok()
}

fn is_blank(value: Option<&str>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

/// The entry that holds the root disk, with its index.
fn root_device(bdms: &[BlockDeviceMapping]) -> Option<(usize, &BlockDeviceMapping)> {
    bdms.iter()
        .enumerate()
        .find(|(_, bdm)| bdm.boot_index == Some(0))
}

/// Checks a create request against the guide's rules. Returns every broken rule, in the order
/// of the form (name, image and flavor, networks, block storage, key, user data, metadata,
/// counts); an empty list means the request may be sent.
///
/// What the request alone cannot decide (Windows or not, U2 or not, RAM, the flavor's disk)
/// is checked only when `context` knows the image or flavor.
pub fn validate_create(server: &CreateServer, context: &CreateContext<'_>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    // The Windows rules follow the image the root comes from, be it `imageRef` or the image a
    // root volume or snapshot was made from.
    let root_image = context.root_image(server);
    let windows = root_image.is_some_and(Image::is_windows);
    let u2 = context.flavor.map(Flavor::is_u2);
    let bdms: &[BlockDeviceMapping] = server.block_device_mapping_v2.as_deref().unwrap_or(&[]);
    let root = root_device(bdms);

    // ---- name: the rules hold for the names the instances will have (`name-1` … for several).
    let count = server.max_count.or(server.min_count).unwrap_or(1);
    let longest = instance_names(&server.name, count.min(MAX_COUNT))
        .pop()
        .unwrap_or_default();
    let longest_chars = longest.chars().count();
    let max_chars = if windows {
        MAX_WINDOWS_NAME_CHARS
    } else {
        MAX_NAME_CHARS
    };
    if server.name.trim().is_empty() {
        errors.push(FieldError::new("name", ErrorKind::Required));
    } else if let Some(c) = first_non_english(&server.name) {
        errors.push(FieldError::new("name", ErrorKind::NotEnglish(c)));
    } else if longest_chars > max_chars {
        let kind = if longest != server.name {
            ErrorKind::NumberedNameTooLong {
                max: max_chars,
                longest,
            }
        } else if windows {
            ErrorKind::WindowsNameTooLong {
                max: max_chars,
                actual: longest_chars,
            }
        } else {
            ErrorKind::TooLong {
                max: max_chars,
                actual: longest_chars,
            }
        };
        errors.push(FieldError::new("name", kind));
    }

    // ---- image: optional only when the root disk comes from an existing volume or snapshot.
    let boots_from_volume = root.is_some_and(|(_, bdm)| {
        matches!(bdm.source_type.as_str(), "volume" | "snapshot") && !is_blank(bdm.uuid.as_deref())
    });
    if server.image_ref.trim().is_empty() && !boots_from_volume {
        errors.push(FieldError::new("imageRef", ErrorKind::Required));
    }

    // ---- flavor
    if server.flavor_ref.trim().is_empty() {
        errors.push(FieldError::new("flavorRef", ErrorKind::Required));
    }
    if let Some(flavor) = context.flavor {
        if windows && flavor.is_u2() {
            errors.push(FieldError::new("flavorRef", ErrorKind::WindowsNotOnU2));
        }
        if let Some(ram) = flavor.ram {
            if windows && ram < MIN_WINDOWS_RAM_MB {
                errors.push(FieldError::new(
                    "flavorRef",
                    ErrorKind::WindowsNeedsRam {
                        min_mb: MIN_WINDOWS_RAM_MB,
                        actual_mb: ram,
                    },
                ));
            } else if let Some(min_ram) = root_image.and_then(|i| i.min_ram) {
                // Nova refuses a flavor smaller than the image's min_ram.
                if ram < min_ram {
                    errors.push(FieldError::new(
                        "flavorRef",
                        ErrorKind::FlavorRamTooSmall {
                            min_mb: min_ram,
                            actual_mb: ram,
                        },
                    ));
                }
            }
        }
    }

    // ---- networks
    if server.networks.is_empty() {
        errors.push(FieldError::new("networks", ErrorKind::Required));
    }
    for (i, nic) in server.networks.iter().enumerate() {
        let targets = [&nic.uuid, &nic.subnet, &nic.port]
            .into_iter()
            .filter(|t| !is_blank(t.as_deref()))
            .count();
        if targets != 1 {
            errors.push(FieldError::new(
                format!("networks[{i}]"),
                ErrorKind::NicNeedsOneTarget,
            ));
        }
        if let Some(ip) = nic.fixed_ip.as_deref().filter(|ip| !ip.trim().is_empty()) {
            if !is_blank(nic.port.as_deref()) {
                errors.push(FieldError::new(
                    format!("networks[{i}].fixed_ip"),
                    ErrorKind::FixedIpWithPort,
                ));
            } else {
                match ip.trim().parse::<std::net::IpAddr>() {
                    Ok(std::net::IpAddr::V4(_)) => {}
                    // The guide: "NHN Cloud only supports IPv4".
                    Ok(std::net::IpAddr::V6(_)) => errors.push(FieldError::new(
                        format!("networks[{i}].fixed_ip"),
                        ErrorKind::NotIpv4,
                    )),
                    Err(_) => errors.push(FieldError::new(
                        format!("networks[{i}].fixed_ip"),
                        ErrorKind::InvalidValue(format!("{ip:?} is not an IP address")),
                    )),
                }
            }
        }
    }

    // ---- block storage
    check_block_devices(server, context, u2, root_image, bdms, root, &mut errors);

    // ---- key pair
    if is_blank(server.key_name.as_deref()) {
        errors.push(FieldError::new("key_name", ErrorKind::Required));
    }

    // ---- security groups: a listed group needs a name (omitting the list gives `default`).
    for (i, group) in server.security_groups.iter().flatten().enumerate() {
        if group.name.trim().is_empty() {
            errors.push(FieldError::new(
                format!("security_groups[{i}].name"),
                ErrorKind::Required,
            ));
        }
    }

    // ---- user data: the limit is on the encoded text, as sent.
    if let Some(user_data) = &server.user_data {
        if user_data.len() > MAX_USER_DATA_BYTES {
            errors.push(FieldError::new(
                "user_data",
                ErrorKind::UserDataTooLong {
                    max: MAX_USER_DATA_BYTES,
                    actual: user_data.len(),
                },
            ));
        } else if !is_base64(user_data) {
            errors.push(FieldError::new("user_data", ErrorKind::NotBase64));
        }
    }

    // ---- metadata
    errors.extend(validate_metadata(
        server
            .metadata
            .iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    ));

    // ---- counts: 1 ≤ min_count ≤ max_count ≤ 10 (max_count defaults to min_count).
    let in_range = |n: u32| (1..=MAX_COUNT).contains(&n);
    for (field, count) in [
        ("min_count", server.min_count),
        ("max_count", server.max_count),
    ] {
        if let Some(n) = count.filter(|n| !in_range(*n)) {
            errors.push(FieldError::new(
                field,
                ErrorKind::OutOfRange {
                    min: 1,
                    max: u64::from(MAX_COUNT),
                    actual: u64::from(n),
                },
            ));
        }
    }
    if let (Some(min), Some(max)) = (server.min_count, server.max_count) {
        if in_range(min) && in_range(max) && min > max {
            errors.push(FieldError::new(
                "min_count",
                ErrorKind::MinCountAboveMaxCount { min, max },
            ));
        }
    }

    errors
}

/// The metadata rules ("Key-value pairs with a maximum length of 255 characters"): each key
/// and each value at most [`MAX_METADATA_CHARS`], no blank key. The same rules hold for an
/// instance's metadata and for the metadata of an image made with `createImage` (where the
/// guide states none): the console's forms and the simulator both check with this.
pub fn validate_metadata<'m>(
    entries: impl IntoIterator<Item = (&'m str, &'m str)>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, value) in entries {
        let key_chars = key.chars().count();
        let field = format!("metadata.{key}");
        if key.trim().is_empty() {
            errors.push(FieldError::new(
                "metadata",
                ErrorKind::InvalidValue("metadata keys must not be empty".into()),
            ));
        } else if key_chars > MAX_METADATA_CHARS {
            errors.push(FieldError::new(
                field.clone(),
                ErrorKind::MetadataKeyTooLong {
                    max: MAX_METADATA_CHARS,
                    actual: key_chars,
                },
            ));
        }
        let value_chars = value.chars().count();
        if value_chars > MAX_METADATA_CHARS {
            errors.push(FieldError::new(
                field,
                ErrorKind::TooLong {
                    max: MAX_METADATA_CHARS,
                    actual: value_chars,
                },
            ));
        }
    }
    errors
}

/// The block-storage rules: required for non-U2 flavors, destinations, sources, root size.
fn check_block_devices(
    server: &CreateServer,
    context: &CreateContext<'_>,
    u2: Option<bool>,
    root_image: Option<&Image>,
    bdms: &[BlockDeviceMapping],
    root: Option<(usize, &BlockDeviceMapping)>,
    errors: &mut Vec<FieldError>,
) {
    let windows = root_image.is_some_and(Image::is_windows);
    let instance_zone = context.instance_zone(server);
    if u2 == Some(false) && bdms.is_empty() {
        errors.push(FieldError::new(
            "block_device_mapping_v2",
            ErrorKind::BlockDeviceRequired,
        ));
    } else if u2 == Some(false) && root.is_none() {
        errors.push(FieldError::new(
            "block_device_mapping_v2",
            ErrorKind::RootDiskRequired,
        ));
    }

    for (i, bdm) in bdms.iter().enumerate() {
        let path = |leaf: &str| format!("block_device_mapping_v2[{i}].{leaf}");
        let source = bdm.source_type.trim();
        // Nova's default destination for an image source is local, and volume otherwise.
        let destination = bdm.destination_type.as_deref().map(str::trim);
        match source {
            s if SOURCE_TYPES.contains(&s) => {
                if is_blank(bdm.uuid.as_deref()) {
                    errors.push(FieldError::new(path("uuid"), ErrorKind::Required));
                }
            }
            "" => errors.push(FieldError::new(path("source_type"), ErrorKind::Required)),
            other => errors.push(FieldError::new(
                path("source_type"),
                ErrorKind::UnknownSourceType(other.to_string()),
            )),
        }
        let is_root = bdm.boot_index == Some(0);
        let needs_volume = matches!(source, "volume" | "snapshot") || u2 == Some(false);
        // U2 flavors keep the root disk on the host; extra volumes still attach as volumes.
        let needs_local = u2 == Some(true) && is_root && source == "image";
        if needs_local && destination.is_some_and(|d| d != "local") {
            errors.push(FieldError::new(
                path("destination_type"),
                ErrorKind::DestinationMustBeLocal,
            ));
        } else if needs_volume && destination != Some("volume") {
            errors.push(FieldError::new(
                path("destination_type"),
                ErrorKind::DestinationMustBeVolume,
            ));
        }
        if source == "image" && destination == Some("volume") && bdm.volume_size.is_none() {
            errors.push(FieldError::new(path("volume_size"), ErrorKind::Required));
        }
        if is_existing_source(bdm) {
            if let Some(source) = bdm.uuid.as_deref().and_then(|id| context.source(id)) {
                check_source(
                    source,
                    is_root,
                    instance_zone.as_deref(),
                    &path("uuid"),
                    errors,
                );
            }
        }
        if bdm.volume_size == Some(0) {
            errors.push(FieldError::new(
                path("volume_size"),
                ErrorKind::VolumeSizeNotPositive,
            ));
        }
        // Omitted means General HDD; anything given must be one of the two.
        if let Some(kind) = bdm.volume_type.as_deref() {
            if !VOLUME_TYPES.contains(&kind) {
                errors.push(FieldError::new(
                    path("volume_type"),
                    ErrorKind::UnknownVolumeType(kind.to_string()),
                ));
            }
        }
    }

    // The root disk: the boot volume's size, or the flavor's local disk.
    let min_gb = if windows {
        MIN_WINDOWS_ROOT_GB
    } else {
        MIN_LINUX_ROOT_GB
    }
    .max(root_image.and_then(|i| i.min_disk).unwrap_or(0));
    let on_volume = root.filter(|(_, bdm)| bdm.destination_type.as_deref() == Some("volume"));
    let (field, size) = match on_volume {
        // An existing volume or snapshot without a size keeps its own.
        Some((i, bdm)) => match bdm.volume_size {
            Some(size) => (
                format!("block_device_mapping_v2[{i}].volume_size"),
                Some(size),
            ),
            None => (
                format!("block_device_mapping_v2[{i}].uuid"),
                bdm.uuid
                    .as_deref()
                    .filter(|_| is_existing_source(bdm))
                    .and_then(|id| context.source(id))
                    .and_then(|source| source.size),
            ),
        },
        None => (
            "flavorRef".to_string(),
            // A flavor disk of 0 means "no local disk": the size is not the flavor's to tell.
            context.flavor.and_then(|f| f.disk).filter(|d| *d > 0),
        ),
    };
    if let Some(size) = size {
        if size < min_gb {
            errors.push(FieldError::new(
                field,
                ErrorKind::RootDiskTooSmall {
                    min_gb,
                    actual_gb: size,
                },
            ));
        }
    }
}

/// The guide's rules on an existing volume or snapshot (`block_device_mapping_v2.uuid`): "If it
/// is a root volume, it must be a bootable source; you cannot use a volume or snapshot whose
/// source is a WAF, MS-SQL, or MySQL image that cannot create an image … Sources other than
/// `image` must have the same availability zone as the instance to be created". The image
/// rule is applied to every entry, root or not: the sentence names volumes and snapshots
/// without limiting it to the root (docs/guide-readings.md).
fn check_source(
    source: &BlockSource,
    is_root: bool,
    instance_zone: Option<&str>,
    field: &str,
    errors: &mut Vec<FieldError>,
) {
    for kind in source_refusals(source, is_root, instance_zone) {
        errors.push(FieldError::new(field, kind));
    }
}

/// Why an existing volume or snapshot cannot be used as an entry of a new instance in
/// `instance_zone` (`None`: the zone follows the sources): what the wizard's pickers grey out.
pub fn source_refusals(
    source: &BlockSource,
    is_root: bool,
    instance_zone: Option<&str>,
) -> Vec<ErrorKind> {
    let mut refusals = Vec::new();
    if is_root && !source.bootable {
        refusals.push(ErrorKind::SourceNotBootable);
    }
    if let Some(image) = source.restricted_image() {
        refusals.push(ErrorKind::SourceImageRestricted(image.to_string()));
    }
    if let (Some(source_zone), Some(instance_zone)) =
        (source.availability_zone.as_deref(), instance_zone)
    {
        if source_zone != instance_zone {
            refusals.push(ErrorKind::SourceZoneMismatch {
                source_zone: source_zone.to_string(),
                instance_zone: instance_zone.to_string(),
            });
        }
    }
    refusals
}

/// The first character of `name` that is not English (printable ASCII), if any.
pub fn first_non_english(name: &str) -> Option<char> {
    name.chars().find(|c| !(' '..='~').contains(c))
}

/// Checks a name for `PUT /servers/{id}` and for an image made with `createImage`: required
/// (not blank), English characters only, at most [`MAX_NAME_CHARS`] characters. Returns the
/// kind of the first broken rule.
pub fn validate_rename(name: &str) -> Result<(), ErrorKind> {
    let chars = name.chars().count();
    if name.trim().is_empty() {
        Err(ErrorKind::Required)
    } else if let Some(c) = first_non_english(name) {
        Err(ErrorKind::NotEnglish(c))
    } else if chars > MAX_NAME_CHARS {
        Err(ErrorKind::TooLong {
            max: MAX_NAME_CHARS,
            actual: chars,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod rename_tests {
    use super::*;

    #[test]
    fn rename_needs_a_name_of_at_most_255_english_characters() {
        assert_eq!(validate_rename(""), Err(ErrorKind::Required));
        assert_eq!(validate_rename("   "), Err(ErrorKind::Required));
        assert_eq!(validate_rename("web-03"), Ok(()));
        assert_eq!(validate_rename(&"a".repeat(255)), Ok(()));
        assert_eq!(validate_rename("웹-03"), Err(ErrorKind::NotEnglish('웹')));
        assert_eq!(
            validate_rename(&"a".repeat(256)),
            Err(ErrorKind::TooLong {
                max: 255,
                actual: 256
            })
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_len_matches_encoder() {
        for n in 0..50 {
            let raw = "a".repeat(n);
            assert_eq!(
                encode_user_data(&raw).len(),
                encoded_user_data_len(n),
                "{n}"
            );
        }
        assert_eq!(encode_user_data("hello"), "aGVsbG8=");
    }

    #[test]
    fn ram_in_words() {
        assert_eq!(mb(2048), "2 GB");
        assert_eq!(mb(2047), "2047 MB");
    }
}
