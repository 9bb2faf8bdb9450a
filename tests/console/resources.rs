//! The key pair form, the flavor table and the flavor page's URL.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use compute_api::error::HttpError;
use compute_api::flavor::Flavor;
use compute_api::keypair::{Keypair, NewKeypair};
use compute_api::request::FlavorQuery;
use compute_api::ApiError;
use compute_console::components::flavor_table::{FlavorColumn, FlavorSort, FlavorTable};
use compute_console::components::{KeypairForm, KeypairFormMode, KeypairSender};
use compute_console::i18n::{provide_i18n, Lang};
use compute_console::pages::flavors::FlavorView;
use leptos::prelude::*;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{by_testid, mount, query, query_all, text, tick, type_into};

const ED25519: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM9xWu7wL3bCj0z1bC2r7c3cHDPuV3vUwR5V6OqZ7mNs me@example";
const PEM: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

fn keypair(name: &str, private_key: Option<&str>) -> Keypair {
    serde_json::from_value(serde_json::json!({
        "name": name,
        "public_key": ED25519,
        "fingerprint": "SHA256:abc",
        "private_key": private_key,
    }))
    .unwrap()
}

type Sent = Rc<RefCell<Vec<NewKeypair>>>;

/// A sender that records each request and answers with `reply`.
fn fake_sender(reply: Result<Keypair, ApiError>) -> (KeypairSender, Sent) {
    let sent: Sent = Rc::default();
    let log = sent.clone();
    let sender = KeypairSender::new(move |request: NewKeypair| {
        log.borrow_mut().push(request);
        let reply = reply.clone();
        async move { reply }
    });
    (sender, sent)
}

fn errors(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"field-error\"]")
        .iter()
        .map(text)
        .collect()
}

fn submit(root: &web_sys::HtmlElement) {
    by_testid(root, "keypair-submit").click();
}

#[wasm_bindgen_test]
async fn keypair_form_refuses_bad_names_without_sending() {
    let (sender, sent) = fake_sender(Ok(keypair("never", None)));
    let root = mount(move || view! { <KeypairForm on_saved=|_| {} sender /> });
    tick().await;
    assert!(errors(&root).is_empty(), "no error before typing");

    submit(&root);
    tick().await;
    assert_eq!(errors(&root), ["Enter a key pair name."]);

    type_into(&by_testid(&root, "keypair-name"), "bad/name");
    tick().await;
    let shown = errors(&root);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].contains("“/”"), "{shown:?}");
    submit(&root);
    tick().await;

    type_into(&by_testid(&root, "keypair-name"), &"k".repeat(256));
    tick().await;
    assert!(errors(&root)[0].ends_with("256"), "{:?}", errors(&root));
    submit(&root);
    tick().await;
    assert!(
        sent.borrow().is_empty(),
        "nothing is sent while a rule is broken"
    );

    type_into(&by_testid(&root, "keypair-name"), &"k".repeat(255));
    tick().await;
    assert!(errors(&root).is_empty());
}

#[wasm_bindgen_test]
async fn keypair_form_checks_the_public_key_before_importing() {
    let (sender, sent) = fake_sender(Ok(keypair("laptop", None)));
    let saved: Arc<Mutex<Vec<Keypair>>> = Arc::default();
    let log = saved.clone();
    let root = mount(move || {
        view! {
            <KeypairForm
                on_saved=move |k| log.lock().unwrap().push(k)
                mode=KeypairFormMode::Import
                sender
            />
        }
    });
    tick().await;
    type_into(&by_testid(&root, "keypair-name"), "  laptop ");
    type_into(&by_testid(&root, "keypair-public-key"), "ssh-rsa not-a-key");
    tick().await;
    assert_eq!(errors(&root), ["The key data is not valid base64."]);
    submit(&root);
    tick().await;
    assert!(sent.borrow().is_empty());

    let body = ED25519.split(' ').nth(1).unwrap();
    type_into(
        &by_testid(&root, "keypair-public-key"),
        &format!("ssh-rsa {body}"),
    );
    tick().await;
    assert!(
        errors(&root)[0].contains("ssh-rsa ≠ ssh-ed25519"),
        "{:?}",
        errors(&root)
    );

    type_into(
        &by_testid(&root, "keypair-public-key"),
        &format!("{ED25519}\n"),
    );
    tick().await;
    assert!(errors(&root).is_empty());
    submit(&root);
    tick().await;
    tick().await;
    let sent = sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].name, "laptop", "the name is trimmed");
    assert_eq!(sent[0].public_key.as_deref(), Some(ED25519));
    assert_eq!(saved.lock().unwrap().len(), 1);
    assert!(text(&by_testid(&root, "keypair-saved")).contains("laptop"));
    assert!(query(&root, "[data-testid=\"keypair-private-key\"]").is_none());
}

