//! Browser component tests: mount pieces of the console with fixed data in headless Chromium
//! and assert the DOM. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p compute-console`.

#![cfg(target_arch = "wasm32")]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use compute_api::error::HttpError;
use compute_api::identity::{CatalogEntry, Endpoint};
use compute_api::request::Service;
use compute_api::rules::Operation;
use compute_api::server::Server;
use compute_api::{ApiError, ServerStatus};
use compute_console::auth::LoginInput;
use compute_console::components::action_bar::denied_text;
use compute_console::components::{
    ActionBar, ConfirmDialog, ErrorMessage, InstanceTable, LoginForm, StatusBadge, Timestamp,
};
use compute_console::config::{RegionOverrides, RuntimeConfig};
use compute_console::i18n::{provide_i18n, tr, Lang, Msg};
use compute_console::session::Session;
use compute_console::store::ShownRows;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// Screens with many tests keep them in tests/console/, still in this one test binary.
#[path = "console/columns.rs"]
mod columns;
#[path = "console/crash.rs"]
mod crash;
#[path = "console/create.rs"]
mod create;
#[path = "console/failures.rs"]
mod failures;
#[path = "console/instances.rs"]
mod instances;
#[path = "console/next.rs"]
mod next;
#[path = "console/palette.rs"]
mod palette;
#[path = "console/resources.rs"]
mod resources;
#[path = "console/tasks.rs"]
mod tasks;
#[path = "console/virtual_table.rs"]
mod virtual_table;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a view into a fresh container and returns the container.
fn mount<F, V>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), f);
    // The view stays mounted for the rest of the test run.
    std::mem::forget(handle);
    container
}

/// Lets the reactive system run (effects are scheduled on the event loop).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (a turn of the event loop at a time, up to a second) until `ready` holds: for what
/// renders after an event the browser queues, or after an async load.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        tick().await;
    }
    panic!("still not so after a second: {what}");
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into())
}

