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
