//! Step 5: the key pair and the security groups.

use compute_api::keypair::Keypair;
use leptos::prelude::*;

use super::fields::errors_of;
use super::wizard::{expect_wizard, items};
use crate::client::expect_api;
use crate::components::KeypairForm;
use crate::i18n::{use_i18n, CreateMsg};
use crate::paths::href;
use crate::store::KeypairSender;

#[component]
pub fn AccessStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let keypairs = wizard.choices.keypairs;
    let groups = wizard.choices.security_groups;
    let inline_form = RwSignal::new(false);
    let keypair_saved = Callback::new(move |keypair: Keypair| {
        keypairs.update(|loaded| {
            if let Some(Ok(list)) = loaded {
                list.retain(|k| k.name != keypair.name);
                list.push(keypair.clone());
            } else {
                *loaded = Some(Ok(vec![keypair.clone()]));
            }
        });
        draft.update(|d| d.key_name = keypair.name);
    });
    // A created pair's private key stays on screen until the user says it is saved.
    let close_form = Callback::new(move |()| inline_form.set(false));
    let toggle = move |name: String, on: bool| {
        draft.update(|d| {
            d.security_groups.retain(|g| *g != name);
            if on {
                d.security_groups.push(name);
            }
        })
    };
    let group_picker = move || {
        groups.with(|loaded| match loaded {
            Some(Ok(list)) => {
                let boxes = list
                    .iter()
                    .map(|group| {
                        let name = group.name.clone();
                        let checked_name = name.clone();
                        let toggle_name = name.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    value=name.clone()
                                    prop:checked=move || {
                                        draft.with(|d| d.security_groups.contains(&checked_name))
                                    }
                                    on:change=move |ev| toggle(toggle_name.clone(), event_target_checked(&ev))
                                />
                                {name}
                                {group
                                    .description
                                    .clone()
                                    .filter(|d| !d.is_empty())
                                    .map(|d| view! { <span class="hint">" — " {d}</span> })}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="check-list" data-testid="create-sg" role="group">
                        {boxes}
                    </div>
                }
                .into_any()
            }
            // No network service (or still loading): names typed, comma separated.
            _ => view! {
                <input
                    type="text"
                    data-testid="create-sg"
                    aria-label=move || i18n.t(CreateMsg::SecurityGroupsTyped)
                    prop:value=move || draft.with(|d| d.security_groups.join(", "))
                    on:change=move |ev| {
                        let names: Vec<String> = event_target_value(&ev)
                            .split(',')
                            .map(|n| n.trim().to_string())
                            .filter(|n| !n.is_empty())
                            .collect();
                        draft.update(|d| d.security_groups = names)
                    }
                />
                <p class="hint">{i18n.text(CreateMsg::SecurityGroupsTyped)}</p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="form-grid">
            <label for="create-keypair">{i18n.text(CreateMsg::Keypair)}</label>
            <div>
                <select
                    id="create-keypair"
                    data-testid="create-keypair"
                    on:change=move |ev| draft.update(|d| d.key_name = event_target_value(&ev))
                >
                    <option value="">{i18n.text(CreateMsg::KeypairChoose)}</option>
                    {move || {
                        let chosen = draft.with(|d| d.key_name.clone());
                        let mut names: Vec<String> =
                            items(keypairs).into_iter().map(|k| k.name).collect();
                        // A restored draft may name a key pair this region does not list (yet).
                        if !chosen.is_empty() && !names.contains(&chosen) {
                            names.push(chosen.clone());
                        }
                        names
                            .into_iter()
                            .map(|name| {
                                let selected = name == chosen;
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                // Create or import in place (the draft keeps everything else); the new pair is
                // added to the picker and chosen. The manager page is a link away.
                <p class="hint">
                    <button
                        type="button"
                        class="ghost"
                        data-testid="create-keypair-new"
                        aria-expanded=move || inline_form.get().to_string()
                        on:click=move |_| inline_form.update(|open| *open = !*open)
                    >
                        {i18n.text(CreateMsg::KeypairNewHere)}
                    </button>
                    " · "
                    <a href=href("/keypairs") data-testid="create-manage-keypairs">
                        {i18n.text(CreateMsg::KeypairManagerLink)}
                    </a>
                </p>
                <Show when=move || inline_form.get()>
                    <KeypairForm
                        sender=KeypairSender::api(expect_api())
                        on_saved=keypair_saved
                        on_close=close_form
                    />
                </Show>
                {errors_of("key_name")}
            </div>

            <span class="label">{i18n.text(CreateMsg::SecurityGroups)}</span>
            <div>
                {group_picker}
                {errors_of("security_groups")}
            </div>
        </div>
    }
}
