//! The dialogs an action needs before its request is sent: confirmations (delete, hard
//! reboot, detach) and forms (rename, resize, create image, security groups, attach a volume).
//! Each form is a [`FormDialog`]; sending, closing and the in-flight state are the page's.

use std::collections::BTreeMap;

use compute_api::action::{RebootType, ServerAction};
use compute_api::flavor::Flavor;
use compute_api::request;
use compute_api::rules::Operation;
use compute_api::server::{Server, UpdateServer};
use compute_api::validate::{validate_metadata, validate_rename, ErrorKind};
use compute_api::volume_attachment::AttachVolume;
use compute_api::Request;
use leptos::prelude::*;

use crate::client::expect_api;
use crate::components::format::or_dash;
use crate::components::{ConfirmDialog, FormDialog};
use crate::i18n::{use_i18n, Msg};
use crate::operations::{confirmation, operation_msg};
use crate::pages::LoadingRow;
use crate::store::expect_store;

/// A dialog that is open: an operation, and for a detach the volume it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDialog {
    pub op: Operation,
    pub volume: Option<String>,
}

/// What every dialog gets from the page.
#[derive(Clone, Copy)]
pub struct DialogHost {
    /// Sends the operation's request (once; the page keeps the dialog open while in flight).
    pub submit: Callback<(Operation, Request)>,
    /// Closes the dialog without sending.
    pub close: Callback<()>,
    /// A request is in flight.
    pub busy: Signal<bool>,
}

impl DialogHost {
    fn title(self, op: Operation) -> Signal<String> {
        let i18n = use_i18n();
        Signal::derive(move || i18n.t(operation_msg(op)).to_string())
    }
}

/// The dialog of an operation for the instance `server` (named `name` in confirmations).
pub fn action_dialog(
    open: OpenDialog,
    server: Server,
    name: Signal<String>,
    host: DialogHost,
) -> AnyView {
    let OpenDialog { op, volume } = open;
    let sid = server.id.clone();
    // A confirmation naming the instance (and the volume): OK sends `req`.
    let confirm = |req: Request| {
        let i18n = use_i18n();
        let template = confirmation(op).unwrap_or(Msg::ConfirmTitle);
        let volume = volume.clone().unwrap_or_default();
        let message = Signal::derive(move || {
            i18n.t(template)
                .replace("{name}", &name.get())
                .replace("{volume}", &volume)
        });
        let on_ok = Callback::new(move |_: ()| host.submit.run((op, req.clone())));
        view! { <ConfirmDialog message on_ok on_cancel=host.close busy=host.busy /> }.into_any()
    };
    match op {
        Operation::Delete => confirm(request::delete_server(&sid)),
        Operation::RebootHard => confirm(request::server_action(
            &sid,
            &ServerAction::reboot(RebootType::Hard),
        )),
        Operation::DetachVolume => confirm(request::detach_volume(
            &sid,
            volume.as_deref().unwrap_or_default(),
        )),
        Operation::Rename => view! { <RenameDialog server host /> }.into_any(),
        Operation::Resize => view! { <ResizeDialog server host /> }.into_any(),
        Operation::CreateImage => view! { <CreateImageDialog server host /> }.into_any(),
        Operation::AddSecurityGroup | Operation::RemoveSecurityGroup => {
            view! { <SecurityGroupDialog op server host /> }.into_any()
        }
        Operation::AttachVolume => view! { <AttachVolumeDialog server host /> }.into_any(),
        // Start, stop and soft reboot are sent without a dialog.
        Operation::Start | Operation::Stop | Operation::RebootSoft => ().into_any(),
    }
}

