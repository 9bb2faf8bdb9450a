//! The console's benchmark: the release build against a hand-written JavaScript table
//! (`bench/baseline.html`), both in headless Chromium on the same simulator, for tenants of
//! 1 000 and 10 000 instances, runs alternating. Prints a table of medians with the ratio
//! console/baseline, the compressed size of what the console loads first and the targets of
//! the performance work, and writes everything to `bench/results.json`.
//!
//! Usage: `scripts/bench.sh [--runs N] [--sizes 1000,10000] [--cycles N] [--out FILE]`
//! (builds what it needs), or with a built `dist/` and simulator: `cargo run -p console-bench
//! -- --runs 10`. A quick look: `--runs 2 --sizes 1000`.
//!
//! What each figure measures, per run and page (see bench/README.md):
//! - `boot_ms`: navigation to the page's ready mark (`cc:mounted`, `baseline:ready`).
//! - `first_rows_ms`: sign-in click (the baseline: its sign-in call) to the paint showing the
//!   first instance row; `all_rows_ms`: to the paint after the list says every page is
//!   loaded (`data-complete="true"`, `data-loaded` = every server of the tenant).
//! - `dom_nodes`, `memory_mb` (after `gc()`, `measureUserAgentSpecificMemory()`, cross-origin
//!   isolated), `js_heap_mb` (`performance.memory` after `gc()`), all rows loaded.
//! - `scroll_frame_p95_ms`: frame intervals while scrolling the list (console: its viewport
//!   element; baseline: the window) one step per frame.
//! - `filter_p50_ms`, `filter_p95_ms`: a real keystroke into the quick filter (its `keydown`
//!   time stamp) to the paint after `data-shown` changed, over all loaded rows.
//! - `status_refresh_ms`: after the simulator changed every 10th server, the console's
//!   `changes-since` read (auto-refresh off, then on) or the baseline's re-read of every page,
//!   to the paint where every changed row on screen shows its new status.
//! - `memory_growth_pct`: memory after `--cycles` sign-out/sign-in (baseline: clear/load)
//!   cycles, each waiting for every row, against before them.
//!   `memory_growth_steady_pct`: the same against the memory after the first cycle.
//!   Wasm memory never shrinks, so a one-time step to a new high-water mark shows in the
//!   first figure only; a leak grows both.
//! - `mark_*_ms` (console only): the console's own `cc:` marks from the sign-in click.

mod first_load;
mod js;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use console_e2e::{Browser, Simulator, PASSWORD, TENANT, USERNAME};
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::Locator;
use serde_json::{json, Value};

/// Nova's `max_limit`: the baseline's page size.
const PAGE: usize = 1000;

/// Chromium flags: `gc()` for scripts, an eager `measureUserAgentSpecificMemory()`, and
/// unrounded `performance.memory`.
const CHROMIUM_FLAGS: [&str; 3] = [
    "--js-flags=--expose-gc",
    "--enable-blink-features=ForceEagerMeasureMemory",
    "--enable-precise-memory-info",
];

/// Simulator flags besides the seed: COOP/COEP for memory measurement, `/_sim` for the
/// status change.
const SIM_FLAGS: [&str; 2] = ["--cross-origin-isolated", "--test-control"];

/// The quick filter holds this prefix (999 seeded names: `scale-00001` … `scale-00999`);
/// each measured keystroke adds one of these digits (100 names) or takes it away again.
const FILTER_PREFIX: &str = "scale-00";
const FILTER_DIGITS: [&str; 6] = ["1", "2", "3", "4", "5", "6"];
const BACKSPACE: &str = "\u{e003}";

/// Scrolling: this many frames, this many pixels each.
const SCROLL_STEPS: u32 = 120;
const SCROLL_PX: u32 = 80;

/// Time limits of the waits, in ms.
const LOAD_TIMEOUT_MS: u64 = 180_000;
const UI_TIMEOUT_MS: u64 = 20_000;

/// Every 10th server changes status for `status_refresh_ms`.
const STATUS_EVERY: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Page {
    Console,
    Baseline,
}

/// Figures of one run of one page, and where it stopped.
#[derive(Default, Clone)]
struct Run {
    figures: BTreeMap<&'static str, f64>,
    notes: BTreeMap<&'static str, String>,
    /// What failed, in order.
    errors: Vec<String>,
}

