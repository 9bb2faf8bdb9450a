//! Export of the list as shown (loaded rows, after the quick filter): CSV with the columns
//! shown, in their order and the page's language, or JSON with the whole server objects. Built and offered as
//! a download in the browser; nothing is sent anywhere.

use std::collections::HashMap;

use compute_api::columns::Column;
use compute_api::export::{csv, file_name, servers_json};
use compute_api::server::Server;
use leptos::prelude::*;

use crate::components::instance_columns;
use crate::download::download_text;
use crate::i18n::{use_i18n, Lang, ListMsg, Msg};
use crate::lazy::lazy_part;
use crate::session::expect_session;
use crate::store::{ImageName, ShownRows};
use crate::tasks::TaskScope;

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
    // The export's code loads on the first export; the list owns the task (a page left
    // meanwhile reads nothing).
    let tasks = TaskScope::new();
    let failed = RwSignal::new(false);
    let export = move |format: Format| {
        tasks.spawn(async move {
            let Ok(make) = export_code().await else {
                failed.set(true);
                return;
            };
            failed.set(false);
            let text = shown.with_untracked(|rows| {
                columns.with_untracked(|columns| {
                    flavor_names.with_untracked(|flavors| {
                        image_names.with_untracked(|images| {
                            make(ExportInput {
                                format,
                                lang: i18n.0.get_untracked(),
                                rows,
                                columns,
                                flavors,
                                images,
                            })
                        })
                    })
                })
            });
            let region = session.region().unwrap_or_default();
            let name = file_name(&region, &local_stamp(), format.extension());
            let _ = download_text(&name, &text);
        });
    };
    let label = move || {
        i18n.t(ListMsg::ExportRows)
            .replace("{n}", &shown.with(ShownRows::len).to_string())
    };
    view! {
        <div class="export-tools" role="group" aria-label=label>
            <button type="button" data-testid="export-csv" on:click=move |_| export(Format::Csv)>
                {i18n.text(ListMsg::ExportCsv)}
            </button>
            <button type="button" data-testid="export-json" on:click=move |_| export(Format::Json)>
                {i18n.text(ListMsg::ExportJson)}
            </button>
            <Show when=move || failed.get()>
                <p class="field-error" role="alert" data-testid="export-failed">
                    {i18n.text(Msg::PartLoadFailed)}
                </p>
            </Show>
        </div>
    }
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// What a file is made from: the rows on screen and what names their ids.
struct ExportInput<'a> {
    format: Format,
    lang: Lang,
    rows: &'a ShownRows,
    columns: &'a [Column],
    flavors: &'a HashMap<String, String>,
    images: &'a HashMap<String, ImageName>,
}

lazy_part!(
    /// The code that writes the files, loaded on the first export.
    export_code,
    cc_export,
    fn(ExportInput<'_>) -> String,
    |input: ExportInput<'_>| match input.format {
        Format::Csv => csv_of(&input),
        Format::Json => {
            let servers: Vec<&Server> = input.rows.0.iter().map(|row| row.server.as_ref()).collect();
            servers_json(&servers)
        }
    }
);

/// The visible columns (with the ID after the name even when hidden: a spreadsheet needs it
/// to refer back), one line per row shown.
fn csv_of(input: &ExportInput<'_>) -> String {
    let ExportInput {
        lang,
        rows,
        columns,
        flavors,
        images,
        ..
    } = *input;
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