#[wasm_bindgen_test]
async fn keypair_form_shows_a_new_private_key_once() {
    let (sender, sent) = fake_sender(Ok(keypair("deploy", Some(PEM))));
    let saved: Arc<Mutex<Vec<Keypair>>> = Arc::default();
    let closed = Arc::new(Mutex::new(0));
    let (log, closes) = (saved.clone(), closed.clone());
    let root = mount(move || {
        view! {
            <KeypairForm
                on_saved=move |k| log.lock().unwrap().push(k)
                on_close=move |_| *closes.lock().unwrap() += 1
                sender
            />
        }
    });
    tick().await;
    type_into(&by_testid(&root, "keypair-name"), "deploy");
    submit(&root);
    tick().await;
    tick().await;
    assert_eq!(
        sent.borrow()[0].public_key,
        None,
        "create sends no public key"
    );

    let shown: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::unchecked_into(by_testid(&root, "keypair-private-key"));
    assert_eq!(shown.value(), PEM);
    assert!(text(&root).contains("cannot be fetched again"));
    assert!(by_testid(&root, "keypair-download")
        .text_content()
        .unwrap()
        .contains(".pem"));
    assert!(
        query(&root, "[data-testid=\"keypair-name\"]").is_none(),
        "the form waits until the key is saved"
    );
    // The caller never gets the private key.
    assert_eq!(saved.lock().unwrap().len(), 1);
    assert_eq!(saved.lock().unwrap()[0].private_key, None);
    assert_eq!(saved.lock().unwrap()[0].name, "deploy");

    by_testid(&root, "keypair-private-key-done").click();
    tick().await;
    assert!(query(&root, "[data-testid=\"keypair-private-key\"]").is_none());
    assert!(!text(&root).contains("BEGIN OPENSSH"), "gone from the page");
    assert_eq!(*closed.lock().unwrap(), 1);
    let name: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(by_testid(&root, "keypair-name"));
    assert_eq!(name.value(), "", "a fresh form");
}

#[wasm_bindgen_test]
async fn keypair_form_forgets_the_private_key_when_it_goes_away() {
    let (sender, _) = fake_sender(Ok(keypair("gone", Some(PEM))));
    let sender = StoredValue::new_local(sender);
    let visible = RwSignal::new(true);
    let root = mount(move || {
        // As in the app: the language lives above the page, not in the form.
        provide_i18n(Lang::En);
        view! {
            <Show when=move || visible.get()>
                <KeypairForm on_saved=|_| {} sender=sender.get_value() />
            </Show>
        }
    });
    tick().await;
    type_into(&by_testid(&root, "keypair-name"), "gone");
    submit(&root);
    tick().await;
    tick().await;
    let shown: web_sys::HtmlTextAreaElement =
        by_testid(&root, "keypair-private-key").unchecked_into();
    assert_eq!(shown.value(), PEM);

    // Leaving the page (or signing out) unmounts the form; coming back shows a fresh one.
    visible.set(false);
    tick().await;
    assert!(query(&root, "textarea").is_none());
    visible.set(true);
    tick().await;
    assert!(query(&root, "[data-testid=\"keypair-private-key\"]").is_none());
    assert!(
        query(&root, "[data-testid=\"keypair-name\"]").is_some(),
        "{}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn keypair_form_explains_a_taken_name() {
    let conflict = ApiError::Http(HttpError {
        status: 409,
        fault: Some("conflictingRequest".into()),
        message: "Key pair 'web' already exists.".into(),
        request_id: None,
        retry_after: None,
    });
    let (sender, sent) = fake_sender(Err(conflict));
    let root = mount(move || view! { <KeypairForm on_saved=|_| {} sender /> });
    tick().await;
    type_into(&by_testid(&root, "keypair-name"), "web");
    submit(&root);
    tick().await;
    tick().await;
    assert_eq!(sent.borrow().len(), 1);
    assert_eq!(
        errors(&root),
        ["A key pair with this name already exists. Choose another name."]
    );
    assert!(text(&by_testid(&root, "error-message")).contains("Key pair 'web' already exists."));
    assert!(!by_testid(&root, "keypair-submit")
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    // Typing a new name clears the conflict.
    type_into(&by_testid(&root, "keypair-name"), "web-2");
    tick().await;
    assert!(errors(&root).is_empty());
    assert!(query(&root, "[data-testid=\"error-message\"]").is_none());
}

fn flavor(id: &str, name: &str, vcpus: u32, ram: u64, disk: u64) -> Flavor {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "vcpus": vcpus, "ram": ram, "disk": disk,
        "swap": "", "OS-FLV-EXT-DATA:ephemeral": 0,
        "os-flavor-access:is_public": true, "OS-FLV-DISABLED:disabled": false,
        "extra_specs": {"flavor_type": "general"}
    }))
    .unwrap()
}

