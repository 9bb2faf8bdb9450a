//! The console's benchmark: the release build against a hand-written JavaScript table
//! (`bench/baseline.html`), both in headless Chromium on the same simulator, for tenants of
//! 1 000 and 10 000 instances, runs alternating. Prints a table of medians with the ratio
//! console/baseline, the compressed size of what the console loads first, and writes
//! everything to `bench/results.json`.
//!
//! Usage: `scripts/bench.sh [--runs N] [--sizes 1000,10000]` (builds what it needs), or with a
//! built `dist/` and simulator: `cargo run -p console-bench -- --runs 10`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use console_e2e::{Browser, Simulator, PASSWORD, TENANT, USERNAME};
use serde_json::{json, Value};

/// The console shows at most this many instances per page (Nova's `max_limit`).
const PAGE: usize = 1000;

/// Quick-filter queries over seeded names (`scale-00001` …): each keeps a tenth of a page.
const FILTERS: [&str; 6] = [
    "scale-001",
    "scale-002",
    "scale-003",
    "scale-004",
    "scale-005",
    "scale-006",
];

/// Runs `trigger` (JavaScript) and resolves with the milliseconds until `done_when` (a
/// JavaScript expression) holds, measured to the next animation frame: the repaint.
const TIME_UNTIL: &str = r#"
const [trigger, doneWhen, done] = arguments;
const t0 = performance.now();
new Function(trigger)();
const holds = new Function("return (" + doneWhen + ");");
(function check() {
  if (holds()) requestAnimationFrame(() => done(performance.now() - t0));
  else requestAnimationFrame(check);
})();
"#;

/// Scrolls the page one step per frame and resolves with the frame intervals (ms).
const SCROLL_FRAMES: &str = r#"
const done = arguments[0];
const frames = [];
let last = performance.now();
let steps = 0;
(function step(now) {
  if (steps > 0) frames.push(now - last);
  last = now;
  window.scrollBy(0, 60);
  if (++steps <= 120) requestAnimationFrame(step); else { window.scrollTo(0, 0); done(frames); }
})(performance.now());
"#;

/// Figures of one run of one page.
#[derive(Default, Clone)]
struct Run {
    figures: BTreeMap<&'static str, f64>,
}

impl Run {
    fn set(&mut self, name: &'static str, value: f64) {
        self.figures.insert(name, value);
    }
}

const ROWS: &str = "document.querySelectorAll('[data-testid=\"instance-row\"]').length";

async fn time_until(browser: &Browser, trigger: &str, done_when: &str) -> f64 {
    browser
        .client
        .execute_async(TIME_UNTIL, vec![json!(trigger), json!(done_when)])
        .await
        .unwrap_or_else(|e| panic!("measure {trigger}: {e}"))
        .as_f64()
        .expect("milliseconds")
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank]
}

/// Quick-filter keystrokes: a query, then clearing it, each timed to the repaint.
async fn filter_keystrokes(browser: &Browser, input_css: &str, run: &mut Run) {
    let mut times = Vec::new();
    for query in FILTERS {
        for value in [query, ""] {
            let trigger = format!(
                "const i = document.querySelector('{input_css}'); window.__rowsBefore = {ROWS}; \
                 i.value = '{value}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));"
            );
            times.push(
                time_until(
                    browser,
                    &trigger,
                    &format!("{ROWS} !== window.__rowsBefore"),
                )
                .await,
            );
        }
    }
    run.set("filter_p50_ms", percentile(&times, 50.0));
    run.set("filter_p95_ms", percentile(&times, 95.0));
}

async fn scroll_and_memory(browser: &Browser, run: &mut Run) {
    let frames: Vec<f64> = browser
        .client
        .execute_async(SCROLL_FRAMES, vec![])
        .await
        .expect("scroll")
        .as_array()
        .expect("frame list")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    run.set("scroll_frame_p95_ms", percentile(&frames, 95.0));
    let memory = browser
        .client
        .execute(
            "return [performance.memory.usedJSHeapSize, document.getElementsByTagName('*').length];",
            vec![],
        )
        .await
        .expect("memory");
    run.set(
        "js_heap_mb",
        memory[0].as_f64().unwrap_or(f64::NAN) / 1_048_576.0,
    );
    run.set("dom_nodes", memory[1].as_f64().unwrap_or(f64::NAN));
}

/// The console: boot to the sign-in form, then sign in straight into a 1 000-row page.
async fn console_run(sim: &Simulator, n: usize) -> Run {
    let mut run = Run::default();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!(
            "{}/login?next=%2Finstances%3Flimit%3D{PAGE}",
            sim.url
        ))
        .await
        .expect("open the console");
    browser.by_test_id("login-submit").await;
    let mounted = browser
        .client
        .execute(
            "const m = performance.getEntriesByName('cc:mounted')[0]; return m ? m.startTime : null;",
            vec![],
        )
        .await
        .expect("boot mark");
    run.set("boot_ms", mounted.as_f64().unwrap_or(f64::NAN));
    browser.fill("login-tenant", TENANT).await;
    browser.fill("login-username", USERNAME).await;
    browser.fill("login-password", PASSWORD).await;
    let first_page = n.min(PAGE);
    let ms = time_until(
        &browser,
        "document.querySelector('[data-testid=\"login-submit\"]').click();",
        &format!("{ROWS} >= {first_page}"),
    )
    .await;
    run.set("first_rows_ms", ms);
    filter_keystrokes(&browser, "[data-testid=\"instance-filter\"]", &mut run).await;
    scroll_and_memory(&browser, &mut run).await;
    browser.close().await;
    run
}

