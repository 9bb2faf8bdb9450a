//! `/flavors`: `GET /flavors/detail`.

use compute_api::flavor::Flavor;
use leptos::prelude::*;

use crate::components::format::{disk_gb, or_dash, ram_mb};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

fn yes_no(i18n: I18n, value: Option<bool>) -> impl IntoView {
    match value {
        Some(true) => i18n.text(Msg::Yes).into_any(),
        Some(false) => i18n.text(Msg::No).into_any(),
        None => "—".into_any(),
    }
}

fn flavor_row(i18n: I18n, f: Flavor) -> impl IntoView {
    let kind = f.flavor_type().map(str::to_string);
    view! {
        <tr data-testid="flavor-row" data-id=f.id.clone()>
            <td>{f.name}</td>
            <td class="num">{or_dash(f.vcpus)}</td>
            <td class="num">{or_dash(f.ram.map(ram_mb))}</td>
            <td class="num">{or_dash(f.disk.map(disk_gb))}</td>
            <td class="num">{or_dash(f.ephemeral.map(disk_gb))}</td>
            <td class="num">{or_dash(f.swap.filter(|s| *s > 0))}</td>
            <td>{or_dash(kind)}</td>
            <td>{yes_no(i18n, f.is_public)}</td>
            <td>{yes_no(i18n, f.disabled)}</td>
        </tr>
    }
}

#[component]
pub fn FlavorsPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    let count = Signal::derive(move || store.flavors.get().and_then(|r| r.ok()).map(|f| f.len()));
    let refresh = Callback::new(move |_| store.flavors.refetch());
    view! {
        <section class="page">
            <PageHeader title=Msg::NavFlavors on_refresh=refresh count />
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    list_or_state(
                        store.flavors.await,
                        Msg::NoFlavors,
                        |flavors| {
                            view! {
                                <table class="data-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{i18n.text(Msg::ColName)}</th>
                                            <th scope="col" class="num">{i18n.text(Msg::ColVcpus)}</th>
                                            <th scope="col" class="num">{i18n.text(Msg::ColRam)}</th>
                                            <th scope="col" class="num">{i18n.text(Msg::ColRootDisk)}</th>
                                            <th scope="col" class="num">{i18n.text(Msg::ColEphemeral)}</th>
                                            <th scope="col" class="num">{i18n.text(Msg::ColSwap)}</th>
                                            <th scope="col">{i18n.text(Msg::ColFlavorType)}</th>
                                            <th scope="col">{i18n.text(Msg::ColPublic)}</th>
                                            <th scope="col">{i18n.text(Msg::ColDisabled)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {flavors.into_iter().map(|f| flavor_row(i18n, f)).collect_view()}
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
