//! The keyboard layer, driven by keys only: Ctrl+K opens the command palette, an address jumps
//! to its instance, an action the rules allow runs through the same confirmation as its button,
//! a region is switched; `?` lists the shortcuts and gives the focus back; `/` goes to the
//! quick filter.

use console_e2e::{Browser, Simulator};

use crate::instance_ui::*;
use console_e2e::seed::{WEB_01, WEB_02};

/// web-01's fixed address on the default network.
const WEB_01_ADDRESS: &str = "192.168.0.11";

const CONTROL: &str = "\u{E009}";
/// Releases the modifiers held down in a `send_keys`.
const RELEASE: &str = "\u{E000}";
const KEY_TAB: &str = "\u{E004}";

async fn open_palette(browser: &Browser) {
    browser.type_keys(&format!("{CONTROL}k{RELEASE}")).await;
    browser.by_test_id("command-palette").await;
    browser
        .wait_until("the palette's input has the focus", || async {
            focused_test_id(browser).await == "palette-input"
        })
        .await;
}

/// The key of the option the combobox points at.
async fn active_option(browser: &Browser) -> String {
    browser
        .client
        .execute(
            "const input = document.querySelector('[data-testid=\"palette-input\"]');
             const id = input && input.getAttribute('aria-activedescendant');
             const el = id && document.getElementById(id);
             return el ? el.dataset.key : '';",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Presses the down arrow until the active option is `key`.
async fn arrow_to(browser: &Browser, key: &str) {
    for _ in 0..30 {
        if active_option(browser).await == key {
            return;
        }
        browser.type_keys(KEY_DOWN).await;
    }
    panic!("no option {key}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_jumps_acts_and_switches_region_from_the_keyboard() {
    let sim = Simulator::start(&["--test-control"]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.wait_css(&row_css(WEB_01, "")).await;
    browser.watch_page_errors().await;

    // An address finds its instance first; Enter opens it.
    open_palette(&browser).await;
    browser.type_keys(WEB_01_ADDRESS).await;
    browser
        .wait_until("web-01 is the first result", || async {
            active_option(&browser).await == format!("instance:{WEB_01}")
        })
        .await;
    let count = browser
        .by_test_id("palette-count")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(count.contains("results"), "{count}");
    browser.type_keys(KEY_ENTER).await;
    browser
        .wait_until("web-01's page", || async {
            current_url(&browser)
                .await
                .ends_with(&format!("/instances/{WEB_01}"))
        })
        .await;
    assert!(!browser.is_present("command-palette").await);

    // An action the rules allow, with the confirmation its button has: a hard reboot.
    open_palette(&browser).await;
    browser.type_keys("web-02").await;
    let hard_reboot = format!("action:reboothard:{WEB_02}");
    browser
        .wait_until("web-02's actions", || async {
            browser
                .all_css(&format!("[data-key=\"{hard_reboot}\"]"))
                .await
                .len()
                == 1
        })
        .await;
    // Refused operations are not offered (web-02 is ACTIVE: no start).
    assert!(browser
        .all_css(&format!("[data-key=\"action:start:{WEB_02}\"]"))
        .await
        .is_empty());
    arrow_to(&browser, &hard_reboot).await;
    browser.type_keys(KEY_ENTER).await;
    browser.by_test_id("confirm-ok").await;
    assert!(
        sim.requests("POST", &format!("/servers/{WEB_02}/action"))
            .await
            .is_empty(),
        "nothing is sent before the confirmation"
    );
    // The confirmation starts on Cancel; Tab to OK, Enter.
    browser.type_keys(KEY_TAB).await;
    assert_eq!(focused_test_id(&browser).await, "confirm-ok");
    browser.type_keys(KEY_ENTER).await;
    browser
        .wait_until("the reboot is sent once", || async {
            sim.requests("POST", &format!("/servers/{WEB_02}/action"))
                .await
                .len()
                == 1
        })
        .await;
    browser
        .wait_until("the outcome is told", || async {
            browser
                .by_test_id("palette-outcome")
                .await
                .text()
                .await
                .unwrap_or_default()
                .contains("web-02")
        })
        .await;

    // Another region.
    open_palette(&browser).await;
    browser.type_keys("KR2").await;
    browser
        .wait_until("the region command", || async {
            active_option(&browser).await == "region:KR2"
        })
        .await;
    browser.type_keys(KEY_ENTER).await;
    browser
        .wait_until("KR2 chosen", || async {
            browser
                .by_test_id("region-select")
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .as_deref()
                == Some("KR2")
        })
        .await;
    assert!(browser.page_errors().await.is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn question_mark_lists_the_shortcuts_and_slash_goes_to_the_filter() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser.sign_in(&sim).await;
    browser.wait_css(&row_css(WEB_01, "")).await;
    open_instance(&browser, WEB_01).await;

    // From a focused button, `?` opens the list; Escape closes it and the button has the
    // focus again.
    browser
        .by_test_id("tab-volumes")
        .await
        .send_keys("?")
        .await
        .expect("press ?");
    browser.by_test_id("shortcuts-help").await;
    let listed = browser
        .by_test_id("shortcuts-help")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        listed.contains("Ctrl+K") && listed.contains('/'),
        "{listed}"
    );
    browser.type_keys(KEY_ESCAPE).await;
    browser
        .wait_until("the focus is back", || async {
            !browser.is_present("shortcuts-help").await
                && focused_test_id(&browser).await == "tab-volumes"
        })
        .await;

    // `/` goes to the list's quick filter, from any page; typed there it is text.
    browser.type_keys("/").await;
    browser
        .wait_until("the quick filter has the focus", || async {
            focused_test_id(&browser).await == "instance-filter"
        })
        .await;
    browser.type_keys("a/b?").await;
    assert_eq!(
        browser
            .by_test_id("instance-filter")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("a/b?")
    );
    assert!(!browser.is_present("shortcuts-help").await);
    browser.close().await;
}
