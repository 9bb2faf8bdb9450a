//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::InstanceTable;
use crate::i18n::Msg;
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

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
