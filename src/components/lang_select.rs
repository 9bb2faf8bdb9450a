//! The language switcher.

use leptos::prelude::*;

use crate::i18n::{expect_i18n, Lang, Msg};

/// The language switcher; the choice is remembered (it is a preference, not a secret).
#[component]
pub fn LangSelect() -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <label class="inline-field">
            <span class="visually-hidden">{i18n.text(Msg::Language)}</span>
            <select
                data-testid="lang-select"
                aria-label=i18n.text(Msg::Language)
                prop:value=move || i18n.lang().code()
                on:change=move |ev| i18n.set(Lang::from_tag(&event_target_value(&ev)))
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() selected=move || i18n.lang() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
