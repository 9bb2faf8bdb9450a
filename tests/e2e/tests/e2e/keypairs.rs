//! Key pairs, flavors and zones through the UI against the simulator: create a key pair and
//! download its private key, import a public key, a 409 for a taken name, delete with
//! confirmation; flavors sorted and filtered by minRam in the URL; zones listed.

use console_e2e::downloads::{wait_for_file, TempDir};
use console_e2e::{Browser, Simulator};

use crate::instance_ui::test_id;
use crate::keypair_ui::{keypair_row, open_keypairs};
use fantoccini::key::Key;
use fantoccini::Locator;

/// A real public key made with `ssh-keygen -t rsa`.
const RSA: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC6QQ1OrhT3qh4rW74ngUaaA2acgoSAkvciJ53eaFzPe5RBioSIVuIR/fs51O0XPFzAOwm+tRDTEYFrxcHk7SgFceZq2ME426XArh20A+ZUz0j3wDpP1nTstmjOeLlOwSG6vmNXfbZ26LzfFY1XVTXI64pf9lRx5yBZlfEy+fQ5NfmYyZBwgqGXcFPyOCwk4vWiQ4Xwv+7RwRf6LYJLAQnqB8ulu4VXdC+ZeoeGGHLAU4vu0mQCMQpn+ixNEIVPWYutLWzIWDYaYFJlVOEigwMxmzNE7NbPaWYuRBTPP52FYsqBjdTIwCYxICaprN2gBvmMQY8xPL7GccwViGVQtgAH test@example";

async fn texts(browser: &Browser, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in browser.all_css(css).await {
        out.push(el.text().await.unwrap_or_default());
    }
    out
}

#[tokio::test]
async fn create_a_key_pair_and_download_its_private_key_once() {
    let sim = Simulator::start(&[]);
    let downloads = TempDir::new("downloads");
    let browser = Browser::start_with_downloads(&downloads.0).await;
    browser.sign_in(&sim).await;
    open_keypairs(&browser).await;

    browser.click("keypair-create").await;
    // The name is checked before anything is sent.
    browser.fill("keypair-name", "no/slash").await;
    browser.click("keypair-submit").await;
    let errors = texts(&browser, &test_id("field-error")).await;
    assert!(
        errors.iter().any(|e| e.contains("“/”")),
        "a name error: {errors:?}"
    );
    assert!(!browser.has_css(&test_id("keypair-private-key")).await);

    browser.fill("keypair-name", "e2e-deploy").await;
    browser.click("keypair-submit").await;
    let shown = browser
        .by_test_id("keypair-private-key")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        shown.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"),
        "{shown}"
    );
    let panel = browser
        .by_test_id("keypair-private-key-panel")
        .await
        .text()
        .await
        .unwrap();
    assert!(panel.contains("cannot be fetched again"), "{panel}");
    browser.wait_css(&keypair_row("e2e-deploy")).await;
    browser.screenshot("keypair-private-key").await;
    // Nothing on the page can start over and lose the key before it is saved.
    for id in ["keypair-create", "keypair-import"] {
        let enabled = browser.by_test_id(id).await.is_enabled().await.unwrap();
        assert!(!enabled, "{id} is disabled while the key is shown");
    }

    browser.click("keypair-download").await;
    let saved = wait_for_file(&downloads.0.join("e2e-deploy.pem")).await;
    assert_eq!(
        saved, shown,
        "the file holds exactly the key the page showed"
    );

    // Once saved, the key is gone from the page for good.
    browser.click("keypair-private-key-done").await;
    browser
        .wait_until("the private key is gone", || async {
            !browser.has_css(&test_id("keypair-private-key")).await
        })
        .await;
    let page = browser
        .wait_css("main")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(!page.contains("PRIVATE KEY-----"));

    // The detail page has the public key, never the private one.
    browser
        .click_css(&format!("{} a", keypair_row("e2e-deploy")))
        .await;
    let public = browser
        .by_test_id("keypair-public-key-text")
        .await
        .text()
        .await
        .unwrap();
    assert!(public.starts_with("ssh-ed25519 "), "{public}");
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(url.ends_with("/keypairs/e2e-deploy"), "{url}");

    // A key not yet saved is dropped on sign-out: signing in again does not bring it back.
    open_keypairs(&browser).await;
    browser.click("keypair-create").await;
    browser.fill("keypair-name", "e2e-unsaved").await;
    browser.click("keypair-submit").await;
    browser.by_test_id("keypair-private-key").await;
    browser.click("logout").await;
    // Signed in again in the same page.
    browser.fill("login-tenant", console_e2e::TENANT).await;
    browser.fill("login-username", console_e2e::USERNAME).await;
    browser.fill("login-password", console_e2e::PASSWORD).await;
    browser.click("login-submit").await;
    browser.by_test_id("instance-row").await;
    open_keypairs(&browser).await;
    browser.wait_css(&keypair_row("e2e-unsaved")).await;
    assert!(!browser.has_css(&test_id("keypair-private-key")).await);
    browser.close().await;
}

