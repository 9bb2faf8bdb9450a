//! At phone width (390 px) the instance list is a column of cards: name, status, addresses and
//! the row menu visible, the other columns left to the instance's page, and nothing wider than
//! the screen.

use console_e2e::{Browser, Simulator};

/// Whether the element matched by `css` (inside the first instance row) is displayed.
async fn shown(browser: &Browser, css: &str) -> bool {
    let script = "const row = document.querySelector('[data-testid=\"instance-row\"]');
         const el = row && row.querySelector(arguments[0]);
         if (!el) return false;
         const box = el.getBoundingClientRect();
         return getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0
             && box.right <= window.innerWidth + 1;";
    browser
        .client
        .execute(script, vec![serde_json::json!(css)])
        .await
        .expect("measure")
        .as_bool()
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_is_cards_at_phone_width() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(390, 844)
        .await
        .expect("phone-sized window");
    browser.sign_in(&sim).await;
    browser.screenshot("phone-instances").await;
    for essential in [
        ".col-name a",
        "[data-testid=\"instance-status\"]",
        ".col-addresses .addr",
        "[data-testid=\"row-actions\"]",
    ] {
        assert!(
            shown(&browser, essential).await,
            "{essential} is not shown on the card"
        );
    }
    for detail in [".col-flavor", ".col-created", ".col-zone"] {
        assert!(
            !shown(&browser, detail).await,
            "{detail} is shown on a phone"
        );
    }
    let overflow = browser
        .client
        .execute(
            "const list = document.querySelector('[data-testid=\"instance-list\"]');
             return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                     list.scrollWidth - list.clientWidth];",
            vec![],
        )
        .await
        .expect("measure the page");
    assert_eq!(
        overflow,
        serde_json::json!([0, 0]),
        "horizontal scroll at 390 px"
    );
    // Every seeded instance is still there to scroll to.
    let rows = browser
        .all_css("[data-testid=\"instance-row\"]")
        .await
        .len();
    assert!(rows >= 5, "{rows} cards");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn each_image_choice_keeps_its_button_beside_its_name_at_phone_width() {
    let sim = Simulator::start(&[]);
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(390, 844)
        .await
        .expect("phone-sized window");
    browser.sign_in(&sim).await;
    browser
        .by_test_id("instance-create")
        .await
        .click()
        .await
        .expect("open the wizard");
    browser
        .wait_css("[data-testid=\"create-step\"][data-step=\"image\"]")
        .await
        .click()
        .await
        .expect("the image step");
    browser.by_test_id("image-option").await;
    // For each option: the name starts right of the button, and its first line is the
    // button's line (a long name may wrap, beside the button).
    let misplaced = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=\"image-option\"]'))
                .filter(row => {
                    const radio = row.querySelector('input[type=radio]').getBoundingClientRect();
                    const name = row.querySelector('label span').getClientRects()[0];
                    return !(name.left >= radio.right && name.top < radio.bottom
                             && name.bottom > radio.top);
                })
                .map(row => row.dataset.id);",
            vec![],
        )
        .await
        .expect("measure the options");
    assert_eq!(misplaced, serde_json::json!([]));
    browser.close().await;
}
