//! The create-instance wizard: steps, live errors, Submit, the request it builds, drafts.

use std::sync::{Arc, Mutex};

use compute_api::flavor::Flavor;
use compute_api::keypair::Keypair;
use compute_api::server::CreateServer;
use compute_api::services::{Image, Network, SecurityGroup, Volume};
use compute_api::zone::AvailabilityZone;
use compute_console::pages::create_instance::draft::{self, Draft, Nic, NicBy, Step};
use compute_console::pages::create_instance::{Choices, CreateWizard};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{by_testid, mount, query, query_all, text, tick, type_into};

const LINUX: &str = "9956f822-29c9-4f81-9410-0c392d9c8c24";
const WINDOWS: &str = "8b9f8d47-b89b-45af-b1d6-3f7ce7e06a11";
const M2: &str = "a4b6a0f7-aeff-4d78-a8d5-7de9f007012d";
const U2: &str = "35a73b57-58a7-434d-aa08-5249aaa95b3e";
const NET: &str = "245ff686-4ca2-4176-a069-81013537ac3a";

/// This tab's storage, where drafts live.
fn storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

/// The key of a wizard mounted without a session (no tenant, no user).
fn draft_key() -> String {
    draft::storage_key("", "")
}

fn forget_draft() {
    draft::clear();
}

/// Waits until a pause in typing has let the draft be written.
async fn draft_written() {
    gloo_timers::future::TimeoutFuture::new(draft::SAVE_DELAY_MS as u32 + 100).await;
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

fn images() -> Vec<Image> {
    vec![
        from_json(serde_json::json!({
            "id": LINUX, "name": "Ubuntu Server 22.04", "status": "active",
            "os_type": "linux", "os_distro": "ubuntu", "os_version": "22.04", "min_disk": 20
        })),
        from_json(serde_json::json!({
            "id": WINDOWS, "name": "Windows 2019 STD", "status": "active",
            "os_type": "Windows", "os_distro": "windows", "min_disk": 50, "min_ram": 2048
        })),
    ]
}

fn flavors() -> Vec<Flavor> {
    vec![
        from_json(serde_json::json!({
            "id": M2, "name": "m2.c2m4", "vcpus": 2, "ram": 4096, "disk": 0,
            "extra_specs": {"flavor_type": "general"}
        })),
        from_json(serde_json::json!({
            "id": U2, "name": "u2.c2m4", "vcpus": 2, "ram": 4096, "disk": 40,
            "extra_specs": {"flavor_type": "u2"}
        })),
    ]
}

fn choices() -> Choices {
    let choices = Choices::new();
    choices.images.set(Some(Ok(images())));
    choices.flavors.set(Some(Ok(flavors())));
    choices
        .zones
        .set(Some(Ok(vec![from_json::<AvailabilityZone>(
            serde_json::json!({"zoneName": "kr-pub-a", "zoneState": {"available": true}}),
        )])));
    choices.networks.set(Some(Ok(vec![from_json::<Network>(
        serde_json::json!({"id": NET, "name": "Default Network", "subnets": []}),
    )])));
    choices.subnets.set(Some(Ok(Vec::new())));
    choices.ports.set(Some(Ok(Vec::new())));
    choices.keypairs.set(Some(Ok(vec![from_json::<Keypair>(
        serde_json::json!({"name": "demo-key", "public_key": "ssh-ed25519 AAAA", "fingerprint": "SHA256:x"}),
    )])));
    choices.security_groups.set(Some(Ok(["default", "web"]
        .into_iter()
        .map(|name| from_json::<SecurityGroup>(serde_json::json!({"id": name, "name": name})))
        .collect())));
    choices
}

/// Mounts a wizard; the returned cell holds every request Submit handed over.
fn wizard() -> (web_sys::HtmlElement, Arc<Mutex<Vec<CreateServer>>>) {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let sink = sent.clone();
    let root = mount(move || {
        let on_submit =
            Callback::new(move |server: CreateServer| sink.lock().unwrap().push(server));
        view! { <CreateWizard choices=choices() on_submit compute_base="http://compute/v2/t".to_string() /> }
    });
    (root, sent)
}

fn click(root: &web_sys::HtmlElement, id: &str) {
    by_testid(root, id).click();
}

fn select(el: &web_sys::HtmlElement, value: &str) {
    let select: web_sys::HtmlSelectElement = el.clone().unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn errors(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"field-error\"]")
        .iter()
        .map(text)
        .collect()
}

fn error_fields(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"field-error\"]")
        .iter()
        .map(|e| e.get_attribute("data-field").unwrap_or_default())
        .collect()
}

