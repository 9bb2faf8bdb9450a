//! The server-side filters of the instance list; applying them starts from the first page.

use compute_api::request::ServerQuery;
use compute_api::ServerStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::list_url::list_path;
use crate::i18n::{use_i18n, Msg};

/// The server-side filters; applying them starts again from the first page.
#[component]
pub fn ServerFilters(url_query: Memo<ServerQuery>) -> impl IntoView {
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
            navigate(&list_path(&q, &[]), NavigateOptions::default());
        }
    };
    let clear = move |_| {
        let q = ServerQuery {
            limit: url_query.with_untracked(|q| q.limit),
            ..Default::default()
        };
        navigate(&list_path(&q, &[]), NavigateOptions::default());
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
                    {ServerStatus::FILTERABLE
                        .into_iter()
                        .map(|s| {
                            let value = s.as_str().to_string();
                            let deleted = s == ServerStatus::Deleted;
                            view! {
                                <option value=value.clone()>
                                    {value.clone()}
                                    {deleted.then(|| view! { " " {i18n.text(Msg::FilterDeletedNote)} })}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                // The API lists deleted servers only with changes-since: said where it matters.
                <Show when=move || status.get() == "DELETED" && changes_since.get().trim().is_empty()>
                    <span class="hint" data-testid="filter-deleted-hint">
                        {i18n.text(Msg::FilterDeletedHint)}
                    </span>
                </Show>
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
