//! Step 3: the flavor. Flavors that break a rule for the chosen image are shown disabled
//! with the reason; the `minDisk`/`minRam` filters narrow the table the way the API's
//! query parameters do (disk ≥ minDisk, RAM ≥ minRam).

use compute_api::block_source::BlockSource;
use compute_api::flavor::Flavor;
use compute_api::validate_create;
use leptos::prelude::*;

use super::draft::Chosen;
use super::fields::{error_text, errors_of};
use super::wizard::expect_wizard;
use crate::components::format::{disk_gb, or_dash, ram_mb};
use crate::i18n::{use_i18n, CreateMsg};

/// Why `flavor` cannot go with the rest of the form: the flavor's own errors, were it chosen.
fn reasons(
    draft: &super::draft::Draft,
    image: Option<&compute_api::services::Image>,
    sources: &[BlockSource],
    flavor: &Flavor,
) -> Vec<compute_api::FieldError> {
    let mut trial = draft.clone();
    trial.flavor_id = flavor.id.clone();
    let chosen = Chosen {
        image,
        flavor: Some(flavor),
        sources,
    };
    let server = trial.to_request(chosen);
    validate_create(&server, &chosen.context())
        .into_iter()
        .filter(|e| e.field == "flavorRef")
        .collect()
}

fn parse_filter(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

#[component]
pub fn FlavorStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let flavors = wizard.choices.flavors;
    let min_disk = RwSignal::new(String::new());
    let min_ram = RwSignal::new(String::new());
    let chosen_id = Memo::new(move |_| draft.with(|d| d.flavor_id.trim().to_string()));
    // The rows depend on the image and the block storage, not on every keystroke elsewhere.
    let table = move || {
        let image = wizard.image();
        let disk_filter = parse_filter(&min_disk.get());
        let ram_filter = parse_filter(&min_ram.get());
        let form = draft.get_untracked();
        flavors.with(|loaded| match loaded {
            None => view! { <crate::pages::LoadingRow /> }.into_any(),
            Some(Err(_)) => {
                view! { <p class="hint">{i18n.text(CreateMsg::Unavailable)}</p> }.into_any()
            }
            Some(Ok(list)) => {
                let shown: Vec<Flavor> = list
                    .iter()
                    .filter(|f| f.disabled != Some(true))
                    .filter(|f| disk_filter.is_none_or(|min| f.disk.unwrap_or(0) >= min))
                    .filter(|f| ram_filter.is_none_or(|min| f.ram.unwrap_or(0) >= min))
                    .cloned()
                    .collect();
                if shown.is_empty() {
                    return view! { <p class="state state-empty">{i18n.text(CreateMsg::NoMatchingFlavors)}</p> }
                        .into_any();
                }
                let rows = shown
                    .into_iter()
                    .map(|flavor| {
                        let why = wizard
                            .sources
                            .with_untracked(|sources| reasons(&form, image.as_ref(), sources, &flavor));
                        let blocked = !why.is_empty();
                        let id = flavor.id.clone();
                        let id_for_check = id.clone();
                        let id_for_pick = id.clone();
                        let reason_text = move || {
                            why.iter()
                                .map(|e| error_text(i18n.lang(), e))
                                .collect::<Vec<_>>()
                                .join(" · ")
                        };
                        view! {
                            <tr data-testid="flavor-option" data-id=id.clone() class:disabled=blocked>
                                <td>
                                    <label>
                                        <input
                                            type="radio"
                                            name="create-flavor-pick"
                                            value=id.clone()
                                            disabled=blocked
                                            prop:checked=move || chosen_id.get() == id_for_check
                                            on:change=move |_| {
                                                let id = id_for_pick.clone();
                                                draft.update(|d| d.flavor_id = id)
                                            }
                                        />
                                        " "
                                        {flavor.name.clone()}
                                    </label>
                                    {blocked
                                        .then(|| view! { <span class="why" data-testid="flavor-why">{reason_text}</span> })}
                                </td>
                                <td class="num">{or_dash(flavor.vcpus)}</td>
                                <td class="num">{or_dash(flavor.ram.map(ram_mb))}</td>
                                <td class="num">
                                    {match flavor.disk {
                                        Some(0) | None => i18n.t(CreateMsg::DiskNone).to_string(),
                                        Some(gb) => disk_gb(gb),
                                    }}
                                </td>
                                <td>{or_dash(flavor.flavor_type().map(str::to_string))}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="data-table picker-table">
                        <thead>
                            <tr>
                                <th>{i18n.text(CreateMsg::ColName)}</th>
                                <th class="num">{i18n.text(CreateMsg::ColVcpu)}</th>
                                <th class="num">{i18n.text(CreateMsg::ColRam)}</th>
                                <th class="num">{i18n.text(CreateMsg::ColDisk)}</th>
                                <th>{i18n.text(CreateMsg::ColType)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="filters">
            <label>
                {i18n.text(CreateMsg::FilterMinDisk)}
                <input
                    type="number"
                    min="0"
                    data-testid="create-flavor-min-disk"
                    prop:value=move || min_disk.get()
                    on:input=move |ev| min_disk.set(event_target_value(&ev))
                />
            </label>
            <label>
                {i18n.text(CreateMsg::FilterMinRam)}
                <input
                    type="number"
                    min="0"
                    data-testid="create-flavor-min-ram"
                    prop:value=move || min_ram.get()
                    on:input=move |ev| min_ram.set(event_target_value(&ev))
                />
            </label>
        </div>
        {table}
        <div class="form-grid">
            <label for="create-flavor">{i18n.text(CreateMsg::FlavorId)}</label>
            <div>
                <input
                    id="create-flavor"
                    type="text"
                    class="mono"
                    data-testid="create-flavor"
                    autocomplete="off"
                    prop:value=move || draft.with(|d| d.flavor_id.clone())
                    on:input=move |ev| draft.update(|d| d.flavor_id = event_target_value(&ev))
                />
                {errors_of("flavorRef")}
            </div>
        </div>
    }
}