fn current_step(root: &web_sys::HtmlElement) -> String {
    query(root, "[data-testid=\"create-step\"][aria-current=\"step\"]")
        .and_then(|e| e.get_attribute("data-step"))
        .unwrap_or_default()
}

async fn go_to(root: &web_sys::HtmlElement, step: &str) {
    query(
        root,
        &format!("[data-testid=\"create-step\"][data-step=\"{step}\"]"),
    )
    .unwrap()
    .click();
    tick().await;
}

fn submit_button(root: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    by_testid(root, "create-submit").unchecked_into()
}

/// Fills every required field for a Linux instance on an m2 flavor.
async fn fill_linux(root: &web_sys::HtmlElement) {
    type_into(&by_testid(root, "create-name"), "web-01");
    go_to(root, "image").await;
    query(
        root,
        &format!("[data-testid=\"image-option\"][data-id=\"{LINUX}\"] input"),
    )
    .unwrap()
    .click();
    tick().await;
    go_to(root, "flavor").await;
    query(
        root,
        &format!("[data-testid=\"flavor-option\"][data-id=\"{M2}\"] input"),
    )
    .unwrap()
    .click();
    tick().await;
    go_to(root, "network").await;
    type_into(&by_testid(root, "create-network"), NET);
    go_to(root, "access").await;
    select(&by_testid(root, "create-keypair"), "demo-key");
    tick().await;
}

