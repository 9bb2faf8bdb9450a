//! The instance list's columns: the table draws the chosen ones in the chosen order, and the
//! chooser shows, hides and moves them from the keyboard, keeping the choice in this browser.

use compute_api::columns::{Column, ColumnLayout};
use compute_console::pages::instances::columns::{load_layout, ColumnChooser};

use super::*;

const STORAGE_KEY: &str = "compute-console.columns";

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Waits for the next animation frame (and the tasks before it).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

fn header_classes(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "thead th")
        .iter()
        .map(|th| th.class_name())
        .collect()
}

fn option_order(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"column-option\"]")
        .iter()
        .map(|li| li.get_attribute("data-column").unwrap())
        .collect()
}

fn option(root: &web_sys::HtmlElement, column: &str) -> web_sys::HtmlElement {
    query(
        root,
        &format!("[data-testid=\"column-option\"][data-column=\"{column}\"]"),
    )
    .unwrap_or_else(|| panic!("no option for {column}"))
}

#[wasm_bindgen_test]
async fn the_table_draws_the_chosen_columns_in_their_order_and_follows_a_change() {
    let columns = RwSignal::new(vec![Column::Status, Column::Name, Column::Id]);
    let root = mount(move || {
        view! { <InstanceTable rows=ShownRows::from_servers(servers()) columns=Signal::from(columns) /> }
    });
    tick().await;
    assert_eq!(header_classes(&root), ["col-status", "col-name", "col-id"]);
    let row = instance_row(&root, "1b1a7a3c-0000-4000-8000-000000000001");
    let cells: Vec<String> = query_all(&row, "td")
        .iter()
        .map(|td| td.class_name())
        .collect();
    assert_eq!(cells, ["col-status", "col-name", "col-id"]);
    assert!(text(&row).contains("1b1a7a3c-0000-4000-8000-000000000001"));
    // A server name is text, never markup, whatever column it is in.
    assert!(query(&row, "img").is_none());

    columns.set(vec![Column::Name, Column::Zone]);
    tick().await;
    assert_eq!(header_classes(&root), ["col-name", "col-zone"]);
    let row = instance_row(&root, "1b1a7a3c-0000-4000-8000-000000000001");
    assert_eq!(query_all(&row, "td").len(), 2);
    // The spacers span every column.
    let spacer = query(&root, ".spacer td").unwrap();
    assert_eq!(spacer.get_attribute("colspan").as_deref(), Some("4"));
}

#[wasm_bindgen_test]
async fn the_chooser_hides_moves_and_remembers_without_losing_focus() {
    local().remove_item(STORAGE_KEY).unwrap();
    let layout = RwSignal::new(load_layout());
    let root = mount(move || view! { <ColumnChooser layout /> });
    tick().await;
    let details: web_sys::HtmlDetailsElement = query(&root, "details").unwrap().unchecked_into();
    by_testid(&root, "column-chooser").click();
    tick().await;
    assert!(details.open());
    // The panel is drawn once open (its code loads on first use in the split build).
    until("the panel is drawn", || {
        query(&root, "[data-testid=\"column-option\"]").is_some()
    })
    .await;
    let defaults: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
    assert_eq!(option_order(&root), defaults);

    // The name cannot be hidden; the flavor can.
    let name_box: web_sys::HtmlInputElement =
        by_testid(&option(&root, "name"), "column-shown").unchecked_into();
    assert!(name_box.disabled() && name_box.checked());
    by_testid(&option(&root, "flavor"), "column-shown").click();
    tick().await;
    assert!(!layout.get_untracked().visible().contains(&Column::Flavor));

    // Moving the zone earlier keeps focus on its button and says where it went.
    let earlier = by_testid(&option(&root, "zone"), "column-earlier");
    earlier.focus().unwrap();
    earlier.click();
    next_frame().await;
    assert_eq!(layout.get_untracked().position(Column::Zone), Some(7));
    assert_eq!(option_order(&root)[7], "zone");
    let focused = document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("data-testid").as_deref(),
        Some("column-earlier")
    );
    assert_eq!(
        focused
            .closest("li")
            .unwrap()
            .unwrap()
            .get_attribute("data-column")
            .as_deref(),
        Some("zone")
    );
    assert!(text(&query(&root, "[role=status]").unwrap()).contains("8 of 10"));
    // At an end nothing moves.
    by_testid(&option(&root, "name"), "column-earlier").click();
    tick().await;
    assert_eq!(layout.get_untracked().position(Column::Name), Some(0));

    // The choice is kept as one preference line and read back the same.
    let stored = local().get_item(STORAGE_KEY).unwrap().unwrap();
    assert_eq!(
        stored,
        "name,!id,status,task,addresses,!flavor,image,zone,keypair,created"
    );
    assert_eq!(load_layout(), layout.get_untracked());

    // Escape closes and gives focus back to the button that opened it.
    let panel_button = by_testid(&option(&root, "task"), "column-later");
    panel_button.focus().unwrap();
    instances::press(&panel_button, "Escape");
    tick().await;
    assert!(!details.open());
    until("the panel is gone once closed", || {
        query(&root, "[data-testid=\"column-option\"]").is_none()
    })
    .await;
    assert_eq!(
        document()
            .active_element()
            .unwrap()
            .get_attribute("data-testid")
            .as_deref(),
        Some("column-chooser")
    );

    // Reset brings back the default and removes the stored line.
    details.set_open(true);
    until("the panel is drawn again", || {
        query(&root, "[data-testid=\"column-reset\"]").is_some()
    })
    .await;
    by_testid(&root, "column-reset").click();
    tick().await;
    assert_eq!(layout.get_untracked(), ColumnLayout::default());
    assert!(local().get_item(STORAGE_KEY).unwrap().is_none());
}

#[wasm_bindgen_test]
fn a_damaged_stored_line_reads_as_a_sane_layout() {
    local()
        .set_item(STORAGE_KEY, "\"><script>alert(1)</script>,!name,created")
        .unwrap();
    let layout = load_layout();
    assert_eq!(layout.all()[0], (Column::Name, true));
    assert_eq!(layout.all().len(), Column::ALL.len());
    local().remove_item(STORAGE_KEY).unwrap();
}
