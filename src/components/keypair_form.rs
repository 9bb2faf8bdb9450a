//! The create/import form of a key pair, used by the key pair page and meant to be embedded by
//! the create-instance wizard.
//!
//! - **Create** (`POST /os-keypairs` with a name only): the service generates the pair and
//!   answers with the private key, which it does not keep. The form shows it exactly once
//!   (`keypair-private-key`), offers it as `<name>.pem` (`keypair-download`) and forgets it when
//!   the user says it is saved, when the form is unmounted (leaving the page, signing out) or on
//!   the next submit. It is never logged, never put in Web Storage and never passed to callbacks.
//! - **Import** (`POST /os-keypairs` with `public_key`): the public key is pasted
//!   (`keypair-public-key`) or read from a file with the File API, and checked before sending.
//!
//! Both check the name first ([`validate_keypair_name`]); every broken rule is a `field-error`.
//! A 409 (the name is taken) is said in words, with Nova's own message below.
//!
//! Props: `on_saved` (required) runs with the created or imported key pair, private key
//! removed; `mode` picks the tab shown first (default [`KeypairFormMode::Create`]);
//! `on_close` (optional) adds a Cancel button and also runs when the user has saved the
//! private key; `sender` (optional) replaces the API call, for tests and previews.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use compute_api::keypair::{Keypair, KeypairEnvelope, NewKeypair};
use compute_api::keypair_rules::{
    validate_keypair_name, validate_public_key, KeypairNameError, PublicKeyError,
};
use compute_api::{request, ApiError};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::client::Api;
use crate::components::ErrorMessage;
use crate::i18n::{use_i18n, I18n, Msg, ResourcesMsg as R};
use crate::tasks::TaskScope;

/// Public keys are a few hundred bytes (a 16 384-bit RSA key is under 3 KB); a bigger file is
/// something else, and is not read into memory.
const MAX_PUBLIC_KEY_FILE_BYTES: f64 = 16_384.0;

/// Which request the form sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeypairFormMode {
    /// The service generates the pair and returns the private key once.
    #[default]
    Create,
    /// The user brings the public key.
    Import,
}

type SendFuture = Pin<Box<dyn Future<Output = Result<Keypair, ApiError>>>>;

/// Sends a create or import request and answers with the key pair the API returned.
#[derive(Clone)]
pub struct KeypairSender(Rc<dyn Fn(NewKeypair) -> SendFuture>);

impl KeypairSender {
    /// Any async function from the request to the answer (tests use a fake one).
    pub fn new<F, Fut>(send: F) -> Self
    where
        F: Fn(NewKeypair) -> Fut + 'static,
        Fut: Future<Output = Result<Keypair, ApiError>> + 'static,
    {
        Self(Rc::new(move |keypair| Box::pin(send(keypair))))
    }

    /// `POST /os-keypairs` for the signed-in session. Sent once, never retried.
    pub fn api(api: Api) -> Self {
        Self::new(move |keypair: NewKeypair| async move {
            api.fetch::<KeypairEnvelope>(&request::create_keypair(&keypair))
                .await
                .map(|envelope| envelope.keypair)
        })
    }
}

