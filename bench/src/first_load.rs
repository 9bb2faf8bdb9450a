//! What the console costs to load, compressed: by kind of file in `dist/`, and per route as
//! the browser actually fetched it (the page, its JS, wasm and CSS, `config.json`; never the
//! API's answers): `/login` until its form is painted, what it fetches next while the user
//! types (the instance list's code), then `/instances` after signing in, then what each other
//! screen adds on its first visit.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use console_e2e::{Browser, Simulator};
use serde_json::{json, Value};

/// A file's size as served raw, gzip -9 and brotli 11.
#[derive(Clone, Copy, Default, Debug)]
pub struct Sizes {
    pub bytes: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl Sizes {
    fn of(bytes: &[u8]) -> Sizes {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(bytes).expect("gzip");
        let gzip = gzip.finish().expect("gzip").len() as u64;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).expect("brotli");
        Sizes {
            bytes: bytes.len() as u64,
            gzip,
            brotli: brotli.len() as u64,
        }
    }

    fn add(&mut self, other: Sizes) {
        self.bytes += other.bytes;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }

    pub fn to_json(self) -> Value {
        json!({"bytes": self.bytes, "gzip": self.gzip, "brotli": self.brotli})
    }
}

/// The sizes of index.html, the JS, the wasm and the CSS in `dist`, summed by kind.
pub fn by_kind(dist: &Path) -> BTreeMap<String, Sizes> {
    let mut sizes: BTreeMap<String, Sizes> = BTreeMap::new();
    for path in files_under(dist) {
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            Some("html") if path.file_name().is_some_and(|f| f == "index.html") => "html",
            _ => continue,
        };
        let file = Sizes::of(&std::fs::read(&path).expect("read file"));
        sizes.entry(kind.to_string()).or_default().add(file);
    }
    sizes
}

/// Every file under `dir`, in its subdirectories too (the wasm's `pkg-<hash>/`).
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = vec![];
    for entry in std::fs::read_dir(dir).expect("read dist") {
        let path = entry.expect("dist entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The files of `dist` the page has fetched so far (its own document included), by name;
/// with `until`, only those whose fetch started before that `performance.mark`.
async fn fetched(browser: &Browser, dist: &Path, until: Option<&str>) -> BTreeSet<String> {
    let urls = browser
        .client
        .execute(
            "const mark = arguments[0] && performance.getEntriesByName(arguments[0])[0];
             const limit = mark ? mark.startTime : Infinity;
             return [location.href].concat(
                 performance.getEntriesByType('navigation').map(e => e.name),
                 performance.getEntriesByType('resource')
                     .filter(e => e.startTime <= limit).map(e => e.name));",
            vec![json!(until)],
        )
        .await
        .expect("read the fetched resources");
    urls.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|url| {
            // The path under the site's root (the simulator serves the console at `/`).
            let path = url.split(['?', '#']).next().unwrap_or_default();
            let path = path
                .split_once("://")
                .and_then(|(_, rest)| rest.split_once('/'))
                .map_or("", |(_, path)| path);
            let name = path.rsplit('/').next().unwrap_or_default();
            // The document of a route is index.html (the single-page fallback).
            if name.is_empty() || !name.contains('.') {
                "index.html".to_string()
            } else {
                path.to_string()
            }
        })
        .filter(|name| dist.join(name).is_file())
        .collect()
}

/// Waits for an element by test id.
async fn shown(browser: &Browser, test_id: &str) {
    browser.by_test_id(test_id).await;
}

/// Loads `/login`, signs in to `/instances`, then visits each other screen by its link, and
/// reports, route by route in that order, the files its first visit fetched that no earlier
/// route had, and their compressed sizes.
pub async fn by_route(dist: &Path) -> Value {
    let sim = Simulator::start_serving(dist, &[]);
    let browser = Browser::start().await;
    let mut cache: BTreeMap<String, Sizes> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut routes: Vec<Value> = vec![];
    let mut record = |route: &str, now: BTreeSet<String>, seen: &mut BTreeSet<String>| {
        let new: Vec<String> = now.difference(seen).cloned().collect();
        let mut total = Sizes::default();
        for name in &new {
            let file = *cache
                .entry(name.clone())
                .or_insert_with(|| Sizes::of(&std::fs::read(dist.join(name)).expect("read")));
            total.add(file);
        }
        seen.extend(new.iter().cloned());
        let mut entry = total.to_json();
        entry["route"] = json!(route);
        entry["files"] = json!(new);
        routes.push(entry);
    };

    browser
        .client
        .goto(&format!("{}/login", sim.url))
        .await
        .expect("open /login");
    shown(&browser, "login-submit").await;
    // What the sign-in form waited for: every fetch begun before it was painted.
    browser
        .wait_until("the sign-in form's paint mark", || async {
            browser
                .client
                .execute(
                    "return performance.getEntriesByName('cc:sign-in-shown').length > 0;",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        })
        .await;
    record(
        "/login",
        fetched(&browser, dist, Some("cc:sign-in-shown")).await,
        &mut seen,
    );
    // What the page fetches while the user types: the instance list's code, once it is idle.
    let list_chunk = "split_cc_instances.wasm";
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while !fetched(&browser, dist, None)
            .await
            .iter()
            .any(|f| f.ends_with(list_chunk))
        {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await;
    record(
        "/login, while typing",
        fetched(&browser, dist, None).await,
        &mut seen,
    );

    browser.fill_sign_in_form().await;
    shown(&browser, "instance-row").await;
    record("/instances", fetched(&browser, dist, None).await, &mut seen);

    // Each other screen, reached from the page as a user would: what its first visit adds.
    let visits: [(&str, &str, &str); 5] = [
        (
            "/instances/{id}",
            "[data-testid=\"instance-row\"] .col-name a",
            "instance-name",
        ),
        (
            "/instances/new",
            "[data-testid=\"nav-instances\"]",
            "instance-create",
        ),
        ("/keypairs", "[data-testid=\"nav-keypairs\"]", "keypair-row"),
        ("/flavors", "[data-testid=\"nav-flavors\"]", "flavor-row"),
        ("/zones", "[data-testid=\"nav-zones\"]", "zone-row"),
    ];
    for (route, link, ready) in visits {
        browser
            .wait_css(link)
            .await
            .click()
            .await
            .expect("follow the link");
        shown(&browser, ready).await;
        if route == "/instances/new" {
            browser
                .by_test_id("instance-create")
                .await
                .click()
                .await
                .expect("open the wizard");
            shown(&browser, "create-name").await;
        }
        record(route, fetched(&browser, dist, None).await, &mut seen);
    }
    browser.close().await;
    drop(sim);
    Value::Array(routes)
}
