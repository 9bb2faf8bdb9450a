//! End-to-end harness: the built console (`dist/`) served by the simulator, driven in headless
//! Chromium over WebDriver.
//!
//! Every test starts its own simulator (fresh state, random port) and its own browser, so tests
//! do not depend on each other. The simulator binary and `dist/` must be built first; the
//! project's test script does that once for all tests.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// The demo credentials the simulator is started with in these tests.
pub const TENANT: &str = "6cdebe3eb0094910bc41f1d42ebe4cb7";
pub const USERNAME: &str = "e2e@example.com";
pub const PASSWORD: &str = "e2e-password";

/// How long a UI condition may take before a test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The ids of the simulator's seed data that tests name.
pub use compute_sim::seed::ids as seed;

pub mod axe;
pub mod downloads;
pub mod host_page;
pub mod nginx;

/// The key the console keeps its session under in `sessionStorage`.
pub const SESSION_KEY: &str = "compute-console.session";

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn path_from_env(var: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or(default)
}

/// A running simulator serving the built console; killed on drop.
pub struct Simulator {
    child: Child,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub url: String,
}

impl Simulator {
    /// Starts `compute-sim` on a free port with the given extra arguments, serving the built
    /// console (`$CONSOLE_DIST`, else `dist/`).
    pub fn start(extra_args: &[&str]) -> Self {
        let dist = path_from_env("CONSOLE_DIST", workspace_root().join("dist"));
        Self::start_serving(&dist, extra_args)
    }

    /// Starts `compute-sim` serving `dist`.
    pub fn start_serving(dist: &std::path::Path, extra_args: &[&str]) -> Self {
        let bin = path_from_env(
            "COMPUTE_SIM_BIN",
            workspace_root().join("target/debug/compute-sim"),
        );
        assert!(
            bin.exists(),
            "simulator binary {} is missing: run `cargo build -p compute-sim`",
            bin.display()
        );
        assert!(
            dist.join("index.html").exists(),
            "{} has no index.html: build the console with `trunk build --release` first",
            dist.display()
        );
        let mut child = Command::new(&bin)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--tenant",
                TENANT,
                "--username",
                USERNAME,
                "--password",
                PASSWORD,
            ])
            .arg("--dist")
            .arg(dist)
            .args(extra_args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start compute-sim");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stdout = BufReader::new(stdout);
        let mut first_line = String::new();
        stdout
            .read_line(&mut first_line)
            .expect("read the simulator's first line");
        // Keep reading what it prints: a closed pipe would kill it at its next line.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let url = first_line
            .trim()
            .strip_prefix("compute-sim listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from compute-sim: {first_line:?}"))
            .trim_end_matches('/')
            .to_string();
        Self { child, url }
    }
}