#[tokio::test]
async fn import_refuse_a_duplicate_and_delete_with_confirmation() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    open_keypairs(&browser).await;
    let before = browser.all_css(&test_id("keypair-row")).await.len();

    browser.click("keypair-import").await;
    browser.fill("keypair-name", "laptop").await;
    // A malformed key is refused before sending.
    browser
        .fill("keypair-public-key", "ssh-rsa not-a-key")
        .await;
    browser.click("keypair-submit").await;
    let errors = texts(&browser, &test_id("field-error")).await;
    assert_eq!(errors, ["The key data is not valid base64."]);

    // Read from a file instead, as a user would pick `id_rsa.pub`.
    let dir = TempDir::new("pubkey");
    let file = dir.0.join("id_rsa.pub");
    std::fs::write(&file, format!("{RSA}\n")).unwrap();
    browser
        .by_test_id("keypair-public-key-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .expect("choose the file");
    browser
        .wait_until("the file is read into the box", || async {
            browser
                .by_test_id("keypair-public-key")
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .as_deref()
                == Some(RSA)
        })
        .await;
    assert!(texts(&browser, &test_id("field-error")).await.is_empty());
    browser.click("keypair-submit").await;
    browser.wait_css(&keypair_row("laptop")).await;
    let saved = browser
        .by_test_id("keypair-saved")
        .await
        .text()
        .await
        .unwrap();
    assert!(saved.contains("laptop"), "{saved}");
    assert_eq!(
        browser.all_css(&test_id("keypair-row")).await.len(),
        before + 1
    );

    // The same name again: Nova's 409, said in words.
    browser.fill("keypair-name", "laptop").await;
    browser.fill("keypair-public-key", RSA).await;
    browser.click("keypair-submit").await;
    let error = browser
        .by_test_id("error-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        error.contains("Key pair 'laptop' already exists."),
        "{error}"
    );
    assert!(error.contains("409"), "{error}");
    let errors = texts(&browser, &test_id("field-error")).await;
    assert!(
        errors.iter().any(|e| e.contains("already exists")),
        "{errors:?}"
    );
    browser.screenshot("keypair-conflict").await;

    // Delete asks first, naming the key pair; Cancel keeps it.
    let delete = "[data-testid=\"keypair-delete\"][data-name=\"laptop\"]";
    browser.click_css(delete).await;
    let message = browser
        .wait_css(".confirm-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(message.contains("“laptop”"), "{message}");
    browser.click("confirm-cancel").await;
    assert!(browser.has_css(&keypair_row("laptop")).await);

    browser.click_css(delete).await;
    browser.click("confirm-ok").await;
    browser
        .wait_until("laptop is deleted", || async {
            !browser.has_css(&keypair_row("laptop")).await
        })
        .await;
    let notice = browser
        .by_test_id("keypair-deleted")
        .await
        .text()
        .await
        .unwrap();
    assert!(notice.contains("laptop"), "{notice}");
    assert_eq!(browser.all_css(&test_id("keypair-row")).await.len(), before);
    // Cancel sent nothing: the one delete is the confirmed one.
    assert_eq!(sim.answers("DELETE", "/os-keypairs/laptop").await, [202]);
    browser.close().await;
}

/// The RAM column, read in one script: the table may re-render between finding the cells and
/// reading them one by one.
async fn ram_column(browser: &Browser) -> Vec<u64> {
    let cells = browser
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"flavor-row\"] td[data-ram]')]\
             .map(td => td.dataset.ram);",
            vec![],
        )
        .await
        .expect("read the RAM column");
    cells
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|ram| ram.as_str()?.parse().ok())
        .collect()
}

