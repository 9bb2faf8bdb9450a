//! The instance screens' own pieces: row menus, paging markers, detail tabs, form dialogs and
//! the volume attachments.

use std::collections::HashSet;

use compute_api::rules::{check, Operation, ServerFacts};
use compute_api::volume_attachment::VolumeAttachment;
use compute_console::components::{FormDialog, RowActions, TabPanel, Tabs};
use compute_console::i18n::{InstancesMsg, Message};
use compute_console::operations::{operation_testid, row_operations, OPERATIONS};
use compute_console::pages::instance_detail::volumes::{AttachmentFields, AttachmentTable};
use compute_console::pages::instances::list_url::server_query_from_url;
use compute_console::pages::instances::list_url::MAX_LIMIT;
use compute_console::pages::instances::pager::{back, forward, MAX_PREV, PAGE_SIZES};
use leptos_router::params::ParamsMap;

use super::*;

/// Sends a keydown with `key` to an element (it bubbles like a real one).
pub(crate) fn press(el: &web_sys::HtmlElement, key: &str) {
    let f = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}))",
    );
    f.call2(
        &wasm_bindgen::JsValue::NULL,
        &el.clone().into(),
        &key.into(),
    )
    .unwrap();
}

fn focused_testid() -> Option<String> {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"))
}

fn recorder<T: Send + Sync + 'static>() -> (Arc<Mutex<Vec<T>>>, Callback<T>) {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let sink = calls.clone();
    (
        calls,
        Callback::new(move |v: T| sink.lock().unwrap().push(v)),
    )
}

// ---- paging -------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn paging_markers_go_forward_and_back_and_stay_bounded() {
    let none: Vec<String> = Vec::new();
    // From the first page (no marker) the second has no earlier markers: "previous" is page 1.
    assert_eq!(forward(&none, None), none);
    let third = forward(&none, Some("a"));
    assert_eq!(third, vec!["a".to_string()]);
    assert_eq!(back(&third), (Some("a".to_string()), none.clone()));
    assert_eq!(back(&none), (None, none.clone()));

    // Far along, the oldest markers are dropped so the URL stays short.
    let mut prev = Vec::new();
    for i in 0..MAX_PREV + 5 {
        prev = forward(&prev, Some(&format!("m{i}")));
    }
    assert_eq!(prev.len(), MAX_PREV);
    assert_eq!(prev.first().map(String::as_str), Some("m5"));
    assert_eq!(
        prev.last().map(String::as_str),
        Some(format!("m{}", MAX_PREV + 4).as_str())
    );
    let (marker, rest) = back(&prev);
    assert_eq!(
        marker.as_deref(),
        Some(format!("m{}", MAX_PREV + 4).as_str())
    );
    assert_eq!(rest.len(), MAX_PREV - 1);
}

#[wasm_bindgen_test]
fn the_url_takes_any_limit_up_to_the_apis_largest() {
    let url = |pairs: &[(&'static str, &str)]| {
        let mut m = ParamsMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.to_string());
        }
        server_query_from_url(&m)
    };
    assert_eq!(url(&[("limit", "3")]).limit, Some(3));
    assert_eq!(url(&[("limit", "1000")]).limit, Some(1000));
    assert_eq!(url(&[("limit", "5000")]).limit, Some(MAX_LIMIT));
    assert_eq!(url(&[("limit", "0")]).limit, None);
    let q = url(&[("status", "SHUTOFF"), ("marker", "m1"), ("prev", "m0")]);
    assert_eq!(q.status.as_deref(), Some("SHUTOFF"));
    assert_eq!(q.marker.as_deref(), Some("m1"));
}

#[wasm_bindgen_test]
fn page_sizes_are_real_ones_within_the_api_bound() {
    assert!(PAGE_SIZES.iter().all(|n| (20..=1000).contains(n)));
    assert!(PAGE_SIZES.contains(&1000));
    assert!(PAGE_SIZES.windows(2).all(|w| w[0] < w[1]));
}

// ---- row menus ----------------------------------------------------------------------------

