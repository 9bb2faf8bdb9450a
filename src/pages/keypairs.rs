//! `/keypairs`: `GET /os-keypairs`.

use leptos::prelude::*;

use crate::components::format::or_dash;
use crate::i18n::{use_i18n, Msg};
use crate::pages::{list_or_state, LoadingRow, PageHeader};
use crate::store::expect_store;

#[component]
pub fn KeypairsPage() -> impl IntoView {
    let store = expect_store();
    let i18n = use_i18n();
    let count = Signal::derive(move || store.keypairs.get().and_then(|r| r.ok()).map(|k| k.len()));
    let refresh = Callback::new(move |_| store.keypairs.refetch());
    view! {
        <section class="page">
            <PageHeader title=Msg::NavKeypairs on_refresh=refresh count />
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    list_or_state(
                        store.keypairs.await,
                        Msg::NoKeypairs,
                        |keypairs| {
                            view! {
                                <table class="data-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{i18n.text(Msg::ColName)}</th>
                                            <th scope="col">{i18n.text(Msg::ColFingerprint)}</th>
                                            <th scope="col">{i18n.text(Msg::ColKeyType)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {keypairs
                                            .into_iter()
                                            .map(|k| {
                                                let name = k.name.clone();
                                                view! {
                                                    <tr data-testid="keypair-row" data-name=name>
                                                        <td>{k.name}</td>
                                                        <td class="mono small">{k.fingerprint}</td>
                                                        <td>{or_dash(k.key_type)}</td>
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
