//! Steps the instance tests share: finding a row by instance id, clicking what a re-render may
//! replace, reading statuses, and loading a page afresh (a reload keeps the session).

use console_e2e::seed::DEFAULT_NETWORK;
use console_e2e::Browser;
use fantoccini::elements::Element;
use fantoccini::Locator;

/// The selector of an instance's list row, or of something inside it.
pub fn row_css(id: &str, inside: &str) -> String {
    let row = format!("[data-testid=\"instance-row\"][data-id=\"{id}\"]");
    if inside.is_empty() {
        row
    } else {
        format!("{row} {inside}")
    }
}

/// The selector of an element by test id.
pub fn test_id(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The first element matching `css` now, if any.
async fn find_now(browser: &Browser, css: &str) -> Option<Element> {
    browser.client.find(Locator::Css(css)).await.ok()
}

/// The `data-status` of the first element matching `css`, or "" when there is none.
async fn status_at(browser: &Browser, css: &str) -> String {
    match find_now(browser, css).await {
        Some(el) => el
            .attr("data-status")
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// Opens an instance's detail page from the list, as a person would.
pub async fn open_instance(browser: &Browser, id: &str) {
    browser.click_css(&row_css(id, "td.col-name a")).await;
    browser.by_test_id("action-stop").await;
}

/// The status shown on the detail page.
pub async fn status(browser: &Browser) -> String {
    status_at(browser, &test_id("instance-status")).await
}

pub async fn wait_status(browser: &Browser, want: &str) {
    browser
        .wait_until(&format!("status {want}"), || async {
            status(browser).await == want
        })
        .await;
}

/// The status of an instance's row in the list ("" when it is not listed).
pub async fn row_status(browser: &Browser, id: &str) -> String {
    status_at(browser, &row_css(id, &test_id("instance-status"))).await
}

pub async fn wait_row_status(browser: &Browser, id: &str, want: &str) {
    browser
        .wait_until(&format!("row {id} {want}"), || async {
            row_status(browser, id).await == want
        })
        .await;
}

/// Waits until the first element matching `css` exists and is enabled.
pub async fn wait_enabled_css(browser: &Browser, css: &str) {
    browser
        .wait_until(&format!("{css} enabled"), || async {
            match find_now(browser, css).await {
                Some(el) => el.is_enabled().await.unwrap_or(false),
                None => false,
            }
        })
        .await;
}

/// Waits until the button with the test id is enabled (the instance settled and no request is
/// in flight).
pub async fn wait_enabled(browser: &Browser, id: &str) {
    wait_enabled_css(browser, &test_id(id)).await;
}

pub async fn is_enabled(browser: &Browser, id: &str) -> bool {
    browser.by_test_id(id).await.is_enabled().await.unwrap()
}

pub async fn text_of(browser: &Browser, id: &str) -> String {
    browser
        .by_test_id(id)
        .await
        .text()
        .await
        .unwrap_or_default()
}

/// The text of the open confirmation.
pub async fn confirmation(browser: &Browser) -> String {
    browser
        .wait_css("[role=\"dialog\"] .confirm-message")
        .await
        .text()
        .await
        .unwrap()
}

/// Ticks an instance's row checkbox.
pub async fn select_row(browser: &Browser, id: &str) {
    browser
        .click_css(&row_css(id, &test_id("instance-select")))
        .await;
}

/// The ids and statuses of the rows shown now.
pub async fn rows(browser: &Browser) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in browser.all_css(&test_id("instance-row")).await {
        let id = row.attr("data-id").await.ok().flatten().unwrap_or_default();
        let status = match row.find(Locator::Css(&test_id("instance-status"))).await {
            Ok(cell) => cell
                .attr("data-status")
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        out.push((id, status));
    }
    out
}

pub async fn row_ids(browser: &Browser) -> Vec<String> {
    rows(browser).await.into_iter().map(|(id, _)| id).collect()
}

pub async fn wait_only_status(browser: &Browser, want: &str) {
    browser
        .wait_until(&format!("only {want} rows"), || async {
            let rows = rows(browser).await;
            !rows.is_empty() && rows.iter().all(|(_, s)| s == want)
        })
        .await;
}

pub async fn current_url(browser: &Browser) -> String {
    browser.client.current_url().await.unwrap().to_string()
}

/// Loads `url` afresh in the same tab (a reload, a pasted link): the session survives it, so
/// the page comes back without the sign-in form.
pub async fn open_url_signed_in(browser: &Browser, url: &str) {
    browser.client.goto(url).await.expect("open the url");
    browser.by_test_id("logout").await;
    assert!(
        !browser.is_present("login-submit").await,
        "the sign-in form came back after loading {url}"
    );
}

/// WebDriver key codes.
pub const KEY_DOWN: &str = "\u{E015}";
pub const KEY_LEFT: &str = "\u{E012}";
pub const KEY_RIGHT: &str = "\u{E014}";
pub const KEY_ENTER: &str = "\u{E007}";
pub const KEY_ESCAPE: &str = "\u{E00C}";

/// The test id of the focused element.
pub async fn focused_test_id(browser: &Browser) -> String {
    match browser.client.active_element().await {
        Ok(el) => el
            .attr("data-testid")
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The request the review step shows.
pub async fn review_json(browser: &Browser) -> serde_json::Value {
    let text = browser
        .by_test_id("create-review-json")
        .await
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).expect("the review shows JSON")
}

/// Waits until the server the wizard created is followed to ACTIVE.
pub async fn wait_created_active(browser: &Browser) {
    browser
        .wait_until("the created instance ACTIVE", || async {
            match browser
                .client
                .find(Locator::Css("[data-testid=\"create-result-server\"]"))
                .await
            {
                Ok(el) => el.attr("data-status").await.ok().flatten().as_deref() == Some("ACTIVE"),
                Err(_) => false,
            }
        })
        .await;
}

/// Goes to a step of the wizard by its list (at the top of the page, as a person would after
/// a long step), and waits until the wizard shows it. A wizard that does not get there says
/// where it is and whether the console stopped.
pub async fn wizard_step(browser: &Browser, name: &str) {
    browser
        .client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .expect("scroll to the top");
    browser
        .click_css(&format!(
            "[data-testid=\"create-step\"][data-step=\"{name}\"]"
        ))
        .await;
    let current =
        format!("[data-testid=\"create-step\"][data-step=\"{name}\"][aria-current=\"step\"]");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.all_css(&current).await.is_empty() {
        if std::time::Instant::now() > deadline {
            browser.screenshot("chaos-wizard-step").await;
            let stopped = browser.is_present("console-stopped").await;
            panic!("the wizard did not show the {name} step (console stopped: {stopped})");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The create wizard's steps, each filled in and left by its Next button, as a person goes
/// through them. A test that checks something between two steps calls them one by one.
pub struct CreateWizard<'a>(pub &'a Browser);

impl CreateWizard<'_> {
    /// Basics: the instance's name.
    pub async fn name(&self, name: &str) {
        self.0.fill("create-name", name).await;
        self.0.click("create-next").await;
    }

    /// Image: a row of the image list.
    pub async fn image_row(&self, image: &str) {
        self.0
            .click_css(&format!(
                "[data-testid=\"image-option\"][data-id=\"{image}\"] input"
            ))
            .await;
        self.0.click("create-next").await;
    }

    /// Flavor, by its id.
    pub async fn flavor(&self, flavor: &str) {
        self.0.fill("create-flavor", flavor).await;
        self.0.click("create-next").await;
    }

    /// Network, by its id.
    pub async fn network(&self, network: &str) {
        self.0.fill("create-network", network).await;
        self.0.click("create-next").await;
    }

    /// Access: a key pair of the list (the step stays open).
    pub async fn key_pair(&self, name: &str) {
        self.0
            .wait_css(&format!(
                "[data-testid=\"create-keypair\"] option[value=\"{name}\"]"
            ))
            .await;
        self.0
            .by_test_id("create-keypair")
            .await
            .select_by_value(name)
            .await
            .expect("choose the key pair");
    }
}

/// Basics to Access for an instance on the seed's default network; the Access step is left
/// open for the caller's key pair.
pub async fn fill_create_wizard(browser: &Browser, name: &str, image: &str, flavor: &str) {
    let wizard = CreateWizard(browser);
    wizard.name(name).await;
    wizard.image_row(image).await;
    wizard.flavor(flavor).await;
    wizard.network(DEFAULT_NETWORK).await;
}
