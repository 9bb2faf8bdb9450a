//! Where a sign-in may send the user: `next` is resolved like a URL under the console's base
//! path, and anything that leaves the origin or the base path goes to the instance list.

use compute_console::paths::{safe_next, HOME};
use wasm_bindgen_test::*;

const ORIGIN: &str = "https://console.example.com";

/// Payloads that must never leave the console: protocol-relative and backslash tricks,
/// whitespace the URL parser drops, schemes, encodings, dot segments, the sign-in page.
const HOSTILE: [&str; 16] = [
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\\/evil.example",
    "/ /evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "http://evil.example/",
    "https:evil.example",
    "evil.example",
    "",
    "/login",
    "/login?next=//evil.example",
    "/instances/../login",
];

#[wasm_bindgen_test]
fn hostile_next_values_go_to_the_instance_list() {
    for base in ["", "/admin/compute"] {
        for next in HOSTILE {
            let to = safe_next(Some(next), base, ORIGIN);
            assert!(
                to == HOME || (to.starts_with('/') && !to.starts_with("//") && !to.contains('\\')),
                "{next:?} under {base:?} gave {to:?}"
            );
            assert!(
                !to.starts_with("/login"),
                "{next:?} under {base:?} gave {to:?}"
            );
        }
        assert_eq!(safe_next(None, base, ORIGIN), HOME);
    }
    // The two payloads from the review, exactly.
    assert_eq!(safe_next(Some("/\\evil.example/"), "", ORIGIN), HOME);
    assert_eq!(safe_next(Some("/\t/evil.example"), "", ORIGIN), HOME);
    // Under a sub-path, what would be a network-path reference after the base is refused too.
    assert_eq!(
        safe_next(Some("//evil.example/"), "/admin/compute", ORIGIN),
        HOME
    );
    assert_eq!(
        safe_next(Some("/\\evil.example/"), "/admin/compute", ORIGIN),
        HOME
    );
}

#[wasm_bindgen_test]
fn the_console_own_links_come_back_whole() {
    for base in ["", "/admin/compute", "/admin/compute/"] {
        assert_eq!(
            safe_next(Some("/instances/abc?tab=volumes"), base, ORIGIN),
            "/instances/abc?tab=volumes"
        );
        assert_eq!(
            safe_next(Some("/instances?status=SHUTOFF&limit=20#top"), base, ORIGIN),
            "/instances?status=SHUTOFF&limit=20#top"
        );
        // Dot segments stay inside the base path.
        assert_eq!(
            safe_next(Some("/keypairs/../flavors"), base, ORIGIN),
            "/flavors"
        );
    }
    // Climbing out of the base path is refused.
    assert_eq!(
        safe_next(Some("/../../other-app/"), "/admin/compute", ORIGIN),
        HOME
    );
}
