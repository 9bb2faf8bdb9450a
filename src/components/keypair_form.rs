//! The create/import form of a key pair, used by the key pair page and meant to be embedded by
//! the create-instance wizard.
//!
//! - **Create** (`POST /os-keypairs` with a name only): the service generates the pair and
//!   answers with the private key, which it does not keep. The form shows it exactly once
//!   (`keypair-private-key`), offers it as `<name>.pem` (`keypair-download`) and forgets it when
//!   the user says it is saved, when the form is unmounted (leaving the page, signing out) or on
//!   the next submit. It is never logged, never put in Web Storage and never passed to callbacks.
//! - **Generate in this browser** ([`keygen`]): an Ed25519 pair is made in the wasm module and
//!   only its public key is sent, in the import's request (`POST /os-keypairs` with
//!   `public_key`). The private key never crosses the network; it is shown and offered as
//!   `<name>.pem` exactly like a created one, encrypted with the optional passphrase
//!   (`keypair-passphrase`, typed twice). The passphrase is wiped from memory after the
//!   generation, when the tab changes and when the form is unmounted; it is never stored.
//! - **Import** (`POST /os-keypairs` with `public_key`): the public key is pasted
//!   (`keypair-public-key`) or read from a file with the File API, and checked before sending.
//!
//! All check the name first ([`validate_keypair_name`]); every broken rule is a `field-error`.
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
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::{Zeroize, Zeroizing};

use crate::client::Api;
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, I18n, Msg, ResourcesMsg as R};
use crate::tasks::TaskScope;

pub mod keygen;

use keygen::{generate_ed25519, KeygenError};

/// Public keys are a few hundred bytes (a 16 384-bit RSA key is under 3 KB); a bigger file is
/// something else, and is not read into memory.
const MAX_PUBLIC_KEY_FILE_BYTES: f64 = 16_384.0;

/// Which request the form sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeypairFormMode {
    /// The service generates the pair and returns the private key once.
    #[default]
    Create,
    /// The browser makes the pair and sends only the public key.
    Generate,
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

/// Where a private key was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeySource {
    /// By the service, which answered with it once.
    Service,
    /// In this browser; it was never sent anywhere.
    Browser { encrypted: bool },
}

