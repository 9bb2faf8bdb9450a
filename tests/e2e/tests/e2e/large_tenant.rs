//! A tenant of thousands of instances: every page read progressively (a small first page,
//! then 1 000 at a time), only the rows in view drawn, the quick filter over everything loaded,
//! and changes made elsewhere merged with `changes-since` (changed rows, new ones, deleted
//! ones gone) without reading the whole list again; signing out drops the list, and the next
//! sign-in reads it from the first page.

use console_e2e::{Browser, Simulator, TENANT};
use serde_json::{json, Value};

use crate::instance_ui::{row_css, wait_row_status};

/// Every server of the tenant as the API lists it (`/servers/detail`, all pages, in order).
async fn all_servers(sim: &Simulator, token: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut marker = String::new();
    loop {
        let path = format!("/v2/{TENANT}/servers/detail?limit=1000{marker}");
        let (status, page) = sim.call("GET", &path, Some(token), None).await;
        assert_eq!(status, 200, "{path}: {page}");
        let servers = page["servers"].as_array().cloned().unwrap_or_default();
        let full = servers.len() == 1000;
        all.extend(servers);
        if !full {
            return all;
        }
        marker = format!("&marker={}", all.last().unwrap()["id"].as_str().unwrap());
    }
}

async fn script(browser: &Browser, js: &str) -> Value {
    browser
        .client
        .execute(js, vec![])
        .await
        .unwrap_or_else(|e| panic!("run {js}: {e}"))
}