fn query_all(root: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn by_testid(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    query(root, &format!("[data-testid=\"{id}\"]"))
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

/// The instance table's drawn row of a server.
fn instance_row(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    query(
        root,
        &format!("[data-testid=\"instance-row\"][data-id=\"{id}\"]"),
    )
    .unwrap_or_else(|| panic!("no drawn row for {id}"))
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

fn type_into(el: &web_sys::HtmlElement, value: &str) {
    let input: web_sys::HtmlInputElement = el.clone().unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

fn servers() -> Vec<Server> {
    let body = serde_json::json!({
        "servers": [
            {
                "id": "1b1a7a3c-0000-4000-8000-000000000001",
                "name": "<img src=x onerror=alert(1)>",
                "status": "ACTIVE",
                "addresses": {
                    "Default Network": [
                        {"addr": "192.168.0.4", "version": 4, "OS-EXT-IPS:type": "fixed",
                         "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:00:00:01"},
                        {"addr": "133.186.1.2", "version": 4, "OS-EXT-IPS:type": "floating"}
                    ]
                },
                "flavor": {"id": "f-m2", "links": []},
                "image": {"id": "img-ubuntu", "links": []},
                "key_name": "ops-key",
                "OS-EXT-AZ:availability_zone": "kr-pub-a",
                "created": "2024-05-01T09:30:00Z"
            },
            {
                "id": "1b1a7a3c-0000-4000-8000-000000000002",
                "name": "batch-02",
                "status": "SHUTOFF",
                "addresses": {},
                "flavor": {"id": "f-unknown"},
                "image": "",
                "created": "2024-05-02T00:00:00Z"
            },
            {
                "id": "1b1a7a3c-0000-4000-8000-000000000003",
                "name": "odd",
                "status": "SOMETHING_NEW",
                "OS-EXT-STS:task_state": "spawning"
            }
        ]
    });
    serde_json::from_value::<compute_api::server::ServerDetailList>(body)
        .unwrap()
        .servers
}

// ---- i18n ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn languages_from_browser_tags() {
    assert_eq!(Lang::from_tag("ko-KR"), Lang::Ko);
    assert_eq!(Lang::from_tag("ja"), Lang::Ja);
    assert_eq!(Lang::from_tag("ja_JP"), Lang::Ja);
    assert_eq!(Lang::from_tag("en-US"), Lang::En);
    assert_eq!(Lang::from_tag("fr"), Lang::En);
}

#[wasm_bindgen_test]
fn every_language_translates_the_shell() {
    assert_eq!(tr(Lang::En, Msg::NavInstances), "Instances");
    assert_eq!(tr(Lang::Ko, Msg::NavInstances), "인스턴스");
    assert_eq!(tr(Lang::Ja, Msg::NavInstances), "インスタンス");
    assert_eq!(tr(Lang::Ko, Msg::SignOut), "로그아웃");
    assert_eq!(tr(Lang::Ja, Msg::SignIn), "ログイン");
    for msg in [
        Msg::NavKeypairs,
        Msg::NavFlavors,
        Msg::NavZones,
        Msg::Loading,
        Msg::ErrorTitle,
    ] {
        let en = tr(Lang::En, msg);
        assert_ne!(tr(Lang::Ko, msg), en, "{msg:?} untranslated in Korean");
        assert_ne!(tr(Lang::Ja, msg), en, "{msg:?} untranslated in Japanese");
    }
}

// ---- status badge -------------------------------------------------------------------------

#[wasm_bindgen_test]
fn status_badge_always_shows_the_status_text() {
    let root = mount(|| {
        view! {
            <StatusBadge status=ServerStatus::Active />
            <StatusBadge status=ServerStatus::parse("STOPPED") />
            <StatusBadge status=ServerStatus::parse("MAINTENANCE_X") />
            <StatusBadge status=ServerStatus::Error />
        }
    });
    let badges = query_all(&root, ".badge");
    let texts: Vec<String> = badges.iter().map(text).collect();
    assert_eq!(texts, ["ACTIVE", "SHUTOFF", "MAINTENANCE_X", "ERROR"]);
    assert!(badges[0].class_name().contains("badge-ok"));
    assert!(badges[1].class_name().contains("badge-off"));
    assert!(badges[2].class_name().contains("badge-neutral"));
    assert!(badges[3].class_name().contains("badge-error"));
}

// ---- instance table -----------------------------------------------------------------------

#[wasm_bindgen_test]
fn instance_table_renders_rows_with_test_ids() {
    let flavor_names = HashMap::from([("f-m2".to_string(), "m2.c2m4".to_string())]);
    let root = mount(
        move || view! { <InstanceTable rows=ShownRows::from_servers(servers()) flavor_names /> },
    );
    let rows = query_all(&root, "[data-testid=\"instance-row\"]");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].get_attribute("data-id").as_deref(),
        Some("1b1a7a3c-0000-4000-8000-000000000001")
    );
    let statuses: Vec<String> = query_all(&root, "[data-testid=\"instance-status\"]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(statuses[0], "ACTIVE");
    assert_eq!(statuses[1], "SHUTOFF");
    assert_eq!(
        statuses[2], "SOMETHING_NEW",
        "unknown statuses are shown as they came"
    );
    assert!(text(&rows[2]).contains("spawning"), "task state shown");

    let first = text(&rows[0]);
    assert!(
        first.contains("m2.c2m4"),
        "flavor resolved to its name: {first}"
    );
    assert!(first.contains("192.168.0.4"));
    assert!(first.contains("133.186.1.2"));
    assert!(first.contains("floating"));
    assert!(first.contains("ops-key"));
    assert!(first.contains("kr-pub-a"));
    assert!(
        text(&rows[1]).contains("f-unknown"),
        "unknown flavor falls back to its id"
    );
    assert!(query(&rows[0], "time[title=\"2024-05-01 09:30:00 UTC\"]").is_some());
    // The detail link uses the server id.
    let link = query(&rows[0], "a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/instances/1b1a7a3c-0000-4000-8000-000000000001")
    );
}

#[wasm_bindgen_test]
fn instance_names_render_as_text_never_html() {
    let root = mount(move || view! { <InstanceTable rows=ShownRows::from_servers(servers()) /> });
    assert!(
        query(&root, "img").is_none(),
        "a name must not become an element"
    );
    let link = query(&root, "[data-testid=\"instance-row\"] a").unwrap();
    assert_eq!(text(&link), "<img src=x onerror=alert(1)>");
}

#[wasm_bindgen_test]
fn instance_table_headers_follow_the_language() {
    let root = mount(|| {
        provide_i18n(Lang::Ja);
        view! { <InstanceTable rows=ShownRows::default() /> }
    });
    let headers: Vec<String> = query_all(&root, "th").iter().map(text).collect();
    assert_eq!(headers[0], "名前");
    assert_eq!(headers[1], "ステータス");
}

// ---- errors -------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn error_message_shows_the_servers_words_and_request_id() {
    let error = ApiError::Http(HttpError {
        status: 409,
        fault: Some("conflictingRequest".into()),
        message: "Cannot 'os-start' instance while it is in vm_state active".into(),
        request_id: Some("req-1234".into()),
        retry_after: None,
    });
    let root = mount(move || view! { <ErrorMessage error /> });
    let box_ = by_testid(&root, "error-message");
    let shown = text(&box_);
    assert!(shown.contains("Cannot 'os-start' instance while it is in vm_state active"));
    assert!(shown.contains("req-1234"));
    assert!(shown.contains("HTTP 409"));
    assert!(shown.contains("conflictingRequest"));
    assert_eq!(box_.get_attribute("role").as_deref(), Some("alert"));
}