/// The baseline: the same sign-in and first page, then every page of the tenant.
async fn baseline_run(sim: &Simulator, n: usize) -> Run {
    let mut run = Run::default();
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/baseline.html", sim.url))
        .await
        .expect("open the baseline");
    let boot = browser
        .client
        .execute("return performance.now();", vec![])
        .await
        .expect("boot");
    run.set("boot_ms", boot.as_f64().unwrap_or(f64::NAN));
    let first_page = n.min(PAGE);
    let sign_in_and_load = format!(
        "baseline.signIn('{TENANT}', '{USERNAME}', '{PASSWORD}').then(() => baseline.load({PAGE}, false));"
    );
    let ms = time_until(
        &browser,
        &sign_in_and_load,
        &format!("{ROWS} >= {first_page}"),
    )
    .await;
    run.set("first_rows_ms", ms);
    filter_keystrokes(&browser, "#filter", &mut run).await;
    scroll_and_memory(&browser, &mut run).await;
    if n > PAGE {
        let ms = time_until(
            &browser,
            &format!("baseline.clear(); baseline.load({PAGE}, true);"),
            &format!("{ROWS} >= {n}"),
        )
        .await;
        run.set("all_rows_ms", ms);
    }
    browser.close().await;
    run
}

fn median(values: &[f64]) -> f64 {
    percentile(values, 50.0)
}

/// Gzip and brotli sizes of what the console loads first: index.html, the JS glue, the wasm
/// and the CSS.
fn first_load_sizes(dist: &Path) -> BTreeMap<String, (u64, u64, u64)> {
    let mut sizes = BTreeMap::new();
    for entry in std::fs::read_dir(dist).expect("read dist") {
        let path = entry.expect("dist entry").path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            Some("html") if path.file_name().is_some_and(|f| f == "index.html") => "html",
            _ => continue,
        };
        let bytes = std::fs::read(&path).expect("read file");
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes).expect("gzip");
        let gzip = gzip.finish().expect("gzip").len() as u64;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params).expect("brotli");
        let entry = sizes.entry(kind.to_string()).or_insert((0, 0, 0));
        entry.0 += bytes.len() as u64;
        entry.1 += gzip;
        entry.2 += brotli.len() as u64;
    }
    sizes
}

fn copy_dist_with_baseline(dist: &Path) -> PathBuf {
    let target = std::env::temp_dir().join(format!("console-bench-dist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    std::fs::create_dir_all(&target).expect("bench dist");
    for entry in std::fs::read_dir(dist).expect("read dist") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, target.join(path.file_name().expect("name"))).expect("copy");
        }
    }
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
    let sizes: Vec<usize> = arg("--sizes")
        .unwrap_or_else(|| "1000,10000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let dist = std::env::var_os("CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    let bench_dist = copy_dist_with_baseline(&dist);

    let mut report = json!({
        "machine": machine(),
        "runs": runs,
        "sizes": {},
        "results": {},
    });
    for (kind, (raw, gzip, brotli)) in first_load_sizes(&dist) {
        report["sizes"][kind] = json!({"bytes": raw, "gzip": gzip, "brotli": brotli});
    }

    for &n in &sizes {
        let sim = Simulator::start_serving(&bench_dist, &["--seed-instances", &n.to_string()]);
        let mut console_runs = Vec::new();
        let mut baseline_runs = Vec::new();
        for i in 0..runs {
            eprintln!("n={n} run {}/{runs}", i + 1);
            // Alternate which goes first, so warm caches favour neither.
            if i % 2 == 0 {
                console_runs.push(console_run(&sim, n).await);
                baseline_runs.push(baseline_run(&sim, n).await);
            } else {
                baseline_runs.push(baseline_run(&sim, n).await);
                console_runs.push(console_run(&sim, n).await);
            }
        }
        report["results"][n.to_string()] = summarise(&console_runs, &baseline_runs);
    }
    let _ = std::fs::remove_dir_all(&bench_dist);

    print_report(&report);
    let out = root.join("bench/results.json");
    std::fs::write(&out, serde_json::to_string_pretty(&report).expect("json"))
        .expect("write results");
    println!("\nwritten to {}", out.display());
}

/// Medians per figure for both pages, the median and p95 of the per-run ratios.
fn summarise(console: &[Run], baseline: &[Run]) -> Value {
    let names: std::collections::BTreeSet<&str> = console
        .iter()
        .chain(baseline)
        .flat_map(|r| r.figures.keys().copied())
        .collect();
    let mut out = serde_json::Map::new();
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
            .collect();
        out.insert(
            name.to_string(),
            json!({
                "console": (!c.is_empty()).then(|| median(&c)),
                "baseline": (!b.is_empty()).then(|| median(&b)),
                "ratio_median": (!ratios.is_empty()).then(|| median(&ratios)),
                "ratio_p95": (!ratios.is_empty()).then(|| percentile(&ratios, 95.0)),
            }),
        );
    }
    Value::Object(out)
}

fn print_report(report: &Value) {
    println!(
        "\nCompute Console benchmark ({} runs each, medians)",
        report["runs"]
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
    for (n, figures) in report["results"].as_object().into_iter().flatten() {
        println!(
            "\n{n} instances      {:>10} {:>10} {:>8} {:>8}",
            "console", "baseline", "ratio", "p95"
        );
        for (name, f) in figures.as_object().into_iter().flatten() {
            let show = |v: &Value| v.as_f64().map_or("—".to_string(), |x| format!("{x:.1}"));
            println!(
                "{name:<20} {:>10} {:>10} {:>8} {:>8}",
                show(&f["console"]),
                show(&f["baseline"]),
                f["ratio_median"]
                    .as_f64()
                    .map_or("—".into(), |x| format!("{x:.2}")),
                f["ratio_p95"]
                    .as_f64()
                    .map_or("—".into(), |x| format!("{x:.2}")),
            );
        }
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
    format!("{cpu}, {cores} cores, headless Chromium")
}