/// A text field bound to a signal.
fn text_input(value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    view! {
        <input
            type="text"
            data-testid=testid
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

/// A picker over `choices` (value, label), or a typed value when there are none (the service
/// is not in the catalog, or has nothing to offer); a loading line while they are read
/// (`None`). The first choice is preselected.
fn pick_or_type(
    choices: Signal<Option<Vec<(String, String)>>>,
    chosen: RwSignal<String>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        // Still reading: neither field yet, so the one shown is never swapped under the user.
        let Some(list) = choices.get() else {
            return view! { <LoadingRow /> }.into_any();
        };
        if list.is_empty() {
            return text_input(chosen, testid).into_any();
        }
        if chosen.get_untracked().is_empty() {
            chosen.set(list[0].0.clone());
        }
        view! {
            <select
                data-testid=testid
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                {list
                    .into_iter()
                    .map(|(value, label)| view! { <option value=value>{label}</option> })
                    .collect_view()}
            </select>
        }
        .into_any()
    }
}

#[component]
fn RenameDialog(server: Server, host: DialogHost) -> impl IntoView {
    let i18n = use_i18n();
    let op = Operation::Rename;
    let value = RwSignal::new(server.name.clone());
    let problem = move || {
        validate_rename(&value.get()).err().map(|kind| match kind {
            ErrorKind::TooLong { max, actual } => i18n
                .t(Msg::FieldTooLong)
                .replace("{max}", &max.to_string())
                .replace("{actual}", &actual.to_string()),
            ErrorKind::NotEnglish(c) => i18n
                .t(Msg::FieldNotEnglish)
                .replace("{char}", &c.to_string()),
            _ => i18n.t(Msg::FieldRequired).to_string(),
        })
    };
    let sid = server.id;
    let on_submit = Callback::new(move |_: ()| {
        let update = UpdateServer {
            name: Some(value.get_untracked()),
        };
        host.submit
            .run((op, request::update_server(&sid, &update).any_answer()));
    });
    view! {
        <FormDialog
            title=host.title(op)
            valid=Signal::derive(move || problem().is_none())
            busy=host.busy
            on_submit
            on_close=host.close
        >
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
        </FormDialog>
    }
}

/// The flavors offered for a resize: enabled ones other than the current.
fn resize_choices(flavors: Vec<Flavor>, current: &str) -> Vec<Flavor> {
    flavors
        .into_iter()
        .filter(|f| f.id != current && f.disabled != Some(true))
        .collect()
}

#[component]
fn ResizeDialog(server: Server, host: DialogHost) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_store();
    let op = Operation::Resize;
    let current = server
        .flavor
        .as_ref()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let all = store
        .flavors
        .get_untracked()
        .and_then(|r| r.ok())
        .unwrap_or_default();
    let choices = resize_choices(all, &current);
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
    // `OS-DCF:diskConfig` is optional: left out unless the user picks one.
    let disk_config = RwSignal::new(String::new());
    let sid = server.id;
    let on_submit = Callback::new(move |_: ()| {
        let disk_config = disk_config.get_untracked();
        let action = ServerAction::resize_with_disk_config(
            chosen.get_untracked(),
            Some(disk_config.as_str()).filter(|d| !d.is_empty()),
        );
        host.submit.run((op, request::server_action(&sid, &action)));
    });
    view! {
        <FormDialog
            title=host.title(op)
            valid=Signal::derive(move || !chosen.get().is_empty())
            busy=host.busy
            on_submit
            on_close=host.close
        >
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
            <label>
                {i18n.text(Msg::DiskConfig)}
                <select
                    data-testid="resize-disk-config"
                    prop:value=move || disk_config.get()
                    on:change=move |ev| disk_config.set(event_target_value(&ev))
                >
                    <option value="">{i18n.text(Msg::DiskConfigUnsent)}</option>
                    <option value="MANUAL">"MANUAL"</option>
                    <option value="AUTO">"AUTO"</option>
                </select>
            </label>
            <p class="hint">{i18n.text(Msg::DiskConfigHint)}</p>
        </FormDialog>
    }
}

/// Image metadata follows compute-api's metadata rules (as the simulator checks them).
fn metadata_ok(rows: &[(String, String)]) -> bool {
    validate_metadata(rows.iter().map(|(k, v)| (k.as_str(), v.as_str()))).is_empty()
}