#[wasm_bindgen_test]
fn network_errors_are_explained() {
    let root = mount(|| {
        provide_i18n(Lang::Ko);
        view! { <ErrorMessage error=ApiError::Network("Failed to fetch".into()) /> }
    });
    let shown = text(&by_testid(&root, "error-message"));
    assert!(shown.contains("서버에 연결할 수 없습니다"), "{shown}");
    assert!(shown.contains("Failed to fetch"));
}

// ---- sign-in form -------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn sign_in_form_collects_password_login() {
    let submitted: Arc<Mutex<Vec<LoginInput>>> = Arc::default();
    let sink = submitted.clone();
    let root = mount(move || {
        provide_i18n(Lang::Ko);
        let on_submit = Callback::new(move |input| sink.lock().unwrap().push(input));
        view! { <LoginForm on_submit pending=Signal::stored(false) error=Signal::stored(None) /> }
    });
    // Labels are translated and tied to their inputs.
    let label = query(&root, "label[for=\"login-tenant\"]").unwrap();
    assert_eq!(text(&label), "테넌트 ID");
    assert!(query(&root, "[data-testid=\"login-token\"]").is_none());

    type_into(&by_testid(&root, "login-tenant"), " tenant-1 ");
    type_into(&by_testid(&root, "login-username"), "ops@example.com");
    type_into(&by_testid(&root, "login-password"), "s3cret");
    by_testid(&root, "login-submit").click();
    tick().await;
    let got = submitted.lock().unwrap().clone();
    assert_eq!(
        got,
        [LoginInput::Password {
            tenant_id: "tenant-1".into(),
            username: "ops@example.com".into(),
            password: "s3cret".into(),
        }]
    );
    // The password never shows in debug output.
    assert!(!format!("{:?}", got[0]).contains("s3cret"));
}

/// A locked (re-login) form for `tenant-1` with `username` or `endpoint` (empty: not given),
/// and what it submits.
fn mount_locked_form(
    username: &'static str,
    endpoint: &'static str,
) -> (web_sys::HtmlElement, Arc<Mutex<Vec<LoginInput>>>) {
    let submitted: Arc<Mutex<Vec<LoginInput>>> = Arc::default();
    let sink = submitted.clone();
    let root = mount(move || {
        let on_submit = Callback::new(move |input| sink.lock().unwrap().push(input));
        view! {
            <LoginForm
                on_submit
                pending=Signal::stored(false)
                error=Signal::stored(None)
                tenant_id="tenant-1"
                username
                endpoint
                locked=true
            />
        }
    });
    (root, submitted)
}

