//! Instance actions through the UI against the simulator: stop, start, reboot, resize,
//! rename, attach and detach a volume, delete, create image, and the 409 and 404 paths.

use console_e2e::{Browser, Simulator};
use fantoccini::Locator;

const WEB_02: &str = "5e1f0000-0000-4000-8000-000000000002";
const BATCH_U2: &str = "5e1f0000-0000-4000-8000-000000000003";
const AVAILABLE_VOLUME: &str = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113";

/// Opens an instance's detail page from the list (a reload would lose the in-memory token).
async fn open_instance(browser: &Browser, id: &str) {
    browser
        .wait_css(&format!(
            "[data-testid=\"instance-row\"][data-id=\"{id}\"] a"
        ))
        .await
        .click()
        .await
        .expect("open the instance");
    browser.by_test_id("action-stop").await;
}

async fn status(browser: &Browser) -> String {
    match browser
        .client
        .find(Locator::Css("[data-testid=\"instance-status\"]"))
        .await
    {
        Ok(el) => el
            .attr("data-status")
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn wait_status(browser: &Browser, want: &str) {
    browser
        .wait_until(&format!("status {want}"), || async {
            status(browser).await == want
        })
        .await;
}

/// Waits until the button is enabled (the instance settled and no request is in flight).
async fn wait_enabled(browser: &Browser, id: &str) {
    browser
        .wait_until(&format!("{id} enabled"), || async {
            browser
                .by_test_id(id)
                .await
                .is_enabled()
                .await
                .unwrap_or(false)
        })
        .await;
}

/// Clicks the element with the test id; an element replaced by a re-render between finding
/// and clicking it is found again.
async fn click(browser: &Browser, id: &str) {
    let mut attempts = 0;
    loop {
        match browser.by_test_id(id).await.click().await {
            Ok(_) => return,
            Err(e) if attempts < 20 => {
                attempts += 1;
                let _ = e;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("click {id}: {e}"),
        }
    }
}

async fn text_of(browser: &Browser, id: &str) -> String {
    browser
        .by_test_id(id)
        .await
        .text()
        .await
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn stop_start_reboot_resize_rename_volumes_and_delete() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    wait_status(&browser, "ACTIVE").await;

    // ACTIVE: start is refused, and says why.
    assert!(!browser
        .by_test_id("action-start")
        .await
        .is_enabled()
        .await
        .unwrap());
    let why = browser
        .wait_css("[data-testid=\"action-start\"] + .why")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(why.contains("SHUTOFF"), "reason: {why}");

    click(&browser, "action-stop").await;
    wait_status(&browser, "SHUTOFF").await;
    wait_enabled(&browser, "action-start").await;
    click(&browser, "action-start").await;
    wait_status(&browser, "ACTIVE").await;

    wait_enabled(&browser, "action-reboot-soft").await;
    click(&browser, "action-reboot-soft").await;
    wait_enabled(&browser, "action-reboot-hard").await;
    wait_status(&browser, "ACTIVE").await;

    // Hard reboot asks first, naming the instance; cancel sends nothing.
    click(&browser, "action-reboot-hard").await;
    let message = browser
        .wait_css("[role=\"dialog\"] .confirm-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(message.contains("web-02"), "confirmation: {message}");
    click(&browser, "confirm-cancel").await;
    click(&browser, "action-reboot-hard").await;
    click(&browser, "confirm-ok").await;
    wait_enabled(&browser, "action-resize").await;
    wait_status(&browser, "ACTIVE").await;

    // Resize to the first flavor offered (never the current one).
    let before = text_of(&browser, "instance-flavor").await;
    click(&browser, "action-resize").await;
    let flavor = browser
        .by_test_id("resize-flavor")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!flavor.is_empty() && !before.contains(&flavor));
    click(&browser, "confirm-ok").await;
    browser
        .wait_until("the new flavor", || async {
            text_of(&browser, "instance-flavor").await.contains(&flavor)
        })
        .await;
    browser.screenshot("instance-resized").await;

    // Rename: an empty name is refused in place, a good one is sent.
    wait_enabled(&browser, "action-rename").await;
    click(&browser, "action-rename").await;
    browser.fill("rename-input", " ").await;
    assert!(!browser
        .by_test_id("confirm-ok")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.fill("rename-input", "web-02-renamed").await;
    click(&browser, "confirm-ok").await;
    browser
        .wait_until("the new name", || async {
            text_of(&browser, "instance-name").await == "web-02-renamed"
        })
        .await;

    // Attach an available volume, see its row, detach it with confirmation.
    wait_enabled(&browser, "action-attach-volume").await;
    // web-02 boots from a volume: its attachment is listed once the tab has loaded.
    browser.by_test_id("volume-row").await;
    let rows_before = browser.all_css("[data-testid=\"volume-row\"]").await.len();
    click(&browser, "action-attach-volume").await;
    let picker = browser.by_test_id("attach-volume-id").await;
    picker
        .select_by_value(AVAILABLE_VOLUME)
        .await
        .expect("pick the available volume");
    click(&browser, "confirm-ok").await;
    let row = format!("[data-testid=\"volume-row\"][data-volume-id=\"{AVAILABLE_VOLUME}\"]");
    browser.wait_css(&row).await;
    browser.screenshot("instance-volume-attached").await;
    browser
        .wait_until("the detach button is enabled", || async {
            match browser
                .client
                .find(Locator::Css(&format!(
                    "{row} [data-testid=\"action-detach-volume\"]"
                )))
                .await
            {
                Ok(b) => b.is_enabled().await.unwrap_or(false),
                Err(_) => false,
            }
        })
        .await;
    browser
        .wait_css(&format!("{row} [data-testid=\"action-detach-volume\"]"))
        .await
        .click()
        .await
        .expect("click detach");
    let message = browser
        .wait_css("[role=\"dialog\"] .confirm-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        message.contains(AVAILABLE_VOLUME) && message.contains("web-02-renamed"),
        "{message}"
    );
    click(&browser, "confirm-ok").await;
    browser
        .wait_until("the detached volume's row goes", || async {
            browser.all_css(&row).await.is_empty()
        })
        .await;
    browser
        .wait_until("the other attachments stay", || async {
            browser.all_css("[data-testid=\"volume-row\"]").await.len() == rows_before
        })
        .await;

    // Delete: confirm, back to the list, the row goes.
    wait_enabled(&browser, "action-delete").await;
    click(&browser, "action-delete").await;
    click(&browser, "confirm-ok").await;
    browser.by_test_id("instance-row").await;
    browser
        .wait_until("the deleted row disappears", || async {
            browser
                .all_css(&format!(
                    "[data-testid=\"instance-row\"][data-id=\"{WEB_02}\"]"
                ))
                .await
                .is_empty()
        })
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_filter_refusal_create_image_and_unknown_instance() {
    let sim = Simulator::start(&[
        "--transition-ms",
        "300",
        "--fault",
        "POST /servers/{id}/action=status:409,times:1,message:Cannot stop while the instance is busy",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;

    // The quick filter narrows the loaded list as one types.
    browser.fill("instance-filter", "BATCH-u2").await;
    browser
        .wait_until("only batch-u2 is listed", || async {
            let rows = browser.all_css("[data-testid=\"instance-row\"]").await;
            rows.len() == 1
                && rows[0].attr("data-id").await.ok().flatten().as_deref() == Some(BATCH_U2)
        })
        .await;
    open_instance(&browser, BATCH_U2).await;
    wait_status(&browser, "ACTIVE").await;

    // A 409: Nova's message is shown, nothing is retried, the page stays usable.
    click(&browser, "action-stop").await;
    let error = text_of(&browser, "error-message").await;
    assert!(
        error.contains("Cannot stop while the instance is busy"),
        "error: {error}"
    );
    wait_enabled(&browser, "action-create-image").await;
    assert_eq!(status(&browser).await, "ACTIVE");

    // Create image with a metadata pair: the image reference from `Location` is shown.
    click(&browser, "action-create-image").await;
    browser.fill("image-name", "batch-u2-snap").await;
    click(&browser, "image-meta-add").await;
    browser.fill("image-meta-key", "purpose").await;
    browser.fill("image-meta-value", "e2e").await;
    click(&browser, "confirm-ok").await;
    let reference = text_of(&browser, "image-ref").await;
    assert!(
        reference.contains("/images/"),
        "image reference: {reference}"
    );
    browser.screenshot("instance-image-created").await;

    // An unknown instance: itemNotFound's message.
    browser
        .client
        .execute(
            "history.pushState(null, '', '/instances/00000000-0000-4000-8000-00000000dead'); \
             window.dispatchEvent(new PopStateEvent('popstate'));",
            vec![],
        )
        .await
        .expect("navigate");
    browser
        .wait_until("the 404 message", || async {
            text_of(&browser, "error-message")
                .await
                .to_lowercase()
                .contains("could not be found")
        })
        .await;
    browser.close().await;
}

const WEB_01: &str = "5e1f0000-0000-4000-8000-000000000001";
const DB_MASTER: &str = "3a005d5b-63cf-4493-bfc6-49db990b5b50";

async fn select_row(browser: &Browser, id: &str) {
    browser
        .wait_css(&format!(
            "[data-testid=\"instance-row\"][data-id=\"{id}\"] [data-testid=\"instance-select\"]"
        ))
        .await
        .click()
        .await
        .expect("select the row");
}

async fn row_status(browser: &Browser, id: &str) -> String {
    match browser
        .client
        .find(Locator::Css(&format!(
            "[data-testid=\"instance-row\"][data-id=\"{id}\"] [data-testid=\"instance-status\"]"
        )))
        .await
    {
        Ok(el) => el
            .attr("data-status")
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_stop_says_what_is_skipped_and_bulk_delete_asks_for_the_count() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;

    select_row(&browser, WEB_01).await;
    select_row(&browser, DB_MASTER).await;
    click(&browser, "bulk-stop").await;
    let denied = text_of(&browser, "bulk-denied").await;
    assert!(
        denied.contains("DB-Master") && denied.contains("SHUTOFF"),
        "denied: {denied}"
    );
    assert!(text_of(&browser, "bulk-count").await.contains('1'));
    click(&browser, "confirm-ok").await;
    browser.by_test_id("bulk-result").await;
    let results = browser.all_css("[data-testid=\"bulk-result\"]").await;
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].attr("data-ok").await.unwrap().as_deref(),
        Some("true")
    );
    click(&browser, "confirm-cancel").await;
    browser
        .wait_until("web-01 stops in the list", || async {
            row_status(&browser, WEB_01).await == "SHUTOFF"
        })
        .await;

    // Deleting two needs the count typed.
    select_row(&browser, WEB_01).await;
    select_row(&browser, DB_MASTER).await;
    click(&browser, "bulk-delete").await;
    assert!(!browser
        .by_test_id("confirm-ok")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.fill("bulk-confirm-count", "2").await;
    click(&browser, "confirm-ok").await;
    browser
        .wait_until("two results", || async {
            browser.all_css("[data-testid=\"bulk-result\"]").await.len() == 2
        })
        .await;
    browser.screenshot("instances-bulk-delete").await;
    click(&browser, "confirm-cancel").await;
    browser
        .wait_until("both rows disappear", || async {
            row_status(&browser, WEB_01).await.is_empty()
                && row_status(&browser, DB_MASTER).await.is_empty()
        })
        .await;
    browser.close().await;
}

/// The ids and statuses of the rows shown now.
async fn rows(browser: &Browser) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in browser.all_css("[data-testid=\"instance-row\"]").await {
        let id = row.attr("data-id").await.ok().flatten().unwrap_or_default();
        let status = match row
            .find(Locator::Css("[data-testid=\"instance-status\"]"))
            .await
        {
            Ok(cell) => cell
                .attr("data-status")
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        out.push((id, status));
    }
    out
}

async fn wait_only_status(browser: &Browser, want: &str) {
    browser
        .wait_until(&format!("only {want} rows"), || async {
            let rows = rows(browser).await;
            !rows.is_empty() && rows.iter().all(|(_, s)| s == want)
        })
        .await;
}

async fn row_ids(browser: &Browser) -> Vec<String> {
    rows(browser).await.into_iter().map(|(id, _)| id).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn server_side_filters_in_the_url_and_paging() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;

    // Auto-refresh is on by default and says when the list was last read.
    assert!(browser
        .by_test_id("auto-refresh")
        .await
        .is_selected()
        .await
        .unwrap());
    browser
        .wait_until("a last-refreshed time", || async {
            let t = text_of(&browser, "last-refreshed").await;
            t.contains(':')
        })
        .await;

    // Filter by status through the form: only SHUTOFF rows, and the URL says so.
    browser
        .by_test_id("filter-status")
        .await
        .select_by_value("SHUTOFF")
        .await
        .expect("choose SHUTOFF");
    click(&browser, "filter-apply").await;
    wait_only_status(&browser, "SHUTOFF").await;
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(url.contains("status=SHUTOFF"), "url: {url}");

    // The same URL again (signing in again, as the token lives in memory): same filter.
    browser.client.goto(&url).await.expect("open the url");
    browser.fill("login-tenant", console_e2e::TENANT).await;
    browser.fill("login-username", console_e2e::USERNAME).await;
    browser.fill("login-password", console_e2e::PASSWORD).await;
    click(&browser, "login-submit").await;
    wait_only_status(&browser, "SHUTOFF").await;
    let again = browser.client.current_url().await.unwrap().to_string();
    assert!(again.contains("status=SHUTOFF"), "url: {again}");
    let status = browser
        .by_test_id("filter-status")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(status, "SHUTOFF");

    // Pages of three: next shows others, prev the first ones again.
    click(&browser, "filter-clear").await;
    browser
        .wait_until("the filter cleared", || async {
            rows(&browser).await.iter().any(|(_, s)| s != "SHUTOFF")
        })
        .await;
    browser
        .by_test_id("page-size")
        .await
        .select_by_value("3")
        .await
        .expect("choose 3 per page");
    browser
        .wait_until("three rows", || async {
            row_ids(&browser).await.len() == 3
        })
        .await;
    let first = row_ids(&browser).await;
    wait_enabled(&browser, "page-next").await;
    click(&browser, "page-next").await;
    browser
        .wait_until("another page", || async {
            let ids = row_ids(&browser).await;
            !ids.is_empty() && ids.iter().all(|id| !first.contains(id))
        })
        .await;
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(
        url.contains("limit=3") && url.contains("marker="),
        "url: {url}"
    );
    wait_enabled(&browser, "page-prev").await;
    click(&browser, "page-prev").await;
    browser
        .wait_until("the first page again", || async {
            row_ids(&browser).await == first
        })
        .await;

    browser.close().await;
}