/// An attribute of the list's viewport (`data-loaded`, `data-shown`, `data-complete`).
async fn list_attr(browser: &Browser, name: &str) -> String {
    let js = format!(
        "const l = document.querySelector('[data-testid=\"instance-list\"]'); \
         return l ? l.getAttribute('{name}') : null;"
    );
    script(browser, &js)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn wait_all_loaded(browser: &Browser, total: usize) {
    browser
        .wait_until(&format!("all {total} instances loaded"), || async {
            list_attr(browser, "data-complete").await == "true"
                && list_attr(browser, "data-loaded").await == total.to_string()
        })
        .await;
}

async fn is_drawn(browser: &Browser, id: &str) -> bool {
    let js = format!(
        "return document.querySelector('{}') !== null;",
        row_css(id, "").replace('\'', "\\'")
    );
    script(browser, &js).await.as_bool().unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_tenant_is_read_page_by_page_and_only_the_rows_in_view_are_drawn() {
    let sim = Simulator::start(&["--test-control", "--seed-instances", "2500"]);
    let token = sim.token().await;
    let servers = all_servers(&sim, &token).await;
    let total = servers.len();
    assert!(total > 2500);
    sim.control("DELETE", "/_sim/requests", None).await;

    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    wait_all_loaded(&browser, total).await;

    // A first page of 100, then pages of 1 000 after the last id of the page before.
    // (The HTTP client may leave a `&` at the end of a query; the API ignores it.) On a busy
    // machine the auto-refresh may already have caught up with `changes-since` once the
    // last page came: that read is not part of the paging.
    let reads: Vec<String> = sim
        .queries("GET", "/servers/detail")
        .await
        .iter()
        .map(|q| q.trim_end_matches('&').to_string())
        .filter(|q| !q.contains("changes-since"))
        .collect();
    let pages = 1 + (total - 100).div_ceil(1000);
    assert_eq!(reads.len(), pages, "reads: {reads:?}");
    assert_eq!(reads[0], "limit=100");
    let second_marker = servers[99]["id"].as_str().unwrap();
    assert_eq!(reads[1], format!("limit=1000&marker={second_marker}"));

    // Only the rows in view are in the document, however many are loaded.
    let drawn = browser.count("instance-row").await;
    assert!((10..100).contains(&drawn), "{drawn} rows drawn");
    let nodes = script(
        &browser,
        "return document.getElementsByTagName('*').length;",
    )
    .await;
    assert!(nodes.as_u64().unwrap() < 3000, "{nodes} DOM nodes");

    // Scrolled to the end, the last instance of the last page is drawn.
    let last = servers.last().unwrap()["id"].as_str().unwrap().to_string();
    assert!(!is_drawn(&browser, &last).await);
    script(
        &browser,
        "const l = document.querySelector('[data-testid=\"instance-list\"]'); \
         l.scrollTop = l.scrollHeight; return null;",
    )
    .await;
    browser
        .wait_until("the last instance drawn", || async {
            is_drawn(&browser, &last).await
        })
        .await;

    // The quick filter searches everything loaded, not only what is drawn.
    let far = servers
        .iter()
        .find(|s| s["name"] == "scale-02400")
        .expect("a generated instance");
    let far_id = far["id"].as_str().unwrap().to_string();
    browser.fill("instance-filter", "scale-02400").await;
    browser
        .wait_until("one instance shown", || async {
            list_attr(&browser, "data-shown").await == "1" && is_drawn(&browser, &far_id).await
        })
        .await;
    // Emptied as a user does, with an input event (WebDriver's clear sends none).
    script(
        &browser,
        "const f = document.querySelector('[data-testid=\"instance-filter\"]'); \
         f.value = ''; f.dispatchEvent(new Event('input', {bubbles: true})); return null;",
    )
    .await;
    browser
        .wait_until("every instance shown again", || async {
            list_attr(&browser, "data-shown").await == total.to_string()
        })
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_made_elsewhere_are_merged_without_reading_the_list_again() {
    let sim = Simulator::start(&[
        "--test-control",
        "--seed-instances",
        "1200",
        "--transition-ms",
        "300",
    ]);
    let token = sim.token().await;
    let servers = all_servers(&sim, &token).await;
    let total = servers.len();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    wait_all_loaded(&browser, total).await;
    sim.control("DELETE", "/_sim/requests", None).await;

    // Elsewhere: one instance stopped, one deleted, one created.
    let active: Vec<&str> = servers
        .iter()
        .filter(|s| s["status"] == "ACTIVE")
        .take(2)
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let (stopped, deleted) = (active[0], active[1]);
    let (status, answer) = sim
        .call(
            "POST",
            &format!("/v2/{TENANT}/servers/{stopped}/action"),
            Some(&token),
            Some(json!({"os-stop": null})),
        )
        .await;
    assert_eq!(status, 202, "stop: {answer}");
    let (status, answer) = sim
        .call(
            "DELETE",
            &format!("/v2/{TENANT}/servers/{deleted}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 204, "delete: {answer}");
    let created = sim.create_server(&token, "made-elsewhere", json!({})).await;

    // Turning auto-refresh back on reads the changes at once; it then follows them.
    browser.click("auto-refresh").await;
    browser.click("auto-refresh").await;
    wait_row_status(&browser, stopped, "SHUTOFF").await;
    wait_row_status(&browser, &created, "ACTIVE").await;
    browser
        .wait_until("the deleted instance gone", || async {
            !is_drawn(&browser, deleted).await
        })
        .await;
    assert_eq!(list_attr(&browser, "data-loaded").await, total.to_string());
    // The new instance is first, as the API lists it (newest first).
    let first = script(
        &browser,
        "return document.querySelector('[data-testid=\"instance-row\"]').dataset.id;",
    )
    .await;
    assert_eq!(first.as_str(), Some(created.as_str()));

    // Every read since the list was loaded asked only for changes.
    let reads = sim.queries("GET", "/servers/detail").await;
    assert!(!reads.is_empty());
    assert!(
        reads.iter().all(|q| q.contains("changes-since=")),
        "reads: {reads:?}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_forgets_the_list_and_the_next_sign_in_reads_it_afresh() {
    let sim = Simulator::start(&["--test-control", "--seed-instances", "150"]);
    let token = sim.token().await;
    let total = all_servers(&sim, &token).await.len();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    wait_all_loaded(&browser, total).await;

    browser.click("logout").await;
    browser.by_test_id("login-submit").await;
    sim.control("DELETE", "/_sim/requests", None).await;
    browser.fill_sign_in_form().await;
    wait_all_loaded(&browser, total).await;

    // The list was read from its first page, not caught up from the last session's rows.
    let reads = sim.queries("GET", "/servers/detail").await;
    assert!(
        reads
            .first()
            .is_some_and(|q| q.contains("limit=100") && !q.contains("changes-since=")),
        "reads after signing in again: {reads:?}"
    );
    assert!(
        reads.iter().any(|q| q.contains("marker=")),
        "the second page read too: {reads:?}"
    );
    browser.close().await;
}