/// A private key the user has not saved yet. Its `Debug` never shows the key.
#[derive(Clone, PartialEq)]
struct PrivateKey {
    name: String,
    pem: String,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// What the last successful submit did.
#[derive(Debug, Clone, PartialEq)]
enum Saved {
    Created(PrivateKey),
    /// Created, but the answer had no private key (nothing to show).
    CreatedWithoutKey(String),
    Imported(String),
}

/// The translated sentence for a broken name rule.
pub fn name_error_text(i18n: I18n, error: &KeypairNameError) -> String {
    match error {
        KeypairNameError::Required => i18n.t(R::NameRequired).to_string(),
        KeypairNameError::TooLong { actual, .. } => format!("{} {actual}", i18n.t(R::NameTooLong)),
        KeypairNameError::UnsafeCharacter(c) => {
            format!("{} “{}”", i18n.t(R::NameUnsafeChar), c.escape_debug())
        }
    }
}

/// The translated sentence for a refused public key.
pub fn public_key_error_text(i18n: I18n, error: &PublicKeyError) -> String {
    match error {
        PublicKeyError::Required => i18n.t(R::PublicKeyRequired).to_string(),
        PublicKeyError::SeveralLines => i18n.t(R::PublicKeySeveralLines).to_string(),
        PublicKeyError::UnknownType(found) => {
            format!("{} “{found}”", i18n.t(R::PublicKeyUnknownType))
        }
        PublicKeyError::MissingBody => i18n.t(R::PublicKeyMissingBody).to_string(),
        PublicKeyError::NotBase64 => i18n.t(R::PublicKeyNotBase64).to_string(),
        PublicKeyError::Malformed => i18n.t(R::PublicKeyMalformed).to_string(),
        PublicKeyError::TypeMismatch { declared, embedded } => {
            format!(
                "{} {declared} ≠ {embedded}",
                i18n.t(R::PublicKeyTypeMismatch)
            )
        }
    }
}

/// Offers `text` as a file download: a Blob behind an object URL, clicked through an `<a
/// download>`. The URL is revoked shortly after, once the browser has started reading it.
pub fn download_text(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    // A neutral type, so the browser keeps the `.pem` name as given.
    options.set_type("application/octet-stream");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(1),
    );
    Ok(())
}

