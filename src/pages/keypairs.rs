//! `/keypairs`: the key pair list (`GET /os-keypairs`) with create, generate in this browser,
//! import and delete.

use compute_api::keypair::Keypair;
use compute_api::{request, ApiError};
use leptos::prelude::*;

use crate::client::expect_api;
use crate::components::format::or_dash;
use crate::components::{ConfirmDialog, ErrorMessage, KeypairForm, KeypairFormMode};
use crate::i18n::{use_i18n, Msg, ResourcesMsg as R};
use crate::pages::resource_list::ResourceListPage;
use crate::paths::{href, segment};
use crate::store::{expect_store, KeypairSender};
use crate::tasks::TaskScope;

/// The detail page of a key pair.
pub fn keypair_href(name: &str) -> String {
    href(&format!("/keypairs/{}", segment(name)))
}

/// A delete in progress: which key pair is being confirmed, which is being deleted, and the
/// last failure. Shared by the list and the detail page.
#[derive(Clone, Copy)]
pub struct KeypairDeletion {
    /// Asked for confirmation.
    pub confirming: RwSignal<Option<String>>,
    /// `DELETE` in flight (every delete button is disabled meanwhile).
    pub pending: RwSignal<Option<String>>,
    pub error: RwSignal<Option<ApiError>>,
}

impl KeypairDeletion {
    pub fn new() -> Self {
        Self {
            confirming: RwSignal::new(None),
            pending: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Asks to delete `name` (nothing happens until confirmed).
    pub fn ask(self, name: String) {
        if self.pending.get_untracked().is_none() {
            self.error.set(None);
            self.confirming.set(Some(name));
        }
    }
}

impl Default for KeypairDeletion {
    fn default() -> Self {
        Self::new()
    }
}

/// The confirmation naming the key pair, then one `DELETE /os-keypairs/{name}` (never retried),
/// then `on_deleted` with the name. A failure is shown in place.
#[component]
pub fn KeypairDeleteDialog(
    deletion: KeypairDeletion,
    #[prop(into)] on_deleted: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let tasks = TaskScope::new();
    let cancel = Callback::new(move |_| deletion.confirming.set(None));
    let confirm = Callback::new(move |_| {
        let Some(name) = deletion.confirming.get_untracked() else {
            return;
        };
        deletion.confirming.set(None);
        if deletion.pending.get_untracked().is_some() {
            return;
        }
        deletion.pending.set(Some(name.clone()));
        tasks.spawn(async move {
            let outcome = api.send(&request::delete_keypair(&name)).await;
            deletion.pending.set(None);
            match outcome {
                Ok(_) => on_deleted.run(name),
                Err(e) => deletion.error.set(Some(e)),
            }
        });
    });
    view! {
        {move || deletion.error.get().map(|error| view! { <ErrorMessage error /> })}
        {move || {
            deletion
                .confirming
                .get()
                .map(|name| {
                    let message = Signal::derive(move || {
                        format!(
                            "{} “{}”? {}",
                            i18n.t(R::ConfirmDeleteKeypair),
                            name,
                            i18n.t(R::ConfirmDeleteKeypairNote),
                        )
                    });
                    view! { <ConfirmDialog message on_ok=confirm on_cancel=cancel /> }
                })
        }}
    }
}

fn keypair_table(keypairs: Vec<Keypair>, deletion: KeypairDeletion) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Msg::ColName)}</th>
                    <th scope="col">{i18n.text(Msg::ColFingerprint)}</th>
                    <th scope="col">{i18n.text(Msg::ColKeyType)}</th>
                    <th scope="col">
                        <span class="visually-hidden">{i18n.text(Msg::Actions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {keypairs
                    .into_iter()
                    .map(|k| {
                        let name = k.name.clone();
                        let deleting = {
                            let name = name.clone();
                            move || deletion.pending.with(|p| p.as_deref() == Some(name.as_str()))
                        };
                        let ask = {
                            let name = name.clone();
                            move |_| deletion.ask(name.clone())
                        };
                        let label = {
                            let name = name.clone();
                            move || format!("{} {}", i18n.t(Msg::OpDelete), name)
                        };
                        let href = keypair_href(&name);
                        view! {
                            <tr data-testid="keypair-row" data-name=name.clone()>
                                <td class="col-name">
                                    <a href=href>{k.name}</a>
                                </td>
                                <td class="mono small">{k.fingerprint}</td>
                                <td>{or_dash(k.key_type)}</td>
                                <td class="row-actions">
                                    <button
                                        type="button"
                                        class="danger small-button"
                                        data-testid="keypair-delete"
                                        data-name=name.clone()
                                        aria-label=label
                                        disabled=move || deletion.pending.with(Option::is_some)
                                        on:click=ask
                                    >
                                        {move || {
                                            if deleting() { i18n.t(R::Deleting) } else { i18n.t(Msg::OpDelete) }
                                        }}
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn KeypairsPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    let form = RwSignal::new(None::<KeypairFormMode>);
    let deletion = KeypairDeletion::new();
    let deleted = RwSignal::new(None::<String>);
    let on_saved = Callback::new(move |_: Keypair| store.keypairs.refetch());
    let on_deleted = Callback::new(move |name: String| {
        deleted.set(Some(name));
        store.keypairs.refetch();
    });
    let open = move |mode: KeypairFormMode| {
        move |_| {
            deleted.set(None);
            form.set(Some(mode));
        }
    };
    let toolbar = move || {
        view! {
            // Disabled while the form is open: opening it again would start over and could
            // throw away a private key not yet saved. The form has its own tabs and Cancel.
            <button
                type="button"
                class="primary"
                data-testid="keypair-create"
                disabled=move || form.with(Option::is_some)
                on:click=open(KeypairFormMode::Create)
            >
                {i18n.text(R::CreateKeypair)}
            </button>
            <button
                type="button"
                data-testid="keypair-generate-local"
                disabled=move || form.with(Option::is_some)
                on:click=open(KeypairFormMode::Generate)
            >
                {i18n.text(R::GenerateKeypair)}
            </button>
            <button
                type="button"
                data-testid="keypair-import"
                disabled=move || form.with(Option::is_some)
                on:click=open(KeypairFormMode::Import)
            >
                {i18n.text(R::ImportKeypair)}
            </button>
        }
    };
    view! {
        <ResourceListPage
            title=Msg::NavKeypairs
            empty=Msg::NoKeypairs
            resource=store.keypairs
            rows=move |keypairs| keypair_table(keypairs, deletion)
            toolbar=std::sync::Arc::new(move || toolbar().into_any())
        >
            // A fresh form for each opening, on the tab of the button that opened it.
            {move || {
                form.get()
                    .map(|mode| {
                        let on_close = Callback::new(move |_| form.set(None));
                        let sender = KeypairSender::api(expect_api());
                        view! {
                            <section class="panel keypair-panel">
                                <KeypairForm sender on_saved mode on_close />
                            </section>
                        }
                    })
            }}
            {move || {
                deleted
                    .get()
                    .map(|name| {
                        view! {
                            <p class="notice" role="status" data-testid="keypair-deleted">
                                {i18n.text(R::KeypairDeleted)} " " {name}
                            </p>
                        }
                    })
            }}
            <KeypairDeleteDialog deletion on_deleted />
        </ResourceListPage>
    }
}