#[wasm_bindgen_test]
async fn a_locked_form_signs_in_again_as_the_same_user_only() {
    let (root, submitted) = mount_locked_form("ops@example.com", "");
    tick().await;
    // Tenant and user are shown, read-only; no switch to another way of signing in.
    for (id, value) in [
        ("login-tenant", "tenant-1"),
        ("login-username", "ops@example.com"),
    ] {
        let field: web_sys::HtmlInputElement = by_testid(&root, id).unchecked_into();
        assert_eq!(field.value(), value, "{id}");
        assert!(field.read_only(), "{id} is editable");
    }
    assert!(query(&root, "[data-testid=\"login-mode-token\"]").is_none());
    type_into(&by_testid(&root, "login-password"), "s3cret");
    by_testid(&root, "login-submit").click();
    tick().await;
    assert_eq!(
        submitted.lock().unwrap().clone(),
        [LoginInput::Password {
            tenant_id: "tenant-1".into(),
            username: "ops@example.com".into(),
            password: "s3cret".into(),
        }]
    );

    // A session made from a pasted token renews with a token, for the same endpoint.
    let (root, submitted) = mount_locked_form("", "https://compute.example.com/v2/tenant-1");
    assert!(query(&root, "[data-testid=\"login-password\"]").is_none());
    let endpoint: web_sys::HtmlInputElement = by_testid(&root, "login-endpoint").unchecked_into();
    assert!(endpoint.read_only());
    type_into(&by_testid(&root, "login-token"), "fresh-token");
    by_testid(&root, "login-submit").click();
    tick().await;
    assert_eq!(
        submitted.lock().unwrap().clone(),
        [LoginInput::Token {
            token: "fresh-token".into(),
            tenant_id: "tenant-1".into(),
            endpoint: "https://compute.example.com/v2/tenant-1".into(),
        }]
    );
}

