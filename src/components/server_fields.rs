//! A server's fields as the instance list and the instance page both show them: its addresses
//! and its image.

use std::collections::{BTreeMap, HashMap};

use compute_api::server::Address;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n, ListMsg, Msg};
use crate::store::ImageName;

/// The addresses of a server, network by network, each marked fixed or floating.
#[component]
pub fn Addresses(
    /// `addresses` of the server.
    addresses: BTreeMap<String, Vec<Address>>,
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

/// An image by name when known, "(image deleted)" and the id when Glance no longer has it,
/// else the id.
#[component]
pub fn ImageLabel(
    id: String,
    #[prop(into)] names: Signal<HashMap<String, ImageName>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match names.with(|n| n.get(&id).cloned()) {
        Some(ImageName::Named(name)) => view! { <span>{name}</span> }.into_any(),
        Some(ImageName::Deleted) => view! {
            <span>
                <span class="muted">{i18n.text(ListMsg::ImageDeleted)}</span>
                " "
                <span class="mono">{id.clone()}</span>
            </span>
        }
        .into_any(),
        None => view! { <span class="mono">{id.clone()}</span> }.into_any(),
    }
}

/// Every address on one line, for the cell's tooltip (the cell itself may be cut short).
pub fn address_summary(addresses: &BTreeMap<String, Vec<Address>>) -> String {
    addresses
        .iter()
        .map(|(network, addrs)| {
            let ips: Vec<&str> = addrs.iter().map(|a| a.addr.as_str()).collect();
            format!("{network}: {}", ips.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