fn menu_items(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlButtonElement> {
    query_all(root, "button[role=\"menuitem\"]")
        .into_iter()
        .map(|e| e.unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn row_menu_enables_exactly_what_the_rules_allow_and_says_why() {
    for server in servers() {
        let (calls, on_action) = recorder::<Operation>();
        let s = server.clone();
        let root = mount(move || view! { <RowActions server=s on_action /> });
        tick().await;
        let button = by_testid(&root, "row-actions");
        assert_eq!(
            button.get_attribute("aria-haspopup").as_deref(),
            Some("menu")
        );
        assert_eq!(
            button.get_attribute("aria-expanded").as_deref(),
            Some("false")
        );
        assert!(menu_items(&root).is_empty(), "items exist only while open");

        button.click();
        tick().await;
        assert_eq!(
            button.get_attribute("aria-expanded").as_deref(),
            Some("true")
        );
        let items = menu_items(&root);
        assert_eq!(items.len(), row_operations().count());
        let facts = ServerFacts::from_server(&server, None);
        for op in row_operations() {
            let id = operation_testid(op);
            let item = button_in(&root, id);
            let verdict = check(op, &facts);
            assert_eq!(
                item.disabled(),
                verdict.is_err(),
                "{} {id}",
                server.status.as_str()
            );
            let note =
                query(&item.parent_element().unwrap().unchecked_into(), ".why").map(|n| text(&n));
            assert_eq!(
                note,
                verdict.err().map(|d| denied_text(Lang::En, &d)),
                "{id} reason"
            );
        }
        // An allowed item calls back once and closes the menu.
        if let Some(item) = menu_items(&root).into_iter().find(|i| !i.disabled()) {
            item.click();
            tick().await;
            assert_eq!(calls.lock().unwrap().len(), 1);
            assert!(menu_items(&root).is_empty());
        }
    }
}

fn button_in(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlButtonElement {
    by_testid(root, id).unchecked_into()
}

#[wasm_bindgen_test]
async fn row_menu_is_driven_by_the_keyboard() {
    let active = servers()[0].clone(); // ACTIVE: start refused, the rest allowed
    let (calls, on_action) = recorder::<Operation>();
    let root = mount(move || view! { <RowActions server=active on_action /> });
    tick().await;
    let button = by_testid(&root, "row-actions");
    // A closed menu is not in the document (a long list keeps one button per row).
    assert!(query(&root, "[role=\"menu\"]").is_none());
    assert_eq!(button.get_attribute("aria-controls"), None);
    button.focus().unwrap();
    press(&button, "ArrowDown");
    tick().await;
    // The first enabled item, skipping the refused start.
    assert_eq!(focused_testid().as_deref(), Some("action-stop"));
    let menu = query(&root, "[role=\"menu\"]").unwrap();
    assert_eq!(button.get_attribute("aria-controls"), Some(menu.id()));
    press(&menu, "ArrowDown");
    assert_eq!(focused_testid().as_deref(), Some("action-reboot-soft"));
    press(&menu, "End");
    // The last item opens the wizard filled from this instance.
    assert_eq!(focused_testid().as_deref(), Some("launch-like"));
    let like = by_testid(&root, "launch-like");
    assert_eq!(
        like.get_attribute("href").as_deref(),
        Some("/instances/new?like=1b1a7a3c-0000-4000-8000-000000000001")
    );
    press(&menu, "ArrowUp");
    assert_eq!(focused_testid().as_deref(), Some("action-delete"));
    press(&menu, "ArrowDown");
    press(&menu, "ArrowDown");
    assert_eq!(focused_testid().as_deref(), Some("action-stop"), "wraps");
    press(&menu, "ArrowUp");
    assert_eq!(
        focused_testid().as_deref(),
        Some("launch-like"),
        "wraps back"
    );
    press(&menu, "Escape");
    tick().await;
    assert!(menu_items(&root).is_empty());
    assert!(query(&root, "[role=\"menu\"]").is_none());
    assert_eq!(focused_testid().as_deref(), Some("row-actions"));
    assert!(
        calls.lock().unwrap().is_empty(),
        "nothing sent by moving around"
    );

    // ArrowUp opens on the last item.
    press(&button, "ArrowUp");
    tick().await;
    assert_eq!(focused_testid().as_deref(), Some("launch-like"));
}

#[wasm_bindgen_test]
async fn row_menu_disables_everything_while_a_request_is_in_flight() {
    let active = servers()[0].clone();
    let (calls, on_action) = recorder::<Operation>();
    let (busy, set_busy) = signal(true);
    let root = mount(move || view! { <RowActions server=active busy on_action /> });
    tick().await;
    by_testid(&root, "row-actions").click();
    tick().await;
    assert!(menu_items(&root).iter().all(|i| i.disabled()));
    button_in(&root, "action-stop").click();
    assert!(calls.lock().unwrap().is_empty());
    set_busy.set(false);
    tick().await;
    assert!(!button_in(&root, "action-stop").disabled());
}

#[wasm_bindgen_test]
async fn instance_table_puts_a_menu_in_each_row_only_when_asked() {
    let (_, on_row_action) = recorder::<(String, Operation)>();
    let root = mount(
        move || view! { <InstanceTable rows=ShownRows::from_servers(servers()) on_row_action /> },
    );
    tick().await;
    let rows = query_all(&root, "[data-testid=\"instance-row\"]");
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert!(query(row, "[data-testid=\"row-actions\"]").is_some());
    }
    let plain = mount(move || view! { <InstanceTable rows=ShownRows::from_servers(servers()) /> });
    tick().await;
    assert!(query(&plain, "[data-testid=\"row-actions\"]").is_none());
}

#[wasm_bindgen_test]
async fn a_row_menu_reports_its_row_and_its_busy_state() {
    let (calls, on_row_action) = recorder::<(String, Operation)>();
    let busy: HashSet<String> = ["1b1a7a3c-0000-4000-8000-000000000002".to_string()].into();
    let root = mount(move || {
        view! { <InstanceTable rows=ShownRows::from_servers(servers()) on_row_action busy_rows=Signal::stored(busy) /> }
    });
    tick().await;
    let row = |id: &str| instance_row(&root, id);
    // The busy row's menu has everything disabled (SHUTOFF would allow start).
    let shutoff = row("1b1a7a3c-0000-4000-8000-000000000002");
    by_testid(&shutoff, "row-actions").click();
    tick().await;
    assert!(button_in(&shutoff, "action-start").disabled());
    // Another row acts and says which.
    let active = row("1b1a7a3c-0000-4000-8000-000000000001");
    by_testid(&active, "row-actions").click();
    tick().await;
    button_in(&active, "action-stop").click();
    assert_eq!(
        *calls.lock().unwrap(),
        vec![(
            "1b1a7a3c-0000-4000-8000-000000000001".to_string(),
            Operation::Stop
        )]
    );
}

// ---- tabs ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn tabs_are_accessible_and_follow_the_arrow_keys() {
    let chosen = RwSignal::new("overview".to_string());
    let on_select = Callback::new(move |key: String| chosen.set(key));
    let root = mount(move || {
        view! {
            <Tabs
                label=InstancesMsg::DetailSections
                tabs=vec![("overview", InstancesMsg::TabOverview), ("volumes", InstancesMsg::TabVolumes)]
                selected=chosen
                on_select
            />
            <TabPanel key="overview" hidden=Signal::derive(move || chosen.get() != "overview")>"first"</TabPanel>
            <TabPanel key="volumes" hidden=Signal::derive(move || chosen.get() != "volumes")>"second"</TabPanel>
        }
    });
    tick().await;
    let list = query(&root, "[role=\"tablist\"]").unwrap();
    assert_eq!(
        list.get_attribute("aria-label").as_deref(),
        Some("Instance sections")
    );
    let overview = by_testid(&root, "tab-overview");
    let volumes = by_testid(&root, "tab-volumes");
    assert_eq!(overview.get_attribute("role").as_deref(), Some("tab"));
    assert_eq!(
        overview.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(
        volumes.get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    // Only the chosen tab is in the Tab order.
    assert_eq!(overview.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(volumes.get_attribute("tabindex").as_deref(), Some("-1"));
    // Tabs and panels point at each other.
    let panels = query_all(&root, "[role=\"tabpanel\"]");
    assert_eq!(panels.len(), 2);
    for (tab, panel) in [&overview, &volumes].into_iter().zip(&panels) {
        assert_eq!(tab.get_attribute("aria-controls"), Some(panel.id()));
        assert_eq!(panel.get_attribute("aria-labelledby"), Some(tab.id()));
    }
    // Only the chosen tab's panel shows.
    assert!(!panels[0].hidden());
    assert!(panels[1].hidden());

    overview.focus().unwrap();
    press(&overview, "ArrowRight");
    tick().await;
    assert_eq!(chosen.get_untracked(), "volumes");
    assert_eq!(focused_testid().as_deref(), Some("tab-volumes"));
    assert_eq!(
        volumes.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(volumes.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(panels[0].hidden());
    assert!(!panels[1].hidden());
    press(&volumes, "ArrowRight");
    assert_eq!(chosen.get_untracked(), "overview", "wraps to the first");
    press(&overview, "End");
    assert_eq!(chosen.get_untracked(), "volumes");
    press(&volumes, "Home");
    assert_eq!(chosen.get_untracked(), "overview");
    press(&overview, "ArrowLeft");
    assert_eq!(chosen.get_untracked(), "volumes", "wraps to the last");
    overview.click();
    assert_eq!(chosen.get_untracked(), "overview");
}

// ---- dialogs ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn form_dialog_submits_only_when_valid_and_idle() {
    let (calls, on_submit) = recorder::<()>();
    let (closed, on_close) = recorder::<()>();
    let valid = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <FormDialog title="Rename".to_string() valid busy on_submit on_close>
                <input type="text" data-testid="field" />
            </FormDialog>
        }
    });
    tick().await;
    let ok = button_in(&root, "confirm-ok");
    let form: web_sys::HtmlFormElement = query(&root, "form").unwrap().unchecked_into();
    assert!(ok.disabled());
    form.request_submit().unwrap();
    assert!(
        calls.lock().unwrap().is_empty(),
        "an invalid form sends nothing"
    );

    valid.set(true);
    tick().await;
    assert!(!ok.disabled());
    form.request_submit().unwrap();
    assert_eq!(calls.lock().unwrap().len(), 1);

    // In flight: OK is disabled and Enter sends nothing more.
    busy.set(true);
    tick().await;
    assert!(ok.disabled());
    assert_eq!(ok.get_attribute("aria-busy").as_deref(), Some("true"));
    form.request_submit().unwrap();
    assert_eq!(calls.lock().unwrap().len(), 1);

    button_in(&root, "confirm-cancel").click();
    assert_eq!(closed.lock().unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn confirm_dialog_is_not_confirmed_twice_while_busy() {
    let (calls, on_ok) = recorder::<()>();
    let (_, on_cancel) = recorder::<()>();
    let busy = RwSignal::new(false);
    let root = mount(move || {
        view! { <ConfirmDialog message="Delete web-01?".to_string() on_ok on_cancel busy /> }
    });
    tick().await;
    button_in(&root, "confirm-ok").click();
    busy.set(true);
    tick().await;
    assert!(button_in(&root, "confirm-ok").disabled());
    button_in(&root, "confirm-ok").click();
    assert_eq!(calls.lock().unwrap().len(), 1);
}

// ---- volume attachments -------------------------------------------------------------------

fn attachments() -> Vec<VolumeAttachment> {
    serde_json::from_value::<compute_api::volume_attachment::VolumeAttachmentList>(
        serde_json::json!({"volumeAttachments": [
            {"id": "v-1", "volumeId": "v-1", "serverId": "s-1", "device": "/dev/vdb"},
            {"volumeId": "v-2"}
        ]}),
    )
    .unwrap()
    .volume_attachments
}

#[wasm_bindgen_test]
async fn attachment_table_lists_views_and_detaches() {
    let (viewed, on_view) = recorder::<String>();
    let (detached, on_detach) = recorder::<String>();
    let disabled = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <AttachmentTable
                attachments=attachments()
                detach_denied=Signal::stored(None::<String>)
                detach_disabled=disabled
                on_view
                on_detach
            />
        }
    });
    tick().await;
    let rows = query_all(&root, "[data-testid=\"volume-row\"]");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].get_attribute("data-volume-id").as_deref(),
        Some("v-1")
    );
    assert!(text(&rows[0]).contains("/dev/vdb"));
    // Missing fields are a dash, never blank.
    assert!(text(&rows[1]).contains('—'));

    button_in(&rows[1], "view-attachment").click();
    button_in(&rows[0], "action-detach-volume").click();
    assert_eq!(*viewed.lock().unwrap(), vec!["v-2".to_string()]);
    assert_eq!(*detached.lock().unwrap(), vec!["v-1".to_string()]);

    disabled.set(true);
    tick().await;
    assert!(button_in(&rows[0], "action-detach-volume").disabled());
    button_in(&rows[0], "action-detach-volume").click();
    assert_eq!(detached.lock().unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn the_root_volume_cannot_be_detached_and_says_why() {
    let (detached, on_detach) = recorder::<String>();
    let list = serde_json::from_value::<compute_api::volume_attachment::VolumeAttachmentList>(
        serde_json::json!({"volumeAttachments": [
            {"volumeId": "root", "device": "/dev/vda"},
            {"volumeId": "data", "device": "/dev/vdb"}
        ]}),
    )
    .unwrap()
    .volume_attachments;
    let root = mount(move || {
        view! {
            <AttachmentTable
                attachments=list
                detach_denied=Signal::stored(None::<String>)
                detach_disabled=Signal::stored(false)
                on_view=Callback::new(|_| {})
                on_detach
            />
        }
    });
    tick().await;
    let rows = query_all(&root, "[data-testid=\"volume-row\"]");
    let root_detach = button_in(&rows[0], "action-detach-volume");
    assert!(root_detach.disabled());
    assert!(
        root_detach.title().contains("root volume"),
        "{}",
        root_detach.title()
    );
    assert!(query(&rows[0], "[data-testid=\"volume-root\"]").is_some());
    assert!(!button_in(&rows[1], "action-detach-volume").disabled());
    root_detach.click();
    button_in(&rows[1], "action-detach-volume").click();
    assert_eq!(*detached.lock().unwrap(), vec!["data".to_string()]);
}

#[wasm_bindgen_test]
async fn one_attachment_shows_every_field() {
    let (closed, on_close) = recorder::<()>();
    let one = attachments().remove(0);
    let root = mount(move || view! { <AttachmentFields attachment=one on_close /> });
    tick().await;
    let field = |name: &str| text(&query(&root, &format!("[data-field=\"{name}\"]")).unwrap());
    assert_eq!(field("id"), "v-1");
    assert_eq!(field("device"), "/dev/vdb");
    assert_eq!(field("volumeId"), "v-1");
    assert_eq!(field("serverId"), "s-1");
    by_testid(&root, "attachment-close").click();
    assert_eq!(closed.lock().unwrap().len(), 1);
}

// ---- translations -------------------------------------------------------------------------

#[wasm_bindgen_test]
fn instance_screen_messages_are_translated() {
    let all = [
        InstancesMsg::RowActionsFor,
        InstancesMsg::ColRowActions,
        InstancesMsg::DetailSections,
        InstancesMsg::TabOverview,
        InstancesMsg::TabVolumes,
        InstancesMsg::ViewAttachment,
        InstancesMsg::AttachmentDetail,
        InstancesMsg::ServerId,
    ];
    for msg in all {
        let en = msg.text(Lang::En);
        for lang in [Lang::Ko, Lang::Ja] {
            let t = msg.text(lang);
            assert!(!t.is_empty() && t != en, "{msg:?} in {lang:?}: {t}");
        }
    }
    assert!(InstancesMsg::RowActionsFor
        .text(Lang::Ko)
        .contains("{name}"));
    assert!(InstancesMsg::RowActionsFor
        .text(Lang::Ja)
        .contains("{name}"));
}

/// The operation table names every operation once, each with its own button.
#[wasm_bindgen_test]
fn the_operation_table_has_every_operation_once_with_its_own_test_id() {
    use compute_api::rules::Operation;
    let ops: Vec<Operation> = OPERATIONS.iter().map(|s| s.op).collect();
    assert_eq!(
        ops,
        Operation::ALL.to_vec(),
        "the bar's order, every operation once"
    );
    let mut ids: Vec<&str> = OPERATIONS.iter().map(|s| s.testid).collect();
    ids.extend(OPERATIONS.iter().filter_map(|s| s.bulk_testid));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "a test id used twice");
    // What cannot be undone asks first.
    for spec in OPERATIONS.iter().filter(|s| s.danger) {
        assert!(
            spec.confirm.is_some(),
            "{:?} is dangerous but asks nothing",
            spec.op
        );
    }
}
