//! `/flavors`: `GET /flavors/detail` with the documented `minDisk`/`minRam` filters, sent to
//! the server; filters and sort live in the URL (`?minRam=8192&sort=ram&dir=desc`) so a view
//! can be bookmarked and shared.

use compute_api::flavor::Flavor;
use compute_api::request::{self, FlavorQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::client::expect_api;
use crate::components::flavor_table::{FlavorColumn, FlavorSort, FlavorTable};
use crate::i18n::{use_i18n, Msg, ResourcesMsg as R};
use crate::pages::resource_list::ResourceListPage;
use crate::paths::segment;
use crate::session::expect_session;

/// What the flavor page's URL says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlavorView {
    pub query: FlavorQuery,
    pub sort: FlavorSort,
}

impl FlavorView {
    /// Reads the URL's query pairs; values that are not whole numbers or known columns are
    /// ignored (an edited or stale link still opens).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut view = Self::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "minDisk" => view.query.min_disk = value.parse().ok(),
                "minRam" => view.query.min_ram = value.parse().ok(),
                "sort" => {
                    if let Some(column) = FlavorColumn::from_key(value) {
                        view.sort.column = column;
                    }
                }
                "dir" => view.sort.descending = value == "desc",
                _ => {}
            }
        }
        view
    }

    /// The page's path with only what differs from the defaults.
    pub fn path(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(disk) = self.query.min_disk {
            pairs.push(format!("minDisk={disk}"));
        }
        if let Some(ram) = self.query.min_ram {
            pairs.push(format!("minRam={ram}"));
        }
        if self.sort != FlavorSort::default() {
            pairs.push(format!("sort={}", segment(self.sort.column.key())));
            if self.sort.descending {
                pairs.push("dir=desc".into());
            }
        }
        if pairs.is_empty() {
            "/flavors".into()
        } else {
            format!("/flavors?{}", pairs.join("&"))
        }
    }
}

const URL_KEYS: [&str; 4] = ["minDisk", "minRam", "sort", "dir"];

/// A filter box's text as a bound: empty is no bound, a whole number is one, anything else is
/// refused.
fn bound(text: &str) -> Result<Option<u64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        text.parse().map(Some).map_err(|_| ())
    }
}

#[component]
pub fn FlavorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let session = expect_session();
    let query_map = use_query_map();
    let url = Memo::new(move |_| {
        query_map.with(|m| {
            FlavorView::from_pairs(
                URL_KEYS
                    .into_iter()
                    .filter_map(|k| m.get_str(k).map(|v| (k, v))),
            )
        })
    });
    let server_query = Memo::new(move |_| url.with(|v| v.query.clone()));
    // Its own list, not the store's: the filters are applied by the server.
    let flavors = LocalResource::new(move || {
        let query = server_query.get();
        session.current.track();
        async move {
            api.fetch(&request::list_flavors_detail(&query))
                .await
                .map(|list| list.flavors)
        }
    });
    let sort = Signal::derive(move || url.with(|v| v.sort));
    let navigate = use_navigate();
    let go = StoredValue::new_local(move |view: FlavorView| {
        navigate(&view.path(), NavigateOptions::default())
    });
    let on_sort = Callback::new(move |sort: FlavorSort| {
        let mut view = url.get_untracked();
        view.sort = sort;
        go.with_value(|go| go(view));
    });

    let min_disk = RwSignal::new(String::new());
    let min_ram = RwSignal::new(String::new());
    // The boxes follow the URL (back, forward, a shared link).
    Effect::new(move |_| {
        let q = server_query.get();
        min_disk.set(q.min_disk.map(|n| n.to_string()).unwrap_or_default());
        min_ram.set(q.min_ram.map(|n| n.to_string()).unwrap_or_default());
    });
    let invalid = move |s: RwSignal<String>| s.with(|t| bound(t).is_err());
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(disk), Ok(ram)) = (
            bound(&min_disk.get_untracked()),
            bound(&min_ram.get_untracked()),
        ) else {
            return;
        };
        let mut view = url.get_untracked();
        view.query = FlavorQuery {
            min_disk: disk,
            min_ram: ram,
        };
        go.with_value(|go| go(view));
    };
    let clear = move |_| {
        let view = FlavorView {
            query: FlavorQuery::default(),
            sort: url.get_untracked().sort,
        };
        go.with_value(|go| go(view));
    };
    let number = move |sig: RwSignal<String>, label: R, testid: &'static str| {
        view! {
            <label class="inline-field">
                <span>{i18n.text(label)}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    size="8"
                    data-testid=testid
                    aria-invalid=move || invalid(sig).then_some("true")
                    prop:value=move || sig.get()
                    on:input=move |ev| sig.set(event_target_value(&ev))
                />
            </label>
        }
    };
    let toolbar = move || {
        view! {
            <form class="filter-form" role="search" aria-label=i18n.text(R::FlavorFilters) on:submit=apply>
                {number(min_disk, R::MinDiskGb, "flavor-min-disk")}
                {number(min_ram, R::MinRamMb, "flavor-min-ram")}
                <button type="submit" data-testid="flavor-filter-apply">{i18n.text(Msg::FilterApply)}</button>
                <button type="button" class="ghost" data-testid="flavor-filter-clear" on:click=clear>
                    {i18n.text(Msg::FilterClear)}
                </button>
            </form>
            {move || {
                (invalid(min_disk) || invalid(min_ram))
                    .then(|| view! { <p class="field-error" data-testid="field-error" role="alert">{i18n.text(R::WholeNumber)}</p> })
            }}
        }
        .into_any()
    };
    let filtering =
        Signal::derive(move || server_query.with(|q| q.min_disk.is_some() || q.min_ram.is_some()));
    let rows = move |list: Vec<Flavor>| view! { <FlavorTable flavors=list sort on_sort /> };
    view! {
        <ResourceListPage
            title=Msg::NavFlavors
            empty=Msg::NoFlavors
            resource=flavors
            rows
            toolbar=std::sync::Arc::new(toolbar)
        >
            {move || {
                let filtered_out = filtering.get()
                    && flavors.with(|l| matches!(l, Some(Ok(list)) if list.is_empty()));
                filtered_out
                    .then(|| view! { <p class="hint" data-testid="flavor-no-match">{i18n.text(R::NoFlavorMatches)}</p> })
            }}
        </ResourceListPage>
    }
}
