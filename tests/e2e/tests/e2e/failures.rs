//! Failures through the UI: reads sent again after gateway errors, a malformed list that keeps
//! what was shown, a 401 in the middle of an action (sign in again in place, the action sent
//! once more and only once), a rate-limited action with its countdown, and a lost answer to an
//! action that says the outcome is unknown and sends nothing again.

use console_e2e::{Browser, Simulator, PASSWORD};

use crate::instance_ui::{open_instance, status, text_of, wait_status};
use console_e2e::seed::WEB_02;

fn simulator() -> Simulator {
    Simulator::start(&["--test-control", "--transition-ms", "300"])
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_are_sent_again_after_gateway_errors_and_a_malformed_list_keeps_the_rows() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let rows_before = browser.count("instance-row").await;
    // Only the refreshes clicked here read the list (the faults are meant for them).
    browser.click("auto-refresh").await;

    // Two 503s, then the real list: the reader waits (with a visible countdown) and tries again.
    sim.set_faults(&["GET /servers/detail=status:503,times:2"])
        .await;
    browser.click("refresh").await;
    browser.by_test_id("retry-notice").await;
    // The rows stay during the reread, so wait for the third answer too.
    browser
        .wait_until("the retried list, without the notice", || async {
            let statuses = sim.answers("GET", "/servers/detail").await;
            !browser.is_present("retry-notice").await
                && statuses.ends_with(&[503, 503, 200])
                && browser.count("instance-row").await == rows_before
        })
        .await;
    assert!(!browser.is_present("error-message").await);

    // A body that is not JSON: a typed error, and the rows already shown stay.
    sim.set_faults(&["GET /servers/detail=malformed,times:1"])
        .await;
    browser.click("refresh").await;
    browser.by_test_id("error-message").await;
    let error = text_of(&browser, "error-message").await;
    assert!(error.contains("JSON"), "error shown: {error}");
    assert_eq!(
        browser.count("instance-row").await,
        rows_before,
        "the list stays while the error is shown"
    );
    browser.screenshot("failures-malformed-list").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_401_during_an_action_signs_in_again_in_place_and_sends_it_once_more() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    sim.control("DELETE", "/_sim/requests", None).await;

    sim.control("POST", "/_sim/expire-tokens", None).await;
    browser.click("action-stop").await;
    browser
        .wait_css("[data-testid=\"relogin-dialog\"][open]")
        .await;
    browser.screenshot("failures-relogin").await;
    browser.fill("login-password", PASSWORD).await;
    browser.click("login-submit").await;

    wait_status(&browser, "SHUTOFF").await;
    let answers = sim.answers("POST", "/action").await;
    assert_eq!(
        answers,
        vec![401, 202],
        "refused once, then sent once with the new token"
    );
    assert!(!browser.is_present("error-message").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rate_limited_action_counts_down_and_is_not_sent_again() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    sim.control("DELETE", "/_sim/requests", None).await;

    sim.set_faults(&["POST /servers/{id}/action=over-limit,retry-after:2,times:1"])
        .await;
    browser.click("action-stop").await;
    let first = browser
        .by_test_id("retry-countdown")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        first.contains("2 s") || first.contains("1 s"),
        "countdown: {first}"
    );
    browser
        .wait_until("the countdown to reach zero", || async {
            text_of(&browser, "retry-countdown").await == "You can try again now"
        })
        .await;
    assert_eq!(sim.requests("POST", "/action").await, vec![(429, false)]);
    assert_eq!(status(&browser).await, "ACTIVE");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_to_an_action_says_the_outcome_is_unknown_and_sends_nothing_again() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    sim.control("DELETE", "/_sim/requests", None).await;

    // The stop is carried out, but the answer is a gateway timeout.
    sim.set_faults(&["POST /servers/{id}/action=status:504,after,times:1"])
        .await;
    browser.click("action-stop").await;
    browser.by_test_id("error-message").await;
    let error = text_of(&browser, "error-message").await;
    assert!(
        error.contains("may or may not have been carried out"),
        "error shown: {error}"
    );
    // After the answer the page reads the instance again; a wrongful resend would come before
    // that read (the request is sent again, if ever, before its answer is given to the page).
    let log = sim.request_log().await;
    let post = log
        .iter()
        .position(|e| e["method"] == "POST")
        .expect("the stop is in the log");
    browser
        .wait_until("the instance read after the answer", || async {
            let log = sim.request_log().await;
            log[post + 1..].iter().any(|e| {
                e["method"] == "GET" && e["path"].as_str().unwrap_or_default().ends_with(WEB_02)
            })
        })
        .await;
    assert_eq!(sim.requests("POST", "/action").await, vec![(504, true)]);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn clicking_an_action_three_times_at_once_sends_it_once() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_02).await;
    sim.control("DELETE", "/_sim/requests", None).await;

    // Three clicks in the same task: no re-render can disable the button in between, so only
    // the handler's own in-flight guard stands between them and three requests.
    browser
        .client
        .execute(
            "const b = document.querySelector('[data-testid=\"action-stop\"]'); \
             b.click(); b.click(); b.click();",
            vec![],
        )
        .await
        .expect("click three times");
    // The clicks were all handled before the stop's answer came, so by SHUTOFF any extra
    // request would be in the log.
    wait_status(&browser, "SHUTOFF").await;
    assert_eq!(sim.requests("POST", "/action").await.len(), 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_read_can_be_given_up_and_the_list_stays() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let rows_before = browser.count("instance-row").await;
    // The slow answer must be the refresh's, not an auto-refresh's read just before it.
    browser.click("auto-refresh").await;

    sim.set_faults(&["GET /servers/detail=latency:20000,times:1"])
        .await;
    browser.click("refresh").await;
    // Offered after 5 s of waiting.
    browser.by_test_id("slow-notice").await;
    browser.click("stop-waiting").await;
    browser.by_test_id("error-message").await;
    let error = text_of(&browser, "error-message").await;
    assert!(error.contains("cancelled"), "error shown: {error}");
    assert!(!browser.is_present("slow-notice").await);
    assert_eq!(
        browser.count("instance-row").await,
        rows_before,
        "the list stays"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_html_error_page_on_a_refresh_is_explained_and_the_key_pairs_stay() {
    let sim = simulator();
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.click("nav-keypairs").await;
    browser.by_test_id("keypair-row").await;
    let rows_before = browser.count("keypair-row").await;

    // A proxy's HTML page instead of the list (a 404 is not retried).
    sim.set_faults(&["GET /os-keypairs=html,status:404,times:1"])
        .await;
    browser.click("refresh").await;
    browser.by_test_id("error-message").await;
    let error = text_of(&browser, "error-message").await;
    assert!(error.contains("HTTP 404"), "error shown: {error}");
    assert!(
        !error.contains("<html"),
        "the page's markup is not shown: {error}"
    );
    assert_eq!(
        browser.count("keypair-row").await,
        rows_before,
        "the key pairs stay"
    );
    browser.close().await;
}