/// The create/import form (see the module documentation for its props).
#[component]
pub fn KeypairForm(
    /// Runs after a successful create or import with the API's key pair, private key removed.
    #[prop(into)]
    on_saved: Callback<Keypair>,
    /// The tab shown first.
    #[prop(optional)]
    mode: KeypairFormMode,
    /// Adds a Cancel button; also runs once the user has saved a new private key.
    #[prop(optional, into)]
    on_close: Option<Callback<()>>,
    /// Sends the request; by default `POST /os-keypairs` through the session's API.
    #[prop(optional)]
    sender: Option<KeypairSender>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = TaskScope::new();
    let sender = StoredValue::new_local(
        sender.unwrap_or_else(|| KeypairSender::api(crate::client::expect_api())),
    );
    let mode = RwSignal::new(mode);
    let name = RwSignal::new(String::new());
    let public_key = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let file_problem = RwSignal::new(None::<R>);
    let saved = RwSignal::new(None::<Saved>);
    // Leaving the page or signing out unmounts the form: the private key goes with it. Taken
    // without notifying, as the views that read it are being torn down at the same time.
    on_cleanup(move || {
        saved.try_update_untracked(Option::take);
    });

    let trimmed_name = move || name.with(|n| n.trim().to_string());
    let name_problem = move || {
        let show = attempted.get() || name.with(|n| !n.is_empty());
        show.then(|| validate_keypair_name(&trimmed_name()).err())
            .flatten()
            .map(|e| name_error_text(i18n, &e))
    };
    let key_problem = move || {
        if mode.get() != KeypairFormMode::Import {
            return None;
        }
        let show = attempted.get() || public_key.with(|k| !k.is_empty());
        show.then(|| public_key.with(|k| validate_public_key(k).err()))
            .flatten()
            .map(|e| public_key_error_text(i18n, &e))
    };
    let conflict = move || error.with(|e| e.as_ref().is_some_and(ApiError::is_conflict));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        attempted.set(true);
        let keypair_name = trimmed_name();
        let import = mode.get_untracked() == KeypairFormMode::Import;
        let key = public_key.get_untracked().trim().to_string();
        if validate_keypair_name(&keypair_name).is_err()
            || (import && validate_public_key(&key).is_err())
        {
            return;
        }
        let request = NewKeypair {
            name: keypair_name.clone(),
            public_key: import.then_some(key),
        };
        pending.set(true);
        error.set(None);
        saved.set(None);
        let send = sender.get_value();
        tasks.spawn(async move {
            let outcome = (send.0)(request).await;
            pending.set(false);
            match outcome {
                Ok(mut keypair) => {
                    let private = keypair.private_key.take();
                    let saved_name = if keypair.name.is_empty() {
                        keypair_name
                    } else {
                        keypair.name.clone()
                    };
                    saved.set(Some(match (import, private) {
                        (true, _) => Saved::Imported(saved_name),
                        (false, Some(pem)) => Saved::Created(PrivateKey {
                            name: saved_name,
                            pem,
                        }),
                        (false, None) => Saved::CreatedWithoutKey(saved_name),
                    }));
                    attempted.set(false);
                    name.set(String::new());
                    public_key.set(String::new());
                    on_saved.run(keypair);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let read_file = move |ev: leptos::ev::Event| {
        file_problem.set(None);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file can be chosen again after an edit.
        input.set_value("");
        if file.size() > MAX_PUBLIC_KEY_FILE_BYTES {
            file_problem.set(Some(R::FileTooLarge));
            return;
        }
        tasks.spawn(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => match text.as_string() {
                    Some(text) => public_key.set(text.trim().to_string()),
                    None => file_problem.set(Some(R::FileUnreadable)),
                },
                Err(_) => file_problem.set(Some(R::FileUnreadable)),
            }
        });
    };

    let tab = move |m: KeypairFormMode, testid: &'static str, label: R| {
        view! {
            <button
                type="button"
                class="segment"
                data-testid=testid
                aria-pressed=move || if mode.get() == m { "true" } else { "false" }
                disabled=move || pending.get()
                on:click=move |_| {
                    mode.set(m);
                    error.set(None);
                }
            >
                {i18n.text(label)}
            </button>
        }
    };

    let private_key_panel = move |key: PrivateKey| {
        let file_name = format!("{}.pem", key.name);
        let pem = key.pem.clone();
        let download = move |_| {
            let _ = download_text(&file_name, &pem);
        };
        let done = move |_| {
            saved.set(None);
            if let Some(close) = on_close {
                close.run(());
            }
        };
        view! {
            <div class="private-key" data-testid="keypair-private-key-panel">
                <p class="warning-box" role="alert">
                    <strong>{i18n.text(R::KeypairCreated)} " " {key.name.clone()}</strong>
                    <br />
                    {i18n.text(R::PrivateKeyWarning)}
                </p>
                <label class="field">
                    <span>{i18n.text(R::PrivateKeyTitle)}</span>
                    <textarea
                        class="mono small"
                        data-testid="keypair-private-key"
                        readonly
                        rows="8"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=key.pem
                    ></textarea>
                </label>
                <div class="modal-buttons">
                    <button type="button" class="primary" data-testid="keypair-download" on:click=download>
                        {i18n.text(R::DownloadPem)}
                    </button>
                    <button type="button" data-testid="keypair-private-key-done" on:click=done>
                        {i18n.text(R::PrivateKeySaved)}
                    </button>
                </div>
            </div>
        }
    };

    let outcome = move || {
        saved.get().map(|s| match s {
            Saved::Created(key) => private_key_panel(key).into_any(),
            Saved::CreatedWithoutKey(name) => view! {
                <p class="notice" role="status" data-testid="keypair-saved">
                    {i18n.text(R::KeypairCreated)} " " {name}
                </p>
            }
            .into_any(),
            Saved::Imported(name) => view! {
                <p class="notice" role="status" data-testid="keypair-saved">
                    {i18n.text(R::KeypairImported)} " " {name}
                </p>
            }
            .into_any(),
        })
    };
    let showing_private_key = move || saved.with(|s| matches!(s, Some(Saved::Created(_))));

    view! {
        <div class="keypair-form">
            {outcome}
            <Show when=move || !showing_private_key()>
                <form class="form" on:submit=submit novalidate>
                    <div class="segmented" role="group">
                        {tab(KeypairFormMode::Create, "keypair-mode-create", R::CreateKeypair)}
                        {tab(KeypairFormMode::Import, "keypair-mode-import", R::ImportKeypair)}
                    </div>
                    <div class="field">
                        <label for="keypair-name">{i18n.text(R::KeypairNameLabel)}</label>
                        <input
                            id="keypair-name"
                            type="text"
                            data-testid="keypair-name"
                            autocomplete="off"
                            spellcheck="false"
                            maxlength="300"
                            aria-describedby="keypair-name-hint"
                            aria-invalid=move || name_problem().is_some().then_some("true")
                            prop:value=move || name.get()
                            on:input=move |ev| {
                                name.set(event_target_value(&ev));
                                error.set(None);
                            }
                        />
                        <p class="hint" id="keypair-name-hint">{i18n.text(R::KeypairNameHint)}</p>
                        {move || {
                            name_problem()
                                .map(|p| view! { <p class="field-error" data-testid="field-error" role="alert">{p}</p> })
                        }}
                        {move || {
                            conflict()
                                .then(|| {
                                    view! {
                                        <p class="field-error" data-testid="field-error" role="alert">
                                            {i18n.text(R::NameTaken)}
                                        </p>
                                    }
                                })
                        }}
                    </div>
                    <Show when=move || mode.get() == KeypairFormMode::Import>
                        <div class="field">
                            <label for="keypair-public-key">{i18n.text(R::PublicKeyLabel)}</label>
                            <textarea
                                id="keypair-public-key"
                                class="mono small"
                                data-testid="keypair-public-key"
                                rows="5"
                                spellcheck="false"
                                autocomplete="off"
                                aria-describedby="keypair-public-key-hint"
                                aria-invalid=move || key_problem().is_some().then_some("true")
                                prop:value=move || public_key.get()
                                on:input=move |ev| {
                                    public_key.set(event_target_value(&ev));
                                    file_problem.set(None);
                                }
                            ></textarea>
                            <p class="hint" id="keypair-public-key-hint">{i18n.text(R::PublicKeyHint)}</p>
                            <label class="file-field">
                                <span>{i18n.text(R::PublicKeyFile)}</span>
                                <input
                                    type="file"
                                    accept=".pub,text/plain"
                                    data-testid="keypair-public-key-file"
                                    on:change=read_file
                                />
                            </label>
                            {move || {
                                file_problem
                                    .get()
                                    .map(|m| view! { <p class="field-error" data-testid="field-error" role="alert">{i18n.text(m)}</p> })
                            }}
                            {move || {
                                key_problem()
                                    .map(|p| view! { <p class="field-error" data-testid="field-error" role="alert">{p}</p> })
                            }}
                        </div>
                    </Show>
                    {move || error.get().map(|error| view! { <ErrorMessage error /> })}
                    <div class="modal-buttons">
                        {on_close
                            .map(|close| {
                                view! {
                                    <button
                                        type="button"
                                        data-testid="keypair-cancel"
                                        disabled=move || pending.get()
                                        on:click=move |_| close.run(())
                                    >
                                        {i18n.text(Msg::Cancel)}
                                    </button>
                                }
                            })}
                        <button
                            type="submit"
                            class="primary"
                            data-testid="keypair-submit"
                            disabled=move || pending.get()
                            aria-busy=move || pending.get().then_some("true")
                        >
                            {move || {
                                let label = match (mode.get(), pending.get()) {
                                    (KeypairFormMode::Create, false) => R::SubmitCreate,
                                    (KeypairFormMode::Create, true) => R::Creating,
                                    (KeypairFormMode::Import, false) => R::SubmitImport,
                                    (KeypairFormMode::Import, true) => R::Importing,
                                };
                                i18n.t(label)
                            }}
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
