//! The instances table, virtualised: however many rows it is given, only those in view (and a
//! few either side) are in the document. Rows have one fixed height, so the scroll position
//! says which rows are in view, and empty spacer rows above and below keep the scrollbar true
//! to the whole list.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use compute_api::columns::{Column, ColumnLayout};
use compute_api::rules::Operation;
use compute_api::server_set::Row;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::instance_columns;
use crate::components::row_actions::RowActions;
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::store::{ImageName, ShownRows};

/// A row's height in CSS pixels, as `style/instances.css` sets it (`.instance-row`). The
/// table measures a drawn row and uses that instead if the two ever differ.
pub const ROW_PX: f64 = 40.0;

/// Rows drawn beyond each edge of the view, so a fast scroll shows no blank. Every row drawn
/// is built again on each quick-filter keystroke, so this stays small.
pub const OVERSCAN: usize = 3;

/// The rows to draw: those in view of a viewport `view_px` tall scrolled to `scroll_top`,
/// plus `overscan` rows either side, clamped to `len`.
pub fn visible_range(
    scroll_top: f64,
    view_px: f64,
    row_px: f64,
    len: usize,
    overscan: usize,
) -> Range<usize> {
    let row_px = if row_px > 0.0 { row_px } else { ROW_PX };
    let first = (scroll_top.max(0.0) / row_px).floor() as usize;
    let in_view = (view_px.max(0.0) / row_px).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(len);
    let end = first.saturating_add(in_view + overscan).min(len);
    start..end
}

