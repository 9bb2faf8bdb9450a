//! The deployment recipe for real, for tests that go through it: nginx with the server block
//! `deploy/render.sh` renders, serving a copy of `dist/` and proxying to the simulator.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::workspace_root;

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

/// nginx in the foreground with its own prefix and the configuration `deploy/render.sh`
/// renders, in front of a simulator; stopped (and its directory removed) on drop.
pub struct Nginx {
    master: Child,
    dir: PathBuf,
    /// `http://127.0.0.1:PORT`, where the console is served.
    pub origin: String,
}

impl Nginx {
    /// Renders the recipe for `sim_url` (identity, and every service of both regions) and
    /// starts nginx on a free port.
    pub fn start(sim_url: &str) -> Self {
        Self::start_with(sim_url, "")
    }

    /// Like [`Nginx::start`], with more lines for the settings file (`UPSTREAM_CA=…`, `HSTS=on`).
    pub fn start_with(upstream: &str, extra_settings: &str) -> Self {
        let port = crate::free_port();
        let dir = fresh_dir(&format!("console-nginx-{port}"));
        let dist = crate::path_from_env("CONSOLE_DIST", workspace_root().join("dist"));
        start_nginx(&dir, &dist, upstream, "/", extra_settings, port)
    }

    /// The console under `/admin/compute/`, as an admin site would host it: the build made
    /// with `trunk build --public-url /admin/compute/` (`$CONSOLE_DIST_SUBPATH`, which
    /// scripts/test.sh builds) and the recipe rendered with `BASE_PATH=/admin/compute/`.
    pub fn start_under_admin_path(sim_url: &str) -> Self {
        let port = crate::free_port();
        let dir = fresh_dir(&format!("console-nginx-admin-{port}"));
        let dist = std::env::var_os("CONSOLE_DIST_SUBPATH")
            .map(PathBuf::from)
            .expect("CONSOLE_DIST_SUBPATH: the console built with --public-url /admin/compute/");
        start_nginx(&dir, &dist, sim_url, ADMIN_PATH, "", port)
    }
}

/// Where [`Nginx::start_under_admin_path`] serves the console.
pub const ADMIN_PATH: &str = "/admin/compute/";

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn nginx_binary() -> String {
    std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into())
}

/// Checks `dir/nginx.conf` and runs nginx on it in the foreground until `port` listens.
fn run_nginx(dir: &Path, port: u16) -> Child {
    let nginx = nginx_binary();
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
    child
}

/// Stops the nginx running on `dir/nginx.conf` (`-s stop` ends the workers too; killing only
/// the master would leave them listening) and removes `dir`.
fn stop_nginx(master: &mut Child, dir: &Path) {
    let _ = Command::new(nginx_binary())
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-s", "stop"])
        .status();
    let _ = master.wait();
    let _ = std::fs::remove_dir_all(dir);
}

/// An HTTPS upstream with a self-signed certificate for `localhost` (made with openssl for
/// the test), in front of the simulator: what a man in the middle would present.
pub struct TlsUpstream {
    master: Child,
    dir: PathBuf,
    /// `https://localhost:PORT`.
    pub url: String,
    /// The certificate, which is its own CA.
    pub ca: PathBuf,
}

impl TlsUpstream {
    pub fn start(sim_url: &str) -> Self {
        let port = crate::free_port();
        let dir = fresh_dir(&format!("console-tls-upstream-{port}"));
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args([
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost",
            ])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output()
            .expect("run openssl");
        assert!(
            made.status.success(),
            "openssl: {}",
            String::from_utf8_lossy(&made.stderr)
        );
        std::fs::write(
            dir.join("nginx.conf"),
            format!(
                "worker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {{}}\n\
                 http {{\n  access_log off;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n\
                 server {{\n    listen 127.0.0.1:{port} ssl;\n    ssl_certificate {cert};\n    ssl_certificate_key {key};\n\
                 location / {{ proxy_pass {sim_url}; }}\n  }}\n}}\n",
                dir = dir.display(),
                cert = cert.display(),
                key = key.display(),
            ),
        )
        .expect("write nginx.conf");
        let master = run_nginx(&dir, port);
        TlsUpstream {
            master,
            dir,
            url: format!("https://localhost:{port}"),
            ca: cert,
        }
    }
}

impl Drop for TlsUpstream {
    fn drop(&mut self) {
        stop_nginx(&mut self.master, &self.dir);
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        stop_nginx(&mut self.master, &self.dir);
    }
}

fn start_nginx(
    dir: &Path,
    dist_source: &Path,
    sim_url: &str,
    base_path: &str,
    extra_settings: &str,
    port: u16,
) -> Nginx {
    let dist = dir.join("dist");
    // render.sh writes config.json into the dist it serves: work on a copy.
    copy_dir(dist_source, &dist);
    let settings = dir.join("test.env");
    std::fs::write(
        &settings,
        format!(
            "LISTEN=127.0.0.1:{port}\nDIST={dist}\nBASE_PATH={base_path}\nIDENTITY_URL={sim}\nREGIONS=\"KR1 KR2\"\n\
             KR1_COMPUTE={sim}\nKR1_IMAGE={sim}\nKR1_NETWORK={sim}\nKR1_VOLUME={sim}\n\
             KR2_COMPUTE={sim}/kr2\nKR2_IMAGE={sim}/kr2\nKR2_NETWORK={sim}/kr2\nKR2_VOLUME={sim}/kr2\n\
             ALLOW_PLAIN_HTTP_UPSTREAMS=yes\n{extra_settings}\n",
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
            "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n\
             worker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {{}}\n\
             http {{\n  access_log {dir}/access.log;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n  include {dir}/console.conf;\n}}\n",
            dir = dir.display()
        ),
    )
    .expect("write nginx.conf");
    let child = run_nginx(dir, port);
    Nginx {
        master: child,
        dir: dir.to_path_buf(),
        origin: format!("http://127.0.0.1:{port}"),
    }
}
