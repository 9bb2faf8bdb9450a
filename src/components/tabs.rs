//! Accessible tabs (WAI-ARIA tabs pattern, automatic activation): a `tablist` of `tab`
//! buttons and the `tabpanel` of the chosen one. Left and Right move between tabs (wrapping),
//! Home and End go to the first and last; only the chosen tab is in the Tab order.
//!
//! Which tab is chosen is the caller's state (the detail page keeps it in the URL).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_i18n, Message};

fn tab_id(key: &str) -> String {
    format!("tab-{key}")
}

fn panel_id(key: &str) -> String {
    format!("tabpanel-{key}")
}

/// The tab list. Each tab is `(key, label)`; a tab's test id is `tab-{key}`.
#[component]
pub fn Tabs<M: Message>(
    /// What the tabs are about (the tablist's accessible name).
    label: M,
    /// The tabs, in order.
    tabs: Vec<(&'static str, M)>,
    /// The chosen tab's key.
    #[prop(into)]
    selected: Signal<String>,
    /// Called with a tab's key when it is chosen.
    on_select: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let keys: Vec<&'static str> = tabs.iter().map(|(k, _)| *k).collect();
    let choose = move |key: &str, focus: bool| {
        on_select.run(key.to_string());
        if focus {
            if let Some(el) = document()
                .get_element_by_id(&tab_id(key))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = keys.len();
        if count == 0 {
            return;
        }
        let at = selected
            .with_untracked(|s| keys.iter().position(|k| k == s))
            .unwrap_or(0);
        let to = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % count,
            "ArrowLeft" => (at + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        choose(keys[to], true);
    };
    let buttons = tabs
        .into_iter()
        .map(|(key, msg)| {
            let is_chosen = move || selected.with(|s| s == key);
            view! {
                <button
                    type="button"
                    role="tab"
                    id=tab_id(key)
                    data-testid=tab_id(key)
                    aria-controls=panel_id(key)
                    aria-selected=move || if is_chosen() { "true" } else { "false" }
                    tabindex=move || if is_chosen() { "0" } else { "-1" }
                    on:click=move |_| choose(key, false)
                >
                    {i18n.text(msg)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tabs" role="tablist" aria-label=i18n.text(label) on:keydown=on_keydown>
            {buttons}
        </div>
    }
}

/// The panel of one tab, labelled by its tab. Every tab's panel is in the document (each tab
/// controls one); those of the other tabs are hidden.
#[component]
pub fn TabPanel(
    /// The tab's key.
    key: &'static str,
    /// Another tab is chosen.
    #[prop(into, optional)]
    hidden: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class="tab-panel"
            role="tabpanel"
            id=panel_id(key)
            aria-labelledby=tab_id(key)
            tabindex="0"
            hidden=move || hidden.get()
        >
            {children()}
        </div>
    }
}
