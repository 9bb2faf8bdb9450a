//! The deployment recipe for real: nginx rendered by deploy/render.sh serves the console and
//! reverse-proxies identity, compute, image, network and volume (here: the simulator) under one
//! origin, with its Content-Security-Policy. Sign in and list instances through it, with no
//! CSP violation.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use console_e2e::{Browser, Simulator};

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dist") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// nginx in the foreground with its own prefix; stopped on drop.
struct Nginx {
    master: Child,
    nginx: String,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // `-s stop` ends the workers too; killing only the master would leave them listening.
        let _ = Command::new(&self.nginx)
            .arg("-p")
            .arg(&self.dir)
            .arg("-c")
            .arg(self.dir.join("nginx.conf"))
            .args(["-s", "stop"])
            .status();
        let _ = self.master.wait();
    }
}

fn start_nginx(dir: &Path, sim_url: &str, port: u16) -> Nginx {
    let dist = dir.join("dist");
    let dist_source = std::env::var_os("CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or(workspace_root().join("dist"));
    // render.sh writes config.json into the dist it serves: work on a copy.
    copy_dir(&dist_source, &dist);
    let settings = dir.join("test.env");
    std::fs::write(
        &settings,
        format!(
            "LISTEN=127.0.0.1:{port}\nDIST={dist}\nBASE_PATH=/\nIDENTITY_URL={sim}\nREGIONS=\"KR1 KR2\"\n\
             KR1_COMPUTE={sim}\nKR1_IMAGE={sim}\nKR1_NETWORK={sim}\nKR1_VOLUME={sim}\n\
             KR2_COMPUTE={sim}/kr2\nKR2_IMAGE={sim}/kr2\nKR2_NETWORK={sim}/kr2\nKR2_VOLUME={sim}/kr2\n",
            dist = dist.display(),
            sim = sim_url,
        ),
    )
    .expect("write settings");
    let rendered = Command::new("bash")
        .arg(workspace_root().join("deploy/render.sh"))
        .arg(&settings)
        .output()
        .expect("run render.sh");
    assert!(
        rendered.status.success(),
        "render.sh failed: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    std::fs::write(dir.join("console.conf"), &rendered.stdout).expect("write server block");
    std::fs::write(
        dir.join("nginx.conf"),
        format!(
            "worker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {{}}\n\
             http {{\n  access_log {dir}/access.log;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n  include {dir}/console.conf;\n}}\n",
            dir = dir.display()
        ),
    )
    .expect("write nginx.conf");
    let nginx = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
    let check = Command::new(&nginx)
        .arg("-t")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .output()
        .expect("nginx -t");
    assert!(
        check.status.success(),
        "nginx rejects the rendered configuration: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .spawn()
        .expect("start nginx");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nginx did not start listening");
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx {
        master: child,
        nginx,
        dir: dir.to_path_buf(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_and_list_through_nginx_without_csp_violations() {
    let sim = Simulator::start(&[]);
    let dir = std::env::temp_dir().join(format!("console-nginx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nginx = start_nginx(&dir, &sim.url, port);
    let origin = format!("http://127.0.0.1:{port}");

    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{origin}/instances"))
        .await
        .expect("open a deep link through nginx");
    // Record CSP violations from here on; ones during start-up would stop the app from loading.
    browser
        .client
        .execute(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
            vec![],
        )
        .await
        .expect("install the CSP listener");
    browser.fill("login-tenant", console_e2e::TENANT).await;
    browser.fill("login-username", console_e2e::USERNAME).await;
    browser.fill("login-password", console_e2e::PASSWORD).await;
    browser
        .by_test_id("login-submit")
        .await
        .click()
        .await
        .expect("sign in");
    browser.by_test_id("instance-row").await;
    browser.screenshot("nginx-instances").await;

    let violations = browser
        .client
        .execute("return window.__cspViolations;", vec![])
        .await
        .expect("read violations");
    assert_eq!(violations, serde_json::json!([]), "CSP violations");

    // The headers the recipe promises, on the page and on an API error.
    let headers = browser
        .client
        .execute_async(
            "const done = arguments[0];
             Promise.all([fetch('/'), fetch('/api/kr1/compute/v2/x/servers')]).then(([page, api]) => done({
               csp: page.headers.get('content-security-policy'),
               nosniff: page.headers.get('x-content-type-options'),
               referrer: page.headers.get('referrer-policy'),
               cache: page.headers.get('cache-control'),
               apiStatus: api.status,
               apiCsp: api.headers.get('content-security-policy'),
             }));",
            vec![],
        )
        .await
        .expect("fetch headers");
    let csp = headers["csp"].as_str().unwrap_or_default();
    for part in [
        "'wasm-unsafe-eval'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "'sha256-",
    ] {
        assert!(csp.contains(part), "CSP lacks {part}: {csp}");
    }
    assert!(
        !csp.contains("'unsafe-inline'"),
        "CSP allows inline scripts: {csp}"
    );
    assert_eq!(headers["nosniff"], "nosniff");
    assert_eq!(headers["referrer"], "no-referrer");
    assert_eq!(
        headers["cache"], "no-store",
        "index.html must not be cached"
    );
    assert_eq!(
        headers["apiStatus"], 401,
        "the API answers through the proxy (no token: 401)"
    );
    assert_eq!(
        headers["apiCsp"].as_str(),
        Some(csp),
        "error responses carry the policy too"
    );

    browser.close().await;
    // Stop nginx while its configuration still exists.
    drop(nginx);
    let _ = std::fs::remove_dir_all(&dir);
}
