//! The virtualised instance table: only the rows in view are drawn, the scrollbar stands for
//! the whole list, selection covers every row, and a changed server redraws only its row.

use std::collections::HashSet;

use compute_api::server::Server;
use compute_api::server_set::ServerSet;
use compute_console::components::instance_table::{visible_range, OVERSCAN};

use super::*;

fn many(n: usize) -> Vec<Server> {
    (0..n)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "id": format!("srv-{i:05}"),
                "name": format!("scale-{i:05}"),
                "status": "ACTIVE",
                "updated": "2026-11-28T10:00:00Z",
            }))
            .unwrap()
        })
        .collect()
}

fn drawn_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"instance-row\"]")
        .iter()
        .map(|r| r.get_attribute("data-id").unwrap_or_default())
        .collect()
}

/// Gives the table's viewport a largest height (the tests load no style sheet) and returns it.
fn sized_viewport(root: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    let viewport = by_testid(root, "instance-list");
    viewport
        .set_attribute("style", "max-height: 400px; overflow: auto")
        .unwrap();
    viewport
}

fn row_height(root: &web_sys::HtmlElement) -> f64 {
    let row = query(root, "[data-testid=\"instance-row\"]").expect("a drawn row");
    f64::from(row.offset_height())
}

async fn scroll_to(viewport: &web_sys::HtmlElement, top: f64) {
    viewport.set_scroll_top(top as i32);
    viewport
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    tick().await;
    tick().await;
}

#[wasm_bindgen_test]
fn the_visible_range_is_the_view_and_the_overscan_within_the_list() {
    // 400 px of 40 px rows at the top: 11 rows in view, 10 more below.
    assert_eq!(visible_range(0.0, 400.0, 40.0, 10_000, 10), 0..21);
    // Scrolled to row 500: 10 above, 11 in view, 10 below.
    assert_eq!(visible_range(20_000.0, 400.0, 40.0, 10_000, 10), 490..521);
    // Near the end nothing past the last row.
    assert_eq!(
        visible_range(399_800.0, 400.0, 40.0, 10_000, 10),
        9_985..10_000
    );
    // Short lists and odd inputs.
    assert_eq!(visible_range(0.0, 400.0, 40.0, 3, 10), 0..3);
    assert_eq!(visible_range(-50.0, 400.0, 40.0, 0, 10), 0..0);
    assert_eq!(
        visible_range(80.0, 400.0, 0.0, 100, 0),
        2..13,
        "a zero height falls back"
    );
}

#[wasm_bindgen_test]
async fn a_long_list_draws_only_the_rows_in_view() {
    let rows = ShownRows::from_servers(many(5_000));
    let root = mount(move || {
        view! { <InstanceTable rows loaded=5_000_usize complete=true /> }
    });
    let viewport = sized_viewport(&root);
    tick().await;
    let drawn = drawn_ids(&root);
    assert!(
        !drawn.is_empty() && drawn.len() < 200,
        "{} rows drawn",
        drawn.len()
    );
    assert_eq!(drawn[0], "srv-00000");
    assert_eq!(
        viewport.get_attribute("data-shown").as_deref(),
        Some("5000")
    );
    assert_eq!(
        viewport.get_attribute("data-loaded").as_deref(),
        Some("5000")
    );
    assert_eq!(
        viewport.get_attribute("data-complete").as_deref(),
        Some("true")
    );
    // The scrollbar stands for every row.
    let h = row_height(&root);
    assert!(
        f64::from(viewport.scroll_height()) >= 5_000.0 * h,
        "scroll height {} for rows of {h}px",
        viewport.scroll_height()
    );
    // Scrolled to the middle: the rows there are drawn, the first ones are gone.
    scroll_to(&viewport, 2_500.0 * h).await;
    let drawn = drawn_ids(&root);
    assert!(drawn.contains(&"srv-02500".to_string()), "{drawn:?}");
    assert!(!drawn.contains(&"srv-00000".to_string()));
    assert!(drawn.len() < 200);
    let first: usize = drawn[0][4..].parse().unwrap();
    assert!(
        (2_500 - OVERSCAN - 2..=2_500).contains(&first),
        "first drawn {first}"
    );
}

#[wasm_bindgen_test]
async fn select_all_selects_every_row_not_only_those_drawn() {
    let rows = ShownRows::from_servers(many(3_000));
    let selected = RwSignal::new(HashSet::<String>::new());
    let root = mount(move || view! { <InstanceTable rows selected /> });
    sized_viewport(&root);
    tick().await;
    by_testid(&root, "instance-select-all").click();
    tick().await;
    assert_eq!(selected.with_untracked(HashSet::len), 3_000);
    assert!(selected.with_untracked(|s| s.contains("srv-02999")));
    let boxes = query_all(&root, "[data-testid=\"instance-select\"]");
    assert!(boxes
        .iter()
        .all(|b| b.unchecked_ref::<web_sys::HtmlInputElement>().checked()));
    // One row cleared: the header is no longer checked.
    boxes[0].click();
    tick().await;
    assert_eq!(selected.with_untracked(HashSet::len), 2_999);
    let all: web_sys::HtmlInputElement = by_testid(&root, "instance-select-all").unchecked_into();
    assert!(!all.checked());
}

#[wasm_bindgen_test]
async fn a_changed_server_redraws_its_row_and_no_other() {
    let mut set = ServerSet::from_servers(many(50));
    let shown = RwSignal::new(ShownRows(Arc::new(set.rows().to_vec())));
    let root = mount(move || view! { <InstanceTable rows=shown /> });
    sized_viewport(&root);
    tick().await;
    let row = |id: &str| instance_row(&root, id);
    let untouched = row("srv-00001");
    let mut changed: Server = set.get("srv-00002").unwrap().clone();
    changed.status = ServerStatus::Shutoff;
    changed.updated = Some("2026-11-28T10:05:00Z".into());
    let mut gone = set.get("srv-00003").unwrap().clone();
    gone.status = ServerStatus::Deleted;
    set.merge_changes(vec![changed, gone]);
    shown.set(ShownRows(Arc::new(set.rows().to_vec())));
    tick().await;
    assert!(
        row("srv-00001").is_same_node(Some(&untouched)),
        "an unchanged row keeps its element"
    );
    let status = query(&row("srv-00002"), "[data-testid=\"instance-status\"]").unwrap();
    assert_eq!(
        status.get_attribute("data-status").as_deref(),
        Some("SHUTOFF")
    );
    assert!(!drawn_ids(&root).contains(&"srv-00003".to_string()));
}

#[wasm_bindgen_test]
async fn a_new_quick_filter_goes_back_to_the_top() {
    let rows = ShownRows::from_servers(many(2_000));
    let key = RwSignal::new(String::new());
    let root = mount(move || view! { <InstanceTable rows scroll_key=key /> });
    let viewport = sized_viewport(&root);
    tick().await;
    let h = row_height(&root);
    scroll_to(&viewport, 1_000.0 * h).await;
    assert!(viewport.scroll_top() > 0);
    key.set("scale".into());
    tick().await;
    tick().await;
    assert_eq!(viewport.scroll_top(), 0);
    assert_eq!(drawn_ids(&root)[0], "srv-00000");
}