#[wasm_bindgen_test]
async fn next_back_and_the_step_list_move_between_steps() {
    forget_draft();
    let (root, _) = wizard();
    tick().await;
    assert_eq!(current_step(&root), "basics");
    assert!(by_testid(&root, "create-back")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
    click(&root, "create-next");
    tick().await;
    assert_eq!(current_step(&root), "image");
    by_testid(&root, "create-image");
    click(&root, "create-next");
    tick().await;
    assert_eq!(current_step(&root), "flavor");
    click(&root, "create-back");
    tick().await;
    assert_eq!(current_step(&root), "image");
    go_to(&root, "review").await;
    assert_eq!(current_step(&root), "review");
    assert!(query(&root, "[data-testid=\"create-next\"]").is_none());
    // Nothing filled in: Submit is disabled and Review lists every error at once.
    assert!(submit_button(&root).disabled());
    let fields = error_fields(&root);
    for field in ["name", "imageRef", "flavorRef", "networks[0]", "key_name"] {
        assert!(fields.contains(&field.to_string()), "{field} in {fields:?}");
    }
    go_to(&root, "basics").await;
    assert_eq!(current_step(&root), "basics");
}

#[wasm_bindgen_test]
async fn errors_follow_the_typing_next_to_the_field() {
    forget_draft();
    let (root, _) = wizard();
    tick().await;
    assert_eq!(error_fields(&root), vec!["name".to_string()]);
    assert_eq!(errors(&root), vec!["Required".to_string()]);
    type_into(&by_testid(&root, "create-name"), "web-01");
    tick().await;
    assert!(errors(&root).is_empty());
    type_into(&by_testid(&root, "create-name"), &"a".repeat(256));
    tick().await;
    assert_eq!(
        errors(&root),
        vec!["At most 255 characters (it has 256)".to_string()]
    );
    type_into(&by_testid(&root, "create-name"), "web-01");
    type_into(&by_testid(&root, "create-count"), "11");
    tick().await;
    assert_eq!(
        errors(&root),
        vec!["Must be between 1 and 10 (it is 11)".to_string()]
    );
    type_into(&by_testid(&root, "create-count"), "3");
    type_into(&by_testid(&root, "create-count-max"), "2");
    tick().await;
    assert_eq!(error_fields(&root), vec!["min_count".to_string()]);
    // The step list marks the step that still has an error.
    let basics = query(&root, "[data-testid=\"create-step\"][data-step=\"basics\"]").unwrap();
    assert!(basics.class_name().contains("has-errors"));
}

#[wasm_bindgen_test]
async fn a_complete_form_enables_submit_and_sends_the_reviewed_json() {
    forget_draft();
    let (root, sent) = wizard();
    tick().await;
    fill_linux(&root).await;
    go_to(&root, "advanced").await;
    type_into(&by_testid(&root, "create-userdata"), "hello");
    tick().await;
    assert_eq!(
        by_testid(&root, "create-userdata-bytes")
            .get_attribute("data-bytes")
            .as_deref(),
        Some("8")
    );
    go_to(&root, "review").await;
    assert!(errors(&root).is_empty(), "{:?}", errors(&root));
    assert!(!submit_button(&root).disabled());
    let shown: serde_json::Value =
        serde_json::from_str(&text(&by_testid(&root, "create-review-json"))).unwrap();
    let server = &shown["server"];
    assert_eq!(server["name"], "web-01");
    assert_eq!(server["imageRef"], LINUX);
    assert_eq!(server["flavorRef"], M2);
    assert_eq!(server["networks"], serde_json::json!([{"uuid": NET}]));
    assert_eq!(server["key_name"], "demo-key");
    assert_eq!(
        server["security_groups"],
        serde_json::json!([{"name": "default"}])
    );
    assert_eq!(server["user_data"], "aGVsbG8=");
    // Not U2: the root disk is a volume from the image, sized from the image's min_disk.
    let root_disk = &server["block_device_mapping_v2"][0];
    assert_eq!(root_disk["source_type"], "image");
    assert_eq!(root_disk["uuid"], LINUX);
    assert_eq!(root_disk["destination_type"], "volume");
    assert_eq!(root_disk["volume_size"], 20);
    assert_eq!(root_disk["boot_index"], 0);
    let curl = text(&by_testid(&root, "create-review-curl"));
    assert!(
        curl.contains("$OS_TOKEN") && curl.contains("'http://compute/v2/t/servers'"),
        "{curl}"
    );

    submit_button(&root).click();
    tick().await;
    let sent = sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        serde_json::to_value(&sent[0]).unwrap(),
        shown["server"],
        "Submit sends exactly what Review shows"
    );
}

