//! `/instances/:id`: `GET /servers/{id}`, the action bar and two tabs, the overview (every
//! field the API gives, and the raw JSON) and the volume attachments. The chosen tab is in the
//! URL (`?tab=volumes`), so it can be linked to and survives a reload.

mod connect;
mod dialogs;
mod overview;
pub mod volumes;

use compute_api::action::image_id_from_location;
use compute_api::request;
use compute_api::rules::Operation;
use compute_api::server::{Server, ServerEnvelope};
use compute_api::volume_attachment::VolumeAttachmentList;
use compute_api::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params, use_query_map};
use leptos_router::params::Params;
use leptos_router::NavigateOptions;

use crate::actions::{needs_confirmation, plain_request, ActionRunner};
use crate::client::expect_api;
use crate::components::{ActionBar, ErrorMessage, TabPanel, Tabs};
use crate::i18n::{use_i18n, InstancesMsg, Msg};
use crate::pages::LoadingRow;
use crate::paths::{href, segment};
use crate::session::expect_session;
use crate::store::expect_store;

use dialogs::{action_dialog, DialogHost, OpenDialog};
use overview::{server_header, server_view, Detail};
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

/// How often a followed instance is re-read.
const FOLLOW_MS: u64 = 1000;

/// Neither in a transitional status nor running a task.
fn settled(server: &Server) -> bool {
    !server.status.is_transitional() && !server.task_state.as_ref().is_some_and(|t| t.is_active())
}

