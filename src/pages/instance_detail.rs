//! `/instances/:id`: `GET /servers/{id}`, every field the API gives, and the raw JSON.

use std::collections::BTreeMap;

use compute_api::action::{image_id_from_location, RebootType, ServerAction};
use compute_api::flavor::Flavor;
use compute_api::request;
use compute_api::rules::{check, Operation, ServerFacts};
use compute_api::server::{Server, ServerEnvelope, UpdateServer};
use compute_api::services::{SecurityGroupList, VolumeList};
use compute_api::status::PowerState;
use compute_api::validate::{validate_rename, ErrorKind};
use compute_api::volume_attachment::{AttachVolume, VolumeAttachment, VolumeAttachmentList};
use compute_api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params};
use leptos_router::params::Params;
use leptos_router::NavigateOptions;

use crate::client::{expect_api, Api};
use crate::components::action_bar::{denied_text, operation_msg};
use crate::components::format::or_dash;
use crate::components::instance_table::Addresses;
use crate::components::{ActionBar, ConfirmDialog, ErrorMessage, Modal, StatusBadge, Timestamp};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::LoadingRow;
use crate::paths::href;
use crate::session::expect_session;
use crate::store::{expect_store, Store};

#[derive(Params, Debug, Clone, PartialEq)]
struct InstanceParams {
    id: Option<String>,
}

/// The server and the body it came in, pretty-printed.
#[derive(Debug, Clone)]
struct Detail {
    server: Server,
    raw: String,
}

fn power_msg(state: PowerState) -> Msg {
    match state.0 {
        0 => Msg::PowerNoState,
        1 => Msg::PowerRunning,
        3 => Msg::PowerPaused,
        4 => Msg::PowerShutdown,
        6 => Msg::PowerCrashed,
        7 => Msg::PowerSuspended,
        _ => Msg::PowerUnknown,
    }
}

