//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::{HashMap, HashSet};

use compute_api::action::{RebootType, ServerAction};
use compute_api::request;
use compute_api::rules::{partition, Operation};
use compute_api::ApiError;
use leptos::task::spawn_local;

use leptos::prelude::*;

use crate::client::expect_api;
use crate::components::action_bar::{denied_text, operation_msg};
use crate::components::{InstanceTable, Modal};
use crate::i18n::{use_i18n, Msg};
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

/// How often transitional instances are re-read.
const POLL_SECONDS: u64 = 2;

#[component]
pub fn InstancesPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    // The client-side quick filter over what is loaded.
    let filter = RwSignal::new(String::new());
    let selected = RwSignal::new(HashSet::<String>::new());
    let bulk = RwSignal::new(None::<Operation>);
    let count = Signal::derive(move || {
        store
            .servers
            .get()
            .and_then(|r| r.ok())
            .map(|servers| servers.len())
    });
    let refresh = Callback::new(move |_| {
        store.servers.refetch();
        store.flavors.refetch();
    });
    // Follow instances in a transitional state (BUILD, REBOOT, RESIZE …) or running a task
    // (a delete under way) until they settle;
    // paused while the tab is hidden.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let hidden = document().hidden();
            let busy = store.servers.with_untracked(|loaded| {
                matches!(loaded, Some(Ok(servers)) if servers.iter().any(|s| {
                    s.status.is_transitional()
                        || s.task_state.as_ref().is_some_and(|t| t.is_active())
                }))
            });
            if busy && !hidden {
                store.servers.refetch();
            }
        },
        std::time::Duration::from_secs(POLL_SECONDS),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <section class="page">
            <PageHeader title=Msg::NavInstances on_refresh=refresh count />
            <div class="list-tools">
                <label class="quick-filter">
                    <span class="visually-hidden">{i18n.text(Msg::QuickFilter)}</span>
                    <input
                        type="search"
                        data-testid="instance-filter"
                        placeholder=i18n.text(Msg::QuickFilter)
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                </label>
                <div class="bulk-bar" role="toolbar" aria-label=i18n.text(Msg::Actions)>
                    {BULK.into_iter()
                        .map(|(op, testid)| {
                            view! {
                                <button
                                    type="button"
                                    data-testid=testid
                                    disabled=move || selected.with(HashSet::is_empty)
                                    on:click=move |_| bulk.set(Some(op))
                                >
                                    {i18n.text(operation_msg(op))}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
            {move || bulk.get().map(|op| view! { <BulkDialog op selected close=Callback::new(move |_: ()| bulk.set(None)) /> })}
            <Transition fallback=LoadingRow>
                {move || {
                    let query = filter.get();
                    Suspend::new(async move {
                    let servers = store.servers.await;
                    // A flavor list that fails only costs the names: ids are shown instead.
                    let flavor_names: HashMap<String, String> = store
                        .flavors
                        .await
                        .map(|flavors| flavors.into_iter().map(|f| (f.id, f.name)).collect())
                        .unwrap_or_default();
                    let servers = servers.map(|all| {
                        all.into_iter().filter(|s| s.matches_quick_filter(&query)).collect()
                    });
                    list_or_state(
                        servers,
                        Msg::NoInstances,
                        |servers| view! { <InstanceTable servers flavor_names selected /> },
                    )
                    })
                }}
            </Transition>
        </section>
    }
}

/// The bulk actions and their test ids.
const BULK: [(Operation, &str); 5] = [
    (Operation::Start, "bulk-start"),
    (Operation::Stop, "bulk-stop"),
    (Operation::RebootSoft, "bulk-reboot-soft"),
    (Operation::RebootHard, "bulk-reboot-hard"),
    (Operation::Delete, "bulk-delete"),
];

fn bulk_request(op: Operation, id: &str) -> compute_api::Request {
    match op {
        Operation::Start => request::server_action(id, &ServerAction::Start(())),
        Operation::Stop => request::server_action(id, &ServerAction::Stop(())),
        Operation::RebootSoft => {
            request::server_action(id, &ServerAction::reboot(RebootType::Soft))
        }
        Operation::RebootHard => {
            request::server_action(id, &ServerAction::reboot(RebootType::Hard))
        }
        _ => request::delete_server(id),
    }
}

/// Before sending: which selected instances the action is not allowed for, and why; delete of
/// several asks for their count. After: one line per instance. Requests go one at a time and
/// are never retried.
#[component]
fn BulkDialog(
    op: Operation,
    selected: RwSignal<HashSet<String>>,
    close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let store = expect_store();
    let servers = store
        .servers
        .get_untracked()
        .and_then(|r| r.ok())
        .unwrap_or_default();
    let chosen: Vec<_> = selected.with_untracked(|sel| {
        servers
            .into_iter()
            .filter(|s| sel.contains(&s.id))
            .collect()
    });
    let (allowed, denied) = partition(op, &chosen);
    let label = |s: &compute_api::server::Server| {
        if s.name.is_empty() {
            s.id.clone()
        } else {
            s.name.clone()
        }
    };
    let targets: Vec<(String, String)> = allowed.iter().map(|s| (s.id.clone(), label(s))).collect();
    let denied_lines: Vec<(String, compute_api::rules::Denied)> =
        denied.into_iter().map(|(s, d)| (label(s), d)).collect();
    let count = targets.len();
    let typed = RwSignal::new(String::new());
    let needs_count = op == Operation::Delete && count > 1;
    let ready = Signal::derive(move || {
        count > 0 && (!needs_count || typed.get().trim() == count.to_string())
    });
    let results = RwSignal::new(None::<Vec<(String, Result<(), ApiError>)>>);
    let sending = RwSignal::new(false);
    let send = move || {
        if !ready.get_untracked() || sending.get_untracked() {
            return;
        }
        sending.set(true);
        let targets = targets.clone();
        spawn_local(async move {
            let mut out = Vec::new();
            for (id, name) in targets {
                let outcome = api.send(&bulk_request(op, &id)).await.map(|_| ());
                out.push((name, outcome));
            }
            results.set(Some(out));
            sending.set(false);
            selected.set(HashSet::new());
            store.servers.refetch();
        });
    };
    let title = Signal::derive(move || i18n.t(operation_msg(op)).to_string());
    view! {
        <Modal title on_close=close>
            {move || match results.get() {
                Some(lines) => view! {
                    <h3>{i18n.text(Msg::BulkResults)}</h3>
                    <ul class="plain-list">
                        {lines.into_iter().map(|(name, outcome)| {
                            let ok = outcome.is_ok();
                            view! {
                                <li data-testid="bulk-result" data-ok=ok.to_string()>
                                    <strong>{name}</strong> ": "
                                    {match outcome {
                                        Ok(()) => i18n.t(Msg::BulkDone).to_string(),
                                        Err(e) => e.message().to_string(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <div class="modal-buttons">
                        <button type="button" data-testid="confirm-cancel" on:click=move |_| close.run(())>
                            {i18n.text(Msg::Close)}
                        </button>
                    </div>
                }.into_any(),
                None => {
                    let denied_lines = denied_lines.clone();
                    view! {
                        {(!denied_lines.is_empty()).then(|| view! {
                            <p>{i18n.text(Msg::BulkNotAllowed)}</p>
                            <ul class="plain-list" data-testid="bulk-denied">
                                {denied_lines.into_iter().map(|(name, why)| view! {
                                    <li><strong>{name}</strong> ": " {move || denied_text(i18n.lang(), &why)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        <p data-testid="bulk-count">{move || i18n.t(Msg::BulkWillSend).replace("{n}", &count.to_string())}</p>
                        {needs_count.then(|| view! {
                            <label>
                                {move || i18n.t(Msg::BulkTypeCount).replace("{n}", &count.to_string())}
                                <input
                                    type="text"
                                    inputmode="numeric"
                                    data-testid="bulk-confirm-count"
                                    prop:value=move || typed.get()
                                    on:input=move |ev| typed.set(event_target_value(&ev))
                                />
                            </label>
                        })}
                        <div class="modal-buttons">
                            <button type="button" data-testid="confirm-cancel" on:click=move |_| close.run(())>
                                {i18n.text(Msg::Cancel)}
                            </button>
                            <button
                                type="button"
                                class="danger"
                                data-testid="confirm-ok"
                                disabled=move || !ready.get() || sending.get()
                                on:click={let send = send.clone(); move |_| send()}
                            >
                                {i18n.text(Msg::OkButton)}
                            </button>
                        </div>
                    }.into_any()
                }
            }}
        </Modal>
    }
}
