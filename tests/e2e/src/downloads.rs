//! Files the browser downloads: a directory per test, and waiting for a download to finish.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A download directory removed when the test ends.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("console-e2e-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the download directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits for a finished download at `path` (Chromium writes `*.crdownload` until done).
pub async fn wait_for_file(path: &Path) -> String {
    let dir = path.parent().expect("a file in a directory");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    wait_for_download(dir, |file| file == name).await.1
}

/// Waits for a finished, non-empty download in `dir` whose name `wanted` accepts; returns its
/// name and content.
pub async fn wait_for_download(dir: &Path, wanted: impl Fn(&str) -> bool) -> (String, String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let listing: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        for name in listing.iter().filter(|n| wanted(n)) {
            if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
                if !text.is_empty() {
                    return (name.clone(), text);
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no such download in {} (it holds {listing:?})",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