#[component]
fn CreateImageDialog(server: Server, host: DialogHost) -> impl IntoView {
    let i18n = use_i18n();
    let op = Operation::CreateImage;
    let image_name = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<(String, String)>::new());
    let valid = Signal::derive(move || {
        validate_rename(&image_name.get()).is_ok() && rows.with(|r| metadata_ok(r))
    });
    let sid = server.id;
    let on_submit = Callback::new(move |_: ()| {
        let metadata: BTreeMap<String, String> = rows.get_untracked().into_iter().collect();
        let action = ServerAction::create_image(image_name.get_untracked(), metadata);
        host.submit.run((op, request::server_action(&sid, &action)));
    });
    // One editable cell of row `i`: `key` picks the key (else the value).
    let cell = move |i: usize, key: bool| {
        let (msg, testid) = if key {
            (Msg::MetadataKey, "image-meta-key")
        } else {
            (Msg::MetadataValue, "image-meta-value")
        };
        let pick = move |row: &(String, String)| if key { row.0.clone() } else { row.1.clone() };
        view! {
            <input
                type="text"
                aria-label=i18n.text(msg)
                placeholder=i18n.text(msg)
                data-testid=testid
                prop:value=move || rows.with(|r| r.get(i).map(pick).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    rows.update(|r| {
                        if let Some(row) = r.get_mut(i) {
                            if key { row.0 = v } else { row.1 = v }
                        }
                    });
                }
            />
        }
    };
    view! {
        <FormDialog title=host.title(op) valid busy=host.busy on_submit on_close=host.close>
            <label>
                {i18n.text(Msg::ImageName)}
                {text_input(image_name, "image-name")}
            </label>
            <fieldset>
                <legend>{i18n.text(Msg::Metadata)}</legend>
                <For each=move || 0..rows.with(Vec::len) key=|i| *i let:i>
                    <div class="meta-row">
                        {cell(i, true)}
                        {cell(i, false)}
                        <button
                            type="button"
                            class="ghost"
                            on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })
                        >
                            {i18n.text(Msg::Remove)}
                        </button>
                    </div>
                </For>
                <button
                    type="button"
                    class="ghost"
                    data-testid="image-meta-add"
                    on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))
                >
                    {i18n.text(Msg::AddMetadata)}
                </button>
            </fieldset>
        </FormDialog>
    }
}

#[component]
fn SecurityGroupDialog(op: Operation, server: Server, host: DialogHost) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_api();
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
            api.fetch(&request::list_security_groups())
                .await
                .map(|l| l.security_groups.into_iter().map(|g| g.name).collect())
                .unwrap_or_default()
        }
    });
    let choices = Signal::derive(move || {
        groups
            .get()
            .map(|names| names.into_iter().map(|n| (n.clone(), n)).collect())
    });
    let chosen = RwSignal::new(String::new());
    let sid = server.id;
    let on_submit = Callback::new(move |_: ()| {
        let name = chosen.get_untracked().trim().to_string();
        let action = if remove {
            ServerAction::remove_security_group(name)
        } else {
            ServerAction::add_security_group(name)
        };
        host.submit.run((op, request::server_action(&sid, &action)));
    });
    view! {
        <FormDialog
            title=host.title(op)
            valid=Signal::derive(move || !chosen.get().trim().is_empty())
            busy=host.busy
            on_submit
            on_close=host.close
        >
            <label>
                {i18n.text(Msg::SecurityGroup)}
                {pick_or_type(choices, chosen, "sg-name")}
            </label>
        </FormDialog>
    }
}

#[component]
fn AttachVolumeDialog(server: Server, host: DialogHost) -> impl IntoView {
    let i18n = use_i18n();
    let op = Operation::AttachVolume;
    // Available volumes of the block-storage service; none (or no service) leaves a typed id.
    let store_volumes = expect_store().volumes;
    let volumes = LocalResource::new(move || async move {
        store_volumes
            .fresh()
            .await
            .map(|volumes| {
                volumes
                    .into_iter()
                    .filter(|v| v.is_available())
                    .map(|v| {
                        let label =
                            format!("{} ({} GB, {})", v.display_name(), or_dash(v.size), v.id);
                        (v.id, label)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let choices = Signal::derive(move || volumes.get());
    let chosen = RwSignal::new(String::new());
    let sid = server.id;
    let on_submit = Callback::new(move |_: ()| {
        let attach = AttachVolume {
            volume_id: chosen.get_untracked().trim().to_string(),
            device: None,
        };
        host.submit
            .run((op, request::attach_volume(&sid, &attach).any_answer()));
    });
    view! {
        <FormDialog
            title=host.title(op)
            valid=Signal::derive(move || !chosen.get().trim().is_empty())
            busy=host.busy
            on_submit
            on_close=host.close
        >
            <label>
                {i18n.text(Msg::Volume)}
                {pick_or_type(choices, chosen, "attach-volume-id")}
            </label>
        </FormDialog>
    }
}
