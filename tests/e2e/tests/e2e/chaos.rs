//! A chaos run: a scripted user works through the console (filter the list, open an instance
//! and act on it, a bulk action, create an instance, create a key pair, sign out and in,
//! switch regions) while the simulator fails about a fifth of the API requests at random,
//! reproducibly: 5xx faults, dropped connections, malformed, truncated and HTML bodies, and
//! latency. From the browser and the simulator's request log it checks that
//!
//! - the console never stops (no panic notice, no uncaught error),
//! - every write ends on screen in a result or an error (which says when the outcome is
//!   unknown),
//! - no write is ever sent twice: the log holds exactly the writes the user asked for,
//! - a form the user typed survives a failed send,
//! - once the faults stop, the list converges to the simulator's truth.
//!
//! `CHAOS_SECONDS` (default 150) bounds the run and `CHAOS_SEED` (default 7) picks the faults
//! and the user's steps; the figures are printed at the end.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::instance_ui::*;
use console_e2e::seed::{
    BATCH_U2, DB_MASTER, DEFAULT_NETWORK, M2_C2M4, UBUNTU_2204, WEB_01, WEB_02,
};
use console_e2e::{Browser, Simulator, TENANT};

/// Seeded instances that can be stopped and started.
const ACTABLE: [&str; 4] = [WEB_01, WEB_02, BATCH_U2, DB_MASTER];
const KEY_BACKSPACE: &str = "\u{E003}";
/// Any error shown on the page.
const ERROR: &str = "[data-testid=\"error-message\"]";
/// At most this many creates, so every row of the list stays drawn for the final comparison.
const MAX_CREATES: usize = 3;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The faults: a fifth of API requests, each rule with its own seeded generator.
fn fault_rules(seed: u64) -> Vec<String> {
    [
        "rate:0.05,status:503",
        "rate:0.02,status:500",
        "rate:0.03,drop",
        "rate:0.03,malformed",
        "rate:0.03,truncated",
        "rate:0.02,html",
        "rate:0.04,latency:700",
    ]
    .iter()
    .enumerate()
    .map(|(i, options)| format!("*={options},seed:{}", seed * 31 + i as u64))
    .collect()
}

/// The simulator's last requests, one a line, for a failure message: what the console sent
/// (or did not) and which fault each met.
async fn log_tail(sim: &Simulator) -> String {
    let log = sim.request_log().await;
    log[log.len().saturating_sub(12)..]
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} handled={} fault={}",
                e["seq"], e["method"], e["path"], e["status"], e["handled"], e["fault"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small seeded generator for the user's choices (splitmix64).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// How a write ended on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Done,
    Refused,
    Unknown,
    /// Not sent: the form could not be completed (a picker's list failed to load).
    NotSent,
}

/// What the user asked for and saw.
#[derive(Default)]
struct Tally {
    /// Writes the user caused, by kind (`POST /action` …).
    writes: BTreeMap<&'static str, usize>,
    outcomes: BTreeMap<(&'static str, Outcome), usize>,
    creates: usize,
    key_pairs: usize,
}

impl Tally {
    fn wrote(&mut self, kind: &'static str, n: usize) {
        *self.writes.entry(kind).or_default() += n;
    }

