//! In-app links under the document's base path, so the console works at the site root and
//! under a sub-path (Trunk's `public_url`).

use leptos::prelude::*;

/// The base path in context: `""` at the site root, `/admin/compute` under a sub-path.
#[derive(Debug, Clone)]
pub struct BasePath(pub String);

/// A link target inside the app: `href("/instances")` → `/admin/compute/instances`.
pub fn href(path: &str) -> String {
    let base = use_context::<BasePath>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}

/// A path segment, percent-encoded (ids come from the API).
pub fn segment(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// The detail page of an instance.
pub fn instance_href(id: &str) -> String {
    href(&format!("/instances/{}", segment(id)))
}

/// The create wizard filled from an instance ("launch more like this").
pub fn launch_like_href(id: &str) -> String {
    href(&format!("/instances/new?like={}", segment(id)))
}

/// Where a sign-in goes when `next` is missing or refused.
pub const HOME: &str = "/instances";

/// The in-app path a `next` parameter may send the user to after signing in, or [`HOME`].
///
/// `next` is attacker-controlled (anyone can send a link to `/login?next=…`), so it is not
/// trusted as text: it is put under the console's base path and parsed as a URL the way the
/// browser would follow it (backslashes become slashes, tabs and newlines vanish, `..` is
/// resolved). Only a result with the page's origin, under the base path, that does not start a
/// network-path reference (`//host`) and is not the sign-in page itself is accepted; what is
/// returned is rebuilt from that parsed URL, never the raw text.
pub fn safe_next(next: Option<&str>, base_path: &str, origin: &str) -> String {
    resolve_next(next.unwrap_or_default(), base_path, origin).unwrap_or_else(|| HOME.to_string())
}

fn resolve_next(next: &str, base_path: &str, origin: &str) -> Option<String> {
    // Our own links are absolute in-app paths; anything else (`javascript:`, a full URL, a
    // relative path) was not made by the console.
    if !next.starts_with('/') {
        return None;
    }
    let base = base_path.trim_end_matches('/');
    let url = web_sys::Url::new_with_base(&format!("{base}{next}"), origin).ok()?;
    if url.origin() != origin {
        return None;
    }
    let path = url.pathname();
    let in_app = path.strip_prefix(base)?;
    let is_ours = in_app.starts_with('/')
        && !in_app.starts_with("//")
        && in_app != "/login"
        && !in_app.starts_with("/login/");
    is_ours.then(|| format!("{in_app}{}{}", url.search(), url.hash()))
}