#[wasm_bindgen_test]
async fn windows_on_u2_is_refused_before_sending() {
    forget_draft();
    let (root, sent) = wizard();
    tick().await;
    fill_linux(&root).await;
    go_to(&root, "image").await;
    type_into(&by_testid(&root, "create-image"), WINDOWS);
    tick().await;
    by_testid(&root, "create-image-windows");
    go_to(&root, "flavor").await;
    // The U2 row cannot be picked, and says why.
    let u2_radio: web_sys::HtmlInputElement = query(
        &root,
        &format!("[data-testid=\"flavor-option\"][data-id=\"{U2}\"] input"),
    )
    .unwrap()
    .unchecked_into();
    assert!(u2_radio.disabled());
    let why = text(
        &query(
            &root,
            &format!("[data-testid=\"flavor-option\"][data-id=\"{U2}\"] .why"),
        )
        .unwrap(),
    );
    assert!(why.contains("U2"), "{why}");
    // Typing its id anyway is caught by the rules.
    type_into(&by_testid(&root, "create-flavor"), U2);
    tick().await;
    assert!(
        errors(&root).contains(&"Windows images cannot be used with U2 flavors".to_string()),
        "{:?}",
        errors(&root)
    );
    go_to(&root, "review").await;
    assert!(submit_button(&root).disabled());
    submit_button(&root).click();
    tick().await;
    assert!(sent.lock().unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn u2_flavors_get_a_local_root_disk_with_the_reason() {
    forget_draft();
    let (root, _) = wizard();
    tick().await;
    fill_linux(&root).await;
    go_to(&root, "flavor").await;
    query(
        &root,
        &format!("[data-testid=\"flavor-option\"][data-id=\"{U2}\"] input"),
    )
    .unwrap()
    .click();
    tick().await;
    go_to(&root, "image").await;
    let why = text(&by_testid(&root, "create-destination-why"));
    assert!(why.contains("local"), "{why}");
    go_to(&root, "review").await;
    assert!(!submit_button(&root).disabled(), "{:?}", errors(&root));
    let shown: serde_json::Value =
        serde_json::from_str(&text(&by_testid(&root, "create-review-json"))).unwrap();
    let root_disk = &shown["server"]["block_device_mapping_v2"][0];
    assert_eq!(root_disk["destination_type"], "local");
    assert!(root_disk.get("volume_size").is_none());
}

#[wasm_bindgen_test]
async fn the_draft_comes_back_and_start_over_clears_it() {
    forget_draft();
    let (first, _) = wizard();
    tick().await;
    type_into(&by_testid(&first, "create-name"), "kept-across-reloads");
    go_to(&first, "image").await;
    tick().await;
    // Written after a pause in typing, not on every keystroke.
    assert_eq!(storage().get_item(&draft_key()).unwrap(), None);
    draft_written().await;
    let stored = storage().get_item(&draft_key()).unwrap().unwrap();
    assert!(stored.contains("kept-across-reloads"));
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for i in 0..local.length().unwrap() {
        let key = local.key(i).unwrap().unwrap();
        let value = local.get_item(&key).unwrap().unwrap_or_default();
        assert!(
            !value.contains("kept-across-reloads"),
            "draft in localStorage: {key}"
        );
    }

    // A second mount stands for a reload or a navigation back.
    let (second, _) = wizard();
    tick().await;
    by_testid(&second, "create-draft-restored");
    assert_eq!(current_step(&second), "image");
    go_to(&second, "basics").await;
    let name: web_sys::HtmlInputElement = by_testid(&second, "create-name").unchecked_into();
    assert_eq!(name.value(), "kept-across-reloads");

    click(&second, "create-start-over");
    tick().await;
    draft_written().await;
    assert_eq!(storage().get_item(&draft_key()).unwrap(), None);
    let name: web_sys::HtmlInputElement = by_testid(&second, "create-name").unchecked_into();
    assert_eq!(name.value(), "");
    assert!(query(&second, "[data-testid=\"create-draft-restored\"]").is_none());
}

#[wasm_bindgen_test]
async fn user_data_is_never_kept_and_the_restored_draft_says_so() {
    forget_draft();
    let (first, _) = wizard();
    tick().await;
    type_into(&by_testid(&first, "create-name"), "with-a-script");
    go_to(&first, "advanced").await;
    let script = by_testid(&first, "create-userdata");
    let area: web_sys::HtmlTextAreaElement = script.clone().unchecked_into();
    area.set_value("#cloud-config\npassword: hunter2-secret");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    draft_written().await;
    let stored = storage().get_item(&draft_key()).unwrap().unwrap();
    assert!(stored.contains("with-a-script"), "{stored}");
    assert!(!stored.contains("hunter2"), "user data stored: {stored}");

    let (second, _) = wizard();
    tick().await;
    by_testid(&second, "create-draft-user-data-left-out");
    forget_draft();
}

#[wasm_bindgen_test]
fn drafts_are_kept_per_tenant_and_user() {
    let a = draft::storage_key("tenant-a", "alice@example.com");
    let b = draft::storage_key("tenant-a", "bob@example.com");
    let c = draft::storage_key("tenant-b", "alice@example.com");
    // A separator inside a name cannot make two identities share a key.
    let d = draft::storage_key("tenant-a\",\"alice", "");
    assert!(a.starts_with(draft::KEY_PREFIX));
    let keys = [&a, &b, &c, &d];
    for (i, x) in keys.iter().enumerate() {
        for y in &keys[i + 1..] {
            assert_ne!(x, y);
        }
    }
}

#[wasm_bindgen_test]
async fn a_draft_that_does_not_decode_or_is_too_large_is_ignored() {
    storage().set_item(&draft_key(), "{not json").unwrap();
    let (root, _) = wizard();
    tick().await;
    assert!(query(&root, "[data-testid=\"create-draft-restored\"]").is_none());
    assert_eq!(
        by_testid(&root, "create-name")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        ""
    );
    let huge = Draft {
        name: "x".repeat(draft::MAX_DRAFT_BYTES),
        ..Draft::default()
    };
    assert_eq!(huge.to_stored(), None);
    let stored = serde_json::json!({"form": huge}).to_string();
    assert_eq!(Draft::from_stored(&stored), None);
    forget_draft();
}

#[wasm_bindgen_test]
fn drafts_turn_into_nics_in_order_and_never_hold_a_token() {
    let draft = Draft {
        name: "db".into(),
        nics: vec![
            Nic {
                by: NicBy::Subnet,
                target: "sub-1".into(),
                fixed_ip: "10.0.0.5".into(),
            },
            Nic {
                by: NicBy::Port,
                target: "port-1".into(),
                fixed_ip: String::new(),
            },
            Nic {
                by: NicBy::Network,
                target: NET.into(),
                fixed_ip: String::new(),
            },
        ],
        step: Step::Network,
        ..Draft::default()
    };
    let server = draft.to_request(Default::default());
    let nics = serde_json::to_value(&server.networks).unwrap();
    assert_eq!(
        nics,
        serde_json::json!([
            {"subnet": "sub-1", "fixed_ip": "10.0.0.5"},
            {"port": "port-1"},
            {"uuid": NET}
        ])
    );
    let stored = draft.to_stored().unwrap();
    for secret in ["token", "password", "adminPass"] {
        assert!(
            !stored.to_lowercase().contains(&secret.to_lowercase()),
            "{stored}"
        );
    }
}

#[wasm_bindgen_test]
fn every_creation_rule_reads_in_every_language_with_its_numbers() {
    use compute_api::validate::ErrorKind;
    use compute_api::FieldError;
    use compute_console::i18n::Lang;
    use compute_console::pages::create_instance::error_text;
    let kinds = [
        ("name", ErrorKind::Required),
        (
            "name",
            ErrorKind::TooLong {
                max: 255,
                actual: 256,
            },
        ),
        (
            "min_count",
            ErrorKind::OutOfRange {
                min: 1,
                max: 10,
                actual: 11,
            },
        ),
        (
            "min_count",
            ErrorKind::MinCountAboveMaxCount { min: 3, max: 2 },
        ),
        (
            "name",
            ErrorKind::WindowsNameTooLong {
                max: 15,
                actual: 16,
            },
        ),
        (
            "flavorRef",
            ErrorKind::WindowsNeedsRam {
                min_mb: 2048,
                actual_mb: 1024,
            },
        ),
        ("flavorRef", ErrorKind::WindowsNotOnU2),
        (
            "flavorRef",
            ErrorKind::RootDiskTooSmall {
                min_gb: 50,
                actual_gb: 40,
            },
        ),
        ("block_device_mapping_v2", ErrorKind::BlockDeviceRequired),
        (
            "block_device_mapping_v2[0].destination_type",
            ErrorKind::DestinationMustBeLocal,
        ),
        (
            "block_device_mapping_v2[0].destination_type",
            ErrorKind::DestinationMustBeVolume,
        ),
        (
            "user_data",
            ErrorKind::UserDataTooLong {
                max: 65_535,
                actual: 65_536,
            },
        ),
        ("networks[0]", ErrorKind::NicNeedsOneTarget),
        (
            "metadata.k",
            ErrorKind::MetadataKeyTooLong {
                max: 255,
                actual: 256,
            },
        ),
        (
            "metadata",
            ErrorKind::InvalidValue("metadata keys must not be empty".into()),
        ),
        (
            "networks[0].fixed_ip",
            ErrorKind::InvalidValue("\"x\" is not an IP address".into()),
        ),
        ("user_data", ErrorKind::NotBase64),
        ("networks[0].fixed_ip", ErrorKind::FixedIpWithPort),
        (
            "flavorRef",
            ErrorKind::FlavorRamTooSmall {
                min_mb: 4096,
                actual_mb: 2048,
            },
        ),
        (
            "block_device_mapping_v2[0].source_type",
            ErrorKind::UnknownSourceType("x".into()),
        ),
        (
            "block_device_mapping_v2[0].volume_type",
            ErrorKind::UnknownVolumeType("x".into()),
        ),
        ("name", ErrorKind::NotEnglish('웹')),
        ("block_device_mapping_v2", ErrorKind::RootDiskRequired),
        (
            "block_device_mapping_v2[1].volume_size",
            ErrorKind::VolumeSizeNotPositive,
        ),
    ];
    for (field, kind) in kinds {
        let error = FieldError {
            field: field.into(),
            kind: kind.clone(),
        };
        let english = error_text(Lang::En, &error);
        for lang in [Lang::Ko, Lang::Ja] {
            let text = error_text(lang, &error);
            assert!(!text.contains('{'), "{lang:?} {kind:?}: {text}");
            assert_ne!(text, english, "{lang:?} {kind:?} is translated");
        }
    }
    let over = FieldError {
        field: "user_data".into(),
        kind: ErrorKind::UserDataTooLong {
            max: 65_535,
            actual: 65_536,
        },
    };
    assert!(error_text(Lang::Ko, &over).contains("65536"));
    let ram = FieldError {
        field: "flavorRef".into(),
        kind: ErrorKind::WindowsNeedsRam {
            min_mb: 2048,
            actual_mb: 1024,
        },
    };
    assert!(error_text(Lang::Ja, &ram).contains("2 GB"));
}

// ---- launch more like this ----------------------------------------------------------------

mod like {
    use compute_api::server::Server;
    use compute_api::services::{Network, Volume};
    use compute_console::pages::create_instance::like::{boot_volume, next_name, prefill_from};

    use super::*;

    fn server(image: serde_json::Value, volumes: serde_json::Value) -> Server {
        serde_json::from_value(serde_json::json!({
            "id": "5f1c3d4e-0000-4000-8000-0000000000aa",
            "name": "web-2",
            "status": "ACTIVE",
            "image": image,
            "flavor": {"id": M2, "links": []},
            "key_name": "ops",
            "OS-EXT-AZ:availability_zone": "kr-pub-b",
            "addresses": {
                "Default Network": [{"addr": "192.168.0.4", "version": 4}],
                "Gone Network": [{"addr": "10.0.0.4", "version": 4}]
            },
            "security_groups": [{"name": "default"}, {"name": "web"}, {"name": "web"}],
            "os-extended-volumes:volumes_attached": volumes,
            "metadata": {"role": "frontend", "login_username": "centos"}
        }))
        .unwrap()
    }

    fn networks() -> Vec<Network> {
        serde_json::from_value(serde_json::json!([
            {"id": NET, "name": "Default Network"},
            {"id": "0b0b0b0b-0000-4000-8000-000000000000", "name": "Other"}
        ]))
        .unwrap()
    }

    fn volumes() -> Vec<Volume> {
        serde_json::from_value(serde_json::json!([
            {"id": "v-data", "size": 100, "volume_type": "General HDD",
             "attachments": [{"server_id": "5f1c3d4e-0000-4000-8000-0000000000aa", "device": "/dev/vdb"}]},
            {"id": "v-root", "size": 50, "volume_type": "General SSD", "bootable": "true",
             "attachments": [{"server_id": "5f1c3d4e-0000-4000-8000-0000000000aa", "device": "/dev/vda"}]},
            {"id": "v-other", "size": 20,
             "attachments": [{"server_id": "someone-else", "device": "/dev/vda"}]}
        ]))
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn names_of_copies_count_on_or_get_a_suffix() {
        assert_eq!(next_name("web"), "web-2");
        assert_eq!(next_name("web-2"), "web-3");
        assert_eq!(next_name("web-01"), "web-01-2");
        assert_eq!(next_name("web-1"), "web-1-2");
        assert_eq!(next_name("-5"), "-5-2");
        assert_eq!(next_name("db-999"), "db-1000");
        assert_eq!(next_name("db-1000"), "db-1000-2");
    }

    #[wasm_bindgen_test]
    fn a_server_from_an_image_fills_every_step_it_can() {
        let s = server(
            serde_json::json!({"id": LINUX, "links": []}),
            serde_json::json!([]),
        );
        let nets = networks();
        let p = prefill_from(&s, Some(&nets), None);
        let d = &p.draft;
        assert_eq!(d.name, "web-3");
        assert_eq!(d.image_id, LINUX);
        assert_eq!(d.flavor_id, M2);
        assert_eq!(d.key_name, "ops");
        assert_eq!(d.availability_zone, "kr-pub-b");
        assert_eq!(d.security_groups, ["default", "web"], "one entry per group");
        assert_eq!(
            d.nics,
            vec![Nic {
                by: NicBy::Network,
                target: NET.into(),
                fixed_ip: String::new()
            }]
        );
        assert_eq!(p.networks_unmatched, ["Gone Network"]);
        assert!(!p.image_needed);
        assert_eq!(d.metadata.len(), 2);
        assert_eq!(d.step, Step::Basics);
        assert_eq!((d.min_count.as_str(), d.max_count.as_str()), ("1", "1"));
        // The request it makes names the same things (no user data: Nova never returns it).
        let request = d.to_request(draft::Chosen::default());
        assert_eq!(request.image_ref, LINUX);
        assert_eq!(request.key_name.as_deref(), Some("ops"));
        assert!(request.user_data.is_none());
    }

    #[wasm_bindgen_test]
    fn a_server_from_a_volume_keeps_its_size_and_type_and_asks_for_the_image() {
        let s = server(
            serde_json::json!(""),
            serde_json::json!([{"id": "v-root"}, {"id": "v-data"}]),
        );
        let vols = volumes();
        let boot = boot_volume(&vols, &s.id);
        assert_eq!(boot.map(|v| v.id.as_str()), Some("v-root"));
        let p = prefill_from(&s, None, boot);
        assert!(p.image_needed);
        assert_eq!(p.draft.image_id, "");
        let root = &p.draft.disks[0];
        assert_eq!(root.source, "image");
        assert_eq!(root.destination, "volume");
        assert_eq!(root.size, "50");
        assert_eq!(root.volume_type, "General SSD");
        assert_eq!(
            p.draft.disks.len(),
            1,
            "the data volume stays with the original"
        );
        // Without the network list, every network is left to choose.
        assert_eq!(p.networks_unmatched.len(), 2);
        assert_eq!(p.draft.nics, vec![Nic::default()]);
    }

    #[wasm_bindgen_test]
    async fn the_wizard_takes_a_prefill_over_its_draft_and_says_so() {
        let s = server(
            serde_json::json!({"id": LINUX, "links": []}),
            serde_json::json!([]),
        );
        let nets = networks();
        let prefill = RwSignal::new(None);
        let root = mount(move || {
            view! { <CreateWizard choices=Choices::new() on_submit=|_| {} prefill /> }
        });
        tick().await;
        assert!(query(&root, "[data-testid=\"create-prefilled\"]").is_none());
        prefill.set(Some(prefill_from(&s, Some(&nets), None)));
        tick().await;
        let notice = by_testid(&root, "create-prefilled");
        assert!(text(&notice).contains("web-2"), "{}", text(&notice));
        assert!(text(&notice).contains("Gone Network"));
        let name: web_sys::HtmlInputElement = by_testid(&root, "create-name").unchecked_into();
        assert_eq!(name.value(), "web-3");
        // Start over forgets it.
        by_testid(&root, "create-start-over").click();
        tick().await;
        assert!(query(&root, "[data-testid=\"create-prefilled\"]").is_none());
        draft::clear();
    }
}

fn volume(id: &str, zone: &str, bootable: bool, image_name: Option<&str>) -> Volume {
    let mut json = serde_json::json!({
        "id": id, "name": id, "status": "available", "size": 50,
        "availability_zone": zone, "bootable": bootable.to_string()
    });
    if let Some(name) = image_name {
        json["volume_image_metadata"] = serde_json::json!({"image_id": "img", "image_name": name});
    }
    from_json(json)
}

/// The label and whether it is disabled, of each option of the first source picker in `disk`.
fn picker_options(disk: &web_sys::HtmlElement) -> Vec<(String, String, bool)> {
    query_all(disk, "[data-testid=\"create-disk-pick\"] option")
        .iter()
        .map(|o| {
            let option: web_sys::HtmlOptionElement = o.clone().unchecked_into();
            (option.value(), text(o), option.disabled())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn volumes_the_guide_refuses_are_greyed_out_with_the_reason() {
    forget_draft();
    let choices = choices();
    choices.volumes.set(Some(Ok(vec![
        volume("boot-a", "kr-pub-a", true, Some("Ubuntu Server 22.04")),
        volume("data-a", "kr-pub-a", false, None),
        volume("mysql-a", "kr-pub-a", true, Some("MySQL 8.0 - Ubuntu")),
        volume("boot-b", "kr-pub-b", true, None),
    ])));
    choices.snapshots.set(Some(Ok(Vec::new())));
    let root = mount(move || {
        view! { <CreateWizard choices on_submit=Callback::new(|_| {}) /> }
    });
    tick().await;
    select(&by_testid(&root, "create-az"), "kr-pub-a");
    go_to(&root, "image").await;
    let disks = || query_all(&root, "[data-testid=\"create-disk\"]");
    select(&by_testid(&disks()[0], "create-disk-source"), "volume");
    tick().await;
    let options = picker_options(&disks()[0]);
    let option = |id: &str| {
        options
            .iter()
            .find(|(value, _, _)| value == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} is offered: {options:?}"))
    };
    assert!(!option("boot-a").2, "{options:?}");
    assert!(option("boot-a").1.contains("50 GB") && option("boot-a").1.contains("kr-pub-a"));
    let (_, why, disabled) = option("data-a");
    assert!(disabled && why.contains("bootable"), "{why}");
    let (_, why, disabled) = option("mysql-a");
    assert!(disabled && why.contains("MySQL"), "{why}");
    let (_, why, disabled) = option("boot-b");
    assert!(disabled && why.contains("kr-pub-b"), "{why}");

    // An existing volume is never proposed for deletion: the root from a volume is unticked
    // and says it is kept.
    select(&by_testid(&disks()[0], "create-disk-pick"), "boot-a");
    tick().await;
    let delete: web_sys::HtmlInputElement =
        by_testid(&disks()[0], "create-disk-delete").unchecked_into();
    assert!(!delete.checked());
    assert!(text(&by_testid(&disks()[0], "create-disk-delete-note")).contains("kept"));

    // As an additional volume, a data volume may be chosen.
    click(&root, "create-add-volume");
    tick().await;
    let extra = picker_options(&disks()[1]);
    let data = extra
        .iter()
        .find(|(value, _, _)| value == "data-a")
        .unwrap();
    assert!(!data.2, "{extra:?}");
}