    fn ended(&mut self, step: &'static str, outcome: Outcome) {
        *self.outcomes.entry((step, outcome)).or_default() += 1;
    }
}

async fn present(browser: &Browser, id: &str) -> bool {
    browser.is_present(id).await
}

/// Waits until one of `ids` is on the page; returns the first present.
async fn one_of(browser: &Browser, what: &str, ids: &[&'static str]) -> &'static str {
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        for id in ids {
            if present(browser, id).await {
                return id;
            }
        }
        if Instant::now() > deadline {
            browser.screenshot("chaos-stuck").await;
            let url = browser.client.current_url().await.map(|u| u.to_string());
            panic!("{what}: none of {ids:?} appeared (at {url:?})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the error at `css` says the outcome is unknown (a write with no answer, a 5xx or
/// an unreadable success) or that the request was refused.
async fn unknown_or_refused(browser: &Browser, css: &str) -> Outcome {
    let text = browser.wait_css(css).await.text().await.unwrap_or_default();
    if text.contains("may or may not have been carried out") {
        Outcome::Unknown
    } else {
        Outcome::Refused
    }
}

/// Back to the instance list through the navigation, as a person would.
async fn to_list(browser: &Browser) {
    browser.click("nav-instances").await;
    one_of(browser, "the list", &["instance-filter"]).await;
}

/// Signs in, trying again after a failed attempt as a person would; counts each attempt.
async fn sign_in(browser: &Browser, tally: &mut Tally) {
    for _ in 0..15 {
        browser.fill_sign_in_form().await;
        tally.wrote("POST /tokens", 1);
        match one_of(browser, "sign-in", &["logout", "error-message"]).await {
            "logout" => {
                tally.ended("sign-in", Outcome::Done);
                return;
            }
            _ => {
                let outcome = unknown_or_refused(browser, ERROR).await;
                tally.ended("sign-in", outcome);
            }
        }
    }
    panic!("could not sign in in 15 attempts");
}

async fn step_filter(browser: &Browser) {
    browser.fill("instance-filter", "web").await;
    browser
        .by_test_id("instance-filter")
        .await
        .send_keys(&KEY_BACKSPACE.repeat(3))
        .await
        .expect("clear the filter");
}

async fn step_act(browser: &Browser, sim: &Simulator, dice: &mut Dice, tally: &mut Tally) {
    let id = ACTABLE[dice.below(ACTABLE.len())];
    if !present(browser, "instance-row").await {
        return;
    }
    browser.click_css(&row_css(id, "td.col-name a")).await;
    if one_of(
        browser,
        "the detail page",
        &["action-stop", "error-message"],
    )
    .await
        != "action-stop"
    {
        return to_list(browser).await;
    }
    let before = status(browser).await;
    let button = if is_enabled(browser, "action-stop").await {
        "action-stop"
    } else if is_enabled(browser, "action-start").await {
        "action-start"
    } else {
        return to_list(browser).await;
    };
    if !is_enabled(browser, button).await {
        return to_list(browser).await;
    }
    browser.click(button).await;
    tally.wrote("POST /action", 1);
    let deadline = Instant::now() + Duration::from_secs(45);
    while !(present(browser, "error-message").await || status(browser).await != before) {
        if Instant::now() > deadline {
            browser.screenshot("chaos-stuck-action").await;
            panic!(
                "no result or error for {button} on {id} (was {before}); the log ends:\n{}",
                log_tail(sim).await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if present(browser, "error-message").await {
        let outcome = unknown_or_refused(browser, ERROR).await;
        tally.ended("action", outcome);
    } else {
        tally.ended("action", Outcome::Done);
    }
    to_list(browser).await;
}

async fn step_bulk(browser: &Browser, tally: &mut Tally) {
    let ids = row_ids(browser).await;
    let picked: Vec<&String> = ids
        .iter()
        .filter(|id| ACTABLE.contains(&id.as_str()))
        .take(2)
        .collect();
    if picked.is_empty() {
        return;
    }
    for id in &picked {
        select_row(browser, id).await;
    }
    browser.click("bulk-reboot-soft").await;
    let count: usize = browser
        .by_test_id("bulk-count")
        .await
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if count == 0 {
        browser.click("confirm-cancel").await;
        for id in &picked {
            select_row(browser, id).await;
        }
        return;
    }
    browser.click("confirm-ok").await;
    tally.wrote("POST /action", count);
    browser
        .wait_until("a line per instance of the bulk run", || async {
            browser.count("bulk-result").await == count
        })
        .await;
    for line in browser.all_css(&test_id("bulk-result")).await {
        let ok = line.attr("data-ok").await.ok().flatten().as_deref() == Some("true");
        tally.ended("bulk", if ok { Outcome::Done } else { Outcome::Refused });
    }
    browser.click("confirm-cancel").await;
}

async fn step_create(browser: &Browser, n: usize, tally: &mut Tally) {
    let name = format!("chaos-{n}");
    browser.click("instance-create").await;
    // A draft left by an earlier create that was not sent may open on any step.
    one_of(browser, "the wizard", &["create-start-over"]).await;
    browser.click("create-start-over").await;
    browser.fill("create-name", &name).await;
    wizard_step(browser, "image").await;
    browser.fill("create-image", UBUNTU_2204).await;
    // The root volume's size, whether or not the image list (and its minimum) came.
    browser.fill("create-disk-size", "30").await;
    wizard_step(browser, "flavor").await;
    browser.fill("create-flavor", M2_C2M4).await;
    wizard_step(browser, "network").await;
    browser.fill("create-network", DEFAULT_NETWORK).await;
    wizard_step(browser, "access").await;
    // The key pair list may have failed to load: then the form cannot be completed.
    let option = "[data-testid=\"create-keypair\"] option[value=\"access-key\"]";
    let deadline = Instant::now() + Duration::from_secs(5);
    while browser.all_css(option).await.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let key_chosen = browser
        .by_test_id("create-keypair")
        .await
        .select_by_value("access-key")
        .await
        .is_ok();
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"review\"]")
        .await;
    let submit = browser.by_test_id("create-submit").await;
    if !key_chosen || !submit.is_enabled().await.unwrap_or(false) {
        tally.ended("create", Outcome::NotSent);
        return to_list(browser).await;
    }
    submit.click().await.expect("submit");
    tally.wrote("POST /servers", 1);
    tally.creates += 1;
    // The submit's own outcome (a picker's failed list shows an error of its own).
    let outcome = match one_of(
        browser,
        "the create's result",
        &["create-result", "create-unknown", "create-refused"],
    )
    .await
    {
        "create-result" => Outcome::Done,
        "create-unknown" => Outcome::Unknown,
        _ => Outcome::Refused,
    };
    tally.ended("create", outcome);
    if outcome != Outcome::Done {
        // The form is still there, as typed.
        let json = browser
            .by_test_id("create-review-json")
            .await
            .text()
            .await
            .unwrap_or_default();
        assert!(json.contains(&name), "the typed form was lost: {json}");
    }
    to_list(browser).await;
}

async fn step_key_pair(browser: &Browser, sim: &Simulator, n: usize, tally: &mut Tally) {
    let name = format!("chaos-key-{n}");
    browser.click("nav-keypairs").await;
    if one_of(browser, "the key pairs", &["keypair-create"]).await != "keypair-create" {
        return;
    }
    browser.click("keypair-create").await;
    one_of(browser, "the key pair form", &["keypair-name"]).await;
    browser.fill("keypair-name", &name).await;
    browser.click("keypair-submit").await;
    tally.wrote("POST /os-keypairs", 1);
    tally.key_pairs += 1;
    // The form's own outcome (the list's failed read shows an error of its own).
    let form_error = ".keypair-form form [data-testid=\"error-message\"]";
    let deadline = Instant::now() + Duration::from_secs(45);
    let created = loop {
        if present(browser, "keypair-private-key").await {
            break true;
        }
        if !browser.all_css(form_error).await.is_empty() {
            break false;
        }
        if Instant::now() > deadline {
            browser.screenshot("chaos-stuck-key-pair").await;
            panic!(
                "no result or error for the key pair {name}; the log ends:\n{}",
                log_tail(sim).await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    match created {
        true => {
            tally.ended("key pair", Outcome::Done);
            browser.click("keypair-private-key-done").await;
        }
        false => {
            let outcome = unknown_or_refused(browser, form_error).await;
            tally.ended("key pair", outcome);
            let kept = browser
                .by_test_id("keypair-name")
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            assert_eq!(kept, name, "the typed name was lost");
        }
    }
    to_list(browser).await;
}

async fn step_relogin(browser: &Browser, tally: &mut Tally) {
    browser.sign_out().await;
    sign_in(browser, tally).await;
}

async fn step_region(browser: &Browser) {
    let select = browser.by_test_id("region-select").await;
    select.select_by_value("KR2").await.expect("choose KR2");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let select = browser.by_test_id("region-select").await;
    select.select_by_value("KR1").await.expect("back to KR1");
}

/// The kind of a write the tally counts, or `None` for a read.
fn write_kind(entry: &serde_json::Value) -> Option<&'static str> {
    let method = entry["method"].as_str().unwrap_or_default();
    let path = entry["path"].as_str().unwrap_or_default();
    Some(match method {
        "GET" | "HEAD" => return None,
        "POST" if path.ends_with("/action") => "POST /action",
        "POST" if path.ends_with("/servers") => "POST /servers",
        "POST" if path.ends_with("/os-keypairs") => "POST /os-keypairs",
        "POST" if path.ends_with("/tokens") => "POST /tokens",
        _ => "other write",
    })
}

/// The writes in the simulator's log, by the same kinds the tally uses, and how many of them
/// were the browser's own resends. Chromium sends a request again by itself when a reused
/// connection closes before any answer (the `drop` fault, which never runs the handler): that
/// resend is the network stack's, not the console's, and is counted apart.
fn logged_writes(log: &[serde_json::Value]) -> (BTreeMap<&'static str, usize>, usize) {
    let mut writes = BTreeMap::new();
    let mut browser_resends = 0;
    let mut dropped: Option<&serde_json::Value> = None;
    for entry in log {
        let Some(kind) = write_kind(entry) else {
            continue;
        };
        let resend =
            dropped.is_some_and(|d| d["method"] == entry["method"] && d["path"] == entry["path"]);
        dropped = (entry["fault"] == "drop" && entry["handled"] == false).then_some(entry);
        if resend {
            browser_resends += 1;
            continue;
        }
        *writes.entry(kind).or_default() += 1;
    }
    (writes, browser_resends)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_survives_a_fifth_of_requests_failing() {
    let seconds = env_number("CHAOS_SECONDS", 150);
    let seed = env_number("CHAOS_SEED", 7);
    let sim = Simulator::start(&["--test-control", "--transition-ms", "400"]);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", sim.url))
        .await
        .expect("open the console");
    browser.watch_page_errors().await;
    // A token for reading the truth at the end, taken before the log starts counting.
    let token = sim.token().await;
    sim.control("DELETE", "/_sim/requests", None).await;
    let rules = fault_rules(seed);
    let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
    sim.set_faults(&rules).await;

    let mut tally = Tally::default();
    let mut dice = Dice(seed);
    sign_in(&browser, &mut tally).await;
    let started = Instant::now();
    let mut steps = 0;
    while started.elapsed() < Duration::from_secs(seconds) {
        steps += 1;
        match dice.below(7) {
            0 => step_filter(&browser).await,
            1 | 2 => step_act(&browser, &sim, &mut dice, &mut tally).await,
            3 => step_bulk(&browser, &mut tally).await,
            4 if tally.creates < MAX_CREATES => step_create(&browser, steps, &mut tally).await,
            4 => step_filter(&browser).await,
            5 => step_key_pair(&browser, &sim, steps, &mut tally).await,
            _ if steps % 2 == 0 => step_relogin(&browser, &mut tally).await,
            _ => step_region(&browser).await,
        }
        assert!(
            !present(&browser, "console-stopped").await,
            "the console stopped at step {steps}"
        );
    }

    // The faults stop; the list comes round to the simulator's truth.
    sim.set_faults(&[]).await;
    to_list(&browser).await;
    browser
        .wait_until("the list agrees with the simulator", || async {
            let (status, answer) = sim
                .call(
                    "GET",
                    &format!("/v2/{TENANT}/servers/detail"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(status, 200);
            let mut truth: Vec<(String, String)> = answer["servers"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s["id"].as_str().unwrap_or_default().to_string(),
                        s["status"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            let mut shown = rows(&browser).await;
            truth.sort();
            shown.sort();
            if truth != shown && !present(&browser, "error-message").await {
                let _ = browser.by_test_id("refresh").await.click().await;
            }
            truth == shown
        })
        .await;

    let log = sim.request_log().await;
    let faults = log.iter().filter(|e| !e["fault"].is_null()).count();
    let (written, browser_resends) = logged_writes(&log);
    let carried_out = log
        .iter()
        .filter(|e| write_kind(e).is_some() && e["handled"] == true)
        .count();
    println!(
        "chaos (seed {seed}, {seconds} s): {steps} steps, {} requests, {faults} with a fault",
        log.len()
    );
    println!(
        "writes asked for {:?}, sent by the console {written:?}, carried out {carried_out}, \
         resent by the browser after a dropped connection {browser_resends}",
        tally.writes
    );
    for ((step, outcome), n) in &tally.outcomes {
        println!("  {step}: {outcome:?} × {n}");
    }
    let asked: BTreeMap<&str, usize> = tally.writes.clone();
    assert_eq!(written, asked, "every write sent exactly once");
    assert!(faults > 0, "the run met no fault");
    let errors = browser.page_errors().await;
    assert!(errors.is_empty(), "page errors: {errors:?}");
    browser.close().await;
}
