//! What each column of the instance list shows: its heading, its cell, and its text in an
//! export. The table and the CSV export both go through here, so they show the same columns in
//! the same order (the user's, see `compute_api::columns`).

use std::collections::HashMap;
use std::sync::Arc;

use compute_api::columns::Column;
use compute_api::server::Server;
use leptos::prelude::*;

use crate::components::format::or_dash;
use crate::components::server_fields::{address_summary, Addresses, ImageLabel};
use crate::components::status_badge::StatusBadge;
use crate::components::time::Timestamp;
use crate::i18n::{use_i18n, Lang, ListMsg, Message, Msg};
use crate::paths::instance_href;
use crate::store::ImageName;

/// The column's heading in `lang`.
pub fn heading(column: Column, lang: Lang) -> &'static str {
    match column {
        Column::Name => Msg::ColName.text(lang),
        Column::Id => ListMsg::ColId.text(lang),
        Column::Status => Msg::ColStatus.text(lang),
        Column::Task => Msg::ColTaskState.text(lang),
        Column::Addresses => Msg::ColAddresses.text(lang),
        Column::Flavor => Msg::ColFlavor.text(lang),
        Column::Image => Msg::ColImage.text(lang),
        Column::KeyPair => Msg::ColKeypair.text(lang),
        Column::Zone => Msg::ColZone.text(lang),
        Column::Created => Msg::ColCreated.text(lang),
    }
}

/// The CSS class of the column's cells and heading.
pub fn class(column: Column) -> String {
    format!("col-{}", column.key())
}

/// The server's image id, when it booted from an image (not from a volume).
fn image_id(server: &Server) -> Option<String> {
    server
        .image
        .as_ref()
        .map(|i| i.id.clone())
        .filter(|id| !id.is_empty())
}

/// The flavor's name when the list of flavors has it, else its id.
fn flavor_label(server: &Server, flavor_names: &HashMap<String, String>) -> Option<String> {
    server.flavor.as_ref().map(|f| {
        flavor_names
            .get(&f.id)
            .cloned()
            .unwrap_or_else(|| f.id.clone())
    })
}

/// One cell of a drawn row.
pub fn cell(
    column: Column,
    server: &Arc<Server>,
    flavor_names: Signal<HashMap<String, String>>,
    image_names: Signal<HashMap<String, ImageName>>,
) -> AnyView {
    let i18n = use_i18n();
    let class = class(column);
    match column {
        Column::Name => {
            let name = server.display_name().to_string();
            let fault = server
                .fault
                .as_ref()
                .filter(|f| !f.message.is_empty())
                .map(|f| f.message.clone());
            let title = name.clone();
            view! {
                <td class=class title=title>
                    <a href=instance_href(&server.id)>{name}</a>
                    {fault.map(|message| {
                        let title = message.clone();
                        view! { <span class="row-fault" title=title>{message}</span> }
                    })}
                </td>
            }
            .into_any()
        }
        Column::Id => view! { <td class=class><span class="mono small">{server.id.clone()}</span></td> }
            .into_any(),
        Column::Status => view! {
            <td class=class data-testid="instance-status" data-status=server.status.as_str().to_string()>
                <StatusBadge status=server.status.clone() />
            </td>
        }
        .into_any(),
        Column::Task => {
            let task = or_dash(server.task_state.as_ref().map(|t| t.0.clone()));
            view! { <td class=format!("small {class}")>{task}</td> }.into_any()
        }
        Column::Addresses => view! {
            <td class=class title=address_summary(&server.addresses)>
                <Addresses addresses=server.addresses.clone() />
            </td>
        }
        .into_any(),
        Column::Flavor => {
            let server = server.clone();
            let label = move || or_dash(flavor_names.with(|names| flavor_label(&server, names)));
            view! { <td class=class>{label}</td> }.into_any()
        }
        Column::Image => {
            let image = image_id(server);
            let title = image.clone();
            view! {
                <td class=format!("small {class}") title=title data-testid="instance-image">
                    {match image {
                        Some(id) => view! { <ImageLabel id names=image_names /> }.into_any(),
                        None => view! { <span class="muted">{i18n.text(Msg::BootFromVolume)}</span> }.into_any(),
                    }}
                </td>
            }
            .into_any()
        }
        Column::KeyPair => view! { <td class=class>{or_dash(server.key_name.clone())}</td> }.into_any(),
        Column::Zone => {
            view! { <td class=class>{or_dash(server.availability_zone.clone())}</td> }.into_any()
        }
        Column::Created => view! {
            <td class=class>
                <Timestamp value=server.created.clone() />
            </td>
        }
        .into_any(),
    }
}

/// The column's value for an export: the cell's text (names as shown), timestamps as the API
/// gave them (a spreadsheet reads ISO 8601), addresses as in the cell's tooltip.
pub fn text(
    column: Column,
    server: &Server,
    flavor_names: &HashMap<String, String>,
    image_names: &HashMap<String, ImageName>,
    lang: Lang,
) -> String {
    match column {
        Column::Name => server.name.clone(),
        Column::Id => server.id.clone(),
        Column::Status => server.status.as_str().to_string(),
        Column::Task => server
            .task_state
            .as_ref()
            .map(|t| t.0.clone())
            .unwrap_or_default(),
        Column::Addresses => address_summary(&server.addresses),
        Column::Flavor => flavor_label(server, flavor_names).unwrap_or_default(),
        Column::Image => match image_id(server) {
            None => Msg::BootFromVolume.text(lang).to_string(),
            Some(id) => match image_names.get(&id) {
                Some(ImageName::Named(name)) => name.clone(),
                Some(ImageName::Deleted) => format!("{} {id}", ListMsg::ImageDeleted.text(lang)),
                None => id,
            },
        },
        Column::KeyPair => server.key_name.clone().unwrap_or_default(),
        Column::Zone => server.availability_zone.clone().unwrap_or_default(),
        Column::Created => server.created.clone().unwrap_or_default(),
    }
}
