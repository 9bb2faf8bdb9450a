//! Step 4: the NICs, in the order the instance sees them. Each names a network, a subnet or a
//! port (picked from the network service when it is there, or typed), optionally a fixed IP.

use leptos::prelude::*;

use super::draft::{Draft, Nic, NicBy};
use super::fields::{field_errors, within, RemoveButton};
use super::wizard::{expect_wizard, items};
use crate::i18n::{use_i18n, CreateMsg};

#[component]
pub fn NetworkStep() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let count = Memo::new(move |_| draft.with(|d| d.nics.len()));
    view! {
        {field_errors(|field| field == "networks")}
        {move || (0..count.get()).map(|i| view! { <NicRow index=i /> }).collect_view()}
        <button
            type="button"
            data-testid="create-add-nic"
            on:click=move |_| draft.update(|d| d.nics.push(Nic::default()))
        >
            {i18n.text(CreateMsg::AddNic)}
        </button>
    }
}

/// `(id, label)` suggestions for what a NIC may attach to.
fn suggestions(by: NicBy) -> Vec<(String, String)> {
    let wizard = expect_wizard();
    let choices = wizard.choices;
    match by {
        NicBy::Network => items(choices.networks)
            .into_iter()
            .map(|n| (n.id, n.name))
            .collect(),
        NicBy::Subnet => items(choices.subnets)
            .into_iter()
            .map(|s| {
                let label = match s.cidr {
                    Some(cidr) => format!("{} ({cidr})", s.name),
                    None => s.name,
                };
                (s.id, label)
            })
            .collect(),
        NicBy::Port => items(choices.ports)
            .into_iter()
            .map(|p| {
                let ips: Vec<String> = p.fixed_ips.into_iter().map(|ip| ip.ip_address).collect();
                (
                    p.id,
                    format!("{} {}", p.name, ips.join(", ")).trim().to_string(),
                )
            })
            .collect(),
    }
}

#[component]
fn NicRow(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_wizard();
    let draft = wizard.draft;
    let nic = move || draft.with(|d| d.nics.get(index).cloned().unwrap_or_default());
    let edit = move |f: &dyn Fn(&mut Nic)| {
        draft.update(|d| {
            if let Some(nic) = d.nics.get_mut(index) {
                f(nic);
            }
        })
    };
    let by = Memo::new(move |_| nic().by);
    let list_id = format!("create-nic-{index}-choices");
    let path = format!("networks[{index}]");
    let kinds = [
        (NicBy::Network, "network", CreateMsg::ByNetwork),
        (NicBy::Subnet, "subnet", CreateMsg::BySubnet),
        (NicBy::Port, "port", CreateMsg::ByPort),
    ];
    view! {
        <fieldset class="form-section nic-row" data-testid="create-nic" data-index=index>
            <legend>{i18n.text(CreateMsg::Nic)} " " {index + 1}</legend>
            <div class="form-grid">
                <label for=format!("create-nic-{index}-by")>{i18n.text(CreateMsg::NicBy)}</label>
                <select
                    id=format!("create-nic-{index}-by")
                    data-testid="create-nic-by"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let by = kinds
                            .iter()
                            .find(|(_, v, _)| *v == value)
                            .map(|(k, _, _)| *k)
                            .unwrap_or_default();
                        edit(&|n| n.by = by)
                    }
                >
                    {kinds
                        .into_iter()
                        .map(|(kind, value, msg)| {
                            view! {
                                <option value=value selected=move || by.get() == kind>
                                    {i18n.text(msg)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>

                <label for=format!("create-nic-{index}-target")>{i18n.text(CreateMsg::Target)}</label>
                <div>
                    <input
                        id=format!("create-nic-{index}-target")
                        type="text"
                        class="mono"
                        data-testid="create-network"
                        autocomplete="off"
                        list=list_id.clone()
                        prop:value=move || nic().target
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|n| n.target = value.clone())
                        }
                    />
                    <datalist id=list_id>
                        {move || {
                            suggestions(by.get())
                                .into_iter()
                                .map(|(id, label)| view! { <option value=id>{label}</option> })
                                .collect_view()
                        }}
                    </datalist>
                    <select
                        class="nic-pick"
                        data-testid="create-network-pick"
                        aria-label=move || i18n.t(CreateMsg::Choose)
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if !value.is_empty() {
                                edit(&|n| n.target = value.clone())
                            }
                        }
                    >
                        <option value="">{i18n.text(CreateMsg::Choose)}</option>
                        {move || {
                            let current = nic().target;
                            suggestions(by.get())
                                .into_iter()
                                .map(|(id, label)| {
                                    let selected = id == current;
                                    view! { <option value=id selected=selected>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <p class="hint">{i18n.text(CreateMsg::TargetHint)}</p>
                </div>

                <label for=format!("create-nic-{index}-ip")>{i18n.text(CreateMsg::FixedIp)}</label>
                <input
                    id=format!("create-nic-{index}-ip")
                    type="text"
                    class="mono"
                    data-testid="create-fixed-ip"
                    prop:value=move || nic().fixed_ip
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|n| n.fixed_ip = value.clone())
                    }
                />
            </div>
            {field_errors(move |field| within(field, &path))}
            <div class="row-actions">
                {(index > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="ghost"
                                on:click=move |_| draft.update(|d| d.nics.swap(index - 1, index))
                            >
                                {i18n.text(CreateMsg::MoveUp)}
                            </button>
                        }
                    })}
                <RemoveButton index list=|d: &mut Draft| &mut d.nics />
            </div>
        </fieldset>
    }
}
