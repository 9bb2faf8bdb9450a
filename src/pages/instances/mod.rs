//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use compute_api::columns::ColumnLayout;
use compute_api::server_set::ServerSet;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{ErrorMessage, InstanceTable};
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::pages::{EmptyState, LoadingRow, PageHeader};
use crate::store::{expect_store, ServerList, ShownRows};

mod auto_refresh;
mod bulk;
pub mod columns;
mod export;
mod filters;
pub mod list_url;
pub mod pager;
mod row_runs;

use auto_refresh::RefreshTools;
use bulk::BulkBar;
use columns::{load_layout, ColumnChooser};
use export::ExportButtons;
use filters::ServerFilters;

use list_url::server_query_from_url;
use pager::Pager;
use row_runs::{RowConfirmDialog, RowRuns};

#[component]
pub fn InstancesPage() -> impl IntoView {
    let store = expect_store();
    let list = store.servers;
    let i18n = use_i18n();
    // The client-side quick filter over everything loaded.
    let filter = RwSignal::new(String::new());
    let column_layout = RwSignal::new(load_layout());
    let columns = Memo::new(move |_| column_layout.with(ColumnLayout::visible));
    let selected = RwSignal::new(HashSet::<String>::new());
    let runs = RowRuns::new(list);
    let count = Signal::derive(move || list.ready.get().then(|| list.set.with(ServerSet::len)));
    // The server-side filters and page, from the URL (a view can be bookmarked and shared).
    // Opening the list reads it when the query, region or project differ from what is held,
    // and otherwise only catches up with what changed.
    let query_map = use_query_map();
    let url_query = Memo::new(move |_| query_map.with(server_query_from_url));
    Effect::new(move |_| {
        list.scope.track();
        list.open(url_query.get());
    });
    let refresh = Callback::new(move |_| {
        list.reload();
        store.flavors.refetch();
    });
    let shown = Memo::new(move |_| {
        let query = filter.get();
        list.set.with(|set| ShownRows(Arc::new(set.filter(&query))))
    });
    // The names of the images the loaded servers run (each id read once per region).
    Effect::new(move |_| {
        list.set.with(|set| {
            store.images.want(
                set.rows()
                    .iter()
                    .filter_map(|row| row.server.image.as_ref().map(|i| i.id.as_str())),
            )
        });
    });
    let flavor_names = Memo::new(move |_| {
        // A flavor list that fails only costs the names: ids are shown instead.
        store.flavors.with(|flavors| match flavors {
            Some(Ok(flavors)) => flavors
                .iter()
                .map(|f| (f.id.clone(), f.name.clone()))
                .collect(),
            _ => HashMap::new(),
        })
    });
    // The table is built once and then fed rows; only the states around it swap.
    let state = Memo::new(move |_| ListState::of(list));
    view! {
        <section class="page">
            <PageHeader title=Msg::NavInstances on_refresh=refresh count />
            <a
                    class="button primary"
                    data-testid="instance-create"
                    href=crate::paths::href("/instances/new")
                    // The shell loads the wizard's code when this is pointed at or focused.
                    data-preload="/instances/new"
                >{i18n.text(InstancesMsg::CreateInstance)}</a>
            <RefreshTools list following=runs.following />
            <ServerFilters url_query />
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
                <BulkBar selected />
                <ColumnChooser layout=column_layout />
                <ExportButtons shown columns flavor_names image_names=store.images.all() />
            </div>
            {move || runs.actions.failure().map(|failure| view! { <ErrorMessage error=failure.error /> })}
            <RowConfirmDialog runs />
            // A failed read shows its error above the rows already shown.
            {move || list.error.get().map(|error| view! { <ErrorMessage error /> })}
            {move || match state.get() {
                ListState::Loading => view! { <LoadingRow /> }.into_any(),
                ListState::Empty => view! { <EmptyState msg=Msg::NoInstances /> }.into_any(),
                ListState::Failed => ().into_any(),
                ListState::Rows => view! {
                    <InstanceTable
                        rows=shown
                        flavor_names
                        image_names=store.images.all()
                        selected
                        on_row_action=Callback::new(move |(id, op)| runs.choose(id, op))
                        busy_rows=runs.actions.busy_ids()
                        loaded=Signal::derive(move || list.set.with(ServerSet::len))
                        complete=Signal::derive(move || list.complete.get() && !list.reading.get())
                        scroll_key=filter
                        columns
                    />
                }
                .into_any(),
            }}
            <Pager url_query />
        </section>
    }
}

/// What the list area shows.
#[derive(Clone, Copy, PartialEq)]
enum ListState {
    Loading,
    Empty,
    /// The first read failed: only its error shows.
    Failed,
    Rows,
}

impl ListState {
    /// What the list area shows for the list as it stands (tracked).
    fn of(list: ServerList) -> Self {
        if !list.ready.get() {
            Self::Loading
        } else if list.set.with(ServerSet::is_empty) {
            if list.reading.get() {
                Self::Loading
            } else if list.error.with(Option::is_some) {
                Self::Failed
            } else {
                Self::Empty
            }
        } else {
            Self::Rows
        }
    }
}
