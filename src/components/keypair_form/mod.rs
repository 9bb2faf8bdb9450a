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
//! Props: `sender` sends the request (`KeypairSender::api` of the store; tests pass a fake);
//! `on_saved` runs with the created or imported key pair, private key removed; `mode` picks
//! the tab shown first (default [`KeypairFormMode::Create`]); `on_close` (optional) adds a
//! Cancel button and also runs when the user has saved the private key.
//!
//! The state and what it does is [`model`]; the private key, the passphrase and the public
//! key are panels of their own.

pub mod keygen;
mod model;
mod passphrase;
mod private_key;
mod public_key;

use compute_api::keypair::Keypair;
use leptos::prelude::*;

use model::Saved;
pub use model::{name_error_text, public_key_error_text, KeypairFormMode, KeypairFormState};
use passphrase::PassphraseFields;
use private_key::PrivateKeyPanel;
use public_key::PublicKeyField;

use crate::components::error_message::ErrorMessage;
use crate::components::field::Field;
use crate::components::segment::Segment;
use crate::i18n::{use_i18n, Msg, ResourcesMsg as R};
use crate::store::KeypairSender;
use crate::tasks::TaskScope;

/// The create/import form (see the module documentation for its props).
#[component]
pub fn KeypairForm(
    /// Sends the request (`POST /os-keypairs`).
    sender: KeypairSender,
    /// Runs after a successful create or import with the API's key pair, private key removed.
    #[prop(into)]
    on_saved: Callback<Keypair>,
    /// The tab shown first.
    #[prop(optional)]
    mode: KeypairFormMode,
    /// Adds a Cancel button; also runs once the user has saved a new private key.
    #[prop(optional, into)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tasks = TaskScope::new();
    let form = KeypairFormState::new(mode);
    let sender = StoredValue::new_local(sender);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(sender.get_value(), tasks, on_saved);
    };
    let name_problem = Signal::derive(move || {
        form.name_problem(i18n)
            .or_else(|| form.conflict().then(|| i18n.t(R::NameTaken).to_string()))
    });
    let pending = form.pending;
    let tab = move |m: KeypairFormMode, testid: &'static str, label: R| {
        view! {
            <Segment
                label=i18n.text(label)
                testid
                pressed=Signal::derive(move || form.mode.get() == m)
                on_press=Callback::new(move |()| form.switch_to(m))
                disabled=pending
            />
        }
    };
    let done = Callback::new(move |()| {
        form.saved.set(None);
        if let Some(close) = on_close {
            close.run(());
        }
    });
    let outcome = move || {
        form.saved.get().map(|s| match s {
            Saved::Created(key) => view! { <PrivateKeyPanel key on_done=done /> }.into_any(),
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
    let submit_label = move || {
        let label = match (form.mode.get(), pending.get()) {
            (KeypairFormMode::Create, false) => R::SubmitCreate,
            (KeypairFormMode::Create, true) => R::Creating,
            (KeypairFormMode::Generate, false) => R::SubmitGenerate,
            (KeypairFormMode::Generate, true) => R::Generating,
            (KeypairFormMode::Import, false) => R::SubmitImport,
            (KeypairFormMode::Import, true) => R::Importing,
        };
        i18n.t(label)
    };

    view! {
        <div class="keypair-form">
            {outcome}
            <Show when=move || !form.showing_private_key()>
                <form class="form" on:submit=submit novalidate>
                    <div class="segmented" role="group">
                        {tab(KeypairFormMode::Create, "keypair-mode-create", R::CreateKeypair)}
                        {tab(KeypairFormMode::Generate, "keypair-mode-generate", R::GenerateKeypair)}
                        {tab(KeypairFormMode::Import, "keypair-mode-import", R::ImportKeypair)}
                    </div>
                    <Field
                        id="keypair-name"
                        label=i18n.text(R::KeypairNameLabel)
                        hint=i18n.text(R::KeypairNameHint)
                        problem=name_problem
                    >
                        <input
                            id="keypair-name"
                            type="text"
                            data-testid="keypair-name"
                            autocomplete="off"
                            spellcheck="false"
                            maxlength="300"
                            aria-describedby="keypair-name-hint"
                            aria-invalid=move || name_problem.get().is_some().then_some("true")
                            prop:value=move || form.name.get()
                            on:input=move |ev| {
                                form.name.set(event_target_value(&ev));
                                form.error.set(None);
                            }
                        />
                    </Field>
                    <Show when=move || form.mode.get() == KeypairFormMode::Generate>
                        <PassphraseFields form />
                    </Show>
                    <Show when=move || form.mode.get() == KeypairFormMode::Import>
                        <PublicKeyField form />
                    </Show>
                    {move || form.error.get().map(|error| view! { <ErrorMessage error /> })}
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
                            {submit_label}
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
