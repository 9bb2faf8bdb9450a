//! The per-row action menu of the instance list: a menu button and a small menu of start, stop,
//! soft and hard reboot and delete, each enabled exactly when [`compute_api::rules::check`]
//! allows it and otherwise saying why (the action bar's words).
//!
//! Keyboard: Enter, Space or ArrowDown open it on the first enabled item, ArrowUp on the last;
//! arrows, Home and End move between enabled items; Escape closes it and returns to the button;
//! Tab or a click elsewhere closes it.

use std::sync::Arc;

use compute_api::rules::{check, Denied, Operation, ServerFacts};
use compute_api::server::Server;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::action_bar::denied_text;
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::operations::{operation_msg, operation_testid, row_operations, spec};
use crate::paths::launch_like_href;

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

/// The menu's open state and its keyboard: which end the focus starts at, arrows, Home and
/// End between enabled items, Escape back to the button, Tab or focus elsewhere closing it.
#[derive(Clone, Copy)]
struct Menu {
    open: RwSignal<bool>,
    /// Which end the focus starts at when the menu opens: `true` the last item.
    from_end: RwSignal<bool>,
    root: NodeRef<Div>,
}

impl Menu {
    fn new() -> Self {
        let menu = Self {
            open: RwSignal::new(false),
            from_end: RwSignal::new(false),
            root: NodeRef::new(),
        };
        // Once the menu is in the document, focus its first (or last) enabled item.
        Effect::new(move |_| {
            if menu.open.get() {
                if let Some(root) = menu.root_el() {
                    let last = menu.from_end.get_untracked();
                    focus_item(&root, |n, _| if last { n - 1 } else { 0 });
                }
            }
        });
        menu
    }

    fn root_el(self) -> Option<web_sys::HtmlElement> {
        self.root.get_untracked().map(|r| r.unchecked_into())
    }

    fn toggle(self) {
        self.from_end.set(false);
        self.open.update(|o| *o = !*o);
    }

    fn close(self, refocus: bool) {
        self.open.set(false);
        if refocus {
            let button = self.root_el().and_then(|r| {
                r.query_selector("[data-testid=row-actions]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            });
            if let Some(button) = button {
                let _ = button.focus();
            }
        }
    }

    /// On the button: ArrowDown opens on the first item, ArrowUp on the last.
    fn on_button_key(self, ev: web_sys::KeyboardEvent) {
        if matches!(ev.key().as_str(), "ArrowDown" | "ArrowUp") {
            ev.prevent_default();
            self.from_end.set(ev.key() == "ArrowUp");
            self.open.set(true);
        }
    }

    fn on_menu_key(self, ev: web_sys::KeyboardEvent) {
        let Some(root) = self.root_el() else {
            return;
        };
        let pick: fn(usize, Option<usize>) -> usize = match ev.key().as_str() {
            "ArrowDown" => |n, at| at.map_or(0, |i| i + 1) % n,
            "ArrowUp" => |n, at| at.map_or(n - 1, |i| i + n - 1),
            "Home" => |_, _| 0,
            "End" => |n, _| n - 1,
            "Tab" => return self.close(false),
            _ => return,
        };
        ev.prevent_default();
        focus_item(&root, pick);
    }

    /// Escape anywhere in the widget (the menu, or the button before focus moved) closes it.
    fn on_escape(self, ev: web_sys::KeyboardEvent) {
        if ev.key() == "Escape" && self.open.get_untracked() {
            ev.prevent_default();
            ev.stop_propagation();
            self.close(true);
        }
    }

    /// Focus leaving the whole widget (a click or tab elsewhere) closes the menu.
    fn on_focusout(self, ev: web_sys::FocusEvent) {
        let Some(root) = self.root.get_untracked() else {
            return;
        };
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !root.contains(to.as_ref()) {
            self.open.set(false);
        }
    }
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
    let menu = Menu::new();
    let menu_id = format!("row-menu-{}", server.id);
    let menu_id_list = menu_id.clone();
    let launch_like_id = server.id.clone();
    let label = {
        let name = server.display_name().to_string();
        move || i18n.t(InstancesMsg::RowActionsFor).replace("{name}", &name)
    };
    // The menu and its verdicts are made only while it is open: a long list keeps one button
    // per row, and a row drawn while scrolling or filtering costs no rule checks.
    let server = StoredValue::new(server);
    let why_prefix = StoredValue::new(menu_id.clone());
    let items = move || {
        let server = server.get_value();
        let facts = ServerFacts::from_server(&server, None);
        row_operations()
            .map(|op| {
                let verdict = check(op, &facts).err();
                let why_id = format!("{}-{}-why", why_prefix.get_value(), operation_testid(op));
                let choose = Callback::new(move |()| {
                    menu.close(true);
                    on_action.run(op);
                });
                view! { <RowMenuItem op denied=verdict why_id busy choose /> }
            })
            .collect_view()
    };
    view! {
        <div
            class="row-actions"
            node_ref=menu.root
            on:focusout=move |ev| menu.on_focusout(ev)
            on:keydown=move |ev| menu.on_escape(ev)
        >
            <button
                type="button"
                class="ghost row-actions-button"
                data-testid="row-actions"
                aria-haspopup="menu"
                aria-expanded=move || if menu.open.get() { "true" } else { "false" }
                aria-controls=move || menu.open.get().then(|| menu_id.clone())
                aria-label=label
                aria-busy=move || busy.get().then_some("true")
                on:click=move |_| menu.toggle()
                on:keydown=move |ev| menu.on_button_key(ev)
            >
                "⋯"
            </button>
            {move || menu.open.get().then(|| view! {
                <ul
                    id=menu_id_list.clone()
                    class="row-menu"
                    role="menu"
                    aria-label=i18n.text(Msg::Actions)
                    on:keydown=move |ev| menu.on_menu_key(ev)
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

/// One operation of the menu: enabled exactly when the rules allow it, else saying why.
#[component]
fn RowMenuItem(
    op: Operation,
    /// Why the rules refuse it, if they do.
    denied: Option<Denied>,
    /// The id of the text saying why.
    why_id: String,
    busy: Signal<bool>,
    choose: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let allowed = denied.is_none();
    let reason = move || denied.as_ref().map(|d| denied_text(i18n.lang(), d));
    let reason_title = reason.clone();
    // The reason is the item's description: a menu may hold only items, so the text beside
    // the button has no role of its own.
    let described_by = (!allowed).then(|| why_id.clone());
    view! {
        <li role="none" class="row-menu-item">
            <button
                type="button"
                role="menuitem"
                tabindex="-1"
                class:danger=spec(op).danger
                data-testid=operation_testid(op)
                disabled=move || !allowed || busy.get()
                title=reason_title
                aria-describedby=described_by
                on:click=move |_| {
                    if allowed && !busy.get_untracked() {
                        choose.run(());
                    }
                }
            >
                {i18n.text(operation_msg(op))}
            </button>
            {move || reason().map(|why| view! { <span class="why" id=why_id.clone()>{why}</span> })}
        </li>
    }
}
