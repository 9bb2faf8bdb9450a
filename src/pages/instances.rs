//! `/instances`: live from `GET /servers/detail`, flavors resolved to names.

use std::collections::{HashMap, HashSet};

use compute_api::action::{RebootType, ServerAction};
use compute_api::rules::{partition, Operation};
use compute_api::ApiError;
use compute_api::{refresh, request};
use leptos::task::spawn_local;

use compute_api::request::ServerQuery;
use compute_api::server::Server;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::client::expect_api;
use crate::components::action_bar::{denied_text, operation_msg};
use crate::components::{InstanceTable, Modal};
use crate::i18n::{use_i18n, Msg};
use crate::pages::{list_keeping_last, LoadingRow, PageHeader};
use crate::paths::segment;
use crate::store::expect_store;

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
    let count = Signal::derive(move || {
        store
            .servers
            .get()
            .and_then(|r| r.ok())
            .map(|servers| servers.len())
    });
    // The server-side filters and page, from the URL (a view can be bookmarked and shared).
    let query_map = use_query_map();
    let url_query = Memo::new(move |_| {
        query_map.with(|m| {
            ServerQuery::from_pairs(
                ServerQuery::KEYS
                    .into_iter()
                    .filter_map(|k| m.get_str(k).map(|v| (k, v))),
            )
        })
    });
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
            if !busy || !auto.get_untracked() {
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
                    let last_good = servers
                        .is_err()
                        .then(|| store.last_good_servers().map(quick_filter))
                        .flatten();
                    list_keeping_last(
                        servers.map(quick_filter),
                        last_good,
                        Msg::NoInstances,
                        |servers| view! { <InstanceTable servers flavor_names selected /> },
                    )
                    })
                }}
            </Transition>
            <Pager url_query />
        </section>
    }
}

/// The list's path for a query: `/instances?status=SHUTOFF&limit=10`.
fn query_path(q: &ServerQuery) -> String {
    let pairs: Vec<String> = q
        .to_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", segment(&v)))
        .collect();
    if pairs.is_empty() {
        "/instances".to_string()
    } else {
        format!("/instances?{}", pairs.join("&"))
    }
}

/// Statuses offered in the status filter.
const STATUSES: [&str; 12] = [
    "ACTIVE",
    "BUILD",
    "DELETED",
    "ERROR",
    "HARD_REBOOT",
    "PAUSED",
    "REBOOT",
    "RESIZE",
    "SHELVED_OFFLOADED",
    "SHUTOFF",
    "SUSPENDED",
    "VERIFY_RESIZE",
];

/// The server-side filters; applying them starts again from the first page.
#[component]
fn ServerFilters(url_query: Memo<ServerQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let field = |get: fn(&ServerQuery) -> Option<String>| {
        let sig = RwSignal::new(String::new());
        Effect::new(move |_| sig.set(url_query.with(get).unwrap_or_default()));
        sig
    };
    let name = field(|q| q.name.clone());
    let status = field(|q| q.status.clone());
    let flavor = field(|q| q.flavor.clone());
    let image = field(|q| q.image.clone());
    let changes_since = field(|q| q.changes_since.clone());
    let reservation = field(|q| q.reservation_id.clone());
    let navigate = use_navigate();
    let apply = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = |s: RwSignal<String>| {
                let v = s.get_untracked().trim().to_string();
                (!v.is_empty()).then_some(v)
            };
            let q = ServerQuery {
                name: text(name),
                status: text(status),
                flavor: text(flavor),
                image: text(image),
                changes_since: text(changes_since),
                reservation_id: text(reservation),
                limit: url_query.with_untracked(|q| q.limit),
                marker: None,
            };
            navigate(&query_path(&q), NavigateOptions::default());
        }
    };
    let clear = move |_| {
        let q = ServerQuery {
            limit: url_query.with_untracked(|q| q.limit),
            ..Default::default()
        };
        navigate(&query_path(&q), NavigateOptions::default());
    };
    let input = move |sig: RwSignal<String>, msg: Msg, testid: &'static str| {
        view! {
            <label>
                <span>{i18n.text(msg)}</span>
                <input
                    type="text"
                    data-testid=testid
                    prop:value=move || sig.get()
                    on:input=move |ev| sig.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <form class="server-filters" on:submit=apply aria-label=i18n.text(Msg::ServerFilters)>
            {input(name, Msg::FilterName, "filter-name")}
            <label>
                <span>{i18n.text(Msg::FilterStatus)}</span>
                <select
                    data-testid="filter-status"
                    prop:value=move || status.get()
                    on:change=move |ev| status.set(event_target_value(&ev))
                >
                    <option value="">{i18n.text(Msg::FilterAnyStatus)}</option>
                    {STATUSES.into_iter().map(|s| view! { <option value=s>{s}</option> }).collect_view()}
                </select>
            </label>
            {input(flavor, Msg::FilterFlavor, "filter-flavor")}
            {input(image, Msg::FilterImage, "filter-image")}
            {input(changes_since, Msg::FilterChangesSince, "filter-changes-since")}
            {input(reservation, Msg::FilterReservation, "filter-reservation")}
            <div class="filter-buttons">
                <button type="submit" data-testid="filter-apply">{i18n.text(Msg::FilterApply)}</button>
                <button type="button" class="ghost" data-testid="filter-clear" on:click=clear>
                    {i18n.text(Msg::FilterClear)}
                </button>
            </div>
        </form>
    }
}

