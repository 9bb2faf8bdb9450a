//! The create wizard against the simulator: a Linux instance created and followed to ACTIVE,
//! a Windows image on a U2 flavor refused before anything is sent, and a draft that survives
//! a reload.

use console_e2e::{Browser, Simulator};

use crate::instance_ui::{fill_create_wizard, review_json, wait_created_active, CreateWizard};
use console_e2e::seed::{M2_C2M4, SPARE_A, U2_C2M4, UBUNTU_2204, WINDOWS_2019};
use console_e2e::TENANT;

async fn step(browser: &Browser, name: &str) {
    crate::instance_ui::wizard_step(browser, name).await;
}

async fn open_wizard(browser: &Browser) {
    browser.click("instance-create").await;
    browser.by_test_id("create-name").await;
}

/// Basics to Access for an instance; the caller picks the image and flavor rows.
async fn fill(browser: &Browser, name: &str, image: &str, flavor: &str) {
    fill_create_wizard(browser, name, image, flavor).await;
    CreateWizard(browser).key_pair("access-key").await;
}

async fn errors(browser: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for el in browser.all_css("[data-testid=\"field-error\"]").await {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

async fn submit_enabled(browser: &Browser) -> bool {
    browser
        .by_test_id("create-submit")
        .await
        .is_enabled()
        .await
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_linux_instance_is_created_and_followed_to_active() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    fill(&browser, "wizard-web", UBUNTU_2204, M2_C2M4).await;
    step(&browser, "review").await;
    browser
        .wait_until("Submit enabled", || submit_enabled(&browser))
        .await;
    assert!(errors(&browser).await.is_empty());
    let json = review_json(&browser).await;
    assert_eq!(json["server"]["imageRef"], UBUNTU_2204);
    assert_eq!(
        json["server"]["block_device_mapping_v2"][0]["destination_type"],
        "volume"
    );
    browser.screenshot("create-review").await;

    browser.click("create-submit").await;
    wait_created_active(&browser).await;
    let line = browser
        .by_test_id("create-result-server")
        .await
        .text()
        .await
        .unwrap();
    assert!(line.contains("wizard-web"), "{line}");
    // Submit stays disabled after a success: no second POST by accident.
    assert!(!submit_enabled(&browser).await);
    browser.screenshot("create-active").await;
    browser.close().await;
}

/// The guide: `delete_on_termination` "the default value is `false`". An existing volume added
/// in the wizard, its option left as proposed, outlives the instance.
#[tokio::test(flavor = "multi_thread")]
async fn an_existing_volume_added_as_is_outlives_the_instance() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    // The spare volume is in kr-pub-a: the instance goes there too.
    browser
        .by_test_id("create-az")
        .await
        .select_by_value("kr-pub-a")
        .await
        .expect("choose the zone");
    fill(&browser, "keeps-data", UBUNTU_2204, M2_C2M4).await;
    step(&browser, "image").await;
    browser.click("create-add-volume").await;
    let extra = "[data-testid=\"create-disk\"][data-index=\"1\"]";
    // Picked from the block storage list by name (size, zone, bootable), not typed.
    browser
        .wait_css(&format!("{extra} [data-testid=\"create-disk-pick\"]"))
        .await
        .select_by_value(SPARE_A)
        .await
        .expect("pick the spare volume");
    let checkbox = browser
        .wait_css(&format!("{extra} [data-testid=\"create-disk-delete\"]"))
        .await;
    assert!(
        !checkbox.is_selected().await.unwrap(),
        "an existing volume is not proposed for deletion"
    );
    let note = browser
        .wait_css(&format!(
            "{extra} [data-testid=\"create-disk-delete-note\"]"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(note.contains("kept"), "{note}");

    step(&browser, "review").await;
    browser
        .wait_until("Submit enabled", || submit_enabled(&browser))
        .await;
    let json = review_json(&browser).await;
    let disks = &json["server"]["block_device_mapping_v2"];
    assert_eq!(disks[1]["uuid"], SPARE_A);
    assert_eq!(disks[1]["delete_on_termination"], false);
    // The root is a new volume made from the image, deleted with the instance, and the
    // review says both in words.
    assert_eq!(disks[0]["delete_on_termination"], true);
    let mut said = Vec::new();
    for row in browser
        .all_css("[data-testid=\"create-review-disk\"]")
        .await
    {
        said.push(row.attr("data-delete").await.unwrap().unwrap_or_default());
    }
    assert_eq!(said, ["true", "false"]);

    browser.click("create-submit").await;
    wait_created_active(&browser).await;
    let id = browser
        .by_test_id("create-result-server")
        .await
        .attr("data-id")
        .await
        .unwrap()
        .expect("the created server's id");
    let token = sim.token().await;
    let server = format!("/v2/{TENANT}/servers/{id}");
    let (status, _) = sim.call("DELETE", &server, Some(&token), None).await;
    assert_eq!(status, 204);
    browser
        .wait_until("the instance gone", || async {
            sim.call("GET", &server, Some(&token), None).await.0 == 404
        })
        .await;
    let volume = format!("/v2/{TENANT}/volumes/{SPARE_A}");
    let (status, answer) = sim.call("GET", &volume, Some(&token), None).await;
    assert_eq!(status, 200, "the volume still exists: {answer}");
    assert_eq!(answer["volume"]["status"], "available");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn three_instances_at_once_are_all_followed_to_active() {
    let sim = Simulator::start(&["--transition-ms", "300"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    browser.fill("create-count-max", "3").await;
    fill(&browser, "trio", UBUNTU_2204, M2_C2M4).await;
    step(&browser, "review").await;
    browser
        .wait_until("Submit enabled", || submit_enabled(&browser))
        .await;
    let json = review_json(&browser).await;
    // The review shows what is sent: the reservation is asked for, to follow all three.
    assert_eq!(json["server"]["max_count"], 3);
    assert_eq!(json["server"]["return_reservation_id"], true);
    browser.click("create-submit").await;
    browser
        .wait_until("all three instances ACTIVE", || async {
            let lines = browser
                .all_css("[data-testid=\"create-result-server\"][data-status=\"ACTIVE\"]")
                .await;
            lines.len() == 3
        })
        .await;
    let mut names = Vec::new();
    for line in browser
        .all_css("[data-testid=\"create-result-server\"]")
        .await
    {
        names.push(line.text().await.unwrap());
    }
    assert!(names.iter().all(|n| n.contains("trio")), "{names:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn windows_on_a_u2_flavor_is_refused_before_sending() {
    let sim = Simulator::start(&["--transition-ms", "300", "--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    fill(&browser, "win-01", WINDOWS_2019, U2_C2M4).await;
    step(&browser, "flavor").await;
    let u2_radio = browser
        .wait_css(&format!(
            "[data-testid=\"flavor-option\"][data-id=\"{U2_C2M4}\"] input"
        ))
        .await;
    assert!(
        !u2_radio.is_enabled().await.unwrap(),
        "the U2 row is disabled"
    );
    step(&browser, "review").await;
    browser.by_test_id("create-errors").await;
    let listed = errors(&browser).await;
    assert!(
        listed.iter().any(|e| e.contains("U2")),
        "the U2 rule is listed: {listed:?}"
    );
    assert!(!submit_enabled(&browser).await);
    // Pressing it anyway sends nothing: a request it sent would reach the simulator before
    // the list read of the next click (the console sends in click order).
    let _ = browser.by_test_id("create-submit").await.click().await;
    let reads = sim.requests("GET", "/servers/detail").await.len();
    browser.click("nav-instances").await;
    browser
        .wait_until("the list read after leaving the wizard", || async {
            sim.requests("GET", "/servers/detail").await.len() > reads
        })
        .await;
    let posts = sim.requests("POST", "/servers").await;
    assert!(
        posts.is_empty(),
        "no POST /servers reached the simulator: {posts:?}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_draft_survives_a_reload() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    browser.fill("create-name", "draft-kept").await;
    browser.click("create-next").await;
    browser.fill("create-image", UBUNTU_2204).await;

    // A reload keeps the session and the wizard's draft.
    browser.client.refresh().await.expect("reload");
    browser.by_test_id("create-draft-restored").await;
    let image = browser.by_test_id("create-image").await;
    assert_eq!(
        image.prop("value").await.unwrap().as_deref(),
        Some(UBUNTU_2204)
    );
    step(&browser, "basics").await;
    let name = browser.by_test_id("create-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("draft-kept")
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_checked_against_the_list_and_never_resent_by_itself() {
    // The server is created, then the answer is replaced by a 504.
    let sim = Simulator::start(&[
        "--transition-ms",
        "300",
        "--test-control",
        "--fault",
        "POST /servers=status:504,after,times:1",
    ]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    fill(&browser, "lost-answer", UBUNTU_2204, M2_C2M4).await;
    step(&browser, "review").await;
    browser
        .wait_until("Submit enabled", || submit_enabled(&browser))
        .await;
    browser.click("create-submit").await;

    browser.by_test_id("create-unknown").await;
    // The list was checked: the instance the lost answer created is shown, with its link.
    let found = browser
        .wait_css("[data-testid=\"create-unknown\"] [data-testid=\"create-result-server\"]")
        .await
        .text()
        .await
        .unwrap();
    assert!(found.contains("lost-answer"), "{found}");
    browser.by_test_id("create-resend").await;
    assert!(
        !submit_enabled(&browser).await,
        "Submit waits for an explicit resend"
    );
    // Nothing was sent again on its own: the look-up above came after the answer, and a
    // resend would have come before it.
    assert_eq!(sim.requests("POST", "/servers").await.len(), 1);

    // Only the explicit button sends it again.
    browser.click("create-resend").await;
    browser.by_test_id("create-result").await;
    assert_eq!(sim.requests("POST", "/servers").await.len(), 2);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_401_on_submit_signs_in_again_in_place_and_creates_exactly_one_server() {
    let sim = Simulator::start(&["--transition-ms", "300", "--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    fill(&browser, "after-relogin", UBUNTU_2204, M2_C2M4).await;
    step(&browser, "review").await;
    browser
        .wait_until("Submit enabled", || submit_enabled(&browser))
        .await;

    // The token expires while the user reviews: the create is refused with a 401.
    sim.control("POST", "/_sim/expire-tokens", None).await;
    browser.click("create-submit").await;
    browser
        .wait_css("[data-testid=\"relogin-dialog\"][open]")
        .await;
    browser.fill("login-password", console_e2e::PASSWORD).await;
    browser.click("login-submit").await;

    // The same request goes out once more with the new token; the wizard follows the server.
    wait_created_active(&browser).await;
    let answers = sim.answers("POST", "/servers").await;
    assert_eq!(answers, vec![401, 202], "refused once, then created once");
    let token = sim.token().await;
    let (_, list) = sim
        .call(
            "GET",
            &format!(
                "/v2/{}/servers?name=%5Eafter-relogin%24",
                console_e2e::TENANT
            ),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        list["servers"].as_array().map(Vec::len),
        Some(1),
        "exactly one server: {list}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_pair_created_on_the_access_step_is_chosen_and_the_form_kept() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_wizard(&browser).await;
    fill(&browser, "with-new-key", UBUNTU_2204, M2_C2M4).await;

    browser.click("create-keypair-new").await;
    browser.fill("keypair-name", "made-in-wizard").await;
    browser.click("keypair-submit").await;
    let private_key = browser
        .by_test_id("keypair-private-key")
        .await
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(private_key.contains("PRIVATE KEY"), "{private_key}");
    browser.click("keypair-private-key-done").await;

    let chosen = browser.by_test_id("create-keypair").await;
    browser
        .wait_until("the new key pair chosen", || async {
            chosen.prop("value").await.ok().flatten().as_deref() == Some("made-in-wizard")
        })
        .await;
    // The rest of the form is as it was.
    step(&browser, "basics").await;
    let name = browser.by_test_id("create-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("with-new-key")
    );
    browser.close().await;
}