#[component]
pub fn InstanceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let store = expect_store();
    let session = expect_session();
    let params = use_params::<InstanceParams>();
    let navigate = use_navigate();
    let go_to_list = Callback::new(move |_: ()| navigate("/instances", NavigateOptions::default()));
    let id = Memo::new(move |_| params.get().ok().and_then(|p| p.id).unwrap_or_default());
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
    let pending = RwSignal::new(None::<Operation>);
    let dialog = RwSignal::new(None::<Operation>);
    let action_error = RwSignal::new(None::<ApiError>);
    let image_ref = RwSignal::new(None::<(String, Option<String>)>);
    // The volume a detach confirmation is about.
    let detach_target = RwSignal::new(None::<String>);
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
            action_error.set(None);
            image_ref.set(None);
        }
        now
    });
    Effect::new(move |_| {
        if let Some(Ok(d)) = detail.get() {
            if settled(&d.server) && following.get_untracked() {
                following.set(false);
                // The list row reads the shared store: refresh it once the instance settles.
                store.servers.refetch();
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
                .map(|s| {
                    if s.name.is_empty() {
                        s.id.clone()
                    } else {
                        s.name.clone()
                    }
                })
                .unwrap_or_default()
        })
    });

    // Sends one request for an operation. Never retried; a refusal (409) is shown and the
    // instance re-read, since the refusal means what we showed was stale.
    let run = move |op: Operation, req: compute_api::Request| {
        if pending.get_untracked().is_some() {
            return;
        }
        pending.set(Some(op));
        action_error.set(None);
        dialog.set(None);
        spawn_local(async move {
            let outcome = api.send(&req).await;
            pending.set(None);
            match outcome {
                Ok(_) if op == Operation::Delete => {
                    store.servers.refetch();
                    go_to_list.run(());
                }
                Ok(reply) => {
                    if op == Operation::CreateImage {
                        image_ref.set(reply.location.map(|location| {
                            let id = image_id_from_location(&location).map(str::to_string);
                            (location, id)
                        }));
                    }
                    if matches!(op, Operation::AttachVolume | Operation::DetachVolume) {
                        attachments_version.update(|v| *v += 1);
                    }
                    following.set(true);
                    store.servers.refetch();
                    detail.refetch();
                }
                Err(error) => {
                    action_error.set(Some(error));
                    detail.refetch();
                }
            }
        });
    };
    let server_id =
        move || current.with_untracked(|s| s.as_ref().map(|s| s.id.clone()).unwrap_or_default());
    let on_action = Callback::new(move |op: Operation| {
        let sid = server_id();
        match op {
            Operation::Start => run(op, request::server_action(&sid, &ServerAction::Start(()))),
            Operation::Stop => run(op, request::server_action(&sid, &ServerAction::Stop(()))),
            Operation::RebootSoft => run(
                op,
                request::server_action(&sid, &ServerAction::reboot(RebootType::Soft)),
            ),
            _ => {
                action_error.set(None);
                dialog.set(Some(op));
            }
        }
    });
    let close = Callback::new(move |_: ()| dialog.set(None));
    let submit = Callback::new(move |(op, req): (Operation, compute_api::Request)| run(op, req));

    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href=href("/instances")>{i18n.text(Msg::NavInstances)}</a>
                " / "
                <span class="mono">{move || id.get()}</span>
            </nav>
            {move || action_error.get().map(|error| view! { <ErrorMessage error /> })}
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
            <Show when=move || current.with(Option::is_some)>
                <ActionBar
                    server=Signal::derive(move || current.get())
                    flavor_is_u2
                    pending=Signal::derive(move || pending.get())
                    on_action
                />
                {move || following.get().then(|| view! {
                    <p class="muted small" role="status">{i18n.text(Msg::Following)}</p>
                })}
            </Show>
            {move || {
                let op = dialog.get()?;
                let server = current.get_untracked()?;
                if op == Operation::DetachVolume {
                    let volume = detach_target.get_untracked()?;
                    let sid = server.id.clone();
                    let message = Signal::derive(move || {
                        i18n.t(Msg::ConfirmDetach)
                            .replace("{name}", &instance_name.get())
                            .replace("{volume}", &volume)
                    });
                    let on_ok = Callback::new(move |_: ()| {
                        if let Some(volume) = detach_target.get_untracked() {
                            submit.run((op, request::detach_volume(&sid, &volume)));
                        }
                    });
                    return Some(view! { <ConfirmDialog message on_ok on_cancel=close /> }.into_any());
                }
                Some(action_dialog(i18n, op, server, instance_name, store, api, submit, close))
            }}
            <Show when=move || current.with(Option::is_some)>
                <VolumesPanel
                    server=Signal::derive(move || current.get())
                    attachments
                    busy=Signal::derive(move || pending.get().is_some())
                    on_attach=Callback::new(move |_: ()| {
                        action_error.set(None);
                        dialog.set(Some(Operation::AttachVolume));
                    })
                    on_detach=Callback::new(move |volume: String| {
                        action_error.set(None);
                        detach_target.set(Some(volume));
                        dialog.set(Some(Operation::DetachVolume));
                    })
                />
            </Show>
            <Transition fallback=LoadingRow>
                {move || Suspend::new(async move {
                    match detail.await {
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(d) => {
                            let flavor_name = store
                                .flavors
                                .await
                                .ok()
                                .and_then(|flavors| {
                                    let fid = d.server.flavor.as_ref()?.id.clone();
                                    flavors.into_iter().find(|f| f.id == fid).map(|f| f.name)
                                });
                            server_view(i18n, d, flavor_name).into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// How often a followed instance is re-read.
const FOLLOW_MS: u64 = 1000;

/// Neither in a transitional status nor running a task.
fn settled(server: &Server) -> bool {
    !server.status.is_transitional() && !server.task_state.as_ref().is_some_and(|t| t.is_active())
}

/// The dialog an operation needs before its request can be sent.
#[allow(clippy::too_many_arguments)]
fn action_dialog(
    i18n: I18n,
    op: Operation,
    server: Server,
    name: Signal<String>,
    store: Store,
    api: Api,
    submit: Callback<(Operation, compute_api::Request)>,
    close: Callback<()>,
) -> AnyView {
    let sid = server.id.clone();
    let title = Signal::derive(move || i18n.t(operation_msg(op)).to_string());
    match op {
        Operation::Delete | Operation::RebootHard => {
            let template = if op == Operation::Delete {
                Msg::ConfirmDeleteInstance
            } else {
                Msg::ConfirmHardReboot
            };
            let message = Signal::derive(move || i18n.t(template).replace("{name}", &name.get()));
            let on_ok = Callback::new(move |_: ()| {
                let req = if op == Operation::Delete {
                    request::delete_server(&sid)
                } else {
                    request::server_action(&sid, &ServerAction::reboot(RebootType::Hard))
                };
                submit.run((op, req));
            });
            view! { <ConfirmDialog message on_ok on_cancel=close /> }.into_any()
        }
        Operation::Rename => {
            let value = RwSignal::new(server.name.clone());
            let problem = move || {
                validate_rename(&value.get()).err().map(|kind| match kind {
                    ErrorKind::TooLong { max, actual } => i18n
                        .t(Msg::FieldTooLong)
                        .replace("{max}", &max.to_string())
                        .replace("{actual}", &actual.to_string()),
                    _ => i18n.t(Msg::FieldRequired).to_string(),
                })
            };
            let save = move || {
                let name = value.get_untracked();
                if validate_rename(&name).is_ok() {
                    let update = UpdateServer { name: Some(name) };
                    submit.run((op, request::update_server(&sid, &update)));
                }
            };
            view! {
                <Modal title on_close=close>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                        <label>
                            {i18n.text(Msg::NewName)}
                            <input
                                type="text"
                                data-testid="rename-input"
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev))
                                aria-invalid=move || problem().is_some().then_some("true")
                            />
                        </label>
                        {move || problem().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                        {dialog_buttons(i18n, close, Signal::derive(move || problem().is_none()))}
                    </form>
                </Modal>
            }
            .into_any()
        }
        Operation::Resize => {
            let current_flavor = server
                .flavor
                .as_ref()
                .map(|f| f.id.clone())
                .unwrap_or_default();
            let choices: Vec<Flavor> = store
                .flavors
                .get_untracked()
                .and_then(|r| r.ok())
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.id != current_flavor && f.disabled != Some(true))
                .collect();
            let chosen = RwSignal::new(choices.first().map(|f| f.id.clone()).unwrap_or_default());
            let empty = choices.is_empty();
            let options = choices
                .into_iter()
                .map(|f| {
                    let label = format!(
                        "{} — {} vCPU · {} MB RAM · {} GB",
                        f.name,
                        or_dash(f.vcpus),
                        or_dash(f.ram),
                        or_dash(f.disk)
                    );
                    view! { <option value=f.id.clone()>{label}</option> }
                })
                .collect_view();
            let save = move || {
                let flavor = chosen.get_untracked();
                if !flavor.is_empty() {
                    submit.run((
                        op,
                        request::server_action(&sid, &ServerAction::resize(flavor)),
                    ));
                }
            };
            view! {
                <Modal title on_close=close>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                        {empty.then(|| view! { <p class="muted">{i18n.text(Msg::NoOtherFlavor)}</p> })}
                        <label>
                            {i18n.text(Msg::NewFlavor)}
                            <select
                                data-testid="resize-flavor"
                                prop:value=move || chosen.get()
                                on:change=move |ev| chosen.set(event_target_value(&ev))
                            >
                                {options}
                            </select>
                        </label>
                        {dialog_buttons(i18n, close, Signal::derive(move || !chosen.get().is_empty()))}
                    </form>
                </Modal>
            }
            .into_any()
        }
        Operation::CreateImage => {
            let image_name = RwSignal::new(String::new());
            let rows = RwSignal::new(Vec::<(String, String)>::new());
            let valid = Signal::derive(move || {
                validate_rename(&image_name.get()).is_ok()
                    && rows.with(|r| {
                        r.iter().all(|(k, v)| {
                            !k.trim().is_empty()
                                && k.chars().count() <= 255
                                && v.chars().count() <= 255
                        })
                    })
            });
            let save = move || {
                if !valid.get_untracked() {
                    return;
                }
                let metadata: BTreeMap<String, String> = rows.get_untracked().into_iter().collect();
                let action = ServerAction::create_image(image_name.get_untracked(), metadata);
                submit.run((op, request::server_action(&sid, &action)));
            };
            let row_view = move |i: usize| {
                view! {
                    <div class="meta-row">
                        <input
                            type="text"
                            aria-label=i18n.text(Msg::MetadataKey)
                            placeholder=i18n.text(Msg::MetadataKey)
                            data-testid="image-meta-key"
                            prop:value=move || rows.with(|r| r.get(i).map(|r| r.0.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                rows.update(|r| if let Some(row) = r.get_mut(i) { row.0 = v; });
                            }
                        />
                        <input
                            type="text"
                            aria-label=i18n.text(Msg::MetadataValue)
                            placeholder=i18n.text(Msg::MetadataValue)
                            data-testid="image-meta-value"
                            prop:value=move || rows.with(|r| r.get(i).map(|r| r.1.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                rows.update(|r| if let Some(row) = r.get_mut(i) { row.1 = v; });
                            }
                        />
                        <button type="button" class="ghost" on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>
                            {i18n.text(Msg::Remove)}
                        </button>
                    </div>
                }
            };
            view! {
                <Modal title on_close=close>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                        <label>
                            {i18n.text(Msg::ImageName)}
                            <input
                                type="text"
                                data-testid="image-name"
                                prop:value=move || image_name.get()
                                on:input=move |ev| image_name.set(event_target_value(&ev))
                            />
                        </label>
                        <fieldset>
                            <legend>{i18n.text(Msg::Metadata)}</legend>
                            <For each=move || 0..rows.with(Vec::len) key=|i| *i let:i>
                                {row_view(i)}
                            </For>
                            <button type="button" class="ghost" data-testid="image-meta-add" on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))>
                                {i18n.text(Msg::AddMetadata)}
                            </button>
                        </fieldset>
                        {dialog_buttons(i18n, close, valid)}
                    </form>
                </Modal>
            }
            .into_any()
        }
        Operation::AddSecurityGroup | Operation::RemoveSecurityGroup => {
            let chosen = RwSignal::new(String::new());
            let remove = op == Operation::RemoveSecurityGroup;
            let own: Vec<String> = server
                .security_groups
                .iter()
                .map(|g| g.name.clone())
                .collect();
            let groups = LocalResource::new(move || {
                let own = own.clone();
                async move {
                    if remove {
                        return own;
                    }
                    // A catalog without the network service (or a failing one) leaves a typed name.
                    api.fetch::<SecurityGroupList>(&request::list_security_groups())
                        .await
                        .map(|l| l.security_groups.into_iter().map(|g| g.name).collect())
                        .unwrap_or_default()
                }
            });
            let save = move || {
                let name = chosen.get_untracked().trim().to_string();
                if name.is_empty() {
                    return;
                }
                let action = if remove {
                    ServerAction::remove_security_group(name)
                } else {
                    ServerAction::add_security_group(name)
                };
                submit.run((op, request::server_action(&sid, &action)));
            };
            view! {
                <Modal title on_close=close>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                        <label>
                            {i18n.text(Msg::SecurityGroup)}
                            {move || {
                                let names = groups.get().unwrap_or_default();
                                if names.is_empty() {
                                    view! {
                                        <input
                                            type="text"
                                            data-testid="sg-name"
                                            prop:value=move || chosen.get()
                                            on:input=move |ev| chosen.set(event_target_value(&ev))
                                        />
                                    }
                                    .into_any()
                                } else {
                                    if chosen.get_untracked().is_empty() {
                                        chosen.set(names[0].clone());
                                    }
                                    view! {
                                        <select
                                            data-testid="sg-name"
                                            prop:value=move || chosen.get()
                                            on:change=move |ev| chosen.set(event_target_value(&ev))
                                        >
                                            {names
                                                .into_iter()
                                                .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
                                                .collect_view()}
                                        </select>
                                    }
                                    .into_any()
                                }
                            }}
                        </label>
                        {dialog_buttons(i18n, close, Signal::derive(move || !chosen.get().trim().is_empty()))}
                    </form>
                </Modal>
            }
            .into_any()
        }
        Operation::AttachVolume => {
            let chosen = RwSignal::new(String::new());
            // Available volumes of the block-storage service; none (or no service) leaves a
            // typed id.
            let volumes = LocalResource::new(move || async move {
                api.fetch::<VolumeList>(&request::list_volumes())
                    .await
                    .map(|l| {
                        l.volumes
                            .into_iter()
                            .filter(|v| v.is_available())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            });
            let save = move || {
                let volume_id = chosen.get_untracked().trim().to_string();
                if volume_id.is_empty() {
                    return;
                }
                let attach = AttachVolume {
                    volume_id,
                    device: None,
                };
                submit.run((op, request::attach_volume(&sid, &attach)));
            };
            view! {
                <Modal title on_close=close>
                    <form class="form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                        <label>
                            {i18n.text(Msg::Volume)}
                            {move || {
                                let list = volumes.get().unwrap_or_default();
                                if list.is_empty() {
                                    view! {
                                        <input
                                            type="text"
                                            data-testid="attach-volume-id"
                                            prop:value=move || chosen.get()
                                            on:input=move |ev| chosen.set(event_target_value(&ev))
                                        />
                                    }
                                    .into_any()
                                } else {
                                    if chosen.get_untracked().is_empty() {
                                        chosen.set(list[0].id.clone());
                                    }
                                    view! {
                                        <select
                                            data-testid="attach-volume-id"
                                            prop:value=move || chosen.get()
                                            on:change=move |ev| chosen.set(event_target_value(&ev))
                                        >
                                            {list
                                                .into_iter()
                                                .map(|v| {
                                                    let label = format!(
                                                        "{} ({} GB, {})",
                                                        v.display_name(),
                                                        or_dash(v.size),
                                                        v.id
                                                    );
                                                    view! { <option value=v.id.clone()>{label}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    }
                                    .into_any()
                                }
                            }}
                        </label>
                        {dialog_buttons(i18n, close, Signal::derive(move || !chosen.get().trim().is_empty()))}
                    </form>
                </Modal>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// The volume attachments of the instance: a table, attach, and detach per row.
#[component]
fn VolumesPanel(
    server: Signal<Option<Server>>,
    attachments: LocalResource<Result<Vec<VolumeAttachment>, ApiError>>,
    busy: Signal<bool>,
    on_attach: Callback<()>,
    on_detach: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let verdict = move |op: Operation| {
        server.with(|s| match s {
            Some(s) => check(op, &ServerFacts::from_server(s, None)).map_err(Some),
            None => Err(None),
        })
    };
    let reason = move |op: Operation| {
        verdict(op)
            .err()
            .flatten()
            .map(|d| denied_text(i18n.lang(), &d))
    };
    view! {
        <section class="panel" aria-labelledby="volumes-title">
            <header class="panel-header">
                <h2 id="volumes-title">{i18n.text(Msg::VolumeAttachments)}</h2>
                <span class="action" title=move || reason(Operation::AttachVolume)>
                    <button
                        type="button"
                        data-testid="action-attach-volume"
                        disabled=move || verdict(Operation::AttachVolume).is_err() || busy.get()
                        on:click=move |_| on_attach.run(())
                    >
                        {i18n.text(Msg::OpAttachVolume)}
                    </button>
                    {move || reason(Operation::AttachVolume).map(|why| view! { <span class="why" role="note">{why}</span> })}
                </span>
            </header>
            {move || match attachments.get() {
                None => view! { <LoadingRow /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="muted">{i18n.text(Msg::NoAttachments)}</p> }.into_any()
                }
                Some(Ok(list)) => {
                    view! {
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.text(Msg::Device)}</th>
                                    <th scope="col">{i18n.text(Msg::VolumeId)}</th>
                                    <th scope="col">{i18n.text(Msg::AttachmentId)}</th>
                                    <th scope="col"></th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|a| {
                                        let volume = a.volume_id.clone();
                                        view! {
                                            <tr data-testid="volume-row" data-volume-id=a.volume_id.clone()>
                                                <td class="mono">{or_dash(a.device)}</td>
                                                <td class="mono small">{a.volume_id.clone()}</td>
                                                <td class="mono small">{or_dash(a.id)}</td>
                                                <td>
                                                    <button
                                                        type="button"
                                                        class="danger"
                                                        data-testid="action-detach-volume"
                                                        title=move || reason(Operation::DetachVolume)
                                                        disabled=move || verdict(Operation::DetachVolume).is_err() || busy.get()
                                                        on:click=move |_| on_detach.run(volume.clone())
                                                    >
                                                        {i18n.text(Msg::OpDetachVolume)}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// Cancel (`confirm-cancel`) and the submit button (`confirm-ok`) of a form dialog.
fn dialog_buttons(i18n: I18n, close: Callback<()>, valid: Signal<bool>) -> impl IntoView {
    view! {
        <div class="modal-buttons">
            <button type="button" data-testid="confirm-cancel" on:click=move |_| close.run(())>
                {i18n.text(Msg::Cancel)}
            </button>
            <button type="submit" class="primary" data-testid="confirm-ok" disabled=move || !valid.get()>
                {i18n.text(Msg::OkButton)}
            </button>
        </div>
    }
}

fn row(i18n: I18n, label: Msg, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="kv">
            <dt>{i18n.text(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

fn server_view(i18n: I18n, detail: Detail, flavor_name: Option<String>) -> impl IntoView {
    let Detail { server: s, raw } = detail;
    let flavor = s.flavor.as_ref().map(|f| match &flavor_name {
        Some(name) => format!("{name} ({})", f.id),
        None => f.id.clone(),
    });
    let image = s
        .image
        .as_ref()
        .map(|i| i.id.clone())
        .filter(|i| !i.is_empty());
    let power = s.power_state.map(|p| {
        let msg = power_msg(p);
        view! { <span>{i18n.text(msg)} <span class="muted">" (" {p.0} ")"</span></span> }
    });
    let addresses: Vec<_> = s
        .addresses
        .iter()
        .flat_map(|(net, addrs)| addrs.iter().map(move |a| (net.clone(), a.clone())))
        .collect();
    let fault = s.fault.clone();
    view! {
        <header class="page-header">
            <h1 data-testid="instance-name">{if s.name.is_empty() { s.id.clone() } else { s.name.clone() }}</h1>
            <span data-testid="instance-status" data-status=s.status.as_str().to_string()>
                <StatusBadge status=s.status.clone() />
            </span>
        </header>
        {fault
            .map(|f| {
                view! {
                    <section class="fault-box" role="alert">
                        <h2>{i18n.text(Msg::Fault)}</h2>
                        <p>{f.message}</p>
                        <p class="muted">
                            {i18n.text(Msg::FaultCode)} ": " {or_dash(f.code)}
                        </p>
                        {f.details.map(|d| view! { <pre class="raw">{d}</pre> })}
                    </section>
                }
            })}
        <section class="panel">
            <h2>{i18n.text(Msg::Overview)}</h2>
            <dl class="kv-grid">
                {row(i18n, Msg::Id, view! { <span class="mono">{s.id.clone()}</span> })}
                {row(i18n, Msg::ColStatus, s.status.as_str().to_string())}
                {row(i18n, Msg::ColTaskState, or_dash(s.task_state.as_ref().map(|t| t.0.clone())))}
                {row(i18n, Msg::ColPowerState, power)}
                {row(i18n, Msg::VmState, or_dash(s.vm_state.clone()))}
                {row(i18n, Msg::ColFlavor, view! { <span data-testid="instance-flavor">{or_dash(flavor)}</span> })}
                {row(i18n, Msg::ColImage, match image {
                    Some(id) => view! { <span class="mono">{id}</span> }.into_any(),
                    None => i18n.text(Msg::BootFromVolume).into_any(),
                })}
                {row(i18n, Msg::ColKeypair, or_dash(s.key_name.clone()))}
                {row(i18n, Msg::ColZone, or_dash(s.availability_zone.clone()))}
                {row(i18n, Msg::ColCreated, view! { <Timestamp value=s.created.clone() /> })}
                {row(i18n, Msg::Updated, view! { <Timestamp value=s.updated.clone() /> })}
                {row(i18n, Msg::LaunchedAt, view! { <Timestamp value=s.launched_at.clone() /> })}
                {row(i18n, Msg::HostId, view! { <span class="mono small">{or_dash(s.host_id.clone())}</span> })}
                {row(i18n, Msg::TenantId, view! { <span class="mono small">{or_dash(s.tenant_id.clone())}</span> })}
                {row(i18n, Msg::UserId, view! { <span class="mono small">{or_dash(s.user_id.clone())}</span> })}
                {row(i18n, Msg::ColAddresses, view! { <Addresses addresses=s.addresses.clone() /> })}
            </dl>
        </section>
        <section class="panel">
            <h2>{i18n.text(Msg::ColAddresses)}</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Network)}</th>
                        <th scope="col">{i18n.text(Msg::Address)}</th>
                        <th scope="col">{i18n.text(Msg::IpVersion)}</th>
                        <th scope="col">{i18n.text(Msg::IpType)}</th>
                        <th scope="col">{i18n.text(Msg::MacAddress)}</th>
                    </tr>
                </thead>
                <tbody>
                    {addresses
                        .into_iter()
                        .map(|(net, a)| {
                            view! {
                                <tr>
                                    <td>{net}</td>
                                    <td class="mono">{a.addr}</td>
                                    <td>{or_dash(a.version)}</td>
                                    <td>{or_dash(a.ip_type)}</td>
                                    <td class="mono small">{or_dash(a.mac_addr)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        <div class="panel-row">
            <section class="panel">
                <h2>{i18n.text(Msg::SecurityGroups)}</h2>
                {list_or_none(i18n, s.security_groups.iter().map(|g| g.name.clone()).collect())}
            </section>
            <section class="panel">
                <h2>{i18n.text(Msg::AttachedVolumes)}</h2>
                {list_or_none(i18n, s.volumes_attached.iter().map(|v| v.id.clone()).collect())}
            </section>
            <section class="panel">
                <h2>{i18n.text(Msg::Metadata)}</h2>
                {if s.metadata.is_empty() {
                    view! { <p class="muted">{i18n.text(Msg::None)}</p> }.into_any()
                } else {
                    view! {
                        <dl class="kv-grid">
                            {s
                                .metadata
                                .iter()
                                .map(|(k, v)| {
                                    view! {
                                        <div class="kv">
                                            <dt class="mono">{k.clone()}</dt>
                                            <dd>{v.clone()}</dd>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                        .into_any()
                }}
            </section>
        </div>
        <details class="panel raw-json">
            <summary>{i18n.text(Msg::RawJson)}</summary>
            <pre class="raw">{raw}</pre>
        </details>
    }
}

fn list_or_none(i18n: I18n, items: Vec<String>) -> impl IntoView {
    if items.is_empty() {
        view! { <p class="muted">{i18n.text(Msg::None)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {items.into_iter().map(|i| view! { <li class="mono">{i}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
