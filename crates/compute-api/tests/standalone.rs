//! The repository stands alone: nothing in its code, tests, benchmark, scripts or CI reads
//! outside its own tree. A fresh clone (with nothing beside it) must build and pass, so no
//! file may refer to a reference folder next to the checkout or to one machine's paths.
//!
//! It lives here because compute-api's tests are the first native tests every run builds.

use std::path::{Path, PathBuf};

/// The folders whose files are code, tests or build steps.
const CHECKED: &[&str] = &["crates", "src", "tests", "bench", "scripts", ".ci"];

/// Spellings of places outside the repository. Built from pieces so that this file, which is
/// itself checked, does not match them.
fn outside_references() -> Vec<String> {
    vec![
        format!("..{}shared", '/'),
        format!("shared{}fixtures", '/'),
        format!("{}work{}", '/', '/'),
        format!("{}root{}", '/', '/'),
        format!("{}home{}", '/', '/'),
        format!("{}Users{}", '/', '/'),
    ]
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every line of a checked file that names a place outside the repository, as `path:line: text`.
fn references_outside(root: &Path) -> Vec<String> {
    let needles = outside_references();
    let mut files = Vec::new();
    for dir in CHECKED {
        let dir = root.join(dir);
        assert!(dir.is_dir(), "{} is missing", dir.display());
        files_under(&dir, &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    for path in files {
        // Binary files (none today) cannot hold a path a build follows by accident.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (number, line) in text.lines().enumerate() {
            if needles.iter().any(|needle| line.contains(needle.as_str())) {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                found.push(format!("{}:{}: {}", rel.display(), number + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn no_file_reads_outside_the_repository() {
    let found = references_outside(&repository_root());
    assert!(
        found.is_empty(),
        "these lines refer to places outside the repository (vendor what they need under \
         fixtures/ instead):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_reference_outside() {
    // The same scan over a scratch tree holding one offending file of each kind.
    let scratch = std::env::temp_dir().join(format!("standalone-check-{}", std::process::id()));
    for dir in CHECKED {
        std::fs::create_dir_all(scratch.join(dir)).unwrap();
    }
    let needles = outside_references();
    for (i, needle) in needles.iter().enumerate() {
        let dir = CHECKED[i % CHECKED.len()];
        std::fs::write(
            scratch.join(dir).join(format!("file{i}.rs")),
            format!("fn main() {{}}\n// reads {needle}fixtures/x.json\n"),
        )
        .unwrap();
    }
    std::fs::write(scratch.join("src/clean.rs"), "fn clean() {}\n").unwrap();
    let found = references_outside(&scratch);
    std::fs::remove_dir_all(&scratch).unwrap();
    assert_eq!(found.len(), needles.len(), "{found:#?}");
    assert!(found.iter().all(|line| line.contains(":2: // reads")));
}
