//! Export of the list as shown (loaded rows, after the quick filter): CSV with the columns
//! shown, in their order and the page's language, or JSON with the whole server objects. Built and offered as
//! a download in the browser; nothing is sent anywhere.

use std::collections::HashMap;

use compute_api::columns::Column;
use compute_api::export::{csv, file_name, servers_json};
use compute_api::server::Server;
use leptos::prelude::*;

use crate::components::instance_columns;
use crate::components::keypair_form::download_text;
use crate::i18n::{use_i18n, I18n, ListMsg};
use crate::session::expect_session;
use crate::store::{ImageName, ShownRows};

#[component]
pub fn ExportButtons(
    /// The rows on screen.
    shown: Memo<ShownRows>,
    /// The columns shown, in order.
    columns: Memo<Vec<Column>>,
    /// Flavor id → name (an unknown id is exported as is).
    flavor_names: Memo<HashMap<String, String>>,
    /// Image id → name, as far as read.
    image_names: Signal<HashMap<String, ImageName>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let name_for = move |extension: &str| {
        let region = session.region().unwrap_or_default();
        file_name(&region, &local_stamp(), extension)
    };
    let export_csv = move |_| {
        let text = shown.with_untracked(|rows| {
            columns.with_untracked(|columns| {
                flavor_names.with_untracked(|flavors| {
                    image_names
                        .with_untracked(|images| csv_of(i18n, rows, columns, flavors, images))
                })
            })
        });
        let _ = download_text(&name_for("csv"), &text);
    };
    let export_json = move |_| {
        let text = shown.with_untracked(|rows| {
            let servers: Vec<&Server> = rows.0.iter().map(|row| row.server.as_ref()).collect();
            servers_json(&servers)
        });
        let _ = download_text(&name_for("json"), &text);
    };
    let label = move || {
        i18n.t(ListMsg::ExportRows)
            .replace("{n}", &shown.with(ShownRows::len).to_string())
    };
    view! {
        <div class="export-tools" role="group" aria-label=label>
            <button type="button" data-testid="export-csv" on:click=export_csv>
                {i18n.text(ListMsg::ExportCsv)}
            </button>
            <button type="button" data-testid="export-json" on:click=export_json>
                {i18n.text(ListMsg::ExportJson)}
            </button>
        </div>
    }
}

/// The visible columns (with the ID after the name even when hidden: a spreadsheet needs it
/// to refer back), one line per row shown.
fn csv_of(
    i18n: I18n,
    rows: &ShownRows,
    columns: &[Column],
    flavors: &HashMap<String, String>,
    images: &HashMap<String, ImageName>,
) -> String {
    let lang = i18n.0.get_untracked();
    let mut columns = columns.to_vec();
    if !columns.contains(&Column::Id) {
        let after_name = columns
            .iter()
            .position(|c| *c == Column::Name)
            .map_or(0, |i| i + 1);
        columns.insert(after_name, Column::Id);
    }
    let header: Vec<&str> = columns
        .iter()
        .map(|c| instance_columns::heading(*c, lang))
        .collect();
    let lines: Vec<Vec<String>> = rows
        .0
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| instance_columns::text(*c, &row.server, flavors, images, lang))
                .collect()
        })
        .collect();
    csv(&header, &lines)
}

/// `20261201-1905` in the browser's time zone.
fn local_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}
