//! Work in flight belongs to what started it. Signing out while a write is on its way (an
//! action, a bulk run, a create, a key pair create, a volume attach) must leave a console that
//! works: no wasm trap when the late answer arrives, nothing more sent, and the next sign-in
//! reads the list as usual. On the detail page, an action still in flight for one instance
//! never disables another's buttons or shows its error there.

use std::time::Duration;

use crate::instance_ui::*;
use console_e2e::seed::{BATCH_U2, M2_C2M4, SPARE_A, UBUNTU_2204, WEB_01, WEB_02, WEB_SERVER};
use console_e2e::{Browser, Simulator};

const KEY_BACKSPACE: &str = "\u{E003}";

/// How long each write in flight takes to be answered.
const LATENCY_MS: u64 = 2500;

fn simulator() -> Simulator {
    Simulator::start(&["--test-control", "--transition-ms", "300"])
}

/// Waits until the simulator has answered the first `method` request whose path ends with
/// `path`, then a moment for the browser to receive it.
async fn wait_answered(browser: &Browser, sim: &Simulator, method: &str, path: &str) {
    browser
        .wait_until(&format!("the answer to {method} {path}"), || async {
            sim.requests(method, path)
                .await
                .first()
                .is_some_and(|(status, _)| *status != 0)
        })
        .await;
    tokio::time::sleep(Duration::from_millis(700)).await;
}

/// After a sign-out in the middle of something: the console still works (sign in, the list,
/// the quick filter) and nothing failed on the page.
async fn still_works(browser: &Browser, scenario: &str) {
    assert!(
        !browser.is_present("console-stopped").await,
        "{scenario}: the console stopped"
    );
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    browser.fill("instance-filter", "web-0").await;
    browser
        .wait_until(&format!("{scenario}: the filtered list"), || async {
            let rows = row_ids(browser).await;
            rows.len() == 2 && rows.contains(&WEB_01.to_string())
        })
        .await;
    // Typed away again (an input event, which clearing the field would not send).
    browser
        .by_test_id("instance-filter")
        .await
        .send_keys(&KEY_BACKSPACE.repeat(5))
        .await
        .expect("clear the filter");
    browser
        .wait_until(&format!("{scenario}: the whole list"), || async {
            row_ids(browser).await.len() > 2
        })
        .await;
    let errors = browser.page_errors().await;
    assert!(errors.is_empty(), "{scenario}: page errors {errors:?}");
}

/// Signs out while a modal dialog covers the page (the bulk run's, the attach form's), as a
/// sign-out from elsewhere would (another tab, the idle timeout): the button is clicked from
/// a script, since a person's click would land on the dialog.
async fn sign_out_under_a_dialog(browser: &Browser) {
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=\"logout\"]').click();",
            vec![],
        )
        .await
        .expect("sign out");
    browser.by_test_id("login-submit").await;
}

