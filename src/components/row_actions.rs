//! The per-row action menu of the instance list: a menu button and a small menu of start, stop,
//! soft and hard reboot and delete, each enabled exactly when [`compute_api::rules::check`]
//! allows it and otherwise saying why (the action bar's words).
//!
//! Keyboard: Enter, Space or ArrowDown open it on the first enabled item, ArrowUp on the last;
//! arrows, Home and End move between enabled items; Escape closes it and returns to the button;
//! Tab or a click elsewhere closes it.

use std::sync::Arc;

use compute_api::rules::{check, Operation, ServerFacts};
use compute_api::server::Server;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::action_bar::{denied_text, operation_msg, operation_testid};
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::paths::launch_like_href;

/// The operations the row menu offers, in order.
pub const ROW_OPERATIONS: [Operation; 5] = [
    Operation::Start,
    Operation::Stop,
    Operation::RebootSoft,
    Operation::RebootHard,
    Operation::Delete,
];

/// The enabled items of an open menu, in order.
fn enabled_items(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all("[role=menuitem]:not([disabled])") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Moves focus within the menu: `Some(i)` an index (negative from the end), `None` stays.
fn focus_item(root: &web_sys::HtmlElement, pick: impl FnOnce(usize, Option<usize>) -> usize) {
    let items = enabled_items(root);
    if items.is_empty() {
        return;
    }
    let active = document().active_element();
    let at = items.iter().position(|e| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    });
    let next = pick(items.len(), at) % items.len();
    let _ = items[next].focus();
}

/// The menu button (`row-actions`) and its menu for one instance.
#[component]
pub fn RowActions(
    /// The instance as listed.
    #[prop(into)]
    server: Arc<Server>,
    /// A request for this instance is in flight: every item is disabled.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// Called with the chosen operation (confirmation is the caller's).
    on_action: Callback<Operation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    // Which end the focus starts at when the menu opens: `true` the last item.
    let from_end = RwSignal::new(false);
    let root = NodeRef::<Div>::new();
    let menu_id = format!("row-menu-{}", server.id);
    let menu_id_list = menu_id.clone();
    let launch_like_id = server.id.clone();
    let name = server.display_name().to_string();

    let button_el = move || {
        root.get_untracked().and_then(|r| {
            let r: web_sys::HtmlElement = r.unchecked_into();
            r.query_selector("[data-testid=row-actions]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        })
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button_el() {
                let _ = b.focus();
            }
        }
    };
    // Once the menu is in the document, focus its first (or last) enabled item.
    Effect::new(move |_| {
        if open.get() {
            if let Some(r) = root.get() {
                let r: web_sys::HtmlElement = r.unchecked_into();
                let last = from_end.get_untracked();
                focus_item(&r, |n, _| if last { n - 1 } else { 0 });
            }
        }
    });
    let on_button_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            from_end.set(ev.key() == "ArrowUp");
            open.set(true);
        }
        _ => {}
    };
    let on_menu_key = move |ev: web_sys::KeyboardEvent| {
        let Some(r) = root.get_untracked() else {
            return;
        };
        let r: web_sys::HtmlElement = r.unchecked_into();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                focus_item(&r, |n, at| at.map_or(0, |i| i + 1) % n);
            }
            "ArrowUp" => {
                ev.prevent_default();
                focus_item(&r, |n, at| at.map_or(n - 1, |i| i + n - 1));
            }
            "Home" => {
                ev.prevent_default();
                focus_item(&r, |_, _| 0);
            }
            "End" => {
                ev.prevent_default();
                focus_item(&r, |n, _| n - 1);
            }
            "Tab" => close(false),
            _ => {}
        }
    };
    // Escape anywhere in the widget (the menu, or the button before focus moved) closes it.
    let on_escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            ev.stop_propagation();
            close(true);
        }
    };
    // Focus leaving the whole widget (a click or tab elsewhere) closes the menu.
    let on_focusout = move |ev: web_sys::FocusEvent| {
        let Some(r) = root.get_untracked() else {
            return;
        };
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !r.contains(to.as_ref()) {
            open.set(false);
        }
    };
    let label = {
        let name = name.clone();
        move || i18n.t(InstancesMsg::RowActionsFor).replace("{name}", &name)
    };
    // The menu and its verdicts are made only while it is open: a long list keeps one button
    // per row, and a row drawn while scrolling or filtering costs no rule checks.
    let server = StoredValue::new(server);
    let why_prefix = menu_id.clone();
    let items = move || {
        let server = server.get_value();
        let facts = ServerFacts::from_server(&server, None);
        ROW_OPERATIONS
        .into_iter()
        .map(|op| (op, check(op, &facts)))
        .map(|(op, verdict)| {
            let allowed = verdict.is_ok();
            let denied = verdict.err();
            let reason = move || denied.as_ref().map(|d| denied_text(i18n.lang(), d));
            let reason_title = reason.clone();
            // The reason is the item's description: a menu may hold only items, so the text
            // beside the button has no role of its own.
            let why_id = format!("{why_prefix}-{}-why", operation_testid(op));
            let described_by = (!allowed).then(|| why_id.clone());
            view! {
                <li role="none" class="row-menu-item">
                    <button
                        type="button"
                        role="menuitem"
                        tabindex="-1"
                        class:danger=matches!(op, Operation::Delete | Operation::RebootHard)
                        data-testid=operation_testid(op)
                        disabled=move || !allowed || busy.get()
                        title=reason_title
                        aria-describedby=described_by
                        on:click=move |_| {
                            if allowed && !busy.get_untracked() {
                                close(true);
                                on_action.run(op);
                            }
                        }
                    >
                        {i18n.text(operation_msg(op))}
                    </button>
                    {move || reason().map(|why| view! { <span class="why" id=why_id.clone()>{why}</span> })}
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <div class="row-actions" node_ref=root on:focusout=on_focusout on:keydown=on_escape>
            <button
                type="button"
                class="ghost row-actions-button"
                data-testid="row-actions"
                aria-haspopup="menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=move || open.get().then(|| menu_id.clone())
                aria-label=label
                aria-busy=move || busy.get().then_some("true")
                on:click=move |_| {
                    from_end.set(false);
                    open.update(|o| *o = !*o);
                }
                on:keydown=on_button_key
            >
                "⋯"
            </button>
            {move || open.get().then(|| view! {
                <ul
                    id=menu_id_list.clone()
                    class="row-menu"
                    role="menu"
                    aria-label=i18n.text(Msg::Actions)
                    on:keydown=on_menu_key
                >
                    {items()}
                    // Not an operation on this instance: a link to the wizard filled from it,
                    // apart from the operations.
                    <li role="separator" class="row-menu-separator"></li>
                    <li role="none" class="row-menu-item">
                        <a
                            role="menuitem"
                            tabindex="-1"
                            data-testid="launch-like"
                            href=launch_like_href(&launch_like_id)
                        >
                            {i18n.text(InstancesMsg::LaunchLike)}
                        </a>
                    </li>
                </ul>
            })}
        </div>
    }
}
