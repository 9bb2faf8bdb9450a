//! Names, not ids: the list and the instance page show the image's name (read from Glance in
//! one batch, once per id for the session), "(image deleted)" with the id for an image Glance
//! no longer has, the boot volume for an instance without an image, and attached volumes by
//! name and size.

use crate::instance_ui::{open_instance, row_css, text_of};
use console_e2e::seed::{WEB_01, WEB_02, WEB_SERVER};
use console_e2e::{Browser, Simulator, TENANT};

async fn image_of(sim: &Simulator, token: &str, server: &str) -> (String, String) {
    let (_, body) = sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/servers/{server}"),
            Some(token),
            None,
        )
        .await;
    let id = body["server"]["image"]["id"].as_str().unwrap().to_string();
    let (_, image) = sim
        .call("GET", &format!("/v2/images/{id}"), Some(token), None)
        .await;
    (id, image["name"].as_str().unwrap_or_default().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn images_show_by_name_and_a_deleted_one_says_so() {
    let sim = Simulator::start(&["--test-control"]);
    let token = sim.token().await;
    let (_, ubuntu) = image_of(&sim, &token, WEB_01).await;
    let (deleted, _) = image_of(&sim, &token, WEB_02).await;
    let (status, _) = sim
        .call(
            "DELETE",
            &format!("/v2/images/{deleted}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 204);
    sim.control("DELETE", "/_sim/requests", None).await;

    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    let cell = |id: &str| row_css(id, "[data-testid=\"instance-image\"]");
    // The whole text, also what the narrow cell cuts off.
    let cell_text = |id: &'static str| {
        let browser = &browser;
        let css = cell(id);
        async move {
            browser.wait_css(&css).await;
            let text = browser
                .client
                .execute(
                    "return document.querySelector(arguments[0]).textContent;",
                    vec![serde_json::json!(css)],
                )
                .await
                .expect("read the cell");
            text.as_str().unwrap_or_default().to_string()
        }
    };
    browser
        .wait_until("the image names arrive", || async {
            cell_text(WEB_01).await == ubuntu
        })
        .await;
    browser
        .wait_until("the deleted image says so, with its id", || async {
            let gone = cell_text(WEB_02).await;
            gone.contains("(image deleted)") && gone.contains(&deleted)
        })
        .await;
    let boot = cell_text(WEB_SERVER).await;
    assert!(boot.to_lowercase().contains("volume"), "{boot}");
    // The id is on hover.
    let title = browser
        .wait_css(&cell(WEB_02))
        .await
        .attr("title")
        .await
        .unwrap();
    assert_eq!(title.as_deref(), Some(deleted.as_str()));

    // The instance page names it too, with the id to copy; nothing is read again.
    open_instance(&browser, WEB_01).await;
    browser
        .wait_until("the page names the image", || async {
            text_of(&browser, "instance-image").await == ubuntu
        })
        .await;
    browser.by_test_id("copy-image-id").await;

    // Its attached volumes by name and size, as the block-storage service lists them.
    let (_, volumes) = sim
        .call(
            "GET",
            &format!("/v2/{TENANT}/volumes/detail"),
            Some(&token),
            None,
        )
        .await;
    browser.click("tab-volumes").await;
    browser.by_test_id("volume-row").await;
    for row in browser.all_css("[data-testid=\"volume-row\"]").await {
        let id = row.attr("data-volume-id").await.unwrap().unwrap();
        let volume = volumes["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id.as_str())
            .unwrap_or_else(|| panic!("volume {id} is not listed"));
        let cells = |testid: &'static str| {
            let row = &row;
            async move {
                row.find(fantoccini::Locator::Css(&format!(
                    "[data-testid=\"{testid}\"]"
                )))
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
            }
        };
        browser
            .wait_until("the volume's name", || async {
                cells("volume-name").await == volume["name"].as_str().unwrap_or("—")
            })
            .await;
        assert_eq!(cells("volume-size").await, volume["size"].to_string());
    }
    browser.click("nav-instances").await;
    browser.wait_css(&cell(WEB_01)).await;
    let log = sim.request_log().await;
    let batches: Vec<_> = log
        .iter()
        .filter(|e| e["method"] == "GET" && e["path"] == "/v2/images")
        .collect();
    assert_eq!(
        batches.len(),
        1,
        "one batch for every image of the list: {batches:?}"
    );
    let singles: Vec<_> = log
        .iter()
        .filter(|e| {
            e["method"] == "GET"
                && e["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("/v2/images/"))
        })
        .collect();
    // Only the id the batch did not list is asked for alone (its 404 says deleted).
    assert_eq!(singles.len(), 1, "{singles:?}");
    assert!(singles[0]["path"].as_str().unwrap().ends_with(&deleted));
    browser.close().await;
}
