//! What the user sees when the console itself fails. In the release build a panic aborts the
//! wasm (`panic = "abort"`): nothing on the page works after it. The panic hook replaces the
//! page with a short notice and a reload link, so the user is not left clicking a dead screen.
//! The notice holds no data: no token, no API text, not even the panic's own message (it may
//! quote data); the console's log gets only the code location.

use wasm_bindgen::JsCast;

/// The id of the notice, for tests.
pub const STOPPED_TESTID: &str = "console-stopped";

/// Installs the hook (once, at start-up).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        web_sys::console::error_1(
            &format!("Compute Console stopped on an internal error at {at}").into(),
        );
        show_stopped_notice();
    }));
}

/// The notice's words in a language.
fn words(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "ko" => (
            "콘솔이 내부 오류로 중지되었습니다. 계속하려면 페이지를 새로 고치세요.",
            "새로 고침",
        ),
        "ja" => (
            "内部エラーのため、コンソールが停止しました。続けるにはページを更新してください。",
            "更新",
        ),
        _ => (
            "The console stopped on an internal error. Reload the page to continue.",
            "Reload",
        ),
    }
}

/// Empties the page (nothing private stays on screen) and shows the notice. Plain DOM calls
/// and a plain link: no reactive code, which may be what failed.
pub fn show_stopped_notice() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        replace_with_notice(&body);
    }
}

/// Replaces everything in `container` with the notice, in the page's language (`<html lang>`,
/// which the console keeps current).
pub fn replace_with_notice(container: &web_sys::Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .unwrap_or_default();
    let (message, reload) = words(&lang);
    container.set_text_content(None);
    let notice = || -> Option<web_sys::Element> {
        let main = document.create_element("main").ok()?;
        main.set_class_name("login-page");
        let section = document.create_element("section").ok()?;
        section.set_class_name("login-card error-box");
        section.set_attribute("role", "alert").ok()?;
        section.set_attribute("data-testid", STOPPED_TESTID).ok()?;
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(message));
        // A link to this very page reloads it without running any of the console's code.
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        let here = web_sys::window()?.location().href().ok()?;
        link.set_href(&here);
        link.set_class_name("button primary");
        link.set_text_content(Some(reload));
        section.append_child(&text).ok()?;
        section.append_child(&link).ok()?;
        main.append_child(&section).ok()?;
        Some(main)
    };
    if let Some(notice) = notice() {
        let _ = container.append_child(&notice);
    }
}
