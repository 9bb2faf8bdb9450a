//! `/instances/:id`: `GET /servers/{id}`, the action bar and two tabs, the overview (every
//! field the API gives, and the raw JSON) and the volume attachments. The chosen tab is in the
//! URL (`?tab=volumes`), so it can be linked to and survives a reload.

mod connect;
mod dialogs;
mod model;
mod overview;
pub mod volumes;

use compute_api::rules::Operation;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params, use_query_map};
use leptos_router::params::Params;
use leptos_router::NavigateOptions;

use crate::components::{ActionBar, ErrorMessage, TabPanel, Tabs};
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::pages::LoadingRow;
use crate::paths::{href, segment};
use crate::store::expect_store;

use dialogs::action_dialog;
use model::InstanceDetail;
use overview::{server_header, server_view};
use volumes::VolumesTab;

#[derive(Params, Debug, Clone, PartialEq)]
struct InstanceParams {
    id: Option<String>,
}

/// The tabs of the page: the query value (`?tab=…`) and the label. The first is the default.
const TABS: [(&str, InstancesMsg); 2] = [
    ("overview", InstancesMsg::TabOverview),
    ("volumes", InstancesMsg::TabVolumes),
];

/// The tab a `tab` query value names; anything else is the first.
fn tab_from_query(value: Option<&str>) -> &'static str {
    TABS.iter()
        .map(|(key, _)| *key)
        .find(|key| Some(*key) == value)
        .unwrap_or(TABS[0].0)
}

#[component]
pub fn InstanceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    let params = use_params::<InstanceParams>();
    let query = use_query_map();
    let navigate = use_navigate();
    let id = Memo::new(move |_| params.get().ok().and_then(|p| p.id).unwrap_or_default());
    let tab = Memo::new(move |_| query.with(|q| tab_from_query(q.get_str("tab")).to_string()));
    let go_to_list = {
        let navigate = navigate.clone();
        Callback::new(move |_: ()| navigate("/instances", NavigateOptions::default()))
    };
    // A tab replaces the URL rather than adding to the history: back leaves the page.
    let select_tab = Callback::new(move |key: String| {
        let mut path = format!("/instances/{}", segment(&id.get_untracked()));
        if key != TABS[0].0 {
            path.push_str(&format!("?tab={key}"));
        }
        navigate(
            &path,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let page = InstanceDetail::new(id, go_to_list);
    let current = page.current;
    let pending = page.pending;
    let busy = Signal::derive(move || pending.get().is_some());
    let flavor_is_u2 = Signal::derive(move || {
        let fid = current.with(|s| s.as_ref()?.flavor.as_ref().map(|f| f.id.clone()))?;
        store
            .flavors
            .get()?
            .ok()?
            .iter()
            .find(|f| f.id == fid)
            .map(|f| f.is_u2())
    });
    let hidden_unless = move |key: &'static str| Signal::derive(move || tab.get() != key);

    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href=href("/instances")>{i18n.text(Msg::NavInstances)}</a>
                " / "
                <span class="mono">{move || id.get()}</span>
            </nav>
            {move || page.actions.failure_for(&id.get()).map(|error| view! { <ErrorMessage error /> })}
            <ImageRequested image_ref=page.image_ref />
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    match page.detail.await {
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(d) => server_header(i18n, &d.server).into_any(),
                    }
                })}
            </Transition>
            <Show when=move || current.with(Option::is_some)>
                <ActionBar
                    server=Signal::derive(move || current.get())
                    flavor_is_u2
                    pending
                    on_action=Callback::new(move |op| page.act(op))
                />
                {move || page.following.get().then(|| view! {
                    <p class="muted small" role="status">{i18n.text(Msg::Following)}</p>
                })}
                <Tabs
                    label=InstancesMsg::DetailSections
                    tabs=TABS.to_vec()
                    selected=tab
                    on_select=select_tab
                />
                <TabPanel key="overview" hidden=hidden_unless("overview")>
                    {move || (tab.get() == "overview").then(|| view! { <OverviewTab page /> })}
                </TabPanel>
                <TabPanel key="volumes" hidden=hidden_unless("volumes")>
                    {move || {
                        (tab.get() == "volumes")
                            .then(|| {
                                view! {
                                    <VolumesTab
                                        server=Signal::derive(move || current.get())
                                        attachments=page.attachments
                                        busy
                                        on_attach=Callback::new(move |_: ()| page.open_dialog(Operation::AttachVolume, None))
                                        on_detach=Callback::new(move |volume: String| {
                                            page.open_dialog(Operation::DetachVolume, Some(volume))
                                        })
                                    />
                                }
                            })
                    }}
                </TabPanel>
            </Show>
            {move || {
                let open = page.dialog.get()?;
                let server = current.get_untracked()?;
                Some(action_dialog(open, server, page.instance_name(), page.dialog_host()))
            }}
        </section>
    }
}

/// The image a `createImage` asked for (the API answers with its location only).
#[component]
fn ImageRequested(image_ref: RwSignal<Option<(String, Option<String>)>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        image_ref.get().map(|(location, image_id)| {
            view! {
                <p class="notice" role="status" data-testid="image-ref">
                    {i18n.text(Msg::ImageRequested)} ": "
                    <span class="mono">{image_id.unwrap_or_default()}</span> " "
                    <span class="mono small muted">{location}</span>
                </p>
            }
        })
    }
}

/// Every field of the instance, with its flavor's name when the store has it.
#[component]
fn OverviewTab(page: InstanceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    view! {
        <Transition fallback=LoadingRow>
            {move || Suspend::new(async move {
                let Ok(d) = page.detail.await else {
                    return ().into_any();
                };
                let flavor_name = store.flavors.await.ok().and_then(|flavors| {
                    let fid = d.server.flavor.as_ref()?.id.clone();
                    flavors.into_iter().find(|f| f.id == fid).map(|f| f.name)
                });
                server_view(i18n, d, flavor_name).into_any()
            })}
        </Transition>
    }
}
