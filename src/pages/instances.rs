//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::InstanceTable;
use crate::i18n::Msg;
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

/// How often transitional instances are re-read.
const POLL_SECONDS: u64 = 2;

#[component]
pub fn InstancesPage() -> impl IntoView {
    let store = expect_store();
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
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    let servers = store.servers.await;
                    // A flavor list that fails only costs the names: ids are shown instead.
                    let flavor_names: HashMap<String, String> = store
                        .flavors
                        .await
                        .map(|flavors| flavors.into_iter().map(|f| (f.id, f.name)).collect())
                        .unwrap_or_default();
                    list_or_state(
                        servers,
                        Msg::NoInstances,
                        |servers| view! { <InstanceTable servers flavor_names /> },
                    )
                })}
            </Transition>
        </section>
    }
}