impl Simulator {
    /// One HTTP request to the simulator (the API or its `/_sim` control endpoint), with a
    /// token when given. Returns the status and the JSON answer (`Null` when empty or not JSON).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let headers: Vec<(&str, &str)> = token.map(|t| ("x-auth-token", t)).into_iter().collect();
        let answer = http_request(method, &format!("{}{path}", self.url), &headers, body).await;
        (answer.status, answer.json)
    }

    /// Calls one of the simulator's `/_sim` control endpoints (it must run with
    /// `--test-control`): `POST /_sim/faults` with rules, `GET /_sim/requests` … Panics on a
    /// failure status.
    pub async fn control(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let (status, answer) = self.call(method, path, None, body).await;
        assert!(
            (200..300).contains(&status),
            "{method} {path} answered {status}: {answer}"
        );
        answer
    }

    /// Creates a server through the API (a U2 flavor on the seeded Ubuntu image and default
    /// network, the demo key pair) and returns its id.
    pub async fn create_server(
        &self,
        token: &str,
        name: &str,
        metadata: serde_json::Value,
    ) -> String {
        let body = serde_json::json!({"server": {
            "name": name,
            "imageRef": "1c868787-6207-4ff2-a1e7-ae1331d6829b",
            "flavorRef": "f1a00000-0000-4000-8000-000000000051",
            "networks": [{"uuid": "245ff686-4ca2-4176-a069-81013537ac3a"}],
            "key_name": "demo-key",
            "metadata": metadata,
        }});
        let path = format!("/v2/{TENANT}/servers");
        let (status, answer) = self.call("POST", &path, Some(token), Some(body)).await;
        assert_eq!(status, 202, "create {name:?}: {answer}");
        answer["server"]["id"]
            .as_str()
            .expect("server id")
            .to_string()
    }

    /// A token for the test user (Keystone v2.0 password sign-in).
    pub async fn token(&self) -> String {
        let body = serde_json::json!({"auth": {
            "tenantId": TENANT,
            "passwordCredentials": {"username": USERNAME, "password": PASSWORD},
        }});
        let (status, answer) = self.call("POST", "/v2.0/tokens", None, Some(body)).await;
        assert_eq!(status, 200, "sign-in: {answer}");
        answer["access"]["token"]["id"]
            .as_str()
            .expect("a token id")
            .to_string()
    }

    /// Replaces the fault rules (flag strings such as `GET /servers/detail=status:503,times:1`).
    pub async fn set_faults(&self, rules: &[&str]) {
        self.control("POST", "/_sim/faults", Some(serde_json::json!(rules)))
            .await;
    }

    /// The log entries of the requests the simulator saw whose method is `method` and whose
    /// path ends with `path_suffix`, in arrival order.
    async fn logged(&self, method: &str, path_suffix: &str) -> Vec<serde_json::Value> {
        self.request_log()
            .await
            .into_iter()
            .filter(|e| e["method"] == method)
            .filter(|e| e["path"].as_str().is_some_and(|p| p.ends_with(path_suffix)))
            .collect()
    }

    /// Every entry of the simulator's request log, in arrival order. A log that cannot be read
    /// fails the test: an empty list would make "nothing was sent" pass by accident.
    pub async fn request_log(&self) -> Vec<serde_json::Value> {
        let log = self.control("GET", "/_sim/requests", None).await;
        match log {
            serde_json::Value::Array(entries) => entries,
            other => panic!("the simulator's request log is not a list: {other}"),
        }
    }

    /// The requests the simulator saw whose method is `method` and whose path ends with
    /// `path_suffix`, as `(status, handled)` in arrival order (`status` 0 for a dropped one).
    pub async fn requests(&self, method: &str, path_suffix: &str) -> Vec<(u16, bool)> {
        self.logged(method, path_suffix)
            .await
            .iter()
            .map(|e| {
                (
                    e["status"].as_u64().unwrap_or(0) as u16,
                    e["handled"].as_bool().unwrap_or(false),
                )
            })
            .collect()
    }

    /// The query strings (percent-encoded, `""` for none) of the requests that
    /// [`Simulator::requests`] would list, in arrival order.
    pub async fn queries(&self, method: &str, path_suffix: &str) -> Vec<String> {
        self.logged(method, path_suffix)
            .await
            .iter()
            .map(|e| e["query"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The statuses of [`Simulator::requests`], in arrival order.
    pub async fn answers(&self, method: &str, path_suffix: &str) -> Vec<u16> {
        self.requests(method, path_suffix)
            .await
            .into_iter()
            .map(|(status, _)| status)
            .collect()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer: its status, headers and JSON body (`Null` when empty or not JSON).
pub struct HttpAnswer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub json: serde_json::Value,
}

/// One plain HTTP request (JSON in and out) with extra headers, to the simulator or to nginx in
/// front of it.
pub async fn http_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<serde_json::Value>,
) -> HttpAnswer {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Full<bytes::Bytes>>();
    let mut request = http::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json")
        .header("accept", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(http_body_util::Full::new(bytes::Bytes::from(
            body.map(|b| b.to_string()).unwrap_or_default(),
        )))
        .expect("a request");
    let response = client
        .request(request)
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("read the answer")
        .to_bytes();
    HttpAnswer {
        status,
        headers,
        json: serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local addr")
        .port()
}

/// Headless Chromium behind its own chromedriver; both stop on [`Browser::close`] or drop.
pub struct Browser {
    driver: Child,
    pub client: Client,
    /// The browser's profile directory, removed when it stops.
    profile: PathBuf,
    /// chromedriver's URL, `http://127.0.0.1:PORT`.
    webdriver: String,
}

impl Browser {
    pub async fn start() -> Self {
        Self::launch(None, &[]).await
    }

    /// Like [`Browser::start`], with downloads saved without asking into `dir` (which the
    /// caller creates and removes).
    pub async fn start_with_downloads(dir: &Path) -> Self {
        Self::launch(Some(dir), &[]).await
    }

    /// Like [`Browser::start`], with extra Chromium command-line flags after the usual ones,
    /// e.g. `--js-flags=--expose-gc` (a `gc()` for scripts) or
    /// `--enable-blink-features=ForceEagerMeasureMemory` (so
    /// `performance.measureUserAgentSpecificMemory()` answers at once).
    pub async fn start_with_flags(flags: &[&str]) -> Self {
        Self::launch(None, flags).await
    }

    async fn launch(downloads: Option<&Path>, flags: &[&str]) -> Self {
        let chromedriver = path_from_env("CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver"));
        let chromium = path_from_env("CHROMIUM", PathBuf::from("/usr/bin/chromium"));
        let port = free_port();
        // Its own process group, which the Chromium it starts joins: a test that panics
        // drops the browser, and the whole group goes, not chromedriver alone (an orphaned
        // Chromium would keep a core busy for the rest of the run).
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", chromedriver.display()));
        // A profile of its own: one left by an earlier run on the same port, or still held
        // by another browser, makes Chrome exit at start ("Chrome instance exited").
        static LAUNCHES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let launch = LAUNCHES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = std::env::temp_dir().join(format!(
            "console-e2e-profile-{}-{launch}-{port}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&profile);
        let mut capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        if let Some(args) = capabilities["goog:chromeOptions"]["args"].as_array_mut() {
            args.extend(flags.iter().map(|f| serde_json::json!(f)));
        }
        if let Some(dir) = downloads {
            capabilities["goog:chromeOptions"]["prefs"] = serde_json::json!({
                "download.default_directory": dir,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            });
        }
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        // Two cores and several browsers starting at once: give a start its time.
        let deadline = Instant::now() + Duration::from_secs(45);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("connect to chromedriver: {e}"),
            }
        };
        Self {
            driver,
            client,
            profile,
            webdriver,
        }
    }

    /// Sends a Chrome DevTools Protocol command to the page through chromedriver
    /// (`goog/cdp/execute`) and returns its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        let session = self
            .client
            .session_id()
            .await
            .expect("the session id")
            .expect("a WebDriver session");
        let url = format!("{}/session/{session}/goog/cdp/execute", self.webdriver);
        let body = serde_json::json!({ "cmd": cmd, "params": params });
        let answer = http_request("POST", &url, &[], Some(body)).await;
        assert_eq!(answer.status, 200, "CDP {cmd}: {}", answer.json);
        answer.json["value"].clone()
    }

    /// Makes the page see `prefers-color-scheme: dark` (or light) from now on, as a system
    /// setting would; it lasts across navigations in this tab.
    pub async fn set_color_scheme(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        )
        .await;
        let seen = self
            .client
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches;",
                vec![],
            )
            .await
            .expect("read prefers-color-scheme");
        assert_eq!(
            seen,
            serde_json::json!(dark),
            "the page sees the {value} scheme"
        );
    }

    /// Ends the WebDriver session and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// Saves a PNG of the page as `<name>.png` in `$E2E_SCREENSHOTS`, when that is set, so a
    /// person can look at what the tests saw.
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") else {
            return;
        };
        let png = self.client.screenshot().await.expect("take a screenshot");
        std::fs::create_dir_all(&dir).expect("create the screenshot directory");
        std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png)
            .expect("write the screenshot");
    }

    /// Waits for the element with `data-testid` = `id`.
    pub async fn by_test_id(&self, id: &str) -> Element {
        self.wait_css(&format!("[data-testid=\"{id}\"]")).await
    }

    /// Types `keys` (text or WebDriver key codes) into whatever has the focus, as a person
    /// would.
    pub async fn type_keys(&self, keys: &str) {
        self.client
            .active_element()
            .await
            .expect("a focused element")
            .send_keys(keys)
            .await
            .expect("type");
    }

    /// Waits for an element matching a CSS selector.
    pub async fn wait_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {UI_TIMEOUT:?}: {e}"))
    }

    /// All elements matching a CSS selector, now.
    pub async fn all_css(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find elements")
    }

    /// How many elements have `data-testid` = `id` now.
    pub async fn count(&self, id: &str) -> usize {
        self.all_css(&format!("[data-testid=\"{id}\"]")).await.len()
    }

    /// Whether an element with `data-testid` = `id` is on the page now.
    pub async fn is_present(&self, id: &str) -> bool {
        self.count(id).await > 0
    }

    /// Polls `condition` until it holds or the timeout passes.
    pub async fn wait_until<F, Fut>(&self, what: &str, condition: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        self.wait_until_for(what, UI_TIMEOUT, condition).await;
    }

    /// Like [`Browser::wait_until`] with a limit of its own (a timer the test waits out).
    pub async fn wait_until_for<F, Fut>(&self, what: &str, limit: Duration, mut condition: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + limit;
        while !condition().await {
            assert!(Instant::now() < deadline, "timed out waiting for: {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the first element matching `css`; one replaced by a re-render between finding
    /// and clicking it is found again.
    pub async fn click_css(&self, css: &str) {
        for attempt in 0.. {
            match self.wait_css(css).await.click().await {
                Ok(_) => return,
                Err(_) if attempt < 20 => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    /// Clicks the element with `data-testid` = `id` (see [`Browser::click_css`]).
    pub async fn click(&self, id: &str) {
        self.click_css(&format!("[data-testid=\"{id}\"]")).await;
    }

    /// Whether anything matches a CSS selector now.
    pub async fn has_css(&self, css: &str) -> bool {
        !self.all_css(css).await.is_empty()
    }

    /// Types into the input with the given test id, replacing what it holds.
    pub async fn fill(&self, id: &str, text: &str) {
        let input = self.by_test_id(id).await;
        input.clear().await.expect("clear input");
        input.send_keys(text).await.expect("type into input");
    }

    /// Starts recording Content-Security-Policy violations on this page (ones during start-up
    /// would stop the app from loading at all, so recording starts once the page is up).
    pub async fn watch_csp_violations(&self) {
        self.client
            .execute(
                "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', \
                 e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
                vec![],
            )
            .await
            .expect("install the CSP listener");
    }

    /// The violations recorded since [`Browser::watch_csp_violations`].
    pub async fn csp_violations(&self) -> serde_json::Value {
        self.client
            .execute("return window.__cspViolations;", vec![])
            .await
            .expect("read CSP violations")
    }

    /// Starts recording the page's own failures: uncaught errors (a wasm trap is one), rejected
    /// promises nobody handled, and `console.error` lines (the console's panic hook writes
    /// one). Like [`Browser::watch_csp_violations`], it lasts until the page is loaded again.
    pub async fn watch_page_errors(&self) {
        self.client
            .execute(
                "window.__pageErrors = [];
                 window.addEventListener('error', e => window.__pageErrors.push('error: ' + e.message));
                 window.addEventListener('unhandledrejection', e => window.__pageErrors.push('rejection: ' + e.reason));
                 const original = console.error.bind(console);
                 console.error = (...args) => { window.__pageErrors.push('console: ' + args.join(' ')); original(...args); };",
                vec![],
            )
            .await
            .expect("install the page error listeners");
    }

    /// What [`Browser::watch_page_errors`] recorded.
    pub async fn page_errors(&self) -> Vec<String> {
        let errors = self
            .client
            .execute("return window.__pageErrors;", vec![])
            .await
            .expect("read the page errors");
        let errors = errors
            .as_array()
            .unwrap_or_else(|| panic!("page errors are not watched on this page: {errors}"));
        errors
            .iter()
            .map(|e| e.as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Opens `url` in a new tab of the same browser and switches to it; returns its handle.
    pub async fn open_tab(&self, url: &str) -> fantoccini::wd::WindowHandle {
        let tab = self.client.new_window(true).await.expect("open a tab");
        self.client
            .switch_to_window(tab.handle.clone())
            .await
            .expect("switch to the new tab");
        self.client
            .goto(url)
            .await
            .expect("open the url in the new tab");
        tab.handle
    }

    /// Makes `tab` the one commands go to.
    pub async fn switch_tab(&self, tab: &fantoccini::wd::WindowHandle) {
        self.client
            .switch_to_window(tab.clone())
            .await
            .expect("switch tabs");
    }

    /// Everything the page's origin keeps in the browser: `localStorage`, `sessionStorage`,
    /// `document.cookie` and the IndexedDB databases with every record, as one JSON value
    /// (`{"local": {…}, "session": {…}, "cookie": "…", "indexedDb": […]}`).
    pub async fn stored_data(&self) -> serde_json::Value {
        let script = r#"
            const done = arguments[arguments.length - 1];
            const entries = (store) => Object.fromEntries(
                Array.from({ length: store.length }, (_, i) => [store.key(i), store.getItem(store.key(i))]));
            const dump = async () => {
                const databases = indexedDB.databases ? await indexedDB.databases() : [];
                const out = [];
                for (const info of databases) {
                    const db = await new Promise((ok, fail) => {
                        const open = indexedDB.open(info.name);
                        open.onsuccess = () => ok(open.result);
                        open.onerror = () => fail(open.error);
                    });
                    for (const name of db.objectStoreNames) {
                        const records = await new Promise((ok) => {
                            const all = db.transaction(name).objectStore(name).getAll();
                            all.onsuccess = () => ok(all.result);
                            all.onerror = () => ok([]);
                        });
                        out.push({ db: info.name, store: name, records });
                    }
                    db.close();
                }
                return { local: entries(localStorage), session: entries(sessionStorage),
                         cookie: document.cookie, indexedDb: out };
            };
            dump().then((v) => done(JSON.stringify(v)), (e) => done(JSON.stringify({ error: String(e) })));
        "#;
        let text = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("read the stored data");
        serde_json::from_str(text.as_str().unwrap_or("null")).expect("stored data as JSON")
    }

    /// Signs out with the top bar's button and waits for the sign-in form.
    pub async fn sign_out(&self) {
        self.by_test_id("logout")
            .await
            .click()
            .await
            .expect("click sign out");
        self.by_test_id("login-submit").await;
    }

    /// Signs in with the simulator's identity service and waits for the instance list.
    pub async fn sign_in(&self, sim: &Simulator) {
        self.sign_in_at(&sim.url).await;
    }

    /// Opens the console at `origin` (the simulator, or nginx in front of it), signs in and
    /// waits for the instance list.
    pub async fn sign_in_at(&self, origin: &str) {
        self.client
            .goto(&format!("{origin}/"))
            .await
            .expect("open the console");
        self.fill_sign_in_form().await;
        self.by_test_id("instance-row").await;
    }

    /// The token this tab keeps for a reload (under [`SESSION_KEY`] in `sessionStorage`), if
    /// any.
    pub async fn saved_token(&self) -> Option<String> {
        let stored = self.stored_data().await;
        let text = stored["session"][SESSION_KEY].as_str()?;
        let saved: serde_json::Value =
            serde_json::from_str(text).expect("the saved session is JSON");
        saved["token"].as_str().map(str::to_string)
    }

    /// Fills and submits the sign-in form shown now.
    pub async fn fill_sign_in_form(&self) {
        self.fill("login-tenant", TENANT).await;
        self.fill("login-username", USERNAME).await;
        self.fill("login-password", PASSWORD).await;
        self.by_test_id("login-submit")
            .await
            .click()
            .await
            .expect("click sign in");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // chromedriver leads its process group (see `launch`): end every member.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
