//! The console framed by an internal admin page on another origin: the page hands over its
//! Keystone token when the console says it is ready, the console re-scopes it and is signed
//! in, and tells the page when the session ends. The same page on an origin that is not in
//! `embed.allowedOrigins` is never answered and its messages change nothing.

use std::time::Duration;

use console_e2e::host_page::HostPage;
use console_e2e::{Browser, Simulator, TENANT};
use serde_json::Value;

/// The admin page: frames the console and hands over `token` on `compute-console:ready`. A
/// hostile page does not wait to be asked: it posts a session every 100 ms to any origin.
fn host_html(console: &str, token: &str, hostile: bool) -> String {
    let console_origin = console.trim_end_matches('/');
    let pushing = if hostile {
        "setInterval(() => { window.posted += 1; frame.contentWindow.postMessage(session, '*'); }, 100);"
    } else {
        ""
    };
    format!(
        r#"<!doctype html><meta charset="utf-8"><title>Admin</title>
<iframe id="console" src="{console_origin}/instances" width="1200" height="800"></iframe>
<script>
  const frame = document.getElementById("console");
  const session = {{ type: "compute-console:session", token: "{token}", tenantId: "{TENANT}" }};
  window.received = [];
  window.posted = 0;
  window.addEventListener("message", (event) => {{
    if (event.source !== frame.contentWindow) return;
    window.received.push({{ origin: event.origin, type: event.data && event.data.type }});
    if (event.data && event.data.type === "compute-console:ready") {{
      window.posted += 1;
      frame.contentWindow.postMessage(session, "{console_origin}");
    }}
  }});
  {pushing}
</script>"#
    )
}

/// What the admin page was told by the console (`[{origin, type}]`), and how many messages
/// it posted.
async fn host_state(browser: &Browser) -> (Vec<Value>, u64) {
    browser
        .client
        .enter_parent_frame()
        .await
        .expect("back to the host page");
    let state = browser
        .client
        .execute("return [window.received, window.posted];", vec![])
        .await
        .expect("read the host page's state");
    browser
        .client
        .enter_frame(0)
        .await
        .expect("into the console");
    let received = state[0].as_array().cloned().unwrap_or_default();
    (received, state[1].as_u64().unwrap_or_default())
}

fn types(received: &[Value]) -> Vec<String> {
    received
        .iter()
        .map(|m| m["type"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Serves the host page (`hostile` or not) with a token of the simulator's user, clears the
/// request log, and opens the page in a browser whose commands go into the console's frame.
async fn open_host_page(host: &mut HostPage, sim: &Simulator, hostile: bool) -> Browser {
    let token = sim.token().await;
    host.serve(host_html(&sim.url, &token, hostile));
    sim.control("DELETE", "/_sim/requests", None).await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/", host.origin))
        .await
        .expect("open the host page");
    browser
        .client
        .enter_frame(0)
        .await
        .expect("into the console");
    browser
}

#[tokio::test(flavor = "multi_thread")]
async fn an_allowed_page_hands_over_its_session() {
    let mut host = HostPage::bind();
    let allowed = format!("embed={{\"allowedOrigins\":[\"{}\"]}}", host.origin);
    let sim = Simulator::start(&["--test-control", "--console-setting", &allowed]);
    let browser = open_host_page(&mut host, &sim, false).await;
    browser.by_test_id("instance-row").await;
    assert!(!browser.is_present("login-submit").await);

    // One re-scope at Keystone with the page's token; the console then uses its own token.
    let log = sim.request_log().await;
    let sign_ins: Vec<&Value> = log
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == "/v2.0/tokens")
        .collect();
    assert_eq!(sign_ins.len(), 1, "{log:?}");
    let (received, posted) = host_state(&browser).await;
    assert_eq!(types(&received), ["compute-console:ready"]);
    assert!(received.iter().all(|m| m["origin"] == sim.url.as_str()));
    assert_eq!(posted, 1);

    // The session ends: the page is told, so it can hand over a fresh one.
    browser
        .by_test_id("logout")
        .await
        .click()
        .await
        .expect("sign out");
    browser.by_test_id("login-submit").await;
    let (received, _) = host_state(&browser).await;
    assert_eq!(
        types(&received),
        ["compute-console:ready", "compute-console:signed-out"]
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_of_another_origin_is_ignored() {
    let mut host = HostPage::bind();
    // Only some other page may hand over a session.
    let sim = Simulator::start(&[
        "--test-control",
        "--console-setting",
        "embed={\"allowedOrigins\":[\"https://admin.example.com\"]}",
    ]);
    let browser = open_host_page(&mut host, &sim, true).await;
    browser.by_test_id("login-submit").await;
    browser.watch_page_errors().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    assert!(browser.is_present("login-submit").await);

    // Dozens of hand-overs posted, none used: no Keystone request, still the sign-in form,
    // and not a word (not even "ready") sent to that page.
    let (received, posted) = host_state(&browser).await;
    assert!(posted >= 10, "the page posted only {posted} messages");
    assert!(
        received.is_empty(),
        "the console told the page: {received:?}"
    );
    let log = sim.request_log().await;
    assert!(
        log.iter().all(|e| e["path"] != "/v2.0/tokens"),
        "a message of another origin reached Keystone: {log:?}"
    );
    browser.close().await;
}
