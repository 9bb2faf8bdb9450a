//! `deploy/render.sh` trusts no setting: each value goes into nginx syntax, a header and
//! JSON, so a value of the wrong shape, a plain-http upstream or a variable that only the
//! environment holds never reaches the rendered files; a console under a sub-path shares its
//! origin, so the tab hand-over is off there and the rendering says why.

use std::path::PathBuf;
use std::process::{Command, Output};

use console_e2e::workspace_root;

/// A directory with a built console's `index.html` (all render.sh reads) and a settings file
/// of the base settings plus `extra` lines.
fn settings(name: &str, extra: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("console-render-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><script>boot()</script>",
    )
    .unwrap();
    let file = dir.join("settings.env");
    std::fs::write(
        &file,
        format!(
            "LISTEN=127.0.0.1:8443\nDIST={}\nIDENTITY_URL=https://identity.example\n\
             REGIONS=\"KR1\"\nKR1_COMPUTE=https://compute.example\n{extra}\n",
            dist.display()
        ),
    )
    .unwrap();
    (file, dist)
}

fn render(file: &PathBuf, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("bash");
    command
        .arg(workspace_root().join("deploy/render.sh"))
        .arg(file);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run render.sh")
}

#[test]
fn hostile_values_stop_the_rendering_naming_the_setting() {
    for (name, extra, setting) in [
        (
            "plain-identity",
            "IDENTITY_URL=http://identity.example",
            "IDENTITY_URL",
        ),
        (
            "plain-region",
            "KR1_IMAGE=http://image.example",
            "KR1_IMAGE",
        ),
        (
            "nginx-injection",
            "KR1_COMPUTE='https://x/; } location /pwn { return 200 x; } #'",
            "KR1_COMPUTE",
        ),
        (
            "quote-in-origin",
            "FRAME_ANCESTORS='https://admin.example\"'",
            "FRAME_ANCESTORS",
        ),
        (
            "header-injection",
            "FRAME_ANCESTORS=\"'none'; script-src *\"",
            "FRAME_ANCESTORS",
        ),
        ("region-name", "REGIONS=\"KR1 K;R2\"", "REGIONS"),
        ("base-path", "BASE_PATH='/admin/\"compute/'", "BASE_PATH"),
        ("listen", "LISTEN='8443; include /etc/passwd'", "LISTEN"),
    ] {
        let (file, dist) = settings(name, extra);
        let output = render(&file, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name}: rendered anyway");
        assert!(stderr.contains(setting), "{name}: {stderr}");
        assert!(
            !dist.join("config.json").exists(),
            "{name}: config.json was written"
        );
    }
}

#[test]
fn plain_http_needs_saying_so_and_the_environment_adds_no_upstream() {
    let (file, dist) = settings(
        "allowed",
        "IDENTITY_URL=http://127.0.0.1:8080\nALLOW_PLAIN_HTTP_UPSTREAMS=yes",
    );
    // KR1_VOLUME is only in the environment of whoever renders: not proxied, not configured.
    let output = render(&file, &[("KR1_VOLUME", "https://evil.example")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let conf = String::from_utf8_lossy(&output.stdout);
    assert!(!conf.contains("evil.example"), "{conf}");
    assert!(!conf.contains("/api/kr1/volume/"), "{conf}");
    assert!(conf.contains("/api/kr1/compute/"), "{conf}");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("config.json")).unwrap()).unwrap();
    // An origin of its own: the tabs hand each other the session.
    assert_eq!(config["tabHandOver"], true, "{config}");
}

#[test]
fn a_console_under_a_sub_path_shares_its_origin_and_does_not_hand_over() {
    let (file, dist) = settings("sub-path", "BASE_PATH=/admin/compute/");
    let output = render(&file, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("origin"),
        "{stderr}"
    );
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("config.json")).unwrap()).unwrap();
    assert_eq!(config["tabHandOver"], false, "{config}");
    // Said explicitly, it may stay on (the operator's own choice, still warned).
    let (file, dist) = settings("sub-path-on", "BASE_PATH=/admin/compute/\nTAB_HAND_OVER=on");
    assert!(render(&file, &[]).status.success());
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("config.json")).unwrap()).unwrap();
    assert_eq!(config["tabHandOver"], true);
}
