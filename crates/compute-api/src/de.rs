//! Small serde helpers for the quirks of real responses.

use serde::{Deserialize, Deserializer};

/// `null` or a missing field becomes the type's default (empty string, empty list …).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
