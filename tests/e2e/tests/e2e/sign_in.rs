//! Sign in through the identity service, see the seeded instances, sign out.

use console_e2e::{Browser, Simulator};

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_list_instances_and_sign_out() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;

    browser.sign_in(&sim).await;

    // Every seeded instance shows up with its id and a non-empty status.
    browser
        .wait_until("the seeded instances are listed", || async {
            browser
                .all_css("[data-testid=\"instance-row\"]")
                .await
                .len()
                >= 5
        })
        .await;
    browser.screenshot("instances").await;
    let rows = browser.all_css("[data-testid=\"instance-row\"]").await;
    for row in &rows {
        let id = row
            .attr("data-id")
            .await
            .expect("read data-id")
            .unwrap_or_default();
        assert!(!id.is_empty(), "an instance row has no data-id");
        let status = row
            .find(fantoccini::Locator::Css(
                "[data-testid=\"instance-status\"]",
            ))
            .await
            .expect("status cell")
            .text()
            .await
            .expect("status text");
        assert!(!status.trim().is_empty(), "instance {id} shows no status");
    }
    let statuses: Vec<String> = {
        let mut all = Vec::new();
        for cell in browser.all_css("[data-testid=\"instance-status\"]").await {
            all.push(cell.text().await.unwrap_or_default());
        }
        all
    };
    assert!(
        statuses.iter().any(|s| s.contains("ACTIVE")),
        "no ACTIVE instance among {statuses:?}"
    );

    // The token is in this tab's sessionStorage, under the one session key, and nowhere
    // else: not in localStorage, cookies or IndexedDB.
    let stored = browser.stored_data().await;
    let saved: serde_json::Value = serde_json::from_str(
        stored["session"]["compute-console.session"]
            .as_str()
            .expect("the session is saved for a reload"),
    )
    .expect("the saved session is JSON");
    let token = saved["token"].as_str().expect("a token").to_string();
    assert!(token.len() >= 16, "{saved}");
    assert!(saved.get("password").is_none(), "{saved}");
    let mut elsewhere = stored.clone();
    elsewhere["session"]
        .as_object_mut()
        .unwrap()
        .remove("compute-console.session");
    assert!(
        !elsewhere.to_string().contains(&token),
        "the token is kept somewhere else too: {elsewhere}"
    );
    assert!(
        !stored.to_string().contains(console_e2e::PASSWORD),
        "the password is kept: {stored}"
    );

    browser
        .by_test_id("logout")
        .await
        .click()
        .await
        .expect("click logout");
    browser.by_test_id("login-submit").await;
    assert!(
        browser
            .all_css("[data-testid=\"instance-row\"]")
            .await
            .is_empty(),
        "instances still shown after logout"
    );
    let stored = browser.stored_data().await;
    assert!(
        !stored.to_string().contains(&token),
        "the token outlived the sign-out: {stored}"
    );

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_shows_the_identity_message() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", sim.url))
        .await
        .expect("open the console");
    browser.fill("login-tenant", console_e2e::TENANT).await;
    browser.fill("login-username", console_e2e::USERNAME).await;
    browser.fill("login-password", "not-the-password").await;
    browser
        .by_test_id("login-submit")
        .await
        .click()
        .await
        .expect("click sign in");
    let error = browser.by_test_id("error-message").await;
    browser.screenshot("login-error").await;
    let text = error.text().await.expect("error text");
    // Keystone's own message and status, not a generic text.
    assert!(
        text.contains("401") && text.to_lowercase().contains("authentication"),
        "unexpected error text: {text}"
    );
    assert!(browser
        .all_css("[data-testid=\"instance-row\"]")
        .await
        .is_empty());
    browser.close().await;
}

/// `next` after sign-in goes only to the console's own pages: every payload that would leave
/// the origin (backslashes, tabs, protocol-relative paths, schemes, encodings) lands on the
/// instance list instead, and a real deep link still comes back whole.
#[tokio::test(flavor = "multi_thread")]
async fn sign_in_never_redirects_off_the_console() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let home = format!("{}/instances", sim.url);
    // (what `next` holds once decoded, or already encoded as an attacker would write it)
    let hostile = [
        encode("/\\evil.example/"),
        "/%09/evil.example".to_string(),
        encode("//evil.example/"),
        encode("\\\\evil.example"),
        encode("/\\/evil.example"),
        encode("javascript:alert(document.domain)"),
        encode("http://evil.example/"),
        "%2F%2Fevil.example".to_string(),
        "%252F%252Fevil.example".to_string(),
        encode("/login?next=//evil.example"),
    ];
    // Signing in on the form, then (the session kept for the reload) arriving signed in.
    for signed_in in [false, true] {
        for next in &hostile {
            if !signed_in {
                browser
                    .client
                    .execute("sessionStorage.clear();", vec![])
                    .await
                    .expect("forget the session");
            }
            browser
                .client
                .goto(&format!("{}/login?next={next}", sim.url))
                .await
                .expect("open the sign-in page");
            if !signed_in {
                browser.fill_sign_in_form().await;
            }
            browser.by_test_id("instance-row").await;
            let url = browser.client.current_url().await.unwrap().to_string();
            assert_eq!(
                url, home,
                "next={next} led to {url} (signed in: {signed_in})"
            );
        }
    }
    // The console's own deep link, with its query, comes back whole.
    let deep = "/instances/5e1f0000-0000-4000-8000-000000000002?tab=volumes";
    browser
        .client
        .execute("sessionStorage.clear();", vec![])
        .await
        .expect("forget the session");
    browser
        .client
        .goto(&format!("{}/login?next={}", sim.url, encode(deep)))
        .await
        .expect("open the sign-in page");
    browser.fill_sign_in_form().await;
    browser.by_test_id("tab-volumes").await;
    let url = browser.client.current_url().await.unwrap().to_string();
    assert_eq!(url, format!("{}{deep}", sim.url));
    browser.close().await;
}
