//! Timestamps: shown in the browser's time zone, the UTC value on hover.

use leptos::prelude::*;

use crate::time::local_and_utc_text;

/// A `<time>`: local time as text, UTC as the title. An unreadable value is shown as it came.
#[component]
pub fn Timestamp(
    /// ISO 8601 from the API.
    #[prop(into)]
    value: Option<String>,
) -> impl IntoView {
    match value.filter(|v| !v.is_empty()) {
        None => view! { <span class="muted">"—"</span> }.into_any(),
        Some(raw) => {
            let (text, title) = local_and_utc_text(&raw);
            view! { <time datetime=raw title=title>{text}</time> }.into_any()
        }
    }
}