/// Sets one slow write and forgets earlier requests.
async fn slow(sim: &Simulator, rule: &str) {
    sim.control("DELETE", "/_sim/requests", None).await;
    sim.set_faults(&[&format!("{rule}=latency:{LATENCY_MS}")])
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_in_the_middle_of_any_write_leaves_a_working_console() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.watch_page_errors().await;

    // An action on the detail page.
    open_instance(&browser, WEB_02).await;
    wait_status(&browser, "ACTIVE").await;
    slow(&sim, "POST /servers/*/action").await;
    browser.click("action-stop").await;
    browser.sign_out().await;
    wait_answered(&browser, &sim, "POST", "/action").await;
    still_works(&browser, "action").await;

    // A bulk run over three instances: the first is in flight when the user signs out, and
    // the other two are never sent.
    for id in [WEB_01, BATCH_U2, WEB_SERVER] {
        select_row(&browser, id).await;
    }
    // Only the first request is slow: a run that went on would send the next at once, and it
    // would be in the log before the next sign-in's.
    sim.control("DELETE", "/_sim/requests", None).await;
    sim.set_faults(&[&format!(
        "POST /servers/*/action=latency:{LATENCY_MS},times:1"
    )])
    .await;
    browser.click("bulk-reboot-soft").await;
    browser.by_test_id("bulk-count").await;
    browser.click("confirm-ok").await;
    sign_out_under_a_dialog(&browser).await;
    wait_answered(&browser, &sim, "POST", "/action").await;
    still_works(&browser, "bulk run").await;
    let sent = sim.requests("POST", "/action").await;
    assert_eq!(sent.len(), 1, "the run stopped at sign-out: {sent:?}");

    // A create from the wizard.
    browser.click("instance-create").await;
    fill_create_wizard(&browser, "midway", UBUNTU_2204, M2_C2M4).await;
    CreateWizard(&browser).key_pair("access-key").await;
    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"review\"]")
        .await;
    wait_enabled(&browser, "create-submit").await;
    slow(&sim, "POST /servers").await;
    browser.click("create-submit").await;
    browser.sign_out().await;
    wait_answered(&browser, &sim, "POST", "/servers").await;
    still_works(&browser, "create").await;

    // A key pair create.
    browser.click("nav-keypairs").await;
    browser.click("keypair-create").await;
    browser.fill("keypair-name", "midway-key").await;
    slow(&sim, "POST /os-keypairs").await;
    browser.click("keypair-submit").await;
    browser.sign_out().await;
    wait_answered(&browser, &sim, "POST", "/os-keypairs").await;
    still_works(&browser, "key pair create").await;

    // A volume attach.
    open_instance(&browser, WEB_02).await;
    browser.click("tab-volumes").await;
    wait_enabled(&browser, "action-attach-volume").await;
    browser.click("action-attach-volume").await;
    browser
        .by_test_id("attach-volume-id")
        .await
        .select_by_value(SPARE_A)
        .await
        .expect("pick the available volume");
    slow(&sim, "POST /os-volume_attachments").await;
    browser.click("confirm-ok").await;
    sign_out_under_a_dialog(&browser).await;
    wait_answered(&browser, &sim, "POST", "/os-volume_attachments").await;
    still_works(&browser, "volume attach").await;

    browser.close().await;
}

/// Moves to another instance's page without leaving the route (as back, forward or a link
/// from one detail page to another would).
async fn go_to_instance_in_place(browser: &Browser, id: &str) {
    browser
        .client
        .execute(
            "history.pushState(null, '', arguments[0]); \
             window.dispatchEvent(new PopStateEvent('popstate', {state: null}));",
            vec![serde_json::json!(format!("/instances/{id}"))],
        )
        .await
        .expect("navigate in place");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_in_flight_for_one_instance_stays_with_it() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.watch_page_errors().await;
    open_instance(&browser, WEB_02).await;
    wait_status(&browser, "ACTIVE").await;
    sim.control("DELETE", "/_sim/requests", None).await;
    sim.set_faults(&[&format!(
        "POST /servers/{WEB_02}/action=latency:{LATENCY_MS},status:409,times:1"
    )])
    .await;
    browser.click("action-stop").await;
    assert!(!is_enabled(&browser, "action-reboot-soft").await);

    // On web-01's page while web-02's stop is still out: web-01's buttons are its own.
    go_to_instance_in_place(&browser, WEB_01).await;
    browser
        .wait_until("web-01's page", || async {
            text_of(&browser, "instance-name").await == "web-01"
        })
        .await;
    wait_status(&browser, "ACTIVE").await;
    assert!(
        is_enabled(&browser, "action-stop").await,
        "web-02's request must not disable web-01's buttons"
    );
    wait_answered(&browser, &sim, "POST", "/action").await;
    assert!(
        !browser.is_present("error-message").await,
        "web-02's refusal is not shown on web-01"
    );
    assert_eq!(status(&browser).await, "ACTIVE");

    // Back on web-02, its refusal is there.
    browser
        .client
        .execute("history.back();", vec![])
        .await
        .expect("go back");
    browser
        .wait_until("web-02's page", || async {
            text_of(&browser, "instance-name").await == "web-02"
        })
        .await;
    let error = text_of(&browser, "error-message").await;
    assert!(error.contains("409"), "web-02's refusal: {error}");
    let errors = browser.page_errors().await;
    assert!(errors.is_empty(), "page errors {errors:?}");
    browser.close().await;
}
