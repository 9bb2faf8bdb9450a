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

/// The API guide the product is built from (`fixtures/guide/`).
#[allow(dead_code)] // each test binary uses what it needs
pub fn guide() -> String {
    std::fs::read_to_string(fixtures_root().join("guide/instance-api-v2-guide.md"))
        .expect("the API guide is vendored under fixtures/guide")
}

/// Fails unless the guide says `sentence` word for word: a test quoting the guide stays true
/// to it when the guide changes.
#[allow(dead_code)]
pub fn assert_guide_says(sentence: &str) {
    assert!(
        guide().contains(sentence),
        "the guide no longer says {sentence:?}"
    );
}