impl Run {
    fn set(&mut self, name: &'static str, value: f64) {
        if value.is_finite() {
            self.figures.insert(name, value);
        }
    }
}

/// What one size's runs share.
struct Setup<'a> {
    sim: &'a Simulator,
    token: String,
    /// Every server of the tenant (the seeded demo servers and the generated ones).
    total: usize,
    cycles: usize,
}

type Step<T> = Result<T, String>;

async fn exec(browser: &Browser, script: &str, args: Vec<Value>) -> Step<Value> {
    browser
        .client
        .execute(script, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

async fn exec_async(browser: &Browser, script: &str, args: Vec<Value>) -> Step<Value> {
    browser
        .client
        .execute_async(script, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

/// An `{error}` answer of the page scripts becomes an `Err` starting with `what`.
fn checked(what: &str, answer: Value) -> Step<Value> {
    match answer.get("error").and_then(Value::as_str) {
        Some(error) => Err(format!("{what}: {error}")),
        None => Ok(answer),
    }
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank]
}

fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

async fn wait_css(browser: &Browser, css: &str) -> Step<()> {
    browser
        .client
        .wait()
        .at_most(Duration::from_millis(UI_TIMEOUT_MS))
        .for_element(Locator::Css(css))
        .await
        .map(|_| ())
        .map_err(|e| format!("no {css} within {UI_TIMEOUT_MS} ms: {e}"))
}

async fn wait_for(browser: &Browser, what: &str, expression: &str, timeout_ms: u64) -> Step<()> {
    let answer = exec_async(
        browser,
        &js::wait_for(),
        vec![json!(expression), json!(timeout_ms)],
    )
    .await?;
    checked(what, answer).map(|_| ())
}

/// The JavaScript that signs in: the console's form (filled beforehand), the baseline's call.
fn sign_in_trigger(page: Page) -> String {
    match page {
        Page::Console => "document.querySelector('[data-testid=\"login-submit\"]').click();".into(),
        Page::Baseline => format!(
            "baseline.signIn('{TENANT}', '{USERNAME}', '{PASSWORD}').then(() => baseline.load({PAGE}))\
             .catch((e) => {{ window.__benchError = 'baseline: ' + e; }});"
        ),
    }
}

/// Signs in (or, for the baseline, loads again) and waits for every row → the load answer.
async fn load_all(browser: &Browser, page: Page, trigger: &str, total: usize) -> Step<Value> {
    if page == Page::Console {
        wait_css(browser, "[data-testid=\"login-submit\"]").await?;
        browser.fill("login-tenant", TENANT).await;
        browser.fill("login-username", USERNAME).await;
        browser.fill("login-password", PASSWORD).await;
    }
    exec_async(
        browser,
        &js::load(),
        vec![json!(trigger), json!(total), json!(LOAD_TIMEOUT_MS)],
    )
    .await
}

/// Memory after `gc()` in MB, and `performance.memory`'s JS heap in MB when there is one.
async fn memory(browser: &Browser, run: &mut Run) -> Step<(f64, Option<f64>)> {
    let answer = exec_async(browser, js::MEMORY, vec![]).await?;
    if let Some(source) = answer["source"].as_str() {
        run.notes.insert("memory_source", source.to_string());
    }
    if answer["gc"] != json!(true) {
        run.notes
            .insert("gc", "no gc(): --js-flags=--expose-gc missing".into());
    }
    let heap = answer["heap"].as_f64().map(|b| b / 1_048_576.0);
    // The wasm memory with every row loaded, as `memory_mb` (not after the load cycles).
    if let Some(wasm) = answer["wasm"].as_f64().filter(|w| *w > 0.0) {
        run.figures
            .entry("wasm_memory_mb")
            .or_insert(wasm / 1_048_576.0);
    }
    answer["bytes"]
        .as_f64()
        .map(|b| (b / 1_048_576.0, heap))
        .ok_or_else(|| format!("no memory figure: {answer}"))
}

/// Clicks the console's auto-refresh box when it is `want` ≠ its state; its state after.
async fn set_auto_refresh(browser: &Browser, want: bool) -> Step<()> {
    let answer = exec(
        browser,
        "const b = document.querySelector('[data-testid=\"auto-refresh\"]');\
         if (!b) return null; if (b.checked !== arguments[0]) b.click(); return b.checked;",
        vec![json!(want)],
    )
    .await?;
    match answer.as_bool() {
        Some(state) if state == want => Ok(()),
        Some(_) => Err(format!(
            "[data-testid=\"auto-refresh\"] did not become {want}"
        )),
        None => Err("no [data-testid=\"auto-refresh\"] checkbox".into()),
    }
}

/// One page, one run. A failure to load ends the run; after that each measurement stands on
/// its own, and a failed one is recorded and the next one tried.
async fn page_run(page: Page, setup: &Setup<'_>) -> Run {
    let mut run = Run::default();
    let browser = Browser::start_with_flags(&CHROMIUM_FLAGS).await;
    let timeouts = TimeoutConfiguration::new(
        Some(Duration::from_millis(LOAD_TIMEOUT_MS + 60_000)),
        Some(Duration::from_secs(60)),
        Some(Duration::ZERO),
    );
    match browser.client.update_timeouts(timeouts).await {
        Err(e) => run.errors.push(format!("set WebDriver timeouts: {e}")),
        Ok(()) => match open_and_load(page, &browser, setup, &mut run).await {
            Err(e) => run.errors.push(e),
            Ok(()) => {
                if let Err(e) = loaded_list(&browser, &mut run).await {
                    run.errors.push(e);
                }
                if let Err(e) = scroll(page, &browser, &mut run).await {
                    run.errors.push(e);
                }
                if let Err(e) = quick_filter(&browser, &mut run).await {
                    run.errors.push(e);
                }
                match status_refresh(page, &browser, setup).await {
                    Ok(ms) => run.set("status_refresh_ms", ms),
                    Err(e) => run.errors.push(e),
                }
                if let Err(e) = memory_growth(page, &browser, setup, &mut run).await {
                    run.errors.push(e);
                }
            }
        },
    }
    browser.close().await;
    run
}

/// Opens the page, signs in and loads every row: `boot_ms`, `first_rows_ms`, `all_rows_ms`
/// and the console's marks.
async fn open_and_load(
    page: Page,
    browser: &Browser,
    setup: &Setup<'_>,
    run: &mut Run,
) -> Step<()> {
    let (url, ready_mark) = match page {
        Page::Console => (
            format!("{}/login?next=%2Finstances", setup.sim.url),
            "cc:mounted",
        ),
        Page::Baseline => (format!("{}/baseline.html", setup.sim.url), "baseline:ready"),
    };
    browser
        .client
        .goto(&url)
        .await
        .map_err(|e| format!("open {url}: {e}"))?;
    if page == Page::Console {
        wait_css(browser, "[data-testid=\"login-submit\"]").await?;
    }
    let ready = exec(browser, js::MARK_START, vec![json!(ready_mark)]).await?;
    run.set("boot_ms", ready.as_f64().unwrap_or(f64::NAN));

    let trigger = sign_in_trigger(page);
    let load = load_all(browser, page, &trigger, setup.total).await?;
    run.set("first_rows_ms", load["first"].as_f64().unwrap_or(f64::NAN));
    run.set("all_rows_ms", load["all"].as_f64().unwrap_or(f64::NAN));
    if page == Page::Console {
        let marks = exec(browser, js::MARKS, vec![load["t0"].clone()]).await?;
        for (key, name) in [
            ("requested", "mark_requested_ms"),
            ("first_rows", "mark_first_rows_ms"),
            ("all_loaded", "mark_all_loaded_ms"),
        ] {
            match marks[key].as_f64() {
                Some(ms) => run.set(name, ms),
                None => {
                    run.notes.insert(name, "performance mark missing".into());
                }
            }
        }
    }
    checked("loading every row", load)?;
    if page == Page::Console {
        // Like the baseline, no reads of its own while measuring; on again for the refresh.
        if let Err(e) = set_auto_refresh(browser, false).await {
            run.notes.insert("auto_refresh", e);
        }
        wait_for(
            browser,
            "after auto-refresh off",
            "list() && list().dataset.complete === 'true'",
            UI_TIMEOUT_MS,
        )
        .await?;
    }
    Ok(())
}

/// What a loaded list costs: `dom_nodes`, `memory_mb` (and `js_heap_mb`).
async fn loaded_list(browser: &Browser, run: &mut Run) -> Step<()> {
    let nodes = exec(browser, js::DOM_NODES, vec![]).await?;
    run.set("dom_nodes", nodes.as_f64().unwrap_or(f64::NAN));
    let (mb, heap) = memory(browser, run).await?;
    run.set("memory_mb", mb);
    run.set("js_heap_mb", heap.unwrap_or(f64::NAN));
    Ok(())
}

/// `scroll_frame_p95_ms`: the console's list element, the baseline's window.
async fn scroll(page: Page, browser: &Browser, run: &mut Run) -> Step<()> {
    let target = match page {
        Page::Console => "list",
        Page::Baseline => "window",
    };
    let scroll = exec_async(
        browser,
        &js::scroll(),
        vec![json!(target), json!(SCROLL_STEPS), json!(SCROLL_PX)],
    )
    .await?;
    let frames: Vec<f64> = checked("scrolling", scroll)?["frames"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    run.set("scroll_frame_p95_ms", percentile(&frames, 95.0));
    Ok(())
}

/// `filter_p50_ms`, `filter_p95_ms`; the filter is empty again afterwards.
async fn quick_filter(browser: &Browser, run: &mut Run) -> Step<()> {
    let keystrokes = filter_keystrokes(browser).await;
    let cleared = exec_async(
        browser,
        &js::set_filter(),
        vec![json!(""), json!(UI_TIMEOUT_MS)],
    )
    .await;
    let keystrokes = keystrokes?;
    run.set("filter_p50_ms", percentile(&keystrokes, 50.0));
    run.set("filter_p95_ms", percentile(&keystrokes, 95.0));
    checked("clearing the quick filter", cleared?)?;
    Ok(())
}

/// `memory_growth_pct`: memory after `cycles` sign-out/sign-in (baseline: clear/load) cycles,
/// each waiting for every row, against memory before them.
async fn memory_growth(
    page: Page,
    browser: &Browser,
    setup: &Setup<'_>,
    run: &mut Run,
) -> Step<()> {
    if setup.cycles == 0 {
        return Ok(());
    }
    let (before, _) = memory(browser, run).await?;
    let mut after_first = None;
    for cycle in 0..setup.cycles {
        let trigger = match page {
            Page::Console => {
                let out = exec(
                    browser,
                    "const b = document.querySelector('[data-testid=\"logout\"]');\
                     if (b) b.click(); return !!b;",
                    vec![],
                )
                .await?;
                if out != json!(true) {
                    return Err("no [data-testid=\"logout\"] button".into());
                }
                sign_in_trigger(page)
            }
            Page::Baseline => format!(
                "baseline.clear(); baseline.load({PAGE}).catch((e) => {{ window.__benchError = 'baseline: ' + e; }});"
            ),
        };
        let load = load_all(browser, page, &trigger, setup.total).await?;
        checked(&format!("load/clear cycle {}", cycle + 1), load)?;
        if page == Page::Console {
            let _ = set_auto_refresh(browser, false).await;
        }
        if cycle == 0 && setup.cycles > 1 {
            after_first = Some(memory(browser, run).await?.0);
        }
    }
    let (after, _) = memory(browser, run).await?;
    run.set("memory_growth_pct", (after - before) / before * 100.0);
    if let Some(first) = after_first {
        run.set("memory_growth_steady_pct", (after - first) / first * 100.0);
    }
    Ok(())
}

/// Keystrokes into the quick filter, which holds [`FILTER_PREFIX`]: a digit, then Backspace,
/// for each of [`FILTER_DIGITS`]; each from its `keydown` to the paint after `data-shown`
/// changed.
async fn filter_keystrokes(browser: &Browser) -> Step<Vec<f64>> {
    let set = exec_async(
        browser,
        &js::set_filter(),
        vec![json!(FILTER_PREFIX), json!(UI_TIMEOUT_MS)],
    )
    .await?;
    checked("setting the quick filter", set)?;
    let input = browser
        .client
        .find(Locator::Css("[data-testid=\"instance-filter\"]"))
        .await
        .map_err(|e| format!("no [data-testid=\"instance-filter\"]: {e}"))?;
    let mut times = Vec::new();
    for digit in FILTER_DIGITS {
        for key in [digit, BACKSPACE] {
            let armed = exec(browser, &js::arm_keystroke(), vec![json!(UI_TIMEOUT_MS)]).await?;
            if let Some(error) = armed.as_str() {
                return Err(format!("quick filter: {error}"));
            }
            input
                .send_keys(key)
                .await
                .map_err(|e| format!("type into the quick filter: {e}"))?;
            let answer = exec_async(browser, js::KEYSTROKE_RESULT, vec![]).await?;
            let answer = checked("quick-filter keystroke", answer)?;
            times.push(answer["ms"].as_f64().unwrap_or(f64::NAN));
        }
    }
    Ok(times)
}

/// The simulator gives every 10th server another status (SHUTOFF, or ACTIVE when the first
/// already is); the page shows it: the console reads `changes-since` (auto-refresh off, then
/// on), the baseline reads every page again and renders the table again.
async fn status_refresh(page: Page, browser: &Browser, setup: &Setup<'_>) -> Step<f64> {
    let (status, first) = setup
        .sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/servers/detail?limit=1"),
            Some(&setup.token),
            None,
        )
        .await;
    if status != 200 {
        return Err(format!("GET /servers/detail?limit=1 answered {status}"));
    }
    let target = if first["servers"][0]["status"] == "SHUTOFF" {
        "ACTIVE"
    } else {
        "SHUTOFF"
    };
    if page == Page::Console {
        // Off before the change, so no read of its own sees it first.
        set_auto_refresh(browser, false).await?;
    }
    let changed = setup
        .sim
        .control(
            "POST",
            "/_sim/servers/status",
            Some(json!({"every": STATUS_EVERY, "status": target})),
        )
        .await;
    let ids = changed["ids"].clone();
    let trigger = match page {
        Page::Console => {
            "document.querySelector('[data-testid=\"auto-refresh\"]').click();".to_string()
        }
        Page::Baseline => format!(
            "baseline.refresh({PAGE}).catch((e) => {{ window.__benchError = 'baseline: ' + e; }});"
        ),
    };
    let answer = exec_async(
        browser,
        &js::status_refresh(),
        vec![json!(trigger), ids, json!(target), json!(LOAD_TIMEOUT_MS)],
    )
    .await?;
    let answer = checked(&format!("status refresh to {target}"), answer)?;
    if page == Page::Console {
        set_auto_refresh(browser, false).await?;
    }
    answer["ms"]
        .as_f64()
        .ok_or_else(|| format!("status refresh: no time in {answer}"))
}

/// Every server of the tenant, counted through the API.
async fn count_servers(sim: &Simulator, token: &str) -> usize {
    let mut total = 0;
    let mut marker: Option<String> = None;
    loop {
        let mut path = format!("/v2/{TENANT}/servers?limit={PAGE}");
        if let Some(marker) = &marker {
            path.push_str(&format!("&marker={marker}"));
        }
        let (status, answer) = sim.call("GET", &path, Some(token), None).await;
        assert_eq!(status, 200, "GET {path}: {answer}");
        let page = answer["servers"].as_array().cloned().unwrap_or_default();
        total += page.len();
        if page.len() < PAGE {
            return total;
        }
        marker = page.last().and_then(|s| s["id"].as_str()).map(String::from);
    }
}

/// A classic script ahead of Trunk's module script, in the benchmark's copy of index.html.
const WASM_MEMORY_HOOK: &str = "<script>addEventListener('TrunkApplicationStarted', \
     (e) => { window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory; });</script>";

fn copy_dist_with_baseline(dist: &Path) -> PathBuf {
    let target = std::env::temp_dir().join(format!("console-bench-dist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    std::fs::create_dir_all(&target).expect("bench dist");
    for path in first_load::files_under(dist) {
        let relative = path.strip_prefix(dist).expect("under dist");
        let copy = target.join(relative);
        std::fs::create_dir_all(copy.parent().expect("a folder")).expect("bench dist folder");
        std::fs::copy(&path, copy).expect("copy");
    }
    // The console's data lives in its wasm linear memory, which neither
    // measureUserAgentSpecificMemory() nor performance.memory counts: keep a handle on it
    // (Trunk's start event carries the instance's exports) so the benchmark can add it.
    let index = target.join("index.html");
    let html = std::fs::read_to_string(&index).expect("read index.html");
    let html = html.replacen("<head>", &format!("<head>{WASM_MEMORY_HOOK}"), 1);
    std::fs::write(&index, html).expect("write index.html");
    std::fs::write(
        target.join("baseline.html"),
        include_str!("../baseline.html"),
    )
    .expect("baseline");
    target
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace above bench/")
        .to_path_buf();
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(10);
    let cycles: usize = arg("--cycles").and_then(|r| r.parse().ok()).unwrap_or(10);
    let sizes: Vec<usize> = arg("--sizes")
        .unwrap_or_else(|| "1000,10000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let out = arg("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("bench/results.json"));
    let dist = std::env::var_os("CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    let bench_dist = copy_dist_with_baseline(&dist);
    let started = Instant::now();

    let mut report = json!({
        "machine": machine(),
        "date": date(),
        "runs": runs,
        "cycles": cycles,
        "sizes": {},
        "results": {},
    });
    eprintln!("compressing the first load (brotli quality 11 takes a while)");
    for (kind, sizes) in first_load::by_kind(&dist) {
        report["sizes"][kind] = sizes.to_json();
    }
    eprintln!("the first load per route, as the browser fetches it");
    report["first_load"] = first_load::by_route(&dist).await;

    for &n in &sizes {
        let seed = n.to_string();
        let mut args = vec!["--seed-instances", &seed];
        args.extend(SIM_FLAGS);
        let sim = Simulator::start_serving(&bench_dist, &args);
        let token = sim.token().await;
        let total = count_servers(&sim, &token).await;
        let page_ms = simulator_page_ms(&sim, &token).await;
        eprintln!("n={n}: the simulator answers a page of {PAGE} in {page_ms:.0} ms (median of 5)");
        let setup = Setup {
            sim: &sim,
            token,
            total,
            cycles,
        };
        let mut console_runs = Vec::new();
        let mut baseline_runs = Vec::new();
        for i in 0..runs {
            // Alternate which goes first, so warm caches favour neither.
            let order = if i % 2 == 0 {
                [Page::Console, Page::Baseline]
            } else {
                [Page::Baseline, Page::Console]
            };
            for page in order {
                eprintln!(
                    "n={n} run {}/{runs}: {page:?} ({:.0} s so far)",
                    i + 1,
                    started.elapsed().as_secs_f64()
                );
                let run = page_run(page, &setup).await;
                for error in &run.errors {
                    eprintln!("  {page:?}: {error}");
                }
                match page {
                    Page::Console => console_runs.push(run),
                    Page::Baseline => baseline_runs.push(run),
                }
            }
        }
        let mut summary = summarise(&console_runs, &baseline_runs);
        summary["servers"] = json!(total);
        summary["simulator_page_ms"] = json!(page_ms);
        report["results"][n.to_string()] = summary;
    }
    let _ = std::fs::remove_dir_all(&bench_dist);
    report["targets"] = targets(&report);

    print_report(&report);
    std::fs::write(&out, serde_json::to_string_pretty(&report).expect("json"))
        .expect("write results");
    println!("\nwritten to {}", out.display());
}

/// How long the simulator takes to answer `GET /servers/detail?limit=1000` (median of five):
/// the server side of every page both pages read, which a debug simulator must keep well
/// under a second at 10 000 servers.
async fn simulator_page_ms(sim: &Simulator, token: &str) -> f64 {
    let path = format!("/v2/{TENANT}/servers/detail?limit={PAGE}");
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let (status, _) = sim.call("GET", &path, Some(token), None).await;
        assert_eq!(status, 200, "GET {path}");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Per figure: medians for both pages, the median and p95 of the per-run ratios, how many
/// runs gave it; then every run's figures, notes and errors.
fn summarise(console: &[Run], baseline: &[Run]) -> Value {
    let names: std::collections::BTreeSet<&str> = console
        .iter()
        .chain(baseline)
        .flat_map(|r| r.figures.keys().copied())
        .collect();
    let mut figures = serde_json::Map::new();
    for name in names {
        let values = |runs: &[Run]| -> Vec<f64> {
            runs.iter()
                .filter_map(|r| r.figures.get(name).copied())
                .collect()
        };
        let (c, b) = (values(console), values(baseline));
        let ratios: Vec<f64> = console
            .iter()
            .zip(baseline)
            .filter_map(|(c, b)| Some(c.figures.get(name)? / b.figures.get(name)?))
            .filter(|r| r.is_finite())
            .collect();
        figures.insert(
            name.to_string(),
            json!({
                "console": (!c.is_empty()).then(|| median(&c)),
                "baseline": (!b.is_empty()).then(|| median(&b)),
                "ratio_median": (!ratios.is_empty()).then(|| median(&ratios)),
                "ratio_p95": (!ratios.is_empty()).then(|| percentile(&ratios, 95.0)),
                "console_runs": c.len(),
                "baseline_runs": b.len(),
            }),
        );
    }
    let runs = |runs: &[Run]| -> Value {
        runs.iter()
            .map(|r| {
                json!({
                    "figures": r.figures,
                    "notes": r.notes,
                    "errors": r.errors,
                })
            })
            .collect()
    };
    json!({
        "figures": figures,
        "runs": {"console": runs(console), "baseline": runs(baseline)},
    })
}

fn figure(report: &Value, n: usize, name: &str, side: &str) -> Option<f64> {
    report["results"][n.to_string()]["figures"][name][side].as_f64()
}

/// Per-run `console[a] / baseline[b]`, median, over runs where the console loaded every row
/// (time to interactive counts only for a console that gets there).
fn cross_ratio(report: &Value, n: usize, console: &str, baseline: &str) -> Option<f64> {
    let runs = &report["results"][n.to_string()]["runs"];
    let c = runs["console"].as_array()?;
    let b = runs["baseline"].as_array()?;
    let ratios: Vec<f64> = c
        .iter()
        .zip(b)
        .filter(|(c, _)| c["figures"]["all_rows_ms"].is_number())
        .filter_map(|(c, b)| {
            Some(c["figures"][console].as_f64()? / b["figures"][baseline].as_f64()?)
        })
        .collect();
    (!ratios.is_empty()).then(|| median(&ratios))
}

/// The targets of the performance work against what was measured (reported, not asserted).
fn targets(report: &Value) -> Value {
    // The sign-in form, then everything to the first rows: what /login fetched before its
    // form was painted, what it fetched while the user typed, and what /instances added.
    let routes = &report["first_load"];
    let brotli_kb = |wanted: &[&str]| -> Option<f64> {
        wanted
            .iter()
            .map(|w| routes.as_array()?.iter().find(|r| r["route"] == *w)?["brotli"].as_f64())
            .sum::<Option<f64>>()
            .map(|b| b / 1024.0)
    };
    let rows: Vec<(&str, Option<f64>, &str, f64)> = vec![
        (
            "sign-in form painted, brotli (KB)",
            brotli_kb(&["/login"]),
            "≤",
            160.0,
        ),
        (
            "sign-in to the first rows, brotli (KB)",
            brotli_kb(&["/login", "/login, while typing", "/instances"]),
            "≤",
            330.0,
        ),
        (
            "1 000: first rows, console/baseline",
            figure(report, 1000, "first_rows_ms", "ratio_median"),
            "≤",
            1.3,
        ),
        (
            "1 000: first rows, console (ms)",
            figure(report, 1000, "first_rows_ms", "console"),
            "≤",
            500.0,
        ),
        (
            "1 000: all rows, console/baseline",
            figure(report, 1000, "all_rows_ms", "ratio_median"),
            "≤",
            1.2,
        ),
        (
            "10 000: console first rows / baseline all rows",
            cross_ratio(report, 10000, "first_rows_ms", "all_rows_ms"),
            "≤",
            0.3,
        ),
        (
            "10 000: DOM nodes, console",
            figure(report, 10000, "dom_nodes", "console"),
            "≤",
            3000.0,
        ),
        (
            "10 000: quick-filter keystroke p95, console (ms)",
            figure(report, 10000, "filter_p95_ms", "console"),
            "≤",
            50.0,
        ),
        (
            "1 000: status refresh, console/baseline",
            figure(report, 1000, "status_refresh_ms", "ratio_median"),
            "≤",
            1.1,
        ),
        (
            "10 000: memory, console/baseline",
            figure(report, 10000, "memory_mb", "ratio_median"),
            "≤",
            1.5,
        ),
        (
            "10 000: memory growth over cycles, console (%)",
            figure(report, 10000, "memory_growth_pct", "console"),
            "≤",
            5.0,
        ),
        (
            "1 000: memory growth over cycles, console (%)",
            figure(report, 1000, "memory_growth_pct", "console"),
            "≤",
            5.0,
        ),
    ];
    rows.into_iter()
        .map(|(name, value, op, limit)| {
            json!({
                "target": format!("{name} {op} {limit}"),
                "measured": value,
                "met": value.map(|v| v <= limit),
            })
        })
        .collect()
}

/// The figures in the order bench/README.md explains them.
const ORDER: [&str; 17] = [
    "boot_ms",
    "first_rows_ms",
    "all_rows_ms",
    "dom_nodes",
    "memory_mb",
    "js_heap_mb",
    "wasm_memory_mb",
    "scroll_frame_p95_ms",
    "filter_p50_ms",
    "filter_p95_ms",
    "status_refresh_ms",
    "memory_growth_pct",
    "memory_growth_steady_pct",
    "mark_requested_ms",
    "mark_first_rows_ms",
    "mark_all_loaded_ms",
    "servers",
];

fn print_report(report: &Value) {
    println!(
        "\nCompute Console benchmark ({} runs each, {} load cycles, medians)",
        report["runs"], report["cycles"]
    );
    println!("machine: {}", report["machine"]);
    println!(
        "\nfirst load   {:>10} {:>10} {:>10}",
        "bytes", "gzip", "brotli"
    );
    let mut total = (0, 0, 0);
    for (kind, s) in report["sizes"].as_object().into_iter().flatten() {
        let (b, g, r) = (
            s["bytes"].as_u64().unwrap_or(0),
            s["gzip"].as_u64().unwrap_or(0),
            s["brotli"].as_u64().unwrap_or(0),
        );
        total = (total.0 + b, total.1 + g, total.2 + r);
        println!("{kind:<12} {b:>10} {g:>10} {r:>10}");
    }
    println!(
        "{:<12} {:>10} {:>10} {:>10}",
        "total", total.0, total.1, total.2
    );
    println!(
        "\nfirst visit, as fetched  {:>10} {:>10} {:>10}  files",
        "bytes", "gzip", "brotli"
    );
    for r in report["first_load"].as_array().into_iter().flatten() {
        let route = r["route"].as_str().unwrap_or_default();
        let files: Vec<&str> = r["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        println!(
            "{route:<24} {:>10} {:>10} {:>10}  {}",
            r["bytes"].as_u64().unwrap_or(0),
            r["gzip"].as_u64().unwrap_or(0),
            r["brotli"].as_u64().unwrap_or(0),
            if files.is_empty() {
                "(nothing new)".to_string()
            } else {
                files.join(" ")
            }
        );
    }
    let show = |v: &Value, digits: usize| {
        v.as_f64()
            .map_or("—".to_string(), |x| format!("{x:.digits$}"))
    };
    for (n, result) in report["results"].as_object().into_iter().flatten() {
        println!(
            "\n{n} instances ({} servers) {:>10} {:>10} {:>8} {:>8} {:>6}",
            result["servers"], "console", "baseline", "ratio", "p95", "runs"
        );
        let figures = &result["figures"];
        for name in ORDER {
            let f = &figures[name];
            if f.is_null() {
                continue;
            }
            println!(
                "{name:<28} {:>10} {:>10} {:>8} {:>8} {:>3}/{:<3}",
                show(&f["console"], 1),
                show(&f["baseline"], 1),
                show(&f["ratio_median"], 2),
                show(&f["ratio_p95"], 2),
                f["console_runs"],
                f["baseline_runs"],
            );
        }
        for side in ["console", "baseline"] {
            let mut errors: BTreeMap<String, usize> = BTreeMap::new();
            for run in result["runs"][side].as_array().into_iter().flatten() {
                for e in run["errors"].as_array().into_iter().flatten() {
                    *errors
                        .entry(e.as_str().unwrap_or("").to_string())
                        .or_default() += 1;
                }
            }
            for (error, count) in errors {
                println!("{side}, {count} run(s): {error}");
            }
        }
    }
    println!("\ntargets (reported, not asserted)");
    for t in report["targets"].as_array().into_iter().flatten() {
        let met = match t["met"].as_bool() {
            Some(true) => "met",
            Some(false) => "NOT met",
            None => "not measured",
        };
        println!(
            "  {:<62} {:>10}  {met}",
            t["target"].as_str().unwrap_or(""),
            show(&t["measured"], 2)
        );
    }
}

/// Where the figures were measured.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let chromium = std::process::Command::new(
        std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()),
    )
    .arg("--version")
    .output()
    .ok()
    .and_then(|o| String::from_utf8(o.stdout).ok())
    .and_then(|v| v.lines().last().map(|l| l.trim().to_string()))
    .unwrap_or_else(|| "Chromium".into());
    format!("{cpu}, {cores} cores, headless {chromium}")
}

/// Today, UTC (`date -u`), for the results file.
fn date() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%MZ"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|d| d.trim().to_string())
        .unwrap_or_default()
}
