use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::paths::href;

/// Any path the router does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <p class="state">{i18n.text(Msg::PageNotFound)}</p>
            <p>
                <a href=href("/instances")>{i18n.text(Msg::BackToInstances)}</a>
            </p>
        </section>
    }
}
