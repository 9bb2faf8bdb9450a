//! What the integration tests share: where the recorded fixtures are.

use std::path::{Path, PathBuf};

/// The fixtures vendored in the repository (`fixtures/` at its root, see its SOURCES.md), or
/// wherever `COMPUTE_FIXTURES` points.
pub fn fixtures_root() -> PathBuf {
    match std::env::var_os("COMPUTE_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
    }
}
