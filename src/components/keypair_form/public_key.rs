//! The import tab's public key: pasted, or read from a file with the File API.

use leptos::prelude::*;

use super::model::KeypairFormState;
use crate::components::field::{Field, FieldError};
use crate::i18n::{use_i18n, ResourcesMsg as R};
use crate::tasks::TaskScope;

#[component]
pub fn PublicKeyField(form: KeypairFormState) -> impl IntoView {
    let i18n = use_i18n();
    // A file still being read when the tab changes is dropped with this field.
    let tasks = TaskScope::new();
    let read_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file can be chosen again after an edit.
        input.set_value("");
        form.read_public_key_file(file, tasks);
    };
    let file_problem =
        Signal::derive(move || form.file_problem.get().map(|m| i18n.t(m).to_string()));
    let key_problem = Signal::derive(move || form.key_problem(i18n));
    view! {
        <Field id="keypair-public-key" label=i18n.text(R::PublicKeyLabel) hint=i18n.text(R::PublicKeyHint)>
            <textarea
                id="keypair-public-key"
                class="mono small"
                data-testid="keypair-public-key"
                rows="5"
                spellcheck="false"
                autocomplete="off"
                aria-describedby="keypair-public-key-hint"
                aria-invalid=move || key_problem.get().is_some().then_some("true")
                prop:value=move || form.public_key.get()
                on:input=move |ev| {
                    form.public_key.set(event_target_value(&ev));
                    form.file_problem.set(None);
                }
            ></textarea>
        </Field>
        <label class="file-field">
            <span>{i18n.text(R::PublicKeyFile)}</span>
            <input
                type="file"
                accept=".pub,text/plain"
                data-testid="keypair-public-key-file"
                on:change=read_file
            />
        </label>
        <FieldError problem=file_problem />
        <FieldError problem=key_problem />
    }
}
