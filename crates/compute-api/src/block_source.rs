//! The existing volumes and snapshots a create request names as block storage, as the
//! block-storage service describes them: what the guide's source rules need to know.
//!
//! The guide (`block_device_mapping_v2.uuid`): "If it is a root volume, it must be a bootable
//! source; you cannot use a volume or snapshot whose source is a WAF, MS-SQL, or MySQL image
//! that cannot create an image … Sources other than `image` must have the same availability
//! zone as the instance to be created".

use crate::services::{Image, Snapshot, Volume};

/// One existing volume or snapshot, by the facts the creation rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockSource {
    /// The volume or snapshot id (what `block_device_mapping_v2.uuid` names).
    pub id: String,
    pub bootable: bool,
    /// GB.
    pub size: Option<u64>,
    pub availability_zone: Option<String>,
    /// The image it was made from (Cinder's `volume_image_metadata`), if any.
    pub image: Option<Image>,
    /// Whether it can be used now (`available`).
    pub available: bool,
}

impl BlockSource {
    pub fn from_volume(volume: &Volume) -> Self {
        Self {
            id: volume.id.clone(),
            bootable: volume.is_bootable(),
            size: volume.size,
            availability_zone: volume.availability_zone.clone(),
            image: volume.source_image(),
            available: volume.is_available(),
        }
    }

    /// A snapshot takes its zone, bootability and image from the volume it was taken from
    /// (`volume`, when known); its size is its own.
    pub fn from_snapshot(snapshot: &Snapshot, volume: Option<&Volume>) -> Self {
        let of_volume = volume.map(Self::from_volume).unwrap_or_default();
        Self {
            id: snapshot.id.clone(),
            size: snapshot.size.or(of_volume.size),
            available: snapshot.is_available(),
            ..of_volume
        }
    }

    /// The restricted image this source was made from, if it was: its name.
    pub fn restricted_image(&self) -> Option<&str> {
        self.image
            .as_ref()
            .filter(|i| is_restricted_image(i))
            .map(|image| image.name.as_deref().unwrap_or(image.id.as_str()))
    }
}

/// Whether volumes made from `image` cannot be a source: the guide's "WAF, MS-SQL, or MySQL
/// image that cannot create an image", recognised by its name as NHN names them (`MS-SQL 2019
/// Std`, `MySQL 8.0 - CentOS`, `WAF …`), ignoring case: `mysql`, `ms-sql` or `mssql` anywhere,
/// `waf` as a word of its own.
pub fn is_restricted_image(image: &Image) -> bool {
    let name = image
        .name
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    ["mysql", "ms-sql", "mssql"]
        .iter()
        .any(|n| name.contains(n))
        || name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word == "waf")
}
