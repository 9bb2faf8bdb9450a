//! `/keypairs/:name`: one key pair (`GET /os-keypairs/{name}`), its public key with a copy
//! button, and delete. Deep-linkable: the name is the URL.

use compute_api::keypair::Keypair;
use compute_api::request;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::client::expect_api;
use crate::components::format::or_dash;
use crate::components::{CopyButton, ErrorMessage, Timestamp};
use crate::i18n::{use_i18n, Msg, ResourcesMsg as R};
use crate::pages::keypairs::{KeypairDeleteDialog, KeypairDeletion};
use crate::pages::LoadingRow;
use crate::paths::href;
use crate::session::expect_session;
use crate::store::expect_store;

/// What the copy button last did.
#[component]
pub fn KeypairDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let session = expect_session();
    let store = expect_store();
    let params = use_params_map();
    // Names are safe ASCII, so decoding an already decoded one changes nothing.
    let name = Memo::new(move |_| {
        let raw = params.with(|p| p.get("name").unwrap_or_default());
        js_sys::decode_uri_component(&raw)
            .map(String::from)
            .unwrap_or(raw)
    });
    let keypair = LocalResource::new(move || {
        let name = name.get();
        // Read again after a region switch or a re-login.
        session.current.track();
        async move {
            api.fetch(&request::show_keypair(&name))
                .await
                .map(|envelope| envelope.keypair)
        }
    });
    let deletion = KeypairDeletion::new();
    let navigate = use_navigate();
    let on_deleted = Callback::new(move |_name: String| {
        store.keypairs.refetch();
        navigate("/keypairs", NavigateOptions::default());
    });

    view! {
        <section class="page">
            <nav class="breadcrumb">
                <a href=href("/keypairs") data-testid="keypair-back">{i18n.text(R::AllKeypairs)}</a>
            </nav>
            <header class="page-header">
                <h1 class="mono">{move || name.get()}</h1>
                <button type="button" class="ghost" on:click=move |_| keypair.refetch()>
                    {i18n.text(Msg::Refresh)}
                </button>
                <button
                    type="button"
                    class="danger"
                    data-testid="keypair-delete"
                    data-name=move || name.get()
                    disabled=move || deletion.pending.with(Option::is_some)
                    on:click=move |_| deletion.ask(name.get_untracked())
                >
                    {move || {
                        if deletion.pending.with(Option::is_some) {
                            i18n.t(R::Deleting)
                        } else {
                            i18n.t(Msg::OpDelete)
                        }
                    }}
                </button>
            </header>
            <KeypairDeleteDialog deletion on_deleted />
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    match keypair.await {
                        Ok(k) => view! { <KeypairFacts keypair=k /> }.into_any(),
                        Err(error) => {
                            let missing = error.is_not_found();
                            view! {
                                {missing
                                    .then(|| {
                                        view! {
                                            <p class="state state-empty">{i18n.text(R::KeypairNotFound)}</p>
                                        }
                                    })}
                                <ErrorMessage error />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn KeypairFacts(keypair: Keypair) -> impl IntoView {
    let i18n = use_i18n();
    let public_key = keypair.public_key.clone();
    let id = keypair.id.as_ref().map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    view! {
        <section class="panel" data-testid="keypair-detail">
            <dl class="kv-grid">
                <div class="kv">
                    <dt>{i18n.text(Msg::ColName)}</dt>
                    <dd data-testid="keypair-detail-name">{keypair.name.clone()}</dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::ColFingerprint)}</dt>
                    <dd class="mono small" data-testid="keypair-fingerprint">{keypair.fingerprint.clone()}</dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::ColKeyType)}</dt>
                    <dd>{or_dash(keypair.key_type.clone())}</dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::Id)}</dt>
                    <dd class="mono" data-testid="keypair-id">{or_dash(id)}</dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::UserId)}</dt>
                    <dd class="mono" data-testid="keypair-user-id">{or_dash(keypair.user_id.clone())}</dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::ColCreated)}</dt>
                    <dd>
                        <Timestamp value=keypair.created_at.clone() />
                    </dd>
                </div>
                <div class="kv">
                    <dt>{i18n.text(Msg::Updated)}</dt>
                    <dd data-testid="keypair-updated">
                        <Timestamp value=keypair.updated_at.clone() />
                    </dd>
                </div>
            </dl>
        </section>
        <section class="panel">
            <header class="panel-header">
                <h2>{i18n.text(R::PublicKeyLabel)}</h2>
                <CopyButton text=public_key label=R::CopyPublicKey testid="keypair-copy" />
            </header>
            <pre class="raw mono" data-testid="keypair-public-key-text">{keypair.public_key}</pre>
        </section>
    }
}