#[component]
pub fn InstanceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let store = expect_store();
    let session = expect_session();
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
    let detail = LocalResource::new(move || {
        let id = id.get();
        let _region = session.region();
        async move {
            let reply = api.send(&request::show_server(&id)).await?;
            let envelope: ServerEnvelope = reply.json()?;
            let raw = serde_json::from_str::<serde_json::Value>(&reply.text)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or(reply.text);
            Ok::<_, ApiError>(Detail {
                server: envelope.server,
                raw,
            })
        }
    });

    // The instance as last read, for the action bar (kept while a re-read is under way).
    let current = RwSignal::new(None::<Server>);
    // Set after an action: re-read every second until the instance settles.
    let following = RwSignal::new(false);
    // Requests in flight and refusals, by instance: one for A never shows on B.
    let actions = ActionRunner::new();
    let pending = Signal::derive(move || actions.pending(&id.get()));
    let dialog = RwSignal::new(None::<OpenDialog>);
    let image_ref = RwSignal::new(None::<(String, Option<String>)>);
    let attachments_version = RwSignal::new(0u32);
    // Re-read the attachments when the server's own list changes or an attach/detach is sent.
    let attachments_key = Memo::new(move |_| {
        current.with(|s| {
            s.as_ref().map(|s| {
                let ids: Vec<String> = s.volumes_attached.iter().map(|v| v.id.clone()).collect();
                (s.id.clone(), ids)
            })
        })
    });
    let attachments = LocalResource::new(move || {
        let key = attachments_key.get();
        attachments_version.track();
        async move {
            let Some((sid, _)) = key else {
                return Ok(Vec::new());
            };
            api.fetch::<VolumeAttachmentList>(&request::list_volume_attachments(&sid))
                .await
                .map(|l| l.volume_attachments)
        }
    });

    // Another instance (same route, new id): nothing of the previous one carries over.
    Effect::new(move |previous: Option<String>| {
        let now = id.get();
        if previous.is_some_and(|p| p != now) {
            current.set(None);
            following.set(false);
            dialog.set(None);
            image_ref.set(None);
        }
        now
    });
    Effect::new(move |_| {
        if let Some(Ok(d)) = detail.get() {
            if settled(&d.server) && following.get_untracked() {
                following.set(false);
                // The list row reads the shared store: refresh it once the instance settles.
                store.servers.refresh_changes();
            }
            current.set(Some(d.server));
        }
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let busy = following.get_untracked()
                || current.with_untracked(|s| s.as_ref().is_some_and(|s| !settled(s)));
            if busy && !document().hidden() && pending.get_untracked().is_none() {
                detail.refetch();
            }
        },
        std::time::Duration::from_millis(FOLLOW_MS),
    ) {
        on_cleanup(move || handle.clear());
    }

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
    let instance_name = Signal::derive(move || {
        current.with(|s| {
            s.as_ref()
                .map(|s| s.display_name().to_string())
                .unwrap_or_default()
        })
    });

    // Sends one request for an operation (the runner never sends it again). A refusal (409)
    // is shown and the instance re-read, since the refusal means what we showed was stale. An
    // open dialog stays (its OK disabled) until the answer comes.
    let run = move |op: Operation, req: compute_api::Request| {
        let Some(sid) = current.with_untracked(|s| s.as_ref().map(|s| s.id.clone())) else {
            return;
        };
        let for_instance = sid.clone();
        actions.send(sid, op, req, move |outcome| {
            // The page may show another instance by now: nothing below is for that one.
            if id.get_untracked() != for_instance {
                return;
            }
            dialog.set(None);
            match outcome {
                Ok(_) if op == Operation::Delete => go_to_list.run(()),
                Ok(reply) => {
                    if op == Operation::CreateImage {
                        image_ref.set(reply.location.clone().map(|location| {
                            let id = image_id_from_location(&location).map(str::to_string);
                            (location, id)
                        }));
                    }
                    if matches!(op, Operation::AttachVolume | Operation::DetachVolume) {
                        attachments_version.update(|v| *v += 1);
                    }
                    following.set(true);
                    detail.refetch();
                }
                Err(_) => detail.refetch(),
            }
        });
    };
    let open_dialog = move |op: Operation, volume: Option<String>| {
        actions.clear_failure();
        dialog.set(Some(OpenDialog { op, volume }));
    };
    let on_action = Callback::new(move |op: Operation| {
        let sid = current.with_untracked(|s| s.as_ref().map(|s| s.id.clone()).unwrap_or_default());
        match plain_request(op, &sid) {
            Some(request) if !needs_confirmation(op) => run(op, request),
            _ => open_dialog(op, None),
        }
    });
    let host = DialogHost {
        submit: Callback::new(move |(op, req): (Operation, compute_api::Request)| run(op, req)),
        close: Callback::new(move |_: ()| dialog.set(None)),
        busy: Signal::derive(move || pending.get().is_some()),
    };

    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href=href("/instances")>{i18n.text(Msg::NavInstances)}</a>
                " / "
                <span class="mono">{move || id.get()}</span>
            </nav>
            {move || actions.failure_for(&id.get()).map(|error| view! { <ErrorMessage error /> })}
            {move || {
                image_ref
                    .get()
                    .map(|(location, image_id)| {
                        view! {
                            <p class="notice" role="status" data-testid="image-ref">
                                {i18n.text(Msg::ImageRequested)} ": "
                                <span class="mono">{image_id.unwrap_or_default()}</span> " "
                                <span class="mono small muted">{location}</span>
                            </p>
                        }
                    })
            }}
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    match detail.await {
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
                    on_action
                />
                {move || following.get().then(|| view! {
                    <p class="muted small" role="status">{i18n.text(Msg::Following)}</p>
                })}
                <Tabs
                    label=InstancesMsg::DetailSections
                    tabs=TABS.to_vec()
                    selected=tab
                    on_select=select_tab
                />
                <TabPanel key="overview" hidden=Signal::derive(move || tab.get() != "overview")>
                    {move || {
                        (tab.get() == "overview")
                            .then(|| {
                                view! {
                                    <Transition fallback=LoadingRow>
                                        {move || Suspend::new(async move {
                                            let Ok(d) = detail.await else {
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
                            })
                    }}
                </TabPanel>
                <TabPanel key="volumes" hidden=Signal::derive(move || tab.get() != "volumes")>
                    {move || {
                        (tab.get() == "volumes")
                            .then(|| {
                                view! {
                                    <VolumesTab
                                        server=Signal::derive(move || current.get())
                                        attachments
                                        busy=Signal::derive(move || pending.get().is_some())
                                        on_attach=Callback::new(move |_: ()| open_dialog(Operation::AttachVolume, None))
                                        on_detach=Callback::new(move |volume: String| {
                                            open_dialog(Operation::DetachVolume, Some(volume))
                                        })
                                    />
                                }
                            })
                    }}
                </TabPanel>
            </Show>
            {move || {
                let open = dialog.get()?;
                let server = current.get_untracked()?;
                Some(action_dialog(open, server, instance_name, host))
            }}
        </section>
    }
}