#[wasm_bindgen_test]
async fn sign_in_form_switches_to_token_mode() {
    let submitted: Arc<Mutex<Vec<LoginInput>>> = Arc::default();
    let sink = submitted.clone();
    let root = mount(move || {
        let on_submit = Callback::new(move |input| sink.lock().unwrap().push(input));
        view! { <LoginForm on_submit pending=Signal::stored(false) error=Signal::stored(None) /> }
    });
    let token_mode = by_testid(&root, "login-mode-token");
    assert_eq!(
        token_mode.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    token_mode.click();
    tick().await;
    assert_eq!(
        token_mode.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(query(&root, "[data-testid=\"login-username\"]").is_none());
    type_into(&by_testid(&root, "login-token"), "gAAAA-token");
    type_into(&by_testid(&root, "login-tenant"), "t-9");
    type_into(
        &by_testid(&root, "login-endpoint"),
        "http://127.0.0.1:8090/v2/{tenantId}",
    );
    by_testid(&root, "login-submit").click();
    tick().await;
    assert_eq!(
        submitted.lock().unwrap().clone(),
        [LoginInput::Token {
            token: "gAAAA-token".into(),
            tenant_id: "t-9".into(),
            endpoint: "http://127.0.0.1:8090/v2/{tenantId}".into(),
        }]
    );
}

#[wasm_bindgen_test]
async fn sign_in_form_disables_submit_and_shows_the_error() {
    let pending = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let root = mount(move || {
        view! { <LoginForm on_submit=Callback::new(|_| ()) pending error /> }
    });
    let submit: web_sys::HtmlButtonElement = by_testid(&root, "login-submit").unchecked_into();
    assert!(submit.disabled());
    pending.set(false);
    error.set(Some(ApiError::Http(HttpError {
        status: 401,
        fault: Some("Unauthorized".into()),
        message: "The request you have made requires authentication.".into(),
        request_id: None,
        retry_after: None,
    })));
    tick().await;
    assert!(!submit.disabled());
    assert!(text(&by_testid(&root, "error-message"))
        .contains("The request you have made requires authentication."));
}

// ---- configuration and sessions -----------------------------------------------------------

fn catalog() -> Vec<CatalogEntry> {
    let entry = |t: &str, urls: &[(&str, &str)]| CatalogEntry {
        service_type: t.into(),
        name: t.into(),
        endpoints: urls
            .iter()
            .map(|(region, url)| Endpoint {
                region: (*region).into(),
                public_url: (*url).into(),
                internal_url: None,
                admin_url: None,
            })
            .collect(),
    };
    vec![
        entry(
            "compute",
            &[
                ("KR1", "https://kr1-api-instance.example.com/v2/t-1"),
                ("KR2", "https://kr2-api-instance.example.com/v2/t-1"),
            ],
        ),
        entry("image", &[("KR1", "https://kr1-api-image.example.com")]),
        entry(
            "volumev2",
            &[("KR1", "https://kr1-api-volume.example.com/v2/t-1/")],
        ),
    ]
}

#[wasm_bindgen_test]
fn token_login_builds_a_single_region_session() {
    let mut config = RuntimeConfig::default();
    config
        .regions
        .insert("KR1".into(), RegionOverrides::default());
    let session = Session::from_token(
        " tok ",
        "t-9",
        "http://127.0.0.1:8090/v2/{tenantId}/",
        &config,
    );
    assert_eq!(session.token.expose(), "tok");
    assert_eq!(session.region, "default");
    assert_eq!(session.regions, ["default", "KR1"]);
    assert_eq!(
        session.base(&config, Service::Compute).as_deref(),
        Some("http://127.0.0.1:8090/v2/t-9")
    );
    assert!(!format!("{session:?}").contains("tok\""));
}

#[wasm_bindgen_test]
fn a_renewed_session_keeps_the_region() {
    let config = RuntimeConfig::default();
    let mut old = Session::from_token("old", "t-1", "http://a/v2/t-1", &config);
    old.catalog = catalog();
    old.regions = config.regions(&old.catalog);
    old.region = "KR2".into();
    let mut fresh = Session::from_token("new", "t-1", "http://a/v2/t-1", &config);
    fresh.catalog = catalog();
    fresh.regions = config.regions(&fresh.catalog);
    fresh.region = "KR1".into();
    let renewed = old.renewed(fresh);
    assert_eq!(renewed.token.expose(), "new");
    assert_eq!(renewed.region, "KR2");
}

#[wasm_bindgen_test]
fn timestamps_without_a_zone_are_utc() {
    let root = mount(|| {
        let missing: Option<String> = None;
        view! {
            <Timestamp value=Some("2012-08-20T21:11:09.000000".to_string()) />
            <Timestamp value=Some("not a time".to_string()) />
            <Timestamp value=missing />
        }
    });
    let time = query(&root, "time").unwrap();
    assert_eq!(
        time.get_attribute("title").as_deref(),
        Some("2012-08-20 21:11:09 UTC")
    );
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2012-08-20T21:11:09.000000")
    );
    assert!(
        text(&root).contains("not a time"),
        "unreadable values are shown as they came"
    );
}

// ---- action bar ---------------------------------------------------------------------------

fn button(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlButtonElement {
    by_testid(root, id).unchecked_into()
}

/// The reason shown beside a button (title of its wrapper and the visible note).
fn reason(root: &web_sys::HtmlElement, id: &str) -> (Option<String>, Option<String>) {
    let wrapper: web_sys::HtmlElement = by_testid(root, id)
        .parent_element()
        .unwrap()
        .unchecked_into();
    let note = query(&wrapper, ".why").map(|n| text(&n));
    (wrapper.get_attribute("title"), note)
}

#[wasm_bindgen_test]
async fn action_bar_enables_exactly_what_the_rules_allow_and_says_why() {
    let mut shutoff = servers()[1].clone();
    shutoff.security_groups = vec![];
    let active = servers()[0].clone();
    let clicked = Arc::new(Mutex::new(Vec::new()));
    let sink = clicked.clone();
    let on_action = Callback::new(move |op: Operation| sink.lock().unwrap().push(op));
    let (server, set_server) = signal(Some(active));
    let root = mount(move || {
        view! { <ActionBar server=server flavor_is_u2=Signal::stored(Some(false)) on_action /> }
    });
    tick().await;

    // ACTIVE: start refused with the reason, stop and reboots allowed.
    assert!(button(&root, "action-start").disabled());
    let (title, note) = reason(&root, "action-start");
    assert_eq!(
        title.as_deref(),
        Some("Start needs SHUTOFF; this instance is ACTIVE")
    );
    assert_eq!(note.as_deref(), title.as_deref());
    for id in [
        "action-stop",
        "action-reboot-soft",
        "action-reboot-hard",
        "action-resize",
        "action-add-sg",
        "action-rename",
        "action-delete",
    ] {
        assert!(!button(&root, id).disabled(), "{id} should be enabled");
        assert_eq!(reason(&root, id), (None, None), "{id} has no reason");
    }
    // Not a U2 flavor: no create image, and it says why.
    assert!(button(&root, "action-create-image").disabled());
    assert!(reason(&root, "action-create-image")
        .0
        .unwrap()
        .contains("U2"));
    // No security group on the instance: nothing to remove.
    assert!(button(&root, "action-remove-sg").disabled());

    button(&root, "action-stop").click();
    // A disabled button sends nothing.
    button(&root, "action-start").click();
    assert_eq!(*clicked.lock().unwrap(), vec![Operation::Stop]);

    // SHUTOFF: start enabled, stop and soft reboot refused.
    set_server.set(Some(shutoff));
    tick().await;
    assert!(!button(&root, "action-start").disabled());
    assert!(button(&root, "action-stop").disabled());
    assert_eq!(
        reason(&root, "action-reboot-soft").0.as_deref(),
        Some("Soft reboot needs ACTIVE; this instance is SHUTOFF")
    );
    assert!(!button(&root, "action-reboot-hard").disabled());
}

#[wasm_bindgen_test]
async fn action_bar_disables_everything_while_a_request_is_in_flight() {
    let (pending, set_pending) = signal(None::<Operation>);
    let root = mount(move || {
        view! {
            <ActionBar
                server=Signal::stored(Some(servers()[0].clone()))
                pending
                on_action=Callback::new(|_: Operation| {})
            />
        }
    });
    tick().await;
    assert!(!button(&root, "action-stop").disabled());
    set_pending.set(Some(Operation::Stop));
    tick().await;
    for id in ["action-stop", "action-reboot-soft", "action-delete"] {
        assert!(button(&root, id).disabled(), "{id} enabled while busy");
    }
    set_pending.set(None);
    tick().await;
    assert!(!button(&root, "action-stop").disabled());
}

#[wasm_bindgen_test]
async fn action_bar_reasons_follow_the_language() {
    let i18n = provide_i18n(Lang::Ko);
    let root = mount(move || {
        provide_context(i18n);
        view! {
            <ActionBar
                server=Signal::stored(Some(servers()[0].clone()))
                on_action=Callback::new(|_: Operation| {})
            />
        }
    });
    tick().await;
    assert_eq!(text(&by_testid(&root, "action-start")), "시작");
    let title = reason(&root, "action-start").0.unwrap();
    assert!(
        title.contains("SHUTOFF") && title.contains("시작"),
        "{title}"
    );
}

// ---- confirmation dialog ------------------------------------------------------------------

#[wasm_bindgen_test]
async fn confirm_dialog_cancel_sends_nothing_and_ok_calls_back() {
    let calls = Arc::new(Mutex::new(Vec::<&'static str>::new()));
    let (ok_sink, cancel_sink) = (calls.clone(), calls.clone());
    let root = mount(move || {
        view! {
            <ConfirmDialog
                message="Delete the instance web-01?".to_string()
                on_ok=Callback::new(move |_: ()| ok_sink.lock().unwrap().push("ok"))
                on_cancel=Callback::new(move |_: ()| cancel_sink.lock().unwrap().push("cancel"))
            />
        }
    });
    tick().await;
    let dialog = query(&root, "[role=\"dialog\"]").expect("a dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(text(&dialog).contains("web-01"));
    // Focus starts inside the dialog.
    let active = document().active_element().unwrap();
    assert!(dialog.contains(Some(&active)), "focus is not in the dialog");

    by_testid(&root, "confirm-cancel").click();
    assert_eq!(*calls.lock().unwrap(), vec!["cancel"]);

    // Escape closes like Cancel.
    let press_escape = js_sys::Function::new_with_args(
        "el",
        "el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))",
    );
    press_escape
        .call1(
            &wasm_bindgen::JsValue::NULL,
            &by_testid(&root, "confirm-ok").into(),
        )
        .unwrap();
    assert_eq!(*calls.lock().unwrap(), vec!["cancel", "cancel"]);

    by_testid(&root, "confirm-ok").click();
    assert_eq!(*calls.lock().unwrap(), vec!["cancel", "cancel", "ok"]);
}

#[wasm_bindgen_test]
fn every_denial_is_translated() {
    use compute_api::rules::Denied;
    for lang in Lang::ALL {
        let text = denied_text(
            lang,
            &Denied::TaskInProgress {
                operation: Operation::Resize,
                task: "powering-off".into(),
            },
        );
        assert!(text.contains("powering-off"), "{lang:?}: {text}");
        assert!(!text.contains("{"), "{lang:?}: placeholder left in {text}");
    }
}
