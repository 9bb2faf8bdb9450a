//! The notice that replaces the page when the console itself fails: it empties the page (no
//! private data stays on screen), says so in the page's language, and offers a plain reload
//! link that runs none of the console's code. (Shown here in a container: the test runner
//! keeps its own output in the page's body.)

use compute_console::crash::{replace_with_notice, STOPPED_TESTID};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::document;

#[wasm_bindgen_test]
fn the_stopped_notice_replaces_the_page_and_holds_no_data() {
    let page = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&page).unwrap();
    let private = document().create_element("p").unwrap();
    private.set_text_content(Some("gAAAAA-token-like-secret"));
    page.append_child(&private).unwrap();
    let root = document().document_element().unwrap();
    let lang_before = root.get_attribute("lang");
    root.set_attribute("lang", "ko").unwrap();

    replace_with_notice(&page);

    let text = page.text_content().unwrap_or_default();
    assert!(!text.contains("secret"), "the page kept data: {text}");
    assert!(
        text.contains("새로 고침"),
        "not in the page's language: {text}"
    );
    let notice = page
        .query_selector(&format!("[data-testid=\"{STOPPED_TESTID}\"]"))
        .unwrap()
        .expect("the notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let link: web_sys::HtmlAnchorElement = notice
        .query_selector("a")
        .unwrap()
        .expect("a reload link")
        .unchecked_into();
    assert_eq!(
        link.href(),
        web_sys::window().unwrap().location().href().unwrap()
    );
    assert_eq!(page.child_element_count(), 1, "only the notice is left");

    page.remove();
    match lang_before {
        Some(lang) => root.set_attribute("lang", &lang).unwrap(),
        None => root.remove_attribute("lang").unwrap(),
    }
}
