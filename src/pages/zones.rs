//! `/zones`: `GET /os-availability-zone`.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

#[component]
pub fn ZonesPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    let count = Signal::derive(move || store.zones.get().and_then(|r| r.ok()).map(|z| z.len()));
    let refresh = Callback::new(move |_| store.zones.refetch());
    view! {
        <section class="page">
            <PageHeader title=Msg::NavZones on_refresh=refresh count />
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    list_or_state(
                        store.zones.await,
                        Msg::NoZones,
                        |zones| {
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
                                                    <tr data-testid="zone-row" data-name=name>
                                                        <td>{z.zone_name}</td>
                                                        <td>
                                                            <span class=if available {
                                                                "badge badge-ok"
                                                            } else {
                                                                "badge badge-error"
                                                            }>
                                                                {i18n
                                                                    .text(
                                                                        if available { Msg::Available } else { Msg::Unavailable },
                                                                    )}
                                                            </span>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                        },
                    )
                })}
            </Transition>
        </section>
    }
}
