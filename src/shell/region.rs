use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::session::expect_session;

/// The region switcher, from the catalog (and the configuration).
#[component]
pub fn RegionSelect() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_session();
    let regions = move || {
        session
            .current
            .with(|s| s.as_ref().map(|s| s.regions.clone()).unwrap_or_default())
    };
    let current = move || session.region().unwrap_or_default();
    view! {
        <label class="inline-field">
            <span>{i18n.text(Msg::Region)}</span>
            <select
                data-testid="region-select"
                prop:value=current
                on:change=move |ev| session.set_region(event_target_value(&ev))
            >
                {move || {
                    let selected = current();
                    regions()
                        .into_iter()
                        .map(|r| {
                            let is_selected = r == selected;
                            view! {
                                <option value=r.clone() selected=is_selected>
                                    {r.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
