//! `/zones`: `GET /os-availability-zone`, name and availability.

use compute_api::zone::AvailabilityZone;
use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::pages::resource_list::ResourceListPage;
use crate::store::expect_store;

fn zone_table(zones: Vec<AvailabilityZone>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table narrow">
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Msg::ColName)}</th>
                    <th scope="col">{i18n.text(Msg::ColAvailability)}</th>
                </tr>
            </thead>
            <tbody>
                {zones
                    .into_iter()
                    .map(|z| {
                        let available = z.zone_state.available;
                        let name = z.zone_name.clone();
                        view! {
                            <tr
                                data-testid="zone-row"
                                data-name=name
                                data-available=available.to_string()
                            >
                                <td>{z.zone_name}</td>
                                <td>
                                    <span class=if available { "badge badge-ok" } else { "badge badge-error" }>
                                        {i18n.text(if available { Msg::Available } else { Msg::Unavailable })}
                                    </span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn ZonesPage() -> impl IntoView {
    let store = expect_store();
    view! {
        <ResourceListPage title=Msg::NavZones empty=Msg::NoZones resource=store.zones rows=zone_table />
    }
}
