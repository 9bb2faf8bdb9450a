//! "Launch more like this": from a row menu (by keyboard) and from the detail page, the wizard
//! opens filled from the instance, and what it sends creates an ACTIVE copy.

use console_e2e::seed::{DEFAULT_NETWORK, M2_C2M4, UBUNTU_2204, WEB_01};
use console_e2e::{Browser, Simulator};

use crate::instance_ui::*;

/// The name the wizard's form holds.
async fn create_name(browser: &Browser) -> String {
    browser
        .by_test_id("create-name")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copy_of_web_01_is_filled_in_from_its_row_menu_and_created_active() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.wait_css(&row_css(WEB_01, "")).await;

    // Keyboard only: open the row's menu on its last item, which is "launch more like this".
    browser
        .wait_css(&row_css(WEB_01, "[data-testid=\"row-actions\"]"))
        .await
        .send_keys("\u{E013}") // ArrowUp
        .await
        .expect("open the menu");
    browser
        .wait_until("launch-like focused", || async {
            focused_test_id(&browser).await == "launch-like"
        })
        .await;
    browser.type_keys(KEY_ENTER).await;

    browser.by_test_id("create-prefilled").await;
    browser
        .wait_until("the parameter is dropped from the URL", || async {
            current_url(&browser).await.ends_with("/instances/new")
        })
        .await;
    let name = create_name(&browser).await;
    assert_eq!(name, "web-01-2");

    browser
        .click_css("[data-testid=\"create-step\"][data-step=\"review\"]")
        .await;
    let json = review_json(&browser).await;
    let server = &json["server"];
    assert_eq!(server["name"], "web-01-2");
    assert_eq!(server["imageRef"], UBUNTU_2204);
    assert_eq!(server["flavorRef"], M2_C2M4);
    assert_eq!(server["key_name"], "demo-key");
    assert_eq!(server["availability_zone"], "kr-pub-a");
    assert_eq!(server["metadata"]["team"], "platform");
    let groups: Vec<&str> = server["security_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["default", "web", "ssh"]);
    let networks: Vec<&str> = server["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["uuid"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(networks.len(), 2, "{json}");
    assert!(networks.contains(&DEFAULT_NETWORK), "{json}");
    let root = &server["block_device_mapping_v2"][0];
    assert_eq!(root["volume_size"], 20);
    assert_eq!(root["volume_type"], "General HDD");
    assert_eq!(root["destination_type"], "volume");
    assert_eq!(
        server["block_device_mapping_v2"].as_array().unwrap().len(),
        1,
        "the data volume stays with web-01"
    );

    wait_enabled(&browser, "create-submit").await;
    browser.click("create-submit").await;
    browser
        .wait_css("[data-testid=\"create-result-server\"][data-status=\"ACTIVE\"]")
        .await;
    let token = sim.token().await;
    let (_, list) = sim
        .call(
            "GET",
            &format!("/v2/{}/servers/detail?name=web-01-2", console_e2e::TENANT),
            Some(&token),
            None,
        )
        .await;
    let copy = &list["servers"][0];
    assert_eq!(copy["status"], "ACTIVE", "{list}");
    assert_eq!(copy["flavor"]["id"], M2_C2M4);
    assert_eq!(copy["key_name"], "demo-key");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_detail_page_offers_it_and_an_unknown_id_is_explained() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_instance(&browser, WEB_01).await;
    browser.click("launch-like").await;
    browser.by_test_id("create-prefilled").await;
    assert_eq!(create_name(&browser).await.as_str(), "web-01-2");

    // A link to a server that is not there says so and leaves the form alone.
    let url = current_url(&browser).await;
    let missing = url.replace(
        "/instances/new",
        "/instances/new?like=00000000-0000-4000-8000-00000000dead",
    );
    browser.client.goto(&missing).await.expect("open the link");
    browser.by_test_id("error-message").await;
    assert!(!browser.is_present("create-prefilled").await);
    assert_eq!(
        create_name(&browser).await.as_str(),
        "web-01-2",
        "the draft is kept"
    );
    browser.close().await;
}
