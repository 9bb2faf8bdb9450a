//! The generate tab's passphrase, typed twice, that encrypts the private key made in this
//! browser.

use leptos::prelude::*;
use zeroize::Zeroize;

use super::model::KeypairFormState;
use crate::components::field::Field;
use crate::i18n::{use_i18n, ResourcesMsg as R};

/// Replaces a passphrase, wiping the one it held.
fn retype(passphrase: RwSignal<String>, ev: &leptos::ev::Event) {
    passphrase.update(|p| {
        p.zeroize();
        *p = event_target_value(ev);
    });
}

#[component]
pub fn PassphraseFields(form: KeypairFormState) -> impl IntoView {
    let i18n = use_i18n();
    let mismatch = Signal::derive(move || {
        form.passphrase_problem()
            .then(|| i18n.t(R::PassphraseMismatch).to_string())
    });
    let keygen_failed = move || {
        form.keygen_error.get().map(|e| {
            view! {
                <p class="field-error" data-testid="keypair-generate-error" role="alert">
                    {i18n.text(R::GenerateFailed)} " " {e.to_string()}
                </p>
            }
        })
    };
    // Not `new-password`: that invites the browser to offer one and to save it, and this
    // passphrase must stay out of every store. Not bound to the signals either (no copy kept
    // for rendering): the inputs go from the page whenever the signals are wiped.
    view! {
        <p class="notice" data-testid="keypair-local-note">
            {i18n.text(R::GenerateLocalNote)}
        </p>
        <Field id="keypair-passphrase" label=i18n.text(R::PassphraseLabel) hint=i18n.text(R::PassphraseHint)>
            <input
                id="keypair-passphrase"
                type="password"
                data-testid="keypair-passphrase"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="keypair-passphrase-hint"
                on:input=move |ev| retype(form.passphrase, &ev)
            />
        </Field>
        <Field
            id="keypair-passphrase-again"
            label=i18n.text(R::PassphraseAgainLabel)
            problem=mismatch
        >
            <input
                id="keypair-passphrase-again"
                type="password"
                data-testid="keypair-passphrase-again"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || form.passphrase_problem().then_some("true")
                on:input=move |ev| retype(form.passphrase_again, &ev)
            />
        </Field>
        {keygen_failed}
    }
}
