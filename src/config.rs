//! The runtime configuration: its model and the service-URL resolution are compute-api's
//! (`compute_api::runtime_config`, tested natively); what needs the page is here.

pub use compute_api::runtime_config::*;

/// The document's base path (from `<base href>`, set by Trunk's `public_url`), without the
/// trailing slash: `""` at the site root, `/admin/compute` under a sub-path.
pub fn base_path() -> String {
    let base_uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    let path = base_uri
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    // `<base href="/admin/">` gives `/admin/`; a base naming a file keeps only its folder.
    let folder = match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    };
    folder.to_string()
}

/// The page's origin (`https://console.example.com`).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