fn row_names(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-testid=\"flavor-row\"]")
        .iter()
        .map(|r| r.get_attribute("data-name").unwrap())
        .collect()
}

fn aria_sort(root: &web_sys::HtmlElement, key: &str) -> String {
    query(root, &format!("th[data-sort-key=\"{key}\"]"))
        .unwrap()
        .get_attribute("aria-sort")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn flavor_table_sorts_by_the_activated_header() {
    let flavors = vec![
        flavor("1", "m2.c4m8", 4, 8192, 0),
        flavor("2", "c2.c16m16", 16, 16384, 0),
        flavor("3", "u2.c2m4", 2, 4096, 40),
    ];
    let sort = RwSignal::new(FlavorSort::default());
    let on_sort = Callback::new(move |s| sort.set(s));
    let root = mount(move || view! { <FlavorTable flavors sort on_sort /> });
    tick().await;
    assert_eq!(row_names(&root), ["c2.c16m16", "m2.c4m8", "u2.c2m4"]);
    assert_eq!(aria_sort(&root, "name"), "ascending");
    assert_eq!(aria_sort(&root, "ram"), "none");

    by_testid(&root, "sort-ram").click();
    tick().await;
    assert_eq!(row_names(&root), ["u2.c2m4", "m2.c4m8", "c2.c16m16"]);
    assert_eq!(aria_sort(&root, "ram"), "ascending");
    assert_eq!(aria_sort(&root, "name"), "none");

    by_testid(&root, "sort-ram").click();
    tick().await;
    assert_eq!(row_names(&root), ["c2.c16m16", "m2.c4m8", "u2.c2m4"]);
    assert_eq!(aria_sort(&root, "ram"), "descending");

    by_testid(&root, "sort-disk").click();
    tick().await;
    // Ties on the disk keep the name order.
    assert_eq!(row_names(&root), ["c2.c16m16", "m2.c4m8", "u2.c2m4"]);
    assert_eq!(sort.get_untracked().column, FlavorColumn::RootDisk);
    assert!(!sort.get_untracked().descending);
}

#[wasm_bindgen_test]
fn flavor_view_round_trips_through_the_url() {
    let view = FlavorView::from_pairs([
        ("minRam", "8192"),
        ("minDisk", "oops"),
        ("sort", "vcpus"),
        ("dir", "desc"),
    ]);
    assert_eq!(
        view.query,
        FlavorQuery {
            min_disk: None,
            min_ram: Some(8192)
        }
    );
    assert_eq!(view.sort.column, FlavorColumn::Vcpus);
    assert!(view.sort.descending);
    assert_eq!(view.path(), "/flavors?minRam=8192&sort=vcpus&dir=desc");
    assert_eq!(FlavorView::default().path(), "/flavors");
    assert_eq!(
        FlavorView::from_pairs([("sort", "nonsense")]).sort,
        FlavorSort::default()
    );
}

#[wasm_bindgen_test]
async fn keypair_form_speaks_korean_and_japanese() {
    for (lang, label, error) in [
        (Lang::Ko, "키페어 이름", "키페어 이름을 입력하세요."),
        (Lang::Ja, "キーペア名", "キーペア名を入力してください。"),
    ] {
        let (sender, _) = fake_sender(Ok(keypair("x", None)));
        let root = mount(move || {
            provide_i18n(lang);
            view! { <KeypairForm on_saved=|_| {} sender /> }
        });
        tick().await;
        assert!(text(&root).contains(label), "{lang:?}: {}", text(&root));
        submit(&root);
        tick().await;
        assert_eq!(errors(&root), [error]);
    }
}
