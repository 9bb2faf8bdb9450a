//! One module per route: each reads the store (or the API), owns its actions and hands plain
//! data to the components.

pub mod create_instance;
pub mod flavors;
pub mod instance_detail;
pub mod instances;
pub mod keypair_detail;
pub mod keypairs;
pub mod login;
pub mod not_found;
pub mod resource_list;
pub mod zones;

use compute_api::ApiError;
use leptos::prelude::*;

use crate::components::ErrorMessage;
use crate::i18n::{use_i18n, Msg};

/// The loading line of a list.
#[component]
pub fn LoadingRow() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="state state-loading" role="status" aria-live="polite">
            {i18n.text(Msg::Loading)}
        </p>
    }
}

/// The empty state of a list.
#[component]
pub fn EmptyState(
    /// What to say.
    msg: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="state state-empty">{i18n.text(msg)}</p> }
}

/// A list's rows, its empty state, or its error.
pub fn list_or_state<T, V: IntoView + 'static>(
    loaded: Result<Vec<T>, ApiError>,
    empty: Msg,
    rows: impl FnOnce(Vec<T>) -> V,
) -> AnyView {
    match loaded {
        Err(error) => view! { <ErrorMessage error /> }.into_any(),
        Ok(items) if items.is_empty() => view! { <EmptyState msg=empty /> }.into_any(),
        Ok(items) => rows(items).into_any(),
    }
}

/// Like [`list_or_state`], but a failed read with a last good list shows the error above
/// that list instead of replacing it: what was on screen stays.
pub fn list_keeping_last<T, V: IntoView + 'static>(
    loaded: Result<Vec<T>, ApiError>,
    last_good: Option<Vec<T>>,
    empty: Msg,
    rows: impl FnOnce(Vec<T>) -> V,
) -> AnyView {
    match (loaded, last_good) {
        (Err(error), Some(items)) => view! {
            <ErrorMessage error />
            {list_or_state(Ok(items), empty, rows)}
        }
        .into_any(),
        (loaded, _) => list_or_state(loaded, empty, rows),
    }
}

/// A page header: title, a count and a refresh button.
#[component]
pub fn PageHeader(
    /// The title.
    title: Msg,
    /// Called by the refresh button.
    #[prop(optional, into)]
    on_refresh: Option<Callback<()>>,
    /// The number of items, when known.
    #[prop(optional, into)]
    count: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1>
                {i18n.text(title)}
                {count
                    .map(|count| {
                        move || count.get().map(|n| view! { <span class="count">{n}</span> })
                    })}
            </h1>
            {on_refresh
                .map(|cb| {
                    view! {
                        <button
                            type="button"
                            class="ghost"
                            data-testid="refresh"
                            on:click=move |_| cb.run(())
                        >
                            {i18n.text(Msg::Refresh)}
                        </button>
                    }
                })}
        </header>
    }
}
