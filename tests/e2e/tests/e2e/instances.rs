//! Instance actions through the UI against the simulator: stop, start, reboot, resize,
//! rename, attach and detach a volume, delete, create image, and the 409 and 404 paths; the
//! volumes tab; per-row actions in the list; filters and paging kept in the URL.

use crate::instance_ui::*;
use console_e2e::seed::{BATCH_U2, DB_MASTER, SPARE_A, WEB_01, WEB_01_DATA, WEB_02, WEB_02_ROOT};
use console_e2e::{Browser, Simulator};

#[tokio::test(flavor = "multi_thread")]
async fn stop_start_reboot_resize_rename_volumes_and_delete() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    wait_status(&browser, "ACTIVE").await;
    // Fields the guide documents are on the page, not only in the raw JSON: `OS-DCF:diskConfig`
    // ("NHN Cloud uses `MANUAL`") and `NHN-EXT-ATTR:ephemeral_disk_size`.
    assert_eq!(text_of(&browser, "instance-disk-config").await, "MANUAL");
    assert!(text_of(&browser, "instance-ephemeral")
        .await
        .ends_with("GB"));

    // ACTIVE: start is refused, and says why.
    assert!(!is_enabled(&browser, "action-start").await);
    let why = browser
        .wait_css("[data-testid=\"action-start\"] + .why")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(why.contains("SHUTOFF"), "reason: {why}");

    browser.click("action-stop").await;
    wait_status(&browser, "SHUTOFF").await;
    wait_enabled(&browser, "action-start").await;
    browser.click("action-start").await;
    wait_status(&browser, "ACTIVE").await;

    wait_enabled(&browser, "action-reboot-soft").await;
    browser.click("action-reboot-soft").await;
    wait_enabled(&browser, "action-reboot-hard").await;
    wait_status(&browser, "ACTIVE").await;

    // Hard reboot asks first, naming the instance; cancel sends nothing.
    browser.click("action-reboot-hard").await;
    let message = confirmation(&browser).await;
    assert!(message.contains("web-02"), "confirmation: {message}");
    browser.click("confirm-cancel").await;
    browser.click("action-reboot-hard").await;
    browser.click("confirm-ok").await;
    wait_enabled(&browser, "action-resize").await;
    wait_status(&browser, "ACTIVE").await;

    // Resize to the first flavor offered (never the current one).
    let before = text_of(&browser, "instance-flavor").await;
    browser.click("action-resize").await;
    let flavor = browser
        .by_test_id("resize-flavor")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!flavor.is_empty() && !before.contains(&flavor));
    browser.click("confirm-ok").await;
    browser
        .wait_until("the new flavor", || async {
            text_of(&browser, "instance-flavor").await.contains(&flavor)
        })
        .await;
    browser.screenshot("instance-resized").await;

    // Rename: an empty name is refused in place, a good one is sent.
    wait_enabled(&browser, "action-rename").await;
    browser.click("action-rename").await;
    browser.fill("rename-input", " ").await;
    assert!(!is_enabled(&browser, "confirm-ok").await);
    browser.fill("rename-input", "web-02-renamed").await;
    browser.click("confirm-ok").await;
    browser
        .wait_until("the new name", || async {
            text_of(&browser, "instance-name").await == "web-02-renamed"
        })
        .await;

    // Attach an available volume, see its row, detach it with confirmation.
    browser.click("tab-volumes").await;
    wait_enabled(&browser, "action-attach-volume").await;
    // web-02 boots from a volume: its attachment is listed once the tab has loaded.
    browser.by_test_id("volume-row").await;
    let rows_before = browser.all_css("[data-testid=\"volume-row\"]").await.len();
    // Its root volume cannot be detached (the simulator would answer 400): the button says so.
    let root_detach = format!(
        "[data-testid=\"volume-row\"][data-volume-id=\"{WEB_02_ROOT}\"] {}",
        test_id("action-detach-volume")
    );
    let button = browser.wait_css(&root_detach).await;
    assert!(!button.is_enabled().await.unwrap());
    let why = button.attr("title").await.unwrap().unwrap_or_default();
    assert!(why.contains("root volume"), "{why}");
    browser.click("action-attach-volume").await;
    let picker = browser.by_test_id("attach-volume-id").await;
    picker
        .select_by_value(SPARE_A)
        .await
        .expect("pick the available volume");
    browser.click("confirm-ok").await;
    let row = format!("[data-testid=\"volume-row\"][data-volume-id=\"{SPARE_A}\"]");
    browser.wait_css(&row).await;
    browser.screenshot("instance-volume-attached").await;
    let detach = format!("{row} {}", test_id("action-detach-volume"));
    wait_enabled_css(&browser, &detach).await;
    browser.click_css(&detach).await;
    let message = confirmation(&browser).await;
    assert!(
        message.contains(SPARE_A) && message.contains("web-02-renamed"),
        "{message}"
    );
    browser.click("confirm-ok").await;
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
    browser.click("action-delete").await;
    browser.click("confirm-ok").await;
    browser.by_test_id("instance-row").await;
    browser
        .wait_until("the deleted row disappears", || async {
            browser.all_css(&row_css(WEB_02, "")).await.is_empty()
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
    browser.click("action-stop").await;
    let error = text_of(&browser, "error-message").await;
    assert!(
        error.contains("Cannot stop while the instance is busy"),
        "error: {error}"
    );
    wait_enabled(&browser, "action-create-image").await;
    assert_eq!(status(&browser).await, "ACTIVE");

    // Create image with a metadata pair: the image reference from `Location` is shown.
    browser.click("action-create-image").await;
    browser.fill("image-name", "batch-u2-snap").await;
    browser.click("image-meta-add").await;
    browser.fill("image-meta-key", "purpose").await;
    browser.fill("image-meta-value", "e2e").await;
    browser.click("confirm-ok").await;
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

#[tokio::test(flavor = "multi_thread")]
async fn bulk_stop_says_what_is_skipped_and_bulk_delete_asks_for_the_count() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;

    select_row(&browser, WEB_01).await;
    select_row(&browser, DB_MASTER).await;
    browser.click("bulk-stop").await;
    let denied = text_of(&browser, "bulk-denied").await;
    assert!(
        denied.contains("DB-Master") && denied.contains("SHUTOFF"),
        "denied: {denied}"
    );
    assert!(text_of(&browser, "bulk-count").await.contains('1'));
    browser.click("confirm-ok").await;
    browser.by_test_id("bulk-result").await;
    let results = browser.all_css("[data-testid=\"bulk-result\"]").await;
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].attr("data-ok").await.unwrap().as_deref(),
        Some("true")
    );
    browser.click("confirm-cancel").await;
    wait_row_status(&browser, WEB_01, "SHUTOFF").await;

    // Deleting two needs the count typed.
    select_row(&browser, WEB_01).await;
    select_row(&browser, DB_MASTER).await;
    browser.click("bulk-delete").await;
    assert!(!is_enabled(&browser, "confirm-ok").await);
    browser.fill("bulk-confirm-count", "2").await;
    browser.click("confirm-ok").await;
    browser
        .wait_until("two results", || async {
            browser.all_css("[data-testid=\"bulk-result\"]").await.len() == 2
        })
        .await;
    browser.screenshot("instances-bulk-delete").await;
    browser.click("confirm-cancel").await;
    browser
        .wait_until("both rows disappear", || async {
            row_status(&browser, WEB_01).await.is_empty()
                && row_status(&browser, DB_MASTER).await.is_empty()
        })
        .await;
    browser.close().await;
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
    browser.click("filter-apply").await;
    wait_only_status(&browser, "SHUTOFF").await;
    let url = current_url(&browser).await;
    assert!(url.contains("status=SHUTOFF"), "url: {url}");

    // The same URL again (a reload keeps the session): same filter.
    open_url_signed_in(&browser, &url).await;
    wait_only_status(&browser, "SHUTOFF").await;
    let again = current_url(&browser).await;
    assert!(again.contains("status=SHUTOFF"), "url: {again}");
    let status = browser
        .by_test_id("filter-status")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(status, "SHUTOFF");

    // Clearing keeps the page size; real sizes are offered and go into the URL.
    browser.click("filter-clear").await;
    browser
        .wait_until("the filter cleared", || async {
            rows(&browser).await.iter().any(|(_, s)| s != "SHUTOFF")
        })
        .await;
    browser
        .by_test_id("page-size")
        .await
        .select_by_value("20")
        .await
        .expect("choose 20 per page");
    browser
        .wait_until("limit=20 in the url", || async {
            current_url(&browser).await.contains("limit=20")
        })
        .await;
    assert!(!is_enabled(&browser, "page-next").await);

    // Pages of three (any limit can be put in the URL): 3, 3 and 2 of the eight instances.
    let base = url.split("/instances").next().unwrap().to_string();
    open_url_signed_in(&browser, &format!("{base}/instances?limit=3")).await;
    let page_of = |n: usize| {
        let browser = &browser;
        async move {
            browser
                .wait_until(&format!("{n} rows"), || async {
                    row_ids(browser).await.len() == n
                })
                .await;
            row_ids(browser).await
        }
    };
    let first = page_of(3).await;
    assert!(!is_enabled(&browser, "page-prev").await);
    wait_enabled(&browser, "page-next").await;
    browser.click("page-next").await;
    browser
        .wait_until("the second page", || async {
            let ids = row_ids(&browser).await;
            ids.len() == 3 && ids.iter().all(|id| !first.contains(id))
        })
        .await;
    let second = row_ids(&browser).await;
    wait_enabled(&browser, "page-next").await;
    browser.click("page-next").await;
    let third = page_of(2).await;
    assert!(third
        .iter()
        .all(|id| !first.contains(id) && !second.contains(id)));
    let third_url = current_url(&browser).await;
    assert!(
        third_url.contains("limit=3")
            && third_url.contains("marker=")
            && third_url.contains("prev="),
        "url: {third_url}"
    );

    // After a reload "previous" still goes one page back, not to the first.
    open_url_signed_in(&browser, &third_url).await;
    browser
        .wait_until("the third page after the reload", || async {
            row_ids(&browser).await == third
        })
        .await;
    wait_enabled(&browser, "page-prev").await;
    browser.click("page-prev").await;
    browser
        .wait_until("the second page again", || async {
            row_ids(&browser).await == second
        })
        .await;

    // The browser's back and forward buttons move through the same pages, and "previous"
    // follows them.
    browser.client.back().await.expect("back");
    browser
        .wait_until("back on the third page", || async {
            row_ids(&browser).await == third
        })
        .await;
    browser.click("page-prev").await;
    browser
        .wait_until("the second page from the third", || async {
            row_ids(&browser).await == second
        })
        .await;
    browser.click("page-prev").await;
    browser
        .wait_until("the first page again", || async {
            row_ids(&browser).await == first
        })
        .await;
    assert!(!is_enabled(&browser, "page-prev").await);
    browser.client.back().await.expect("back");
    browser
        .wait_until("back on the second page", || async {
            row_ids(&browser).await == second
        })
        .await;
    browser.client.forward().await.expect("forward");
    browser
        .wait_until("forward to the first page", || async {
            row_ids(&browser).await == first
        })
        .await;

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn volumes_tab_is_in_the_url_keyboard_reachable_and_views_one_attachment() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_01).await;

    // The overview is the default tab; the volumes tab is chosen by click and says so.
    let selected = |id: &'static str| {
        let browser = &browser;
        async move {
            browser
                .by_test_id(id)
                .await
                .attr("aria-selected")
                .await
                .ok()
                .flatten()
                .unwrap_or_default()
                == "true"
        }
    };
    assert!(selected("tab-overview").await);
    assert!(browser.all_css(&test_id("volume-row")).await.is_empty());
    browser.click("tab-volumes").await;
    browser
        .wait_css(&format!(
            "[role=\"tabpanel\"][aria-labelledby=\"tab-volumes\"] [data-volume-id=\"{WEB_01_DATA}\"]"
        ))
        .await;
    assert!(selected("tab-volumes").await);
    let url = current_url(&browser).await;
    assert!(url.contains("tab=volumes"), "url: {url}");

    // Arrow keys move between tabs and the URL follows.
    browser
        .by_test_id("tab-volumes")
        .await
        .send_keys(KEY_LEFT)
        .await
        .expect("press left");
    browser
        .wait_until("the overview tab by keyboard", || async {
            selected("tab-overview").await && !current_url(&browser).await.contains("tab=")
        })
        .await;
    assert_eq!(focused_test_id(&browser).await, "tab-overview");
    browser
        .by_test_id("tab-overview")
        .await
        .send_keys(KEY_RIGHT)
        .await
        .expect("press right");
    browser
        .wait_until("the volumes tab by keyboard", || async {
            selected("tab-volumes").await && current_url(&browser).await.contains("tab=volumes")
        })
        .await;

    // View one attachment: its own fields, read from the API.
    let row = format!("[data-testid=\"volume-row\"][data-volume-id=\"{WEB_01_DATA}\"]");
    browser
        .click_css(&format!("{row} {}", test_id("view-attachment")))
        .await;
    let field = |name: &'static str| {
        let browser = &browser;
        async move {
            browser
                .wait_css(&format!(
                    "[data-testid=\"attachment-detail\"] [data-field=\"{name}\"]"
                ))
                .await
                .text()
                .await
                .unwrap_or_default()
        }
    };
    assert_eq!(field("device").await, "/dev/vdb");
    assert_eq!(field("volumeId").await, WEB_01_DATA);
    assert_eq!(field("serverId").await, WEB_01);
    browser.screenshot("instance-volume-attachment").await;
    browser.click("attachment-close").await;
    browser
        .wait_until("the attachment closes", || async {
            browser
                .all_css(&test_id("attachment-detail"))
                .await
                .is_empty()
        })
        .await;

    // A reload (or a shared link) opens the same tab.
    let url = current_url(&browser).await;
    open_url_signed_in(&browser, &url).await;
    browser.wait_css(&row).await;
    assert!(selected("tab-volumes").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn row_menus_act_on_one_instance_and_follow_it_in_the_list() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    wait_row_status(&browser, WEB_01, "ACTIVE").await;
    // With auto-refresh off, a row acted on is still followed until it settles.
    browser.click("auto-refresh").await;
    assert!(!browser
        .by_test_id("auto-refresh")
        .await
        .is_selected()
        .await
        .unwrap());

    // By keyboard: the menu opens on its first enabled item (stop: start is refused for an
    // ACTIVE instance, and says why), Enter sends it.
    let menu_button = row_css(WEB_01, &test_id("row-actions"));
    browser
        .wait_css(&menu_button)
        .await
        .send_keys(KEY_DOWN)
        .await
        .expect("open the menu");
    let start = row_css(WEB_01, &test_id("action-start"));
    browser.wait_css(&start).await;
    browser.screenshot("instances-row-menu").await;
    assert!(!browser.wait_css(&start).await.is_enabled().await.unwrap());
    let why = browser
        .wait_css(&format!("{start} + .why"))
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(why.contains("SHUTOFF"), "reason: {why}");
    browser
        .wait_until("stop is focused", || async {
            focused_test_id(&browser).await == "action-stop"
        })
        .await;
    browser
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(KEY_ENTER)
        .await
        .expect("press enter");
    // Followed without a reload until it settles.
    wait_row_status(&browser, WEB_01, "SHUTOFF").await;

    // Escape closes the menu and gives the focus back to its button.
    browser.click_css(&menu_button).await;
    browser
        .wait_css(&row_css(WEB_01, &test_id("action-start")))
        .await;
    browser
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(KEY_ESCAPE)
        .await
        .expect("press escape");
    browser
        .wait_until("the menu closes", || async {
            browser
                .all_css(&row_css(WEB_01, "[role=\"menuitem\"]"))
                .await
                .is_empty()
        })
        .await;
    assert_eq!(focused_test_id(&browser).await, "row-actions");

    // Start again from the menu by mouse.
    wait_enabled_css(&browser, &menu_button).await;
    browser.click_css(&menu_button).await;
    wait_enabled_css(&browser, &row_css(WEB_01, &test_id("action-start"))).await;
    browser
        .click_css(&row_css(WEB_01, &test_id("action-start")))
        .await;
    wait_row_status(&browser, WEB_01, "ACTIVE").await;

    // Hard reboot asks first, naming the instance; cancel sends nothing.
    browser
        .click_css(&row_css(WEB_02, &test_id("row-actions")))
        .await;
    browser
        .click_css(&row_css(WEB_02, &test_id("action-reboot-hard")))
        .await;
    let message = confirmation(&browser).await;
    assert!(message.contains("web-02"), "confirmation: {message}");
    browser.click("confirm-cancel").await;
    assert_eq!(row_status(&browser, WEB_02).await, "ACTIVE");

    // Delete asks too, then the row goes.
    browser
        .click_css(&row_css(DB_MASTER, &test_id("row-actions")))
        .await;
    browser
        .click_css(&row_css(DB_MASTER, &test_id("action-delete")))
        .await;
    let message = confirmation(&browser).await;
    assert!(message.contains("DB-Master"), "confirmation: {message}");
    browser.screenshot("instances-row-delete").await;
    browser.click("confirm-ok").await;
    browser
        .wait_until("the deleted row goes", || async {
            row_status(&browser, DB_MASTER).await.is_empty()
        })
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_row_action_is_shown_and_not_retried() {
    let sim = Simulator::start(&[
        "--test-control",
        "--transition-ms",
        "300",
        "--fault",
        "POST /servers/{id}/action=status:409,times:1,message:Cannot stop while the instance is busy",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    wait_row_status(&browser, WEB_01, "ACTIVE").await;
    browser
        .click_css(&row_css(WEB_01, &test_id("row-actions")))
        .await;
    browser
        .click_css(&row_css(WEB_01, &test_id("action-stop")))
        .await;
    let error = text_of(&browser, "error-message").await;
    assert!(
        error.contains("Cannot stop while the instance is busy"),
        "error: {error}"
    );
    // Nothing was sent again by itself: the instance stays ACTIVE and can be stopped by hand,
    // and the log holds the refusal and the stop by hand, nothing between or after them.
    assert_eq!(row_status(&browser, WEB_01).await, "ACTIVE");
    browser
        .click_css(&row_css(WEB_01, &test_id("row-actions")))
        .await;
    browser
        .click_css(&row_css(WEB_01, &test_id("action-stop")))
        .await;
    wait_row_status(&browser, WEB_01, "SHUTOFF").await;
    assert_eq!(sim.answers("POST", "/action").await, [409, 202]);
    browser
        .wait_until("the old refusal is cleared", || async {
            browser.all_css(&test_id("error-message")).await.is_empty()
        })
        .await;
    browser.close().await;
}
