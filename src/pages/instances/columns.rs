//! The column chooser: show, hide and reorder the list's columns, without a mouse too. The
//! arrangement is a preference of this browser (`localStorage`, one short line, see
//! `compute_api::columns`); it holds no data, so it outlives sign-out.

use compute_api::columns::{Column, ColumnLayout};
use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::instance_columns;
use crate::i18n::{use_i18n, ListMsg};
use crate::lazy::{lazy_part, Deferred};

const STORAGE_KEY: &str = "compute-console.columns";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The arrangement this browser keeps, else the default.
pub fn load_layout() -> ColumnLayout {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|stored| ColumnLayout::parse(&stored))
        .unwrap_or_default()
}

fn save_layout(layout: &ColumnLayout) {
    if let Some(storage) = local_storage() {
        let _ = if *layout == ColumnLayout::default() {
            storage.remove_item(STORAGE_KEY)
        } else {
            storage.set_item(STORAGE_KEY, &layout.to_stored())
        };
    }
}

/// The chooser's panel: a box to show each column, and buttons to move it.
#[component]
fn ColumnPanel(layout: RwSignal<ColumnLayout>) -> impl IntoView {
    let i18n = use_i18n();
    let list = NodeRef::<Ul>::new();
    let announcement = RwSignal::new(String::new());
    let change = move |edit: &dyn Fn(&mut ColumnLayout)| {
        layout.update(|l| edit(l));
        layout.with_untracked(save_layout);
    };
    let shift = move |column: Column, by: isize, button: &'static str| {
        change(&|l| l.shift(column, by));
        let (n, total) =
            layout.with_untracked(|l| (l.position(column).unwrap_or(0) + 1, l.all().len()));
        let lang = i18n.0.get_untracked();
        announcement.set(
            i18n.t(ListMsg::ColumnMoved)
                .replace("{column}", instance_columns::heading(column, lang))
                .replace("{n}", &n.to_string())
                .replace("{total}", &total.to_string()),
        );
        // The row moves in the document once the list redraws, which takes focus from its
        // button: give it back after that.
        request_animation_frame(move || {
            // The chooser may be gone by then (navigation): then there is nothing to focus.
            let Some(list) = list.try_get_untracked().flatten() else {
                return;
            };
            let selector = format!(
                "[data-column=\"{}\"] [data-testid=\"{button}\"]",
                column.key()
            );
            if let Some(el) = list.query_selector(&selector).ok().flatten() {
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };
    let option = move |column: Column| {
        let label = move || instance_columns::heading(column, i18n.0.get());
        let with_column = move |msg: ListMsg| {
            move || {
                i18n.t(msg)
                    .replace("{column}", instance_columns::heading(column, i18n.0.get()))
            }
        };
        let shown = move || layout.with(|l| l.all().iter().any(|(c, on)| *c == column && *on));
        let first = move || layout.with(|l| l.position(column) == Some(0));
        let last = move || layout.with(|l| l.position(column) == Some(l.all().len() - 1));
        view! {
            <li data-testid="column-option" data-column=column.key()>
                <label title=(!column.can_hide()).then(|| i18n.t(ListMsg::NameAlwaysShown))>
                    <input
                        type="checkbox"
                        data-testid="column-shown"
                        aria-label=with_column(ListMsg::ShowColumn)
                        prop:checked=shown
                        disabled=!column.can_hide()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change(&|l| l.set_shown(column, on));
                        }
                    />
                    <span>{label}</span>
                </label>
                <span class="column-moves">
                    <button
                        type="button"
                        data-testid="column-earlier"
                        aria-label=with_column(ListMsg::MoveEarlier)
                        title=with_column(ListMsg::MoveEarlier)
                        aria-disabled=move || first().to_string()
                        on:click=move |_| shift(column, -1, "column-earlier")
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        data-testid="column-later"
                        aria-label=with_column(ListMsg::MoveLater)
                        title=with_column(ListMsg::MoveLater)
                        aria-disabled=move || last().to_string()
                        on:click=move |_| shift(column, 1, "column-later")
                    >
                        "↓"
                    </button>
                </span>
            </li>
        }
    };
    let order = move || layout.with(|l| l.all().iter().map(|(c, _)| *c).collect::<Vec<_>>());
    view! {
        <div class="column-panel">
            <ul node_ref=list>
                <For each=order key=|c| *c children=option />
            </ul>
            <button
                type="button"
                data-testid="column-reset"
                on:click=move |_| {
                    change(&|l| *l = ColumnLayout::default());
                    announcement.set(String::new());
                }
            >
                {i18n.text(ListMsg::ResetColumns)}
            </button>
            <span class="visually-hidden" role="status">{announcement}</span>
        </div>
    }
}

lazy_part!(
    /// The panel's code, loaded when the chooser is first opened.
    column_panel_code,
    cc_column_panel,
    fn(RwSignal<ColumnLayout>) -> AnyView,
    |layout: RwSignal<ColumnLayout>| view! { <ColumnPanel layout /> }.into_any()
);

/// The `<details>` element an event's handler is on.
fn details_of(ev: &web_sys::Event) -> Option<web_sys::HtmlDetailsElement> {
    ev.current_target()?.dyn_into().ok()
}

/// A disclosure button with the list of columns (its panel is drawn while open). Escape closes
/// it and gives focus back to its button.
#[component]
pub fn ColumnChooser(layout: RwSignal<ColumnLayout>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(details) = details_of(&ev) {
            open.set(details.open());
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(details) = details_of(&ev) {
                if details.open() {
                    ev.prevent_default();
                    details.set_open(false);
                    if let Some(summary) = details.query_selector("summary").ok().flatten() {
                        if let Some(summary) = summary.dyn_ref::<web_sys::HtmlElement>() {
                            let _ = summary.focus();
                        }
                    }
                }
            }
        }
    };
    view! {
        <details class="column-chooser" on:keydown=on_keydown on:toggle=on_toggle>
            <summary data-testid="column-chooser">{i18n.text(ListMsg::Columns)}</summary>
            {move || open.get().then(|| view! { <Deferred code=column_panel_code input=layout /> })}
        </details>
    }
}
