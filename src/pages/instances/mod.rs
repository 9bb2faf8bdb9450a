//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use compute_api::columns::ColumnLayout;
use compute_api::refresh;
use compute_api::rules::Operation;
use compute_api::server_set::ServerSet;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::actions::{confirmation, needs_confirmation, plain_request, ActionRunner};
use crate::components::action_bar::operation_msg;
use crate::components::{ConfirmDialog, ErrorMessage, InstanceTable};
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::lazy::Deferred;
use crate::pages::{EmptyState, LoadingRow, PageHeader};
use crate::store::{expect_store, ShownRows};
use crate::tasks::TaskScope;

mod auto_refresh;
mod bulk;
pub mod columns;
mod export;
mod filters;
pub mod list_url;
pub mod pager;

use auto_refresh::AutoRefresh;
use bulk::{bulk_dialog_code, BulkInput, BULK};
use columns::{load_layout, ColumnChooser};
use export::ExportButtons;
use filters::ServerFilters;

use list_url::server_query_from_url;
use pager::Pager;

#[component]
pub fn InstancesPage() -> impl IntoView {
    let store = expect_store();
    let list = store.servers;
    let i18n = use_i18n();
    let tasks = TaskScope::new();
    // The client-side quick filter over everything loaded.
    let filter = RwSignal::new(String::new());
    let column_layout = RwSignal::new(load_layout());
    let columns = Memo::new(move |_| column_layout.with(ColumnLayout::visible));
    let selected = RwSignal::new(HashSet::<String>::new());
    let bulk = RwSignal::new(None::<Operation>);
    // Row menus: requests in flight and the last refusal are the runner's; the rows followed
    // until they settle (even with auto-refresh off) and a confirmation waiting are the page's.
    let actions = ActionRunner::new();
    let following = RwSignal::new(HashSet::<String>::new());
    let row_confirm = RwSignal::new(None::<(String, String, Operation)>);
    let send_row_action = move |id: String, op: Operation| {
        let Some(request) = plain_request(op, &id) else {
            return;
        };
        let followed = id.clone();
        actions.send(id, op, request, move |outcome| {
            if outcome.is_ok() {
                following.update(|f| {
                    f.insert(followed);
                });
            }
        });
    };
    let on_row_action = Callback::new(move |(id, op): (String, Operation)| {
        if needs_confirmation(op) {
            let name = list
                .set
                .with_untracked(|set| set.get(&id).map(|s| s.display_name().to_string()));
            row_confirm.set(Some((id.clone(), name.unwrap_or(id), op)));
        } else {
            send_row_action(id, op);
        }
    });
    // A followed row is let go once the list shows it settled (or gone).
    Effect::new(move |_| {
        list.set.with(|set| {
            let settled = |id: &String| {
                set.get(id)
                    .is_none_or(|s| !refresh::needs_refresh(std::slice::from_ref(s)))
            };
            if following.with_untracked(|f| f.iter().any(settled)) {
                following.update(|f| f.retain(|id| !settled(id)));
            }
        });
    });
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
    let auto = RwSignal::new(true);
    let last_refreshed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if list.ready.get() && !list.reading.get() {
            let now = js_sys::Date::new_0();
            last_refreshed.set(Some(format!(
                "{:02}:{:02}:{:02}",
                now.get_hours(),
                now.get_minutes(),
                now.get_seconds()
            )));
        }
    });
    let auto_refresh = AutoRefresh::start(list, auto, following);
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
    let state = Memo::new(move |_| {
        if !list.ready.get() {
            ListState::Loading
        } else if list.set.with(ServerSet::is_empty) {
            if list.reading.get() {
                ListState::Loading
            } else if list.error.with(Option::is_some) {
                ListState::Failed
            } else {
                ListState::Empty
            }
        } else {
            ListState::Rows
        }
    });
    let progress = move || {
        let loading = list.reading.get() && !list.complete.get() && list.ready.get();
        loading.then(|| {
            i18n.t(InstancesMsg::LoadingMore)
                .replace("{n}", &list.set.with(ServerSet::len).to_string())
        })
    };
    view! {
        <section class="page">
            <PageHeader title=Msg::NavInstances on_refresh=refresh count />
            <a
                    class="button primary"
                    data-testid="instance-create"
                    href=crate::paths::href("/instances/new")
                    on:pointerenter=move |_| tasks.spawn(crate::lazy_pages::preload("/instances/new"))
                    on:focus=move |_| tasks.spawn(crate::lazy_pages::preload("/instances/new"))
                >{i18n.text(InstancesMsg::CreateInstance)}</a>
            <div class="refresh-tools">
                <label>
                    <input
                        type="checkbox"
                        data-testid="auto-refresh"
                        prop:checked=move || auto.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            auto.set(on);
                            if on {
                                auto_refresh.now(list);
                            }
                        }
                    />
                    {i18n.text(Msg::AutoRefresh)}
                </label>
                <span class="muted">
                    {i18n.text(Msg::LastRefreshed)} ": "
                    <span data-testid="last-refreshed">{move || last_refreshed.get().unwrap_or_else(|| "—".into())}</span>
                </span>
                <span class="muted" role="status" data-testid="list-progress">{progress}</span>
            </div>
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
                <ColumnChooser layout=column_layout />
                <ExportButtons shown columns flavor_names image_names=store.images.all() />
            </div>
            {move || bulk.get().map(|op| {
                // Closed, even halfway through a run: the list catches up with what was sent.
                let close = Callback::new(move |_: ()| {
                    bulk.set(None);
                    list.refresh_changes();
                });
                view! { <Deferred code=bulk_dialog_code input=BulkInput { op, selected, close } /> }
            })}
            {move || actions.failure().map(|failure| view! { <ErrorMessage error=failure.error /> })}
            {move || {
                row_confirm
                    .get()
                    .map(|(id, name, op)| {
                        let template = confirmation(op).unwrap_or(Msg::ConfirmTitle);
                        let message = Signal::derive(move || i18n.t(template).replace("{name}", &name));
                        let on_ok = Callback::new(move |_: ()| {
                            row_confirm.set(None);
                            send_row_action(id.clone(), op);
                        });
                        let on_cancel = Callback::new(move |_: ()| row_confirm.set(None));
                        view! { <ConfirmDialog message on_ok on_cancel /> }
                    })
            }}
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
                        on_row_action
                        busy_rows=actions.busy_ids()
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
