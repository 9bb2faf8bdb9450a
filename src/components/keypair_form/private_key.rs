//! The private key made for a new key pair, shown once: the key, its download as
//! `<name>.pem`, and "I have saved it", after which it is gone.

use leptos::prelude::*;

use super::model::{KeySource, PrivateKey};
use crate::download::download_text;
use crate::i18n::{use_i18n, ResourcesMsg as R};

#[component]
pub fn PrivateKeyPanel(
    key: PrivateKey,
    /// The user has saved the key.
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let file_name = format!("{}.pem", key.name);
    let pem = key.pem.clone();
    let download = move |_| {
        let _ = download_text(&file_name, &pem);
    };
    // Set on the element rather than through a rendered property, so the page keeps no copy
    // of the key besides this one, which is wiped when the panel goes.
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
                <button type="button" data-testid="keypair-private-key-done" on:click=move |_| on_done.run(())>
                    {i18n.text(R::PrivateKeySaved)}
                </button>
            </div>
        </div>
    }
}