async fn aria_sort(browser: &Browser, key: &str) -> String {
    browser
        .wait_css(&format!("th[data-sort-key=\"{key}\"]"))
        .await
        .attr("aria-sort")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn flavors_filtered_by_min_ram_on_the_server_and_sorted() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.click("nav-flavors").await;
    browser.by_test_id("flavor-row").await;
    let all = ram_column(&browser).await;
    assert!(all.len() > 3);

    browser.fill("flavor-min-ram", "16384").await;
    browser.click("flavor-filter-apply").await;
    browser
        .wait_until("the filtered list", || async {
            let url = browser.client.current_url().await.unwrap().to_string();
            url.contains("minRam=16384") && ram_column(&browser).await.len() < all.len()
        })
        .await;
    let filtered = ram_column(&browser).await;
    assert!(!filtered.is_empty());
    assert!(filtered.iter().all(|ram| *ram >= 16384), "{filtered:?}");
    assert_eq!(
        filtered.len(),
        all.iter().filter(|ram| **ram >= 16384).count()
    );

    // Sort by RAM: once ascending, again descending, kept in the URL with the filter.
    browser.click("sort-ram").await;
    browser
        .wait_until("sorted ascending", || async {
            aria_sort(&browser, "ram").await == "ascending"
        })
        .await;
    let ascending = ram_column(&browser).await;
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    browser.click("sort-ram").await;
    browser
        .wait_until("sorted descending", || async {
            aria_sort(&browser, "ram").await == "descending"
        })
        .await;
    let descending = ram_column(&browser).await;
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    assert_eq!(aria_sort(&browser, "name").await, "none");
    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(
        url.contains("minRam=16384") && url.contains("sort=ram") && url.contains("dir=desc"),
        "{url}"
    );

    // The keyboard works too: Enter on the vCPU header.
    let enter: char = Key::Enter.into();
    browser
        .by_test_id("sort-vcpus")
        .await
        .send_keys(&enter.to_string())
        .await
        .expect("press Enter");
    browser
        .wait_until("sorted by vCPU", || async {
            aria_sort(&browser, "vcpus").await == "ascending"
        })
        .await;
    browser.screenshot("flavors-sorted").await;

    // Back restores the previous view from the URL.
    browser.client.back().await.unwrap();
    browser
        .wait_until("back to RAM descending", || async {
            aria_sort(&browser, "ram").await == "descending"
        })
        .await;
    browser.close().await;
}

#[tokio::test]
async fn zones_are_listed_with_their_availability() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.click("nav-zones").await;
    browser.by_test_id("zone-row").await;
    let mut zones = Vec::new();
    for row in browser.all_css(&test_id("zone-row")).await {
        zones.push((
            row.attr("data-name").await.unwrap().unwrap_or_default(),
            row.attr("data-available")
                .await
                .unwrap()
                .unwrap_or_default(),
        ));
    }
    assert_eq!(
        zones,
        [
            ("kr-pub-a".to_string(), "true".to_string()),
            ("kr-pub-b".to_string(), "true".to_string())
        ]
    );
    let rows = texts(&browser, &test_id("zone-row")).await;
    assert!(rows.iter().all(|r| r.contains("Available")), "{rows:?}");
    assert!(browser.client.find(Locator::Css(".count")).await.is_ok());
    browser.close().await;
}

#[tokio::test]
async fn a_key_pair_detail_is_deep_linkable() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    // A link opened in a fresh browser signs in, then comes back.
    browser
        .client
        .goto(&format!("{}/keypairs/demo-key", sim.url))
        .await
        .expect("open the link");
    browser.fill("login-tenant", console_e2e::TENANT).await;
    browser.fill("login-username", console_e2e::USERNAME).await;
    browser.fill("login-password", console_e2e::PASSWORD).await;
    browser.click("login-submit").await;
    let name = browser
        .by_test_id("keypair-detail-name")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(name, "demo-key");
    let public = browser
        .by_test_id("keypair-public-key-text")
        .await
        .text()
        .await
        .unwrap();
    assert!(public.starts_with("ssh-ed25519 AAAA"), "{public}");
    for id in ["keypair-id", "keypair-user-id", "keypair-fingerprint"] {
        let value = browser.by_test_id(id).await.text().await.unwrap();
        assert!(!value.is_empty() && value != "—", "{id}: {value:?}");
    }
    // `updated_at` is documented too: shown, a dash while the key pair was never updated.
    let updated = browser
        .by_test_id("keypair-updated")
        .await
        .text()
        .await
        .unwrap();
    assert!(!updated.is_empty(), "{updated:?}");

    // Delete from the detail page: confirm, then back to the list without it.
    browser.click("keypair-delete").await;
    let message = browser
        .wait_css(".confirm-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(message.contains("“demo-key”"), "{message}");
    browser.click("confirm-ok").await;
    browser.wait_css(&keypair_row("access-key")).await;
    assert!(!browser.has_css(&keypair_row("demo-key")).await);

    let url = browser.client.current_url().await.unwrap().to_string();
    assert!(url.ends_with("/keypairs"), "{url}");

    // Back to the deleted key pair's page: it says it is gone, with Nova's 404.
    browser.client.back().await.unwrap();
    let error = browser
        .by_test_id("error-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("404"), "{error}");
    let page = browser.wait_css("main").await.text().await.unwrap();
    assert!(page.contains("This key pair does not exist"), "{page}");
    browser.close().await;
}
