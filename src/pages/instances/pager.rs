//! `limit`/`marker` paging that can go back: the markers of the pages before the current one
//! live in the URL as repeated `prev` parameters, so reload, the browser's back and forward
//! buttons and bookmarks all land on the same page with a working "previous page".

use compute_api::request::ServerQuery;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::list_url::{list_path, PREV_KEY};
use crate::i18n::{use_i18n, Msg};
use crate::store::expect_store;

/// How many earlier markers the URL keeps. Beyond this the oldest are dropped, so going back
/// that far lands on the first page instead (the URL stays short).
pub const MAX_PREV: usize = 20;

/// Page sizes offered besides "all" (no `limit`, the default). The URL takes any 1..=1000.
pub const PAGE_SIZES: [u32; 6] = [20, 50, 100, 200, 500, 1000];

/// The earlier markers after moving forward from the page read with `marker`.
pub fn forward(prev: &[String], marker: Option<&str>) -> Vec<String> {
    let mut out = prev.to_vec();
    if let Some(m) = marker {
        out.push(m.to_string());
    }
    let excess = out.len().saturating_sub(MAX_PREV);
    out.drain(..excess);
    out
}

/// The page before: its marker (`None`: the first page) and its own earlier markers.
pub fn back(prev: &[String]) -> (Option<String>, Vec<String>) {
    let mut rest = prev.to_vec();
    let marker = rest.pop();
    (marker, rest)
}

/// `limit`/`marker` paging with the earlier markers in the URL.
#[component]
pub fn Pager(url_query: Memo<ServerQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    let navigate = use_navigate();
    let query_map = use_query_map();
    let prev = Memo::new(move |_| query_map.with(|m| m.get_all(PREV_KEY).unwrap_or_default()));
    let list = store.servers;
    let loaded = Signal::derive(move || {
        list.ready.get().then(|| {
            list.set
                .with(|set| (set.len(), set.rows().last().map(|r| r.server.id.clone())))
        })
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
        move |marker: Option<String>, earlier: Vec<String>| {
            let q = ServerQuery {
                marker,
                ..url_query.get_untracked()
            };
            navigate(&list_path(&q, &earlier), NavigateOptions::default());
        }
    };
    let next = {
        let go = go.clone();
        move |_| {
            if let Some(marker) = next_marker.get_untracked() {
                let current = url_query.with_untracked(|q| q.marker.clone());
                go(
                    Some(marker),
                    forward(&prev.get_untracked(), current.as_deref()),
                );
            }
        }
    };
    let previous = move |_| {
        let (marker, earlier) = back(&prev.get_untracked());
        go(marker, earlier);
    };
    let size = move |ev| {
        let limit = event_target_value(&ev)
            .parse()
            .ok()
            .filter(|n: &u32| *n > 0);
        let q = ServerQuery {
            limit,
            marker: None,
            ..url_query.get_untracked()
        };
        navigate(&list_path(&q, &[]), NavigateOptions::default());
    };
    // A limit typed into the URL that is not offered is still shown as chosen.
    let sizes = move || {
        let mut sizes = PAGE_SIZES.to_vec();
        if let Some(n) = url_query.with(|q| q.limit) {
            if !sizes.contains(&n) {
                sizes.push(n);
                sizes.sort_unstable();
            }
        }
        sizes
    };
    view! {
        <nav class="pager" aria-label=i18n.text(Msg::PageSize)>
            <label class="pager-size">
                <span>{i18n.text(Msg::PageSize)}</span>
                <select
                    data-testid="page-size"
                    prop:value=move || url_query.with(|q| q.limit.map(|n| n.to_string()).unwrap_or_default())
                    on:change=size
                >
                    <option value="" selected=move || url_query.with(|q| q.limit.is_none())>
                        {i18n.text(Msg::PageSizeAll)}
                    </option>
                    {move || {
                        sizes()
                            .into_iter()
                            .map(|n| {
                                let chosen = move || url_query.with(|q| q.limit == Some(n));
                                view! { <option value=n.to_string() selected=chosen>{n.to_string()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <div class="pager-buttons">
                <button
                    type="button"
                    data-testid="page-prev"
                    disabled=move || url_query.with(|q| q.marker.is_none())
                    on:click=previous
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
            </div>
        </nav>
    }
}
