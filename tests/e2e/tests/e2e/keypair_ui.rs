//! Steps the two key pair test files share.

use console_e2e::Browser;

/// The selector of a key pair's row in the list.
pub fn keypair_row(name: &str) -> String {
    format!("[data-testid=\"keypair-row\"][data-name=\"{name}\"]")
}

/// Opens the key pair list from the navigation and waits for the seed's key pair.
pub async fn open_keypairs(browser: &Browser) {
    browser.click("nav-keypairs").await;
    browser.wait_css(&keypair_row("access-key")).await;
}
