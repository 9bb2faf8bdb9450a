//! Step 1: name, how many, and where.

use leptos::prelude::*;

use super::fields::errors_of;
use super::wizard::{expect_wizard, items};
use crate::i18n::{use_i18n, CreateMsg};

#[component]
pub fn BasicsStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let zones = wizard.choices.zones;
    view! {
        <div class="form-grid">
            <label for="create-name">{i18n.text(CreateMsg::Name)}</label>
            <div>
                <input
                    id="create-name"
                    type="text"
                    data-testid="create-name"
                    autocomplete="off"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                />
                <p class="hint">{i18n.text(CreateMsg::NameHint)}</p>
                {errors_of("name")}
            </div>

            <label for="create-count">{i18n.text(CreateMsg::MinCount)}</label>
            <div>
                <input
                    id="create-count"
                    type="number"
                    min="1"
                    max="10"
                    data-testid="create-count"
                    prop:value=move || draft.with(|d| d.min_count.clone())
                    on:input=move |ev| draft.update(|d| d.min_count = event_target_value(&ev))
                />
                {errors_of("min_count")}
            </div>

            <label for="create-count-max">{i18n.text(CreateMsg::MaxCount)}</label>
            <div>
                <input
                    id="create-count-max"
                    type="number"
                    min="1"
                    max="10"
                    data-testid="create-count-max"
                    prop:value=move || draft.with(|d| d.max_count.clone())
                    on:input=move |ev| draft.update(|d| d.max_count = event_target_value(&ev))
                />
                <p class="hint">{i18n.text(CreateMsg::CountHint)}</p>
                {errors_of("max_count")}
            </div>

            <label for="create-az">{i18n.text(CreateMsg::Zone)}</label>
            <div>
                <select
                    id="create-az"
                    data-testid="create-az"
                    prop:value=move || draft.with(|d| d.availability_zone.clone())
                    on:change=move |ev| {
                        draft.update(|d| d.availability_zone = event_target_value(&ev))
                    }
                >
                    <option value="">{i18n.text(CreateMsg::ZoneAny)}</option>
                    {move || {
                        let chosen = draft.with_untracked(|d| d.availability_zone.clone());
                        items(zones)
                            .into_iter()
                            .map(|zone| {
                                let name = zone.zone_name.clone();
                                let available = zone.zone_state.available;
                                view! {
                                    <option
                                        value=name.clone()
                                        disabled=!available
                                        selected=chosen == name
                                    >
                                        {name.clone()}
                                        {(!available).then(|| i18n.t(CreateMsg::ZoneUnavailable))}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                {errors_of("availability_zone")}
            </div>
        </div>
    }
}
