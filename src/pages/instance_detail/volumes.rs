//! The volumes tab: the instance's attachments, one attachment's own fields
//! (`GET /servers/{id}/os-volume_attachments/{volume_id}`), attach and detach.

use std::collections::HashMap;

use compute_api::request;
use compute_api::rules::{check, is_root_device, Denied, Operation, ServerFacts};
use compute_api::server::Server;
use compute_api::services::Volume;
use compute_api::volume_attachment::VolumeAttachment;
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::expect_api;
use crate::components::action_bar::denied_text;
use crate::components::format::or_dash;
use crate::components::ErrorMessage;
use crate::i18n::{use_i18n, CreateMsg, I18n, InstancesMsg, Message, Msg};
use crate::pages::LoadingRow;
use crate::store::expect_store;

/// The attachments of the instance, with attach and detach enabled by the state rules, and the
/// attachment being viewed.
#[component]
pub fn VolumesTab(
    /// The instance as last read.
    #[prop(into)]
    server: Signal<Option<Server>>,
    /// `GET …/os-volume_attachments`.
    attachments: LocalResource<Result<Vec<VolumeAttachment>, ApiError>>,
    /// A request is in flight.
    #[prop(into)]
    busy: Signal<bool>,
    /// Attach was clicked.
    on_attach: Callback<()>,
    /// Detach was clicked for a volume.
    on_detach: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
    let verdict = move |op: Operation| -> Result<(), Option<Denied>> {
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
    // The attachment being viewed, read on its own from the API.
    let viewing = RwSignal::new(None::<String>);
    // A detached volume's view closes with its row.
    Effect::new(move |_| {
        if let Some(Ok(list)) = attachments.get() {
            let gone = viewing.with_untracked(|v| {
                v.as_ref()
                    .is_some_and(|v| !list.iter().any(|a| &a.volume_id == v))
            });
            if gone {
                viewing.set(None);
            }
        }
    });
    // Names and sizes from the block-storage service: a nicety, the ids show without them.
    let volumes = expect_store().volumes;
    volumes.read();
    let volume_facts = Signal::derive(move || {
        volumes
            .get()
            .and_then(Result::ok)
            .map(|list| list.into_iter().map(|v| (v.id.clone(), v)).collect())
            .unwrap_or_default()
    });
    let server_id = Memo::new(move |_| server.with(|s| s.as_ref().map(|s| s.id.clone())));
    let viewed = LocalResource::new(move || {
        let volume = viewing.get();
        let sid = server_id.get();
        async move {
            let (Some(volume), Some(sid)) = (volume, sid) else {
                return None;
            };
            Some(
                api.fetch(&request::show_volume_attachment(&sid, &volume))
                    .await
                    .map(|e| e.volume_attachment),
            )
        }
    });
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
                Some(Ok(list)) => view! {
                    <AttachmentTable
                        attachments=list
                        volumes=volume_facts
                        detach_denied=Signal::derive(move || reason(Operation::DetachVolume))
                        detach_disabled=Signal::derive(move || verdict(Operation::DetachVolume).is_err() || busy.get())
                        on_view=Callback::new(move |volume| viewing.set(Some(volume)))
                        on_detach
                    />
                }
                .into_any(),
            }}
            {move || {
                viewing.get()?;
                Some(match viewed.get().flatten() {
                    None => view! { <LoadingRow /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                    Some(Ok(attachment)) => view! {
                        <AttachmentFields attachment on_close=Callback::new(move |_: ()| viewing.set(None)) />
                    }
                    .into_any(),
                })
            }}
        </section>
    }
}

