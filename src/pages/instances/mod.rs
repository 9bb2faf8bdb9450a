//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::{HashMap, HashSet};

use compute_api::refresh;
use compute_api::request::ServerQuery;
use compute_api::rules::Operation;
use compute_api::server::Server;
use compute_api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::client::expect_api;
use crate::components::action_bar::operation_msg;
use crate::components::{ConfirmDialog, ErrorMessage, InstanceTable};
use crate::i18n::{use_i18n, Msg};
use crate::pages::{list_keeping_last, LoadingRow, PageHeader};
use crate::paths::segment;
use crate::store::expect_store;

mod bulk;
mod filters;
pub mod pager;

use bulk::{list_action_request, BulkDialog, BULK};
use filters::ServerFilters;
use pager::Pager;

/// How often the auto-refresh looks whether a read is due.
const TICK_MS: u64 = 500;

#[component]
pub fn InstancesPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    // The client-side quick filter over what is loaded.
    let filter = RwSignal::new(String::new());
    let selected = RwSignal::new(HashSet::<String>::new());
    let bulk = RwSignal::new(None::<Operation>);
    let api = expect_api();
    // Row menus: the rows whose request is in flight, the rows followed until they settle
    // (even with auto-refresh off), a confirmation waiting and the last refusal.
    let busy_rows = RwSignal::new(HashSet::<String>::new());
    let following = RwSignal::new(HashSet::<String>::new());
    let row_confirm = RwSignal::new(None::<(String, String, Operation)>);
    let row_error = RwSignal::new(None::<ApiError>);
    // One request per click, never retried; a refusal is shown and the list re-read, since
    // it means what we showed was stale.
    let send_row_action = move |id: String, op: Operation| {
        if busy_rows.with_untracked(|b| b.contains(&id)) {
            return;
        }
        busy_rows.update(|b| {
            b.insert(id.clone());
        });
        row_error.set(None);
        spawn_local(async move {
            let outcome = api.send(&list_action_request(op, &id)).await;
            busy_rows.update(|b| {
                b.remove(&id);
            });
            match outcome {
                Ok(_) => following.update(|f| {
                    f.insert(id);
                }),
                Err(error) => row_error.set(Some(error)),
            }
            store.servers.refetch();
        });
    };
    let on_row_action = Callback::new(move |(id, op): (String, Operation)| {
        if matches!(op, Operation::RebootHard | Operation::Delete) {
            let name = store.servers.with_untracked(|loaded| match loaded {
                Some(Ok(servers)) => servers.iter().find(|s| s.id == id).map(|s| {
                    if s.name.is_empty() {
                        s.id.clone()
                    } else {
                        s.name.clone()
                    }
                }),
                _ => None,
            });
            row_confirm.set(Some((id.clone(), name.unwrap_or(id), op)));
        } else {
            send_row_action(id, op);
        }
    });
    // A followed row is let go once the list shows it settled (or gone).
    Effect::new(move |_| {
        store.servers.with(|loaded| {
            if let Some(Ok(servers)) = loaded {
                let settled = |id: &String| {
                    servers
                        .iter()
                        .find(|s| &s.id == id)
                        .is_none_or(|s| !refresh::needs_refresh(std::slice::from_ref(s)))
                };
                if following.with_untracked(|f| f.iter().any(settled)) {
                    following.update(|f| f.retain(|id| !settled(id)));
                }
            }
        });
    });
    let count = Signal::derive(move || {
        store
            .servers
            .get()
            .and_then(|r| r.ok())
            .map(|servers| servers.len())
    });
    // The server-side filters and page, from the URL (a view can be bookmarked and shared).
    let query_map = use_query_map();
    let url_query = Memo::new(move |_| query_map.with(server_query_from_url));
    let apply_query = move |q: ServerQuery| {
        if store.server_query.with_untracked(|cur| *cur != q) {
            store.server_query.set(q);
        }
    };
    apply_query(url_query.get_untracked());
    Effect::new(move |_| apply_query(url_query.get()));
    let refresh = Callback::new(move |_| {
        store.servers.refetch();
        store.flavors.refetch();
    });
    // Follow instances in a transitional state (BUILD, REBOOT, RESIZE …) or running a task
    // (a delete under way) until they settle: read again after 2 s, doubling the wait up to
    // 30 s while nothing changes, back to 2 s after a change; paused while the tab is hidden
    // or auto-refresh is off.
    let auto = RwSignal::new(true);
    let last_refreshed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if store.servers.with(|loaded| loaded.is_some()) {
            let now = js_sys::Date::new_0();
            last_refreshed.set(Some(format!(
                "{:02}:{:02}:{:02}",
                now.get_hours(),
                now.get_minutes(),
                now.get_seconds()
            )));
        }
    });
    let delay = StoredValue::new(refresh::FIRST_DELAY_MS);
    let due = StoredValue::new(0.0_f64);
    let seen = StoredValue::new(None::<Vec<compute_api::server::Server>>);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let now = js_sys::Date::now();
            let busy = store.servers.with_untracked(
                |loaded| matches!(loaded, Some(Ok(servers)) if refresh::needs_refresh(servers)),
            );
            let followed = !following.with_untracked(HashSet::is_empty);
            if !busy || !(auto.get_untracked() || followed) {
                // Next time something is under way, start from the first wait.
                delay.set_value(refresh::FIRST_DELAY_MS);
                due.set_value(now + f64::from(refresh::FIRST_DELAY_MS));
                seen.set_value(None);
                return;
            }
            if document().hidden() || now < due.get_value() {
                return;
            }
            let current = store.servers.with_untracked(|loaded| match loaded {
                Some(Ok(servers)) => Some(servers.clone()),
                _ => None,
            });
            let changed = seen.with_value(|before| before.as_ref() != current.as_ref());
            let wait = if seen.with_value(Option::is_none) {
                refresh::FIRST_DELAY_MS
            } else {
                refresh::next_delay_ms(delay.get_value(), changed)
            };
            delay.set_value(wait);
            due.set_value(now + f64::from(wait));
            seen.set_value(current);
            store.servers.refetch();
        },
        std::time::Duration::from_millis(TICK_MS),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <section class="page">
            <PageHeader title=Msg::NavInstances on_refresh=refresh count />
            <a class="button primary" data-testid="instance-create" href=crate::paths::href("/instances/new")>{i18n.text(crate::i18n::CreateMsg::Title)}</a>
            <div class="refresh-tools">
                <label>
                    <input
                        type="checkbox"
                        data-testid="auto-refresh"
                        prop:checked=move || auto.get()
                        on:change=move |ev| auto.set(event_target_checked(&ev))
                    />
                    {i18n.text(Msg::AutoRefresh)}
                </label>
                <span class="muted">
                    {i18n.text(Msg::LastRefreshed)} ": "
                    <span data-testid="last-refreshed">{move || last_refreshed.get().unwrap_or_else(|| "—".into())}</span>
                </span>
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
            </div>
            {move || bulk.get().map(|op| view! { <BulkDialog op selected close=Callback::new(move |_: ()| bulk.set(None)) /> })}
            {move || row_error.get().map(|error| view! { <ErrorMessage error /> })}
            {move || {
                row_confirm
                    .get()
                    .map(|(id, name, op)| {
                        let template = if op == Operation::Delete {
                            Msg::ConfirmDeleteInstance
                        } else {
                            Msg::ConfirmHardReboot
                        };
                        let message = Signal::derive(move || i18n.t(template).replace("{name}", &name));
                        let on_ok = Callback::new(move |_: ()| {
                            row_confirm.set(None);
                            send_row_action(id.clone(), op);
                        });
                        let on_cancel = Callback::new(move |_: ()| row_confirm.set(None));
                        view! { <ConfirmDialog message on_ok on_cancel /> }
                    })
            }}
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
                    let quick_filter = |all: Vec<Server>| -> Vec<Server> {
                        all.into_iter().filter(|s| s.matches_quick_filter(&query)).collect()
                    };
                    // A failed refresh shows its error above the rows already shown.
                    let last_good = servers
                        .is_err()
                        .then(|| store.last_good_servers().map(quick_filter))
                        .flatten();
                    list_keeping_last(
                        servers.map(quick_filter),
                        last_good,
                        Msg::NoInstances,
                        |servers| view! {
                            <InstanceTable
                                servers
                                flavor_names
                                selected
                                on_row_action
                                busy_rows=Signal::derive(move || busy_rows.get())
                            />
                        },
                    )
                    })
                }}
            </Transition>
            <Pager url_query />
        </section>
    }
}

/// The server-side filters and page of a list URL's query; a `limit` above the API's
/// largest is read as the largest.
pub fn server_query_from_url(params: &ParamsMap) -> ServerQuery {
    let mut q = ServerQuery::from_pairs(
        ServerQuery::KEYS
            .into_iter()
            .filter_map(|k| params.get_str(k).map(|v| (k, v))),
    );
    q.limit = q.limit.map(|n| n.min(pager::MAX_LIMIT));
    q
}

/// The list's path for a query and the earlier pages' markers:
/// `/instances?status=SHUTOFF&limit=10&marker=…&prev=…`.
fn list_path(q: &ServerQuery, prev: &[String]) -> String {
    let pairs: Vec<String> = q
        .to_pairs()
        .into_iter()
        .chain(prev.iter().map(|m| (pager::PREV_KEY, m.clone())))
        .map(|(k, v)| format!("{k}={}", segment(&v)))
        .collect();
    if pairs.is_empty() {
        "/instances".to_string()
    } else {
        format!("/instances?{}", pairs.join("&"))
    }
}