/// Page sizes offered; "all" sends no `limit`.
const PAGE_SIZES: [u32; 6] = [3, 10, 20, 50, 100, 200];

/// `limit`/`marker` paging: a stack of the markers of the pages before, so it can go back.
#[component]
fn Pager(url_query: Memo<ServerQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    let navigate = use_navigate();
    let earlier = RwSignal::new(Vec::<Option<String>>::new());
    let loaded = Signal::derive(move || {
        store
            .servers
            .get()
            .and_then(|r| r.ok())
            .map(|servers| (servers.len(), servers.last().map(|s| s.id.clone())))
    });
    // A full page came back: there may be more.
    let next_marker = Signal::derive(move || {
        let limit = url_query.with(|q| q.limit)?;
        match loaded.get()? {
            (n, Some(last)) if n >= limit as usize => Some(last),
            _ => None,
        }
    });
    let go = {
        let navigate = navigate.clone();
        move |marker: Option<String>| {
            let q = ServerQuery {
                marker,
                ..url_query.get_untracked()
            };
            navigate(&query_path(&q), NavigateOptions::default());
        }
    };
    let next = {
        let go = go.clone();
        move |_| {
            if let Some(marker) = next_marker.get_untracked() {
                earlier.update(|e| e.push(url_query.with_untracked(|q| q.marker.clone())));
                go(Some(marker));
            }
        }
    };
    let prev = {
        let go = go.clone();
        move |_| {
            // After a reload the stack is gone: back to the first page.
            let marker = earlier.try_update(|e| e.pop()).flatten().flatten();
            go(marker);
        }
    };
    let size = move |ev| {
        let limit = event_target_value(&ev)
            .parse()
            .ok()
            .filter(|n: &u32| *n > 0);
        earlier.set(Vec::new());
        let q = ServerQuery {
            limit,
            marker: None,
            ..url_query.get_untracked()
        };
        navigate(&query_path(&q), NavigateOptions::default());
    };
    view! {
        <nav class="pager" aria-label=i18n.text(Msg::PageSize)>
            <label>
                <span>{i18n.text(Msg::PageSize)}</span>
                <select
                    data-testid="page-size"
                    prop:value=move || url_query.with(|q| q.limit.map(|n| n.to_string()).unwrap_or_default())
                    on:change=size
                >
                    <option value="">{i18n.text(Msg::PageSizeAll)}</option>
                    {PAGE_SIZES
                        .into_iter()
                        .map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                data-testid="page-prev"
                disabled=move || url_query.with(|q| q.marker.is_none())
                on:click=prev
            >
                {i18n.text(Msg::PagePrev)}
            </button>
            <button
                type="button"
                data-testid="page-next"
                disabled=move || next_marker.get().is_none()
                on:click=next
            >
                {i18n.text(Msg::PageNext)}
            </button>
        </nav>
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
