//! The scaffolding the read-mostly list pages share (key pairs, flavors, zones): a header with
//! the title, the count and refresh, an optional toolbar, then the rows, the empty state or the
//! error of one resource. A failed refresh shows its error above the rows already shown.

use compute_api::ApiError;
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::pages::{list_keeping_last, LoadingRow, PageHeader};

/// A list as the API gave it, or why not.
pub type Listed<T> = Result<Vec<T>, ApiError>;

/// One list page around `resource`.
#[component]
pub fn ResourceListPage<T, R, V>(
    /// The page title (also the navigation label).
    title: Msg,
    /// What to say when the list is empty.
    empty: Msg,
    /// The list, refetched by the refresh button.
    resource: LocalResource<Listed<T>>,
    /// Renders the loaded, non-empty list (usually a table).
    rows: R,
    /// Controls between the header and the list (create buttons, filters).
    #[prop(optional)]
    toolbar: Option<ChildrenFn>,
    /// Shown between the toolbar and the list (forms, notices, dialogs).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(Vec<T>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let count = Signal::derive(move || {
        resource.with(|loaded| loaded.as_ref().and_then(|r| r.as_ref().ok()).map(Vec::len))
    });
    let refresh = Callback::new(move |_| resource.refetch());
    // What was last on screen, kept under the error when a refresh fails.
    let last_good = StoredValue::new(None::<Vec<T>>);
    view! {
        <section class="page">
            <PageHeader title on_refresh=refresh count />
            {toolbar.map(|toolbar| view! { <div class="list-tools">{toolbar()}</div> })}
            {children.map(|children| children())}
            <Transition fallback=LoadingRow>
                {move || {
                    let rows = rows.clone();
                    Suspend::new(async move {
                        let loaded = resource.await;
                        if let Ok(items) = &loaded {
                            last_good.set_value(Some(items.clone()));
                        }
                        let shown_before = loaded.is_err().then(|| last_good.get_value()).flatten();
                        list_keeping_last(loaded, shown_before, empty, rows)
                    })
                }}
            </Transition>
        </section>
    }
}
