//! The origin is the console's boundary: any page of the origin can join the tabs' channel,
//! so a deployment that shares its origin turns the hand-over off (`tabHandOver`), an
//! announcement never carries a token, a framed console signs in only through its embedding
//! page, and a session left idle does not come back with a fresh idle period after a reload.

use std::time::Duration;

use console_e2e::{Browser, Simulator};
use serde_json::Value;

/// From the current page (of the console's origin but not the console), joins the console's
/// channel, posts `ask` as a new console tab would, and returns every message heard in 2 s.
async fn ask_on_the_channel(browser: &Browser) -> Vec<String> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const channel = new BroadcastChannel('compute-console:/');
        const heard = [];
        channel.onmessage = (event) => heard.push(String(event.data));
        channel.postMessage(JSON.stringify({ kind: 'ask' }));
        setTimeout(() => { channel.close(); done(heard); }, 2000);
    "#;
    let heard = browser
        .client
        .execute_async(script, vec![])
        .await
        .expect("listen on the channel");
    heard
        .as_array()
        .expect("a list")
        .iter()
        .map(|m| m.as_str().unwrap_or_default().to_string())
        .collect()
}

/// A page of the origin that is not the console.
fn not_the_console(sim: &Simulator) -> String {
    format!("{}/config.json", sim.url)
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_hand_over_off_no_page_of_the_origin_gets_the_token() {
    let sim = Simulator::start(&["--console-setting", "tabHandOver=false"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let token = browser
        .saved_token()
        .await
        .expect("this tab keeps its copy");

    browser.open_tab(&not_the_console(&sim)).await;
    let heard = ask_on_the_channel(&browser).await;
    assert!(
        heard.iter().all(|m| !m.contains(&token)),
        "a message carried the token: {heard:?}"
    );
    assert_eq!(heard, Vec::<String>::new(), "no console listens at all");

    // Each tab keeps its own session: a new console tab asks for a sign-in.
    browser.open_tab(&format!("{}/instances", sim.url)).await;
    browser.by_test_id("login-submit").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_hand_over_on_only_an_answer_to_ask_carries_the_token() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let first = browser.client.window().await.unwrap();
    let token = browser.saved_token().await.expect("saved");

    // On an origin of its own, the channel hands the session to whoever asks: the documented
    // reason the console needs that origin. The answer is the only message with the token.
    let other = browser.open_tab(&not_the_console(&sim)).await;
    let heard = ask_on_the_channel(&browser).await;
    let carrying: Vec<&String> = heard.iter().filter(|m| m.contains(&token)).collect();
    assert_eq!(carrying.len(), 1, "{heard:?}");
    let answer: Value = serde_json::from_str(carrying[0]).unwrap();
    assert_eq!(answer["kind"], "answer");

    // A sign-in is announced by who signed in, never with the token.
    browser
        .client
        .execute(
            "window.heard = []; const c = new BroadcastChannel('compute-console:/'); \
             c.onmessage = (e) => window.heard.push(String(e.data));",
            vec![],
        )
        .await
        .unwrap();
    browser.switch_tab(&first).await;
    browser.by_test_id("logout").await.click().await.unwrap();
    browser.fill_sign_in_form().await;
    browser.by_test_id("instance-row").await;
    let fresh = browser.saved_token().await.expect("saved again");
    browser.switch_tab(&other).await;
    let heard = browser
        .client
        .execute("return window.heard;", vec![])
        .await
        .unwrap();
    let heard: Vec<String> = heard
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap_or_default().to_string())
        .collect();
    let announced = heard
        .iter()
        .find(|m| m.contains("\"signed-in\""))
        .unwrap_or_else(|| panic!("the sign-in was announced: {heard:?}"));
    assert!(!announced.contains(&fresh), "{announced}");
    assert!(heard.iter().all(|m| !m.contains(&fresh)), "{heard:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_framed_console_is_never_signed_in_by_the_tab_or_its_storage() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    // A second console tab that would answer any ask.
    let first = browser.client.window().await.unwrap();
    browser.open_tab(&format!("{}/instances", sim.url)).await;
    browser.by_test_id("instance-row").await;
    // The first tab, whose storage holds the session, goes to another page of the origin,
    // which frames the console (as a sibling or user-content page of the site could).
    browser.switch_tab(&first).await;
    browser.client.goto(&not_the_console(&sim)).await.unwrap();
    browser
        .client
        .execute(
            "const f = document.createElement('iframe'); f.src = '/instances'; \
             f.width = 1200; f.height = 800; document.body.appendChild(f);",
            vec![],
        )
        .await
        .unwrap();
    browser.client.enter_frame(0).await.expect("into the frame");
    browser.by_test_id("login-submit").await;
    // Well past the hand-over wait: still the form, no instance.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(browser.is_present("login-submit").await);
    assert!(!browser.is_present("instance-row").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_left_idle_on_another_page_does_not_come_back() {
    // 0.1 minute: 6 s.
    let sim = Simulator::start(&["--console-setting", "idleTimeoutMinutes=0.1"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    assert!(browser.saved_token().await.is_some());
    browser.client.goto(&not_the_console(&sim)).await.unwrap();
    tokio::time::sleep(Duration::from_secs(12)).await;
    browser
        .client
        .goto(&format!("{}/instances", sim.url))
        .await
        .unwrap();
    browser.by_test_id("login-submit").await;
    let note = browser
        .by_test_id("signed-out-notice")
        .await
        .text()
        .await
        .unwrap();
    assert!(note.contains("0.1 min"), "the idle note: {note}");
    assert_eq!(browser.saved_token().await, None);
    browser.close().await;
}
