//! The Connect panel on the detail page: the SSH command for a Linux instance (its floating
//! address first, the login user NHN copies into the metadata, the key pair's .pem) and the
//! RDP command for a Windows one, each for the address chosen.

use crate::instance_ui::{open_instance, text_of};
use console_e2e::{Browser, Simulator, TENANT};
use serde_json::Value;

/// The seeded servers, as the API gives them.
async fn servers(sim: &Simulator) -> Vec<Value> {
    let token = sim.token().await;
    let (status, body) = sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/servers/detail"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["servers"].as_array().cloned().unwrap_or_default()
}

fn meta<'a>(server: &'a Value, key: &str) -> &'a str {
    server["metadata"][key].as_str().unwrap_or_default()
}

fn addresses(server: &Value, kind: &str) -> Vec<String> {
    server["addresses"]
        .as_object()
        .into_iter()
        .flat_map(|nets| nets.values())
        .flat_map(|list| list.as_array().cloned().unwrap_or_default())
        .filter(|a| a["OS-EXT-IPS:type"] == kind)
        .filter_map(|a| a["addr"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_connect_panel_gives_ssh_and_rdp_commands() {
    let sim = Simulator::start(&[]);
    let all = servers(&sim).await;
    let linux = all
        .iter()
        .find(|s| {
            meta(s, "os_type").eq_ignore_ascii_case("linux")
                && !meta(s, "login_username").is_empty()
                && !addresses(s, "floating").is_empty()
                && s["key_name"].is_string()
        })
        .expect("a seeded Linux server with a floating IP and a key pair");
    let windows = all
        .iter()
        .find(|s| meta(s, "os_type").eq_ignore_ascii_case("windows"))
        .expect("a seeded Windows server");

    let browser = Browser::start().await;
    browser.sign_in(&sim).await;

    // Linux: the floating address first, the metadata's user, the key pair's file.
    open_instance(&browser, linux["id"].as_str().unwrap()).await;
    browser.by_test_id("connect-panel").await;
    let floating = &addresses(linux, "floating")[0];
    let key = linux["key_name"].as_str().unwrap();
    let user = meta(linux, "login_username");
    assert_eq!(
        text_of(&browser, "connect-command").await,
        format!("ssh -i {key}.pem {user}@{floating}")
    );
    let notes = text_of(&browser, "connect-panel").await;
    assert!(notes.contains(&format!("{key}.pem")), "{notes}");
    assert!(!notes.contains("a guess"), "{notes}");
    // Another address gives another command.
    let fixed = &addresses(linux, "fixed")[0];
    browser
        .by_test_id("connect-address")
        .await
        .select_by_value(fixed)
        .await
        .expect("choose the fixed address");
    assert_eq!(
        text_of(&browser, "connect-command").await,
        format!("ssh -i {key}.pem {user}@{fixed}")
    );

    // Windows: Remote Desktop as Administrator, and where the password comes from.
    browser
        .by_test_id("nav-instances")
        .await
        .click()
        .await
        .unwrap();
    open_instance(&browser, windows["id"].as_str().unwrap()).await;
    let address = addresses(windows, "floating")
        .into_iter()
        .chain(addresses(windows, "fixed"))
        .next()
        .unwrap();
    browser
        .wait_until("the Windows command", || async {
            text_of(&browser, "connect-command").await == format!("mstsc /v:{address}")
        })
        .await;
    assert_eq!(text_of(&browser, "connect-user").await, "Administrator");
    let notes = text_of(&browser, "connect-panel").await;
    assert!(notes.contains("Remote Desktop"), "{notes}");
    assert!(notes.contains("never shows"), "{notes}");
    browser.close().await;
}
