//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::InstanceTable;
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
            </div>
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
                        |servers| view! { <InstanceTable servers flavor_names /> },
                    )
                    })
                }}
            </Transition>
        </section>
    }
}