/// The instances table. `flavor_names` maps flavor ids to names; an unknown id is shown as is.
/// The table scrolls in its own viewport (`instance-list`), which carries the counts the
/// screen gives it as `data-loaded`, `data-shown` and `data-complete`.
#[component]
pub fn InstanceTable(
    /// The rows, in the order to show.
    #[prop(into)]
    rows: Signal<ShownRows>,
    /// Flavor id → name, from `GET /flavors/detail`.
    #[prop(optional, into)]
    flavor_names: Signal<HashMap<String, String>>,
    /// Image id → name, as far as read (see `store::ImageNames`).
    #[prop(optional, into)]
    image_names: Signal<HashMap<String, ImageName>>,
    /// The selected ids; when given, each row gets a checkbox and the header a select-all
    /// (over every row given, drawn or not).
    #[prop(optional)]
    selected: Option<RwSignal<HashSet<String>>>,
    /// When given, each row ends with its action menu; called with the row's id and the
    /// chosen operation.
    #[prop(optional)]
    on_row_action: Option<Callback<(String, Operation)>>,
    /// The rows whose request is in flight (their menus are disabled).
    #[prop(optional, into)]
    busy_rows: Signal<HashSet<String>>,
    /// How many rows are loaded (before the quick filter), for `data-loaded`.
    #[prop(optional, into)]
    loaded: MaybeProp<usize>,
    /// Whether every page is loaded, for `data-complete`.
    #[prop(optional, into)]
    complete: MaybeProp<bool>,
    /// The view goes back to the top when this changes (a new quick filter).
    #[prop(optional, into)]
    scroll_key: Signal<String>,
    /// The columns to show, in order; the default arrangement when not given.
    #[prop(optional, into)]
    columns: Option<Signal<Vec<Column>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let columns = columns.unwrap_or_else(|| Signal::stored(ColumnLayout::default().visible()));
    let viewport = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let row_px = RwSignal::new(ROW_PX);
    // The height rows are drawn for: the window's until the viewport is measured (it is
    // never taller), then the viewport's largest (its CSS `max-height`).
    let view_px = RwSignal::new(window_height());
    let resized = RwSignal::new(0_u32);
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1));
    });
    on_cleanup(move || resize.remove());
    let range = Memo::new(move |_| {
        visible_range(
            scroll_top.get(),
            view_px.get(),
            row_px.get(),
            rows.with(ShownRows::len),
            OVERSCAN,
        )
    });
    let visible = move || {
        let range = range.get();
        rows.with(|r| r.0.get(range).map(<[Row]>::to_vec).unwrap_or_default())
    };
    Effect::new(move |previous: Option<String>| {
        let key = scroll_key.get();
        if previous.is_some_and(|p| p != key) {
            if let Some(el) = viewport.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
        key
    });
    // Measured when rows first appear and after a resize, not on every scroll (reading a
    // height forces a layout): the viewport's largest height, and a drawn row's height,
    // trusted over the constant (a user font size can change it).
    let has_rows = Memo::new(move |_| !rows.with(ShownRows::is_empty));
    Effect::new(move |_| {
        resized.track();
        if !has_rows.get() {
            return;
        }
        let Some(viewport) = viewport.get_untracked() else {
            return;
        };
        let cap = largest_height(&viewport);
        if (cap - view_px.get_untracked()).abs() > 0.5 {
            view_px.set(cap);
        }
        if let Some(row) = viewport.query_selector(".instance-row").ok().flatten() {
            let h = row
                .dyn_ref::<web_sys::HtmlElement>()
                .map_or(0.0, |r| f64::from(r.offset_height()));
            if h > 0.0 && (h - row_px.get_untracked()).abs() > 0.5 {
                row_px.set(h);
            }
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = viewport.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    let spacer = move |height: Signal<f64>| {
        view! {
            <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", height.get())>
                <td colspan=move || columns.with(Vec::len) + 2></td>
            </tr>
        }
    };
    let above = Signal::derive(move || range.get().start as f64 * row_px.get());
    let below = Signal::derive(move || {
        rows.with(ShownRows::len).saturating_sub(range.get().end) as f64 * row_px.get()
    });
    let row_view = move |row: Row| {
        view! { <InstanceRow row columns flavor_names image_names selected on_row_action busy_rows /> }
    };
    view! {
        <div
            class="table-viewport"
            data-testid="instance-list"
            node_ref=viewport
            on:scroll=on_scroll
            data-loaded=move || loaded.get().map(|n| n.to_string())
            data-shown=move || rows.with(ShownRows::len).to_string()
            data-complete=move || complete.get().map(|c| c.to_string())
        >
            <table class="data-table instances">
                <thead>
                    <tr>
                        {selected.map(|selected| view! { <SelectAll rows selected /> })}
                        {move || columns.get().into_iter().map(|column| view! {
                            <th scope="col" class=instance_columns::class(column)>
                                {move || instance_columns::heading(column, i18n.0.get())}
                            </th>
                        }).collect_view()}
                        {on_row_action.map(|_| view! {
                            <th scope="col" class="col-row-actions">
                                <span class="visually-hidden">{i18n.text(InstancesMsg::ColRowActions)}</span>
                            </th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {spacer(above)}
                    <For each=visible key=|row| row.version children=row_view />
                    {spacer(below)}
                </tbody>
            </table>
        </div>
    }
}

/// The header checkbox: selects or clears every row given (not only those drawn).
#[component]
fn SelectAll(rows: Signal<ShownRows>, selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let all_selected = move || {
        rows.with(|r| {
            !r.is_empty() && selected.with(|s| r.0.iter().all(|row| s.contains(&row.server.id)))
        })
    };
    view! {
        <th scope="col" class="col-select">
            <input
                type="checkbox"
                data-testid="instance-select-all"
                aria-label=i18n.text(Msg::SelectAll)
                prop:checked=all_selected
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    rows.with_untracked(|r| {
                        selected.update(|s| {
                            for row in r.0.iter() {
                                if on {
                                    s.insert(row.server.id.clone());
                                } else {
                                    s.remove(&row.server.id);
                                }
                            }
                        })
                    });
                }
            />
        </th>
    }
}

/// One drawn row. Its content is fixed (a changed server comes as a new row); its cells follow
/// the columns chosen.
#[component]
fn InstanceRow(
    row: Row,
    columns: Signal<Vec<Column>>,
    flavor_names: Signal<HashMap<String, String>>,
    image_names: Signal<HashMap<String, ImageName>>,
    selected: Option<RwSignal<HashSet<String>>>,
    on_row_action: Option<Callback<(String, Operation)>>,
    busy_rows: Signal<HashSet<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let server = row.server;
    let cells = {
        let server = server.clone();
        move || {
            columns
                .get()
                .into_iter()
                .map(|column| instance_columns::cell(column, &server, flavor_names, image_names))
                .collect_view()
        }
    };
    view! {
        <tr class="instance-row" data-testid="instance-row" data-id=server.id.clone()>
            {selected.map(|selected| {
                let id = server.id.clone();
                let id_check = id.clone();
                view! {
                    <td class="col-select">
                        <input
                            type="checkbox"
                            data-testid="instance-select"
                            aria-label=i18n.text(Msg::SelectInstance)
                            prop:checked=move || selected.with(|s| s.contains(&id_check))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let id = id.clone();
                                selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                            }
                        />
                    </td>
                }
            })}
            {cells}
            {on_row_action.map(|cb| {
                let id = server.id.clone();
                let busy_id = id.clone();
                view! {
                    <td class="col-row-actions">
                        <RowActions
                            server=server.clone()
                            busy=Signal::derive(move || busy_rows.with(|b| b.contains(&busy_id)))
                            on_action=Callback::new(move |op| cb.run((id.clone(), op)))
                        />
                    </td>
                }
            })}
        </tr>
    }
}

fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0)
}

/// The tallest the viewport can be: its CSS `max-height` in pixels, at most the window's
/// height (the window's alone when there is no such limit).
fn largest_height(viewport: &web_sys::HtmlElement) -> f64 {
    let cap = window()
        .get_computed_style(viewport)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("max-height").ok())
        .and_then(|v| {
            v.strip_suffix("px")
                .and_then(|n| n.trim().parse::<f64>().ok())
        })
        .filter(|px| *px > 0.0);
    let window = window_height();
    cap.map_or(window, |px| px.min(window))
}