/// The attachments table (`volume-row` per attachment): view and detach per row.
#[component]
pub fn AttachmentTable(
    attachments: Vec<VolumeAttachment>,
    /// The block-storage service's volumes by id, for their names and sizes.
    #[prop(optional, into)]
    volumes: Signal<HashMap<String, Volume>>,
    /// Why detach is refused, if it is.
    #[prop(into)]
    detach_denied: Signal<Option<String>>,
    /// Detach is refused or a request is in flight.
    #[prop(into)]
    detach_disabled: Signal<bool>,
    /// View was clicked for a volume.
    on_view: Callback<String>,
    /// Detach was clicked for a volume.
    on_detach: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = attachments
        .into_iter()
        .map(|a| {
            let to_view = a.volume_id.clone();
            let to_detach = a.volume_id.clone();
            let id = a.volume_id.clone();
            // The root volume is never detached (compute-api's `check_detach`): its button
            // stays disabled and says why, whatever the state allows.
            let is_root = a.device.as_deref().is_some_and(is_root_device);
            let denied = move || {
                if is_root {
                    Some(denied_text(i18n.lang(), &Denied::RootVolume))
                } else {
                    detach_denied.get()
                }
            };
            let facts = move |pick: fn(&Volume) -> Option<String>| {
                let id = id.clone();
                move || or_dash(volumes.with(|v| v.get(&id).and_then(pick)))
            };
            view! {
                <tr data-testid="volume-row" data-volume-id=a.volume_id.clone()>
                    <td class="mono">
                        {or_dash(a.device)}
                        {is_root
                            .then(|| {
                                view! {
                                    " "
                                    <span class="tag" data-testid="volume-root">
                                        {i18n.text(CreateMsg::RootDisk)}
                                    </span>
                                }
                            })}
                    </td>
                    <td data-testid="volume-name">{facts(|v| v.name.clone())}</td>
                    <td class="num" data-testid="volume-size">{facts(|v| v.size.map(|gb| gb.to_string()))}</td>
                    <td class="mono small">{a.volume_id.clone()}</td>
                    <td class="mono small">{or_dash(a.id)}</td>
                    <td class="nowrap">
                        <button
                            type="button"
                            class="ghost"
                            data-testid="view-attachment"
                            on:click=move |_| on_view.run(to_view.clone())
                        >
                            {i18n.text(InstancesMsg::ViewAttachment)}
                        </button>
                        " "
                        <button
                            type="button"
                            class="danger"
                            data-testid="action-detach-volume"
                            title=denied
                            disabled=move || is_root || detach_disabled.get()
                            on:click=move |_| on_detach.run(to_detach.clone())
                        >
                            {i18n.text(Msg::OpDetachVolume)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Msg::Device)}</th>
                    <th scope="col">{i18n.text(Msg::ColName)}</th>
                    <th scope="col" class="num">{i18n.text(CreateMsg::SizeGb)}</th>
                    <th scope="col">{i18n.text(Msg::VolumeId)}</th>
                    <th scope="col">{i18n.text(Msg::AttachmentId)}</th>
                    <th scope="col">
                        <span class="visually-hidden">{i18n.text(InstancesMsg::ColRowActions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Every field of one attachment as the API gave it (`attachment-detail`).
#[component]
pub fn AttachmentFields(attachment: VolumeAttachment, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="attachment-detail" data-testid="attachment-detail" aria-labelledby="attachment-title">
            <header class="panel-header">
                <h3 id="attachment-title">{i18n.text(InstancesMsg::AttachmentDetail)}</h3>
                <button type="button" class="ghost" data-testid="attachment-close" on:click=move |_| on_close.run(())>
                    {i18n.text(Msg::Close)}
                </button>
            </header>
            <dl class="kv-grid">
                {field(i18n, "id", Msg::AttachmentId, attachment.id)}
                {field(i18n, "device", Msg::Device, attachment.device)}
                {field(i18n, "volumeId", Msg::VolumeId, Some(attachment.volume_id))}
                {field(i18n, "serverId", InstancesMsg::ServerId, attachment.server_id)}
            </dl>
        </section>
    }
}

/// One field of an attachment; `key` is the API's name for it (`data-field`).
fn field(
    i18n: I18n,
    key: &'static str,
    label: impl Message,
    value: Option<String>,
) -> impl IntoView {
    view! {
        <div class="kv">
            <dt>{i18n.text(label)}</dt>
            <dd class="mono small" data-field=key>{or_dash(value)}</dd>
        </div>
    }
}
