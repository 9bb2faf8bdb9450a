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
use compute_console::components::{KeypairForm, KeypairFormMode};
use compute_console::i18n::{provide_i18n, Lang};
use compute_console::pages::flavors::FlavorView;
use compute_console::store::KeypairSender;
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
    // The id is a column of its own (the list's flavor filter takes it).
    let first_id = query(&root, "[data-testid=\"flavor-id\"]").unwrap();
    assert_eq!(first_id.text_content().as_deref(), Some("2"));

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

// ---- key pairs generated in the browser ---------------------------------------------------

/// A sender that records each request and answers like Nova's import: the key pair it was
/// given, no private key. With `conflict_first`, the first request gets a 409.
fn echo_sender(conflict_first: bool) -> (KeypairSender, Sent) {
    let sent: Sent = Rc::default();
    let log = sent.clone();
    let sender = KeypairSender::new(move |request: NewKeypair| {
        log.borrow_mut().push(request.clone());
        let first = log.borrow().len() == 1;
        async move {
            if conflict_first && first {
                return Err(ApiError::Http(HttpError {
                    status: 409,
                    fault: Some("conflictingRequest".into()),
                    message: format!("Key pair '{}' already exists.", request.name),
                    request_id: None,
                    retry_after: None,
                }));
            }
            Ok(serde_json::from_value(serde_json::json!({
                "name": request.name,
                "public_key": request.public_key,
                "fingerprint": "SHA256:echo",
            }))
            .unwrap())
        }
    });
    (sender, sent)
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (the key derivation takes a moment in a debug build) for an element to appear.
async fn wait_for_testid(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    for _ in 0..600 {
        if let Some(el) = query(root, &format!("[data-testid=\"{id}\"]")) {
            return el;
        }
        sleep_ms(50).await;
    }
    panic!("no {id} after 30 s: {}", root.inner_html());
}

/// Every value of this origin's `localStorage` and `sessionStorage`.
fn stored_values() -> Vec<String> {
    let window = web_sys::window().unwrap();
    let mut out = Vec::new();
    for storage in [
        window.local_storage().unwrap().unwrap(),
        window.session_storage().unwrap().unwrap(),
    ] {
        for i in 0..storage.length().unwrap() {
            let key = storage.key(i).unwrap().unwrap();
            out.push(format!(
                "{key}={}",
                storage.get_item(&key).unwrap().unwrap()
            ));
        }
    }
    out
}

fn textarea_value(root: &web_sys::HtmlElement, id: &str) -> String {
    by_testid(root, id)
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value()
}

#[wasm_bindgen_test]
async fn keypair_form_generates_in_the_browser_and_sends_only_the_public_key() {
    let (sender, sent) = echo_sender(false);
    let saved: Arc<Mutex<Vec<Keypair>>> = Arc::default();
    let log = saved.clone();
    let root = mount(move || {
        view! {
            <KeypairForm
                on_saved=move |k| log.lock().unwrap().push(k)
                mode=KeypairFormMode::Generate
                sender
            />
        }
    });
    tick().await;
    assert_eq!(
        by_testid(&root, "keypair-mode-generate")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert!(text(&by_testid(&root, "keypair-local-note"))
        .contains("the private key never leaves this browser"));
    let passphrase = "correct horse battery";
    type_into(&by_testid(&root, "keypair-name"), "local-1");
    type_into(&by_testid(&root, "keypair-passphrase"), passphrase);
    type_into(
        &by_testid(&root, "keypair-passphrase-again"),
        "correct horse",
    );
    tick().await;
    assert_eq!(
        errors(&root),
        ["The two passphrases differ. Type the same passphrase twice."]
    );
    submit(&root);
    sleep_ms(200).await;
    assert!(
        sent.borrow().is_empty(),
        "nothing is sent while they differ"
    );

    type_into(&by_testid(&root, "keypair-passphrase-again"), passphrase);
    tick().await;
    assert!(errors(&root).is_empty(), "{:?}", errors(&root));
    submit(&root);
    tick().await;
    assert_eq!(text(&by_testid(&root, "keypair-submit")), "Generating…");
    let panel = wait_for_testid(&root, "keypair-private-key-panel").await;
    tick().await;
    assert_eq!(
        panel.get_attribute("data-source").as_deref(),
        Some("browser")
    );
    assert!(text(&panel).contains("never left it"), "{}", text(&panel));
    assert_eq!(
        by_testid(&root, "keypair-private-key-encrypted")
            .get_attribute("data-encrypted")
            .as_deref(),
        Some("true")
    );

    // One request, the import's: the name and the public key, nothing else.
    let request = sent.borrow()[0].clone();
    assert_eq!(sent.borrow().len(), 1);
    assert_eq!(request.name, "local-1");
    let public_text = request.public_key.clone().expect("the public key is sent");
    assert!(public_text.starts_with("ssh-ed25519 AAAA"), "{public_text}");
    assert!(public_text.ends_with(" local-1"), "the name is the comment");
    let public = ssh_key::PublicKey::from_openssh(&public_text).unwrap();

    // The shown key is an OpenSSH private key, encrypted with the passphrase, of that pair.
    let pem = textarea_value(&root, "keypair-private-key");
    assert!(
        pem.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"),
        "{pem}"
    );
    let private = ssh_key::PrivateKey::from_openssh(&pem).unwrap();
    assert!(private.is_encrypted());
    assert_eq!(private.public_key().key_data(), public.key_data());
    assert!(
        private.decrypt("correct horse").is_err(),
        "another passphrase opens nothing"
    );
    let opened = private.decrypt(passphrase).unwrap();
    assert_eq!(opened.public_key().key_data(), public.key_data());
    assert_eq!(opened.comment(), "local-1");

    // Neither the key nor the passphrase went into the request or into Web Storage.
    let wire = serde_json::to_string(&request).unwrap();
    let body_line = pem.lines().nth(1).unwrap();
    for secret in ["PRIVATE KEY", body_line, passphrase] {
        assert!(!wire.contains(secret), "{secret:?} in the request");
        assert!(
            stored_values().iter().all(|v| !v.contains(secret)),
            "{secret:?} stored"
        );
    }
    // The caller gets the key pair without a private key.
    assert_eq!(saved.lock().unwrap()[0].private_key, None);

    // Saved: the key goes from the page; a fresh form has empty passphrase fields.
    by_testid(&root, "keypair-private-key-done").click();
    tick().await;
    assert!(query(&root, "[data-testid=\"keypair-private-key\"]").is_none());
    assert!(!text(&root).contains("BEGIN OPENSSH"));
    for id in ["keypair-passphrase", "keypair-passphrase-again"] {
        let input: web_sys::HtmlInputElement = by_testid(&root, id).unchecked_into();
        assert_eq!(input.value(), "", "{id}");
    }
}

#[wasm_bindgen_test]
async fn keypair_form_generates_without_a_passphrase_and_a_new_pair_after_a_refusal() {
    let (sender, sent) = echo_sender(true);
    let root = mount(move || view! { <KeypairForm on_saved=|_| {} sender /> });
    tick().await;
    by_testid(&root, "keypair-mode-generate").click();
    tick().await;
    type_into(&by_testid(&root, "keypair-name"), "taken");
    submit(&root);
    for _ in 0..600 {
        if query(&root, "[data-testid=\"error-message\"]").is_some() {
            break;
        }
        sleep_ms(50).await;
    }
    // Nova refused the name: no key is shown, and none is kept.
    assert_eq!(
        errors(&root),
        ["A key pair with this name already exists. Choose another name."]
    );
    assert!(query(&root, "[data-testid=\"keypair-private-key-panel\"]").is_none());
    assert!(!root.inner_html().contains("PRIVATE KEY"));

    type_into(&by_testid(&root, "keypair-name"), "plain");
    submit(&root);
    wait_for_testid(&root, "keypair-private-key-panel").await;
    tick().await;
    assert_eq!(
        by_testid(&root, "keypair-private-key-encrypted")
            .get_attribute("data-encrypted")
            .as_deref(),
        Some("false")
    );
    let sent = sent.borrow();
    assert_eq!(sent.len(), 2);
    assert_ne!(
        sent[0].public_key, sent[1].public_key,
        "a new pair for the second try"
    );
    let public = ssh_key::PublicKey::from_openssh(sent[1].public_key.as_deref().unwrap()).unwrap();
    let pem = textarea_value(&root, "keypair-private-key");
    let private = ssh_key::PrivateKey::from_openssh(&pem).unwrap();
    assert!(!private.is_encrypted());
    assert_eq!(private.public_key().key_data(), public.key_data());
}

#[wasm_bindgen_test]
async fn keypair_form_generate_speaks_korean_and_japanese() {
    for (lang, tab, note) in [
        (
            Lang::Ko,
            "브라우저에서 생성",
            "비밀키는 이 브라우저 밖으로 나가지 않습니다",
        ),
        (
            Lang::Ja,
            "ブラウザで作成",
            "秘密鍵がこのブラウザの外に出ることはありません",
        ),
    ] {
        let (sender, _) = echo_sender(false);
        let root = mount(move || {
            provide_i18n(lang);
            view! { <KeypairForm on_saved=|_| {} mode=KeypairFormMode::Generate sender /> }
        });
        tick().await;
        assert_eq!(text(&by_testid(&root, "keypair-mode-generate")), tab);
        assert!(text(&by_testid(&root, "keypair-local-note")).contains(note));
    }
}
