//! Sessions for daily use: a reload keeps the page and the session, a new tab is signed in by
//! the others, a sign-out in one tab ends every tab, the saved copy goes when the token
//! expires or is refused, memory-only deployments keep nothing, the re-login dialog is for
//! the same user only, the idle timeout signs every tab out, a message never changes who a tab
//! is signed in as, and forged tab messages are ignored.

use std::time::{Duration, Instant};

use crate::instance_ui::{current_url, open_instance, text_of, wait_only_status};
use console_e2e::seed::WEB_02;
use console_e2e::{Browser, Simulator, PASSWORD, SESSION_KEY, TENANT, USERNAME};
use serde_json::{json, Value};

/// Whether `token` appears anywhere the origin keeps data, besides this tab's session key.
async fn token_kept_elsewhere(browser: &Browser, token: &str) -> Option<Value> {
    let mut stored = browser.stored_data().await;
    if let Some(session) = stored["session"].as_object_mut() {
        session.remove(SESSION_KEY);
    }
    stored.to_string().contains(token).then_some(stored)
}

async fn wait_signed_out(browser: &Browser, what: &str) {
    browser
        .wait_until(what, || async { browser.is_present("login-submit").await })
        .await;
}

/// Revokes every token, then has the page read: the next request is refused with a 401 and
/// the re-login dialog opens.
async fn refuse_the_token(sim: &Simulator, browser: &Browser) {
    sim.control("POST", "/_sim/expire-tokens", None).await;
    browser.click("refresh").await;
    browser
        .wait_css("[data-testid=\"relogin-dialog\"][open]")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reload_keeps_the_page_and_the_session() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let token = browser.saved_token().await.expect("the session is saved");
    assert!(token_kept_elsewhere(&browser, &token).await.is_none());

    // A filtered list.
    browser
        .client
        .goto(&format!("{}/instances?status=SHUTOFF", sim.url))
        .await
        .expect("open the filtered list");
    wait_only_status(&browser, "SHUTOFF").await;
    browser.client.refresh().await.expect("reload");
    wait_only_status(&browser, "SHUTOFF").await;
    assert!(!browser.is_present("login-submit").await);
    assert!(current_url(&browser)
        .await
        .ends_with("/instances?status=SHUTOFF"));

    // A detail page.
    browser.click("nav-instances").await;
    open_instance(&browser, WEB_02).await;
    let detail = current_url(&browser).await;
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("action-stop").await;
    browser.watch_page_errors().await;
    assert_eq!(current_url(&browser).await, detail);
    assert!(text_of(&browser, "instance-name").await.contains("web-02"));

    // The reload sent no sign-in: the saved token went on being used.
    let sign_ins = sim.requests("POST", "/v2.0/tokens").await;
    assert_eq!(sign_ins.len(), 1, "{sign_ins:?}");
    assert_eq!(browser.saved_token().await.as_deref(), Some(token.as_str()));
    assert!(token_kept_elsewhere(&browser, &token).await.is_none());
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn new_tabs_are_signed_in_and_sign_out_ends_every_tab() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let first = browser.client.window().await.expect("this tab");
    let token = browser.saved_token().await.expect("saved");

    // A deep link in a new tab: signed in by the first tab, no form, same page.
    let started = Instant::now();
    let second = browser
        .open_tab(&format!("{}/instances/{WEB_02}", sim.url))
        .await;
    browser.by_test_id("action-stop").await;
    let took = started.elapsed();
    assert!(!browser.is_present("login-submit").await);
    assert!(current_url(&browser)
        .await
        .ends_with(&format!("/instances/{WEB_02}")));
    // Each tab keeps its own copy for its own reloads.
    assert_eq!(browser.saved_token().await.as_deref(), Some(token.as_str()));
    // A third tab on a page of another kind.
    let third = browser.open_tab(&format!("{}/keypairs", sim.url)).await;
    browser.by_test_id("keypair-row").await;
    assert_eq!(sim.requests("POST", "/v2.0/tokens").await.len(), 1);
    eprintln!(
        "a new tab showed its deep link {} ms after opening",
        took.as_millis()
    );

    // Sign out in the second tab: every tab is signed out within 2 s, and no tab keeps the
    // token anywhere.
    browser.switch_tab(&second).await;
    browser.click("logout").await;
    let signed_out = Instant::now();
    for tab in [&first, &third, &second] {
        browser.switch_tab(tab).await;
        wait_signed_out(&browser, "every tab shows the sign-in form").await;
        assert!(
            browser
                .all_css("[data-testid=\"instance-row\"], [data-testid=\"keypair-row\"]")
                .await
                .is_empty(),
            "a tab still shows data after the sign-out"
        );
        assert_eq!(browser.saved_token().await, None);
        let stored = browser.stored_data().await;
        assert!(!stored.to_string().contains(&token), "{stored}");
    }
    assert!(
        signed_out.elapsed() < Duration::from_secs(2),
        "the other tabs took {} ms to sign out",
        signed_out.elapsed().as_millis()
    );
    browser.switch_tab(&first).await;
    assert!(
        text_of(&browser, "signed-out-notice")
            .await
            .contains("another tab"),
        "the first tab says why it was signed out"
    );

    // A new tab now finds nobody to sign it in: the form, with `next` kept.
    browser
        .open_tab(&format!("{}/instances/{WEB_02}", sim.url))
        .await;
    browser.by_test_id("login-submit").await;
    assert!(current_url(&browser)
        .await
        .contains("next=%2Finstances%2F5e1f0000"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_or_expired_token_is_not_kept_for_a_reload() {
    // Tokens live 40 s: long enough to sign in and look, short enough to wait out.
    let sim = Simulator::start(&["--test-control", "--token-ttl", "40"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    assert!(browser.saved_token().await.is_some());

    // Refused (revoked early): the next read answers 401, the re-login dialog opens, and the
    // saved copy is gone at once. Cancelled, a reload asks for the sign-in again.
    refuse_the_token(&sim, &browser).await;
    assert_eq!(browser.saved_token().await, None);
    browser.click("relogin-cancel").await;
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("login-submit").await;
    assert!(current_url(&browser).await.contains("next="));

    // Expired by the clock: signed in again, the copy goes when the token's time is up even
    // though nobody sent a request.
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    assert!(browser.saved_token().await.is_some());
    browser
        .wait_until_for(
            "the saved copy goes when the token expires",
            Duration::from_secs(60),
            || async { browser.saved_token().await.is_none() },
        )
        .await;
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("login-submit").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn memory_only_deployments_keep_nothing() {
    let sim = Simulator::start(&[
        "--test-control",
        "--console-setting",
        "sessionPersistence=\"memory\"",
    ]);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", sim.url))
        .await
        .expect("open the console");
    let note = text_of(&browser, "session-kept-note").await;
    assert!(note.contains("memory only"), "{note}");
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    let stored = browser.stored_data().await;
    assert!(stored["session"].get(SESSION_KEY).is_none(), "{stored}");

    // Open tabs still hand the session over, memory to memory.
    let first = browser.client.window().await.unwrap();
    browser.open_tab(&format!("{}/keypairs", sim.url)).await;
    browser.by_test_id("keypair-row").await;
    let stored = browser.stored_data().await;
    assert!(stored["session"].get(SESSION_KEY).is_none(), "{stored}");
    browser.client.close_window().await.expect("close the tab");
    browser.switch_tab(&first).await;

    // A reload of the only tab signs out.
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("login-submit").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_relogin_dialog_signs_in_the_same_user_only() {
    let sim = Simulator::start(&[
        "--test-control",
        "--extra-user",
        "ops@example.com:ops-password",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    refuse_the_token(&sim, &browser).await;
    let dialog = "[data-testid=\"relogin-dialog\"][open]";

    // Tenant and user are shown, not editable.
    for (id, value) in [("login-tenant", TENANT), ("login-username", USERNAME)] {
        let field = browser
            .wait_css(&format!("{dialog} [data-testid=\"{id}\"]"))
            .await;
        assert_eq!(field.prop("value").await.unwrap().as_deref(), Some(value));
        assert!(
            field.attr("readonly").await.unwrap().is_some(),
            "{id} is editable"
        );
    }
    assert!(!browser.is_present("login-mode-token").await);

    // A forged edit (the attribute removed, another user typed) is refused before anything is
    // sent, though the other user's password is right.
    let sign_ins_before = sim.requests("POST", "/v2.0/tokens").await.len();
    browser
        .client
        .execute(
            "const f = document.querySelector('dialog[open] [data-testid=\"login-username\"]');
             f.removeAttribute('readonly');
             f.value = 'ops@example.com';
             f.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("forge the user name");
    browser.fill("login-password", "ops-password").await;
    browser.click("login-submit").await;
    browser.by_test_id("relogin-other-identity").await;
    assert_eq!(
        sim.requests("POST", "/v2.0/tokens").await.len(),
        sign_ins_before,
        "a sign-in for another user was sent"
    );
    assert!(browser.is_present("relogin-dialog").await);

    // "Sign in as someone else" is a full sign-out.
    browser.click("relogin-someone-else").await;
    browser.by_test_id("login-submit").await;
    assert_eq!(browser.saved_token().await, None);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_relogin_dialog_renews_every_tab_and_replays_the_read() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let first = browser.client.window().await.unwrap();
    let old = browser.saved_token().await.unwrap();
    let second = browser.open_tab(&format!("{}/keypairs", sim.url)).await;
    browser.by_test_id("keypair-row").await;
    browser.switch_tab(&first).await;

    refuse_the_token(&sim, &browser).await;
    browser.fill("login-password", PASSWORD).await;
    browser.click("login-submit").await;
    browser
        .wait_until("the dialog closes", || async {
            browser
                .all_css("[data-testid=\"relogin-dialog\"][open]")
                .await
                .is_empty()
        })
        .await;
    browser.by_test_id("instance-row").await;
    let fresh = browser
        .saved_token()
        .await
        .expect("the renewed session is saved");
    assert_ne!(fresh, old);

    // The other tab took the renewed token without asking.
    browser.switch_tab(&second).await;
    browser
        .wait_until("the second tab takes the renewed token", || async {
            browser.saved_token().await.as_deref() == Some(fresh.as_str())
        })
        .await;
    assert!(!browser.is_present("login-submit").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_idle_timeout_warns_then_signs_out_every_tab() {
    // 0.5 minute: the warning in the last 15 s.
    let sim = Simulator::start(&[
        "--test-control",
        "--console-setting",
        "idleTimeoutMinutes=0.5",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let first = browser.client.window().await.unwrap();
    let second = browser.open_tab(&format!("{}/instances", sim.url)).await;
    browser.by_test_id("instance-row").await;
    browser.switch_tab(&first).await;

    // Input in the first tab keeps both signed in past the timeout, though the second tab
    // sees none of it (and its auto-refresh does not count either way).
    let busy_until = Instant::now() + Duration::from_secs(40);
    while Instant::now() < busy_until {
        browser
            .wait_css("body")
            .await
            .send_keys("\u{E008}")
            .await
            .expect("press Shift");
        tokio::time::sleep(Duration::from_secs(4)).await;
    }
    browser.switch_tab(&second).await;
    assert!(
        !browser.is_present("login-submit").await,
        "the second tab signed out while the first was used"
    );

    // Then nobody touches anything: a warning, then every tab signs out.
    browser
        .wait_until_for("the idle warning", Duration::from_secs(40), || async {
            browser.is_present("idle-warning").await
        })
        .await;
    let warning = text_of(&browser, "idle-warning").await;
    assert!(warning.contains("signs out in"), "{warning}");
    browser
        .wait_until_for("the idle sign-out", Duration::from_secs(30), || async {
            browser.is_present("login-submit").await
        })
        .await;
    assert!(text_of(&browser, "signed-out-notice")
        .await
        .contains("0.5 min"));
    assert_eq!(browser.saved_token().await, None);
    browser.switch_tab(&first).await;
    wait_signed_out(&browser, "the first tab is signed out too").await;
    assert_eq!(browser.saved_token().await, None);
    browser.close().await;
}

/// A session another tab would announce, for the simulator's second user.
async fn announced_session(sim: &Simulator, username: &str, password: &str) -> Value {
    let body = json!({"auth": {"tenantId": TENANT,
        "passwordCredentials": {"username": username, "password": password}}});
    let (status, answer) = sim.call("POST", "/v2.0/tokens", None, Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    let access = &answer["access"];
    json!({
        "format": 1,
        "token": access["token"]["id"],
        "tenantId": TENANT,
        "username": username,
        "expires": access["token"]["expires"],
        "catalog": access["serviceCatalog"],
        "regions": ["KR1", "KR2"],
        "region": "KR1",
        "signedInAt": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as f64,
    })
}

/// Posts `message` (as JSON text) on the console's channel from the current tab, as another
/// tab of the console would.
async fn post_on_channel(browser: &Browser, message: &Value) {
    browser
        .client
        .execute(
            "new BroadcastChannel('compute-console:/').postMessage(arguments[0]);",
            vec![json!(message.to_string())],
        )
        .await
        .expect("post on the channel");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_never_changes_who_a_tab_is_signed_in_as() {
    let sim = Simulator::start(&[
        "--test-control",
        "--extra-user",
        "ops@example.com:ops-password",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.watch_page_errors().await;
    let first = browser.client.window().await.unwrap();
    assert_eq!(text_of(&browser, "signed-in-user").await, USERNAME);
    // A second tab posts, as a tab of the console would (any page of the origin can).
    let second = browser.open_tab(&format!("{}/zones", sim.url)).await;
    browser.by_test_id("logout").await;
    browser.switch_tab(&first).await;

    // Messages that announce nothing: ignored by the first tab.
    for message in [
        json!({"kind": "sign-out"}),
        json!({"kind": "answer", "session": {"token": "forged"}}),
        json!("not even an object"),
        // The old announcement, with a whole session in it: not a message any more.
        json!({"kind": "current", "session": {"token": "forged"}}),
    ] {
        browser.switch_tab(&second).await;
        post_on_channel(&browser, &message).await;
    }
    browser.switch_tab(&first).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(text_of(&browser, "signed-in-user").await, USERNAME);
    assert!(!browser.is_present("login-submit").await);

    // An announcement that fails its checks: the first tab does not go on as if no one had
    // signed in elsewhere, it signs out.
    for damaged in [
        json!({"kind": "signed-in", "tenantId": "../../v2.0", "signedInAt": 1}),
        json!({"kind": "signed-in", "tenantId": TENANT, "username": "a\nb", "signedInAt": 1}),
        json!({"kind": "signed-in"}),
    ] {
        browser.switch_tab(&second).await;
        post_on_channel(&browser, &damaged).await;
        browser.switch_tab(&first).await;
        wait_signed_out(&browser, "a damaged announcement signs the first tab out").await;
        assert_eq!(browser.saved_token().await, None, "after {damaged}");
        browser.fill_sign_in_form().await;
        browser.by_test_id("instance-row").await;
    }

    // Another user's sign-in, announced or handed over with a real token: the first tab
    // signs out and never shows the other user (a message never switches its identity).
    let ops = announced_session(&sim, "ops@example.com", "ops-password").await;
    for message in [
        json!({"kind": "signed-in", "tenantId": TENANT, "username": "ops@example.com",
            "signedInAt": ops["signedInAt"]}),
        json!({"kind": "answer", "session": ops}),
    ] {
        browser.switch_tab(&second).await;
        post_on_channel(&browser, &message).await;
        browser.switch_tab(&first).await;
        wait_signed_out(&browser, "another identity signs the first tab out").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !browser.is_present("signed-in-user").await,
            "the first tab took the other user's session after {message}"
        );
        assert_eq!(browser.saved_token().await, None);
        browser.fill_sign_in_form().await;
        browser.by_test_id("instance-row").await;
        assert_eq!(text_of(&browser, "signed-in-user").await, USERNAME);
    }
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_or_forged_saved_session_is_dropped_for_the_sign_in_form() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let good: Value = serde_json::from_str(
        browser.stored_data().await["session"][SESSION_KEY]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let with = |field: &str, value: Value| {
        let mut session = good.clone();
        session[field] = value;
        session.to_string()
    };
    let damaged = [
        "{\"format\":1,\"tok".to_string(),
        "null".to_string(),
        with("format", json!(99)),
        with("token", json!("forged\r\nX-Injected: 1")),
        with("tenantId", json!("../../v2.0")),
        with("region", json!("KR9")),
        with("expires", json!("2001-01-01T00:00:00Z")),
        with("password", json!("smuggled")),
        with(
            "catalog",
            json!([{"type": "compute", "name": "nova",
                "endpoints": [{"region": "KR1", "publicURL": "javascript:alert(1)//"}]}]),
        ),
    ];
    for text in &damaged {
        browser
            .client
            .execute(
                "sessionStorage.setItem(arguments[0], arguments[1]);",
                vec![json!(SESSION_KEY), json!(text)],
            )
            .await
            .expect("damage the saved session");
        browser
            .client
            .goto(&format!("{}/instances", sim.url))
            .await
            .expect("reload");
        browser.by_test_id("login-submit").await;
        assert!(!browser.is_present("console-stopped").await, "{text}");
        let stored = browser.stored_data().await;
        assert!(
            stored["session"].get(SESSION_KEY).is_none(),
            "a damaged copy was kept: {text}"
        );
    }
    // The form still works.
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    browser.close().await;
}
