//! Small text formatting shared by tables: sizes as the API means them.

/// RAM in MB: whole gigabytes as `8 GB`, otherwise `512 MB`.
pub fn ram_mb(mb: u64) -> String {
    if mb >= 1024 && mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{mb} MB")
    }
}

/// A disk size in GB.
pub fn disk_gb(gb: u64) -> String {
    format!("{gb} GB")
}

/// An optional value or an em dash.
pub fn or_dash(value: Option<impl ToString>) -> String {
    value
        .map(|v| v.to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "—".to_string())
}