/// A private key the user has not saved yet, wiped from memory when dropped. Its `Debug` never
/// shows the key.
#[derive(Clone, PartialEq)]
struct PrivateKey {
    name: String,
    pem: Zeroizing<String>,
    source: KeySource,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("name", &self.name)
            .field("source", &self.source)
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
    let passphrase = RwSignal::new(String::new());
    let passphrase_again = RwSignal::new(String::new());
    let keygen_error = RwSignal::new(None::<KeygenError>);
    let attempted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let file_problem = RwSignal::new(None::<R>);
    let saved = RwSignal::new(None::<Saved>);
    // Leaving the page or signing out unmounts the form: the private key goes with it. Taken
    // without notifying, as the views that read it are being torn down at the same time.
    // The passphrase goes the same way, wiped first.
    on_cleanup(move || {
        saved.try_update_untracked(Option::take);
        passphrase.try_update_untracked(Zeroize::zeroize);
        passphrase_again.try_update_untracked(Zeroize::zeroize);
    });
    let wipe_passphrases = move || {
        passphrase.update(Zeroize::zeroize);
        passphrase_again.update(Zeroize::zeroize);
    };

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
    let passphrases_differ = move || passphrase.with(|p| passphrase_again.with(|again| p != again));
    let passphrase_problem = move || {
        if mode.get() != KeypairFormMode::Generate {
            return false;
        }
        let show = attempted.get() || passphrase_again.with(|p| !p.is_empty());
        show && passphrases_differ()
    };
    let conflict = move || error.with(|e| e.as_ref().is_some_and(ApiError::is_conflict));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        attempted.set(true);
        let keypair_name = trimmed_name();
        let form_mode = mode.get_untracked();
        let import = form_mode == KeypairFormMode::Import;
        let generate = form_mode == KeypairFormMode::Generate;
        let key = public_key.get_untracked().trim().to_string();
        if validate_keypair_name(&keypair_name).is_err()
            || (import && validate_public_key(&key).is_err())
            || (generate && passphrases_differ())
        {
            return;
        }
        // Taken out of the signal for the task; wiped when the task drops it.
        let secret = Zeroizing::new(if generate {
            passphrase.get_untracked()
        } else {
            String::new()
        });
        pending.set(true);
        error.set(None);
        keygen_error.set(None);
        saved.set(None);
        let send = sender.get_value();
        tasks.spawn(async move {
            // Made here: the pair, of which only the public half goes into the request. The
            // key derivation holds the thread for a moment, so "Generating…" is painted first.
            let generated = if generate {
                TimeoutFuture::new(50).await;
                match generate_ed25519(&keypair_name, &secret) {
                    Ok(generated) => Some(generated),
                    Err(e) => {
                        pending.set(false);
                        keygen_error.set(Some(e));
                        return;
                    }
                }
            } else {
                None
            };
            drop(secret);
            let request = NewKeypair {
                name: keypair_name.clone(),
                public_key: match &generated {
                    Some(generated) => Some(generated.public_key.clone()),
                    None => import.then_some(key),
                },
            };
            let outcome = (send.0)(request).await;
            pending.set(false);
            match outcome {
                Ok(mut keypair) => {
                    // A private key in an answer to an import would be the service's doing:
                    // never shown, and never passed on.
                    let private = keypair.private_key.take();
                    let saved_name = if keypair.name.is_empty() {
                        keypair_name
                    } else {
                        keypair.name.clone()
                    };
                    saved.set(Some(match (form_mode, private, generated) {
                        (KeypairFormMode::Generate, _, Some(generated)) => {
                            Saved::Created(PrivateKey {
                                name: saved_name,
                                pem: generated.private_key,
                                source: KeySource::Browser {
                                    encrypted: generated.encrypted,
                                },
                            })
                        }
                        (KeypairFormMode::Create, Some(pem), _) => Saved::Created(PrivateKey {
                            name: saved_name,
                            pem: Zeroizing::new(pem),
                            source: KeySource::Service,
                        }),
                        (KeypairFormMode::Create, None, _) => Saved::CreatedWithoutKey(saved_name),
                        _ => Saved::Imported(saved_name),
                    }));
                    attempted.set(false);
                    name.set(String::new());
                    public_key.set(String::new());
                    wipe_passphrases();
                    on_saved.run(keypair);
                }
                // The generated pair is dropped (and wiped) with the failed request; the next
                // submit makes a new one.
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
                    if m != KeypairFormMode::Generate {
                        wipe_passphrases();
                    }
                    mode.set(m);
                    error.set(None);
                    keygen_error.set(None);
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
        // Set on the element rather than through a rendered property, so the page keeps no
        // copy of the key besides this one, which is wiped when the panel goes.
        let area = NodeRef::<leptos::html::Textarea>::new();
        let shown = key.pem.clone();
        Effect::new(move |_| {
            if let Some(area) = area.get() {
                area.set_value(&shown);
            }
        });
        let (source, warning) = match key.source {
            KeySource::Service => ("service", R::PrivateKeyWarning),
            KeySource::Browser { .. } => ("browser", R::PrivateKeyLocalWarning),
        };
        let protection = match key.source {
            KeySource::Service => None,
            KeySource::Browser { encrypted } => Some(if encrypted {
                ("true", R::PrivateKeyEncrypted)
            } else {
                ("false", R::PrivateKeyNotEncrypted)
            }),
        };
        let done = move |_| {
            saved.set(None);
            if let Some(close) = on_close {
                close.run(());
            }
        };
        view! {
            <div class="private-key" data-testid="keypair-private-key-panel" data-source=source>
                <p class="warning-box" role="alert">
                    <strong>{i18n.text(R::KeypairCreated)} " " {key.name.clone()}</strong>
                    <br />
                    {i18n.text(warning)}
                </p>
                {protection
                    .map(|(encrypted, text)| {
                        view! {
                            <p
                                class="hint"
                                data-testid="keypair-private-key-encrypted"
                                data-encrypted=encrypted
                            >
                                {i18n.text(text)}
                            </p>
                        }
                    })}
                <label class="field">
                    <span>{i18n.text(R::PrivateKeyTitle)}</span>
                    <textarea
                        class="mono small"
                        data-testid="keypair-private-key"
                        readonly
                        rows="8"
                        spellcheck="false"
                        autocomplete="off"
                        node_ref=area
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
                        {tab(KeypairFormMode::Generate, "keypair-mode-generate", R::GenerateKeypair)}
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
                    <Show when=move || mode.get() == KeypairFormMode::Generate>
                        <p class="notice" data-testid="keypair-local-note">
                            {i18n.text(R::GenerateLocalNote)}
                        </p>
                        // Not `new-password`: that invites the browser to offer one and to
                        // save it, and this passphrase must stay out of every store. Not bound
                        // to the signals either (no copy kept for rendering): the inputs go
                        // from the page whenever the signals are wiped.
                        <div class="field">
                            <label for="keypair-passphrase">{i18n.text(R::PassphraseLabel)}</label>
                            <input
                                id="keypair-passphrase"
                                type="password"
                                data-testid="keypair-passphrase"
                                autocomplete="off"
                                spellcheck="false"
                                aria-describedby="keypair-passphrase-hint"
                                on:input=move |ev| {
                                    passphrase
                                        .update(|p| {
                                            p.zeroize();
                                            *p = event_target_value(&ev);
                                        });
                                }
                            />
                            <p class="hint" id="keypair-passphrase-hint">
                                {i18n.text(R::PassphraseHint)}
                            </p>
                        </div>
                        <div class="field">
                            <label for="keypair-passphrase-again">
                                {i18n.text(R::PassphraseAgainLabel)}
                            </label>
                            <input
                                id="keypair-passphrase-again"
                                type="password"
                                data-testid="keypair-passphrase-again"
                                autocomplete="off"
                                spellcheck="false"
                                aria-invalid=move || passphrase_problem().then_some("true")
                                on:input=move |ev| {
                                    passphrase_again
                                        .update(|p| {
                                            p.zeroize();
                                            *p = event_target_value(&ev);
                                        });
                                }
                            />
                            {move || {
                                passphrase_problem()
                                    .then(|| {
                                        view! {
                                            <p class="field-error" data-testid="field-error" role="alert">
                                                {i18n.text(R::PassphraseMismatch)}
                                            </p>
                                        }
                                    })
                            }}
                        </div>
                        {move || {
                            keygen_error
                                .get()
                                .map(|e| {
                                    view! {
                                        <p class="field-error" data-testid="keypair-generate-error" role="alert">
                                            {i18n.text(R::GenerateFailed)} " " {e.to_string()}
                                        </p>
                                    }
                                })
                        }}
                    </Show>
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
                                    (KeypairFormMode::Generate, false) => R::SubmitGenerate,
                                    (KeypairFormMode::Generate, true) => R::Generating,
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
