//! The instances table: plain data in, rows out.

use std::collections::{HashMap, HashSet};

use compute_api::rules::Operation;
use compute_api::server::{Address, Server};
use leptos::prelude::*;

use crate::components::format::or_dash;
use crate::components::{RowActions, StatusBadge, Timestamp};
use crate::i18n::{use_i18n, I18n, InstancesMsg, Msg};
use crate::paths::instance_href;

/// The addresses of a server, network by network, each marked fixed or floating.
#[component]
pub fn Addresses(
    /// `addresses` of the server.
    addresses: std::collections::BTreeMap<String, Vec<Address>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if addresses.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    addresses
        .into_iter()
        .map(|(network, addrs)| {
            view! {
                <div class="addr-net">
                    <span class="addr-net-name">{network}</span>
                    {addrs.into_iter().map(|a| address_item(i18n, a)).collect_view()}
                </div>
            }
        })
        .collect_view()
        .into_any()
}

fn address_item(i18n: I18n, address: Address) -> impl IntoView {
    let tag = match address.ip_type.as_deref() {
        Some(t) if t.eq_ignore_ascii_case("floating") => {
            Some(("ip-tag ip-floating", Msg::Floating))
        }
        Some(t) if t.eq_ignore_ascii_case("fixed") => Some(("ip-tag ip-fixed", Msg::Fixed)),
        _ => None,
    };
    view! {
        <span class="addr">
            <span class="mono">{address.addr}</span>
            {tag.map(|(class, msg)| view! { <span class=class>{i18n.text(msg)}</span> })}
        </span>
    }
}

/// The instances table. `flavor_names` maps flavor ids to names; an unknown id is shown as is.
#[component]
pub fn InstanceTable(
    /// The servers, in the order to show.
    servers: Vec<Server>,
    /// Flavor id → name, from `GET /flavors/detail`.
    #[prop(optional)]
    flavor_names: HashMap<String, String>,
    /// The selected ids; when given, each row gets a checkbox and the header a select-all.
    #[prop(optional)]
    selected: Option<RwSignal<HashSet<String>>>,
    /// When given, each row ends with its action menu; called with the row's id and the
    /// chosen operation.
    #[prop(optional)]
    on_row_action: Option<Callback<(String, Operation)>>,
    /// The rows whose request is in flight (their menus are disabled).
    #[prop(optional, into)]
    busy_rows: Signal<HashSet<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all_ids: Vec<String> = servers.iter().map(|s| s.id.clone()).collect();
    let rows = servers
        .into_iter()
        .map(|server| {
            let flavor = server.flavor.as_ref().map(|f| {
                flavor_names
                    .get(&f.id)
                    .cloned()
                    .unwrap_or_else(|| f.id.clone())
            });
            let image = server
                .image
                .as_ref()
                .map(|i| i.id.clone())
                .filter(|id| !id.is_empty());
            let link = instance_href(&server.id);
            let status_text = server.status.as_str().to_string();
            let image_title = image.clone();
            view! {
                <tr data-testid="instance-row" data-id=server.id.clone()>
                    {selected.map(|selected| {
                        let id = server.id.clone();
                        let id_check = id.clone();
                        view! {
                            <td class="col-select">
                                <input
                                    type="checkbox"
                                    data-testid="instance-select"
                                    aria-label=i18n.text(Msg::SelectInstance)
                                    prop:checked=move || selected.with(|s| s.contains(&id_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                    }
                                />
                            </td>
                        }
                    })}
                    <td class="col-name">
                        <a href=link>
                            {if server.name.is_empty() { server.id.clone() } else { server.name.clone() }}
                        </a>
                        {server
                            .fault
                            .as_ref()
                            .filter(|f| !f.message.is_empty())
                            .map(|f| view! { <span class="row-fault">{f.message.clone()}</span> })}
                    </td>
                    <td data-testid="instance-status" data-status=status_text>
                        <StatusBadge status=server.status.clone() />
                    </td>
                    <td class="small">{or_dash(server.task_state.as_ref().map(|t| t.0.clone()))}</td>
                    <td class="col-addresses">
                        <Addresses addresses=server.addresses.clone() />
                    </td>
                    <td>{or_dash(flavor)}</td>
                    <td class="mono small col-image" title=image_title>
                        {match image {
                            Some(id) => id.into_any(),
                            None => view! { <span class="muted">{i18n.text(Msg::BootFromVolume)}</span> }.into_any(),
                        }}
                    </td>
                    <td class="nowrap">{or_dash(server.key_name.clone())}</td>
                    <td class="nowrap">{or_dash(server.availability_zone.clone())}</td>
                    <td class="nowrap">
                        <Timestamp value=server.created.clone() />
                    </td>
                    {on_row_action.map(|cb| {
                        let id = server.id.clone();
                        let busy_id = id.clone();
                        view! {
                            <td class="col-row-actions">
                                <RowActions
                                    server=server.clone()
                                    busy=Signal::derive(move || busy_rows.with(|b| b.contains(&busy_id)))
                                    on_action=Callback::new(move |op| cb.run((id.clone(), op)))
                                />
                            </td>
                        }
                    })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table instances">
            <thead>
                <tr>
                    {selected.map(|selected| {
                        let ids = all_ids.clone();
                        let ids_check = all_ids.clone();
                        view! {
                            <th scope="col" class="col-select">
                                <input
                                    type="checkbox"
                                    data-testid="instance-select-all"
                                    aria-label=i18n.text(Msg::SelectAll)
                                    prop:checked=move || !ids_check.is_empty() && selected.with(|s| ids_check.iter().all(|i| s.contains(i)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| {
                                            for id in &ids {
                                                if on { s.insert(id.clone()); } else { s.remove(id); }
                                            }
                                        });
                                    }
                                />
                            </th>
                        }
                    })}
                    <th scope="col">{i18n.text(Msg::ColName)}</th>
                    <th scope="col">{i18n.text(Msg::ColStatus)}</th>
                    <th scope="col">{i18n.text(Msg::ColTaskState)}</th>
                    <th scope="col">{i18n.text(Msg::ColAddresses)}</th>
                    <th scope="col">{i18n.text(Msg::ColFlavor)}</th>
                    <th scope="col">{i18n.text(Msg::ColImage)}</th>
                    <th scope="col">{i18n.text(Msg::ColKeypair)}</th>
                    <th scope="col">{i18n.text(Msg::ColZone)}</th>
                    <th scope="col">{i18n.text(Msg::ColCreated)}</th>
                    {on_row_action.map(|_| view! {
                        <th scope="col" class="col-row-actions">
                            <span class="visually-hidden">{i18n.text(InstancesMsg::ColRowActions)}</span>
                        </th>
                    })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
