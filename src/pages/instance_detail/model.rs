//! The instance page's state and what it does: the instance read (and re-read every second
//! while an action runs or it is in a transitional state), its volume attachments, the
//! action runner, the open dialog and the image an image request made.

use compute_api::action::image_id_from_location;
use compute_api::request;
use compute_api::rules::Operation;
use compute_api::server::{Server, ServerEnvelope};
use compute_api::volume_attachment::VolumeAttachment;
use compute_api::{ApiError, Request};
use leptos::prelude::*;

use super::dialogs::{DialogHost, OpenDialog};
use super::overview::Detail;
use crate::actions::{plain_request, ActionRunner};
use crate::client::expect_api;
use crate::operations::needs_confirmation;
use crate::session::expect_session;
use crate::store::{expect_store, Volumes};

/// How often a followed instance is re-read.
const FOLLOW_MS: u64 = 1000;

/// Neither in a transitional status nor running a task.
fn settled(server: &Server) -> bool {
    !server.status.is_transitional() && !server.task_state.as_ref().is_some_and(|t| t.is_active())
}

/// The page's state, owned by the page (call [`InstanceDetail::new`] in its body).
#[derive(Clone, Copy)]
pub struct InstanceDetail {
    /// The instance id of the URL.
    pub id: Memo<String>,
    /// `GET /servers/{id}`, with the answer's JSON as it came.
    pub detail: LocalResource<Result<Detail, ApiError>>,
    /// The instance as last read, for the action bar (kept while a re-read is under way).
    pub current: RwSignal<Option<Server>>,
    /// Set after an action: re-read every second until the instance settles.
    pub following: RwSignal<bool>,
    /// Requests in flight and refusals, by instance: one for A never shows on B.
    pub actions: ActionRunner,
    /// The operation in flight for this instance.
    pub pending: Signal<Option<Operation>>,
    pub dialog: RwSignal<Option<OpenDialog>>,
    /// The image a `createImage` asked for: its location, and its id when the location has one.
    pub image_ref: RwSignal<Option<(String, Option<String>)>>,
    /// `GET /servers/{id}/os-volume_attachments`.
    pub attachments: LocalResource<Result<Vec<VolumeAttachment>, ApiError>>,
    attachments_version: RwSignal<u32>,
    /// The store's volumes, read again after an attach or a detach.
    volumes: Volumes,
    /// Where a deleted instance's page goes.
    go_to_list: Callback<()>,
}

impl InstanceDetail {
    pub fn new(id: Memo<String>, go_to_list: Callback<()>) -> Self {
        let api = expect_api();
        let session = expect_session();
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
        let current = RwSignal::new(None::<Server>);
        let actions = ActionRunner::new();
        let attachments_version = RwSignal::new(0u32);
        // Re-read the attachments when the server's own list changes or an attach or detach
        // is sent.
        let attachments_key = Memo::new(move |_| {
            current.with(|s| {
                s.as_ref().map(|s| {
                    let ids: Vec<String> =
                        s.volumes_attached.iter().map(|v| v.id.clone()).collect();
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
                api.fetch(&request::list_volume_attachments(&sid))
                    .await
                    .map(|l| l.volume_attachments)
            }
        });
        let page = Self {
            id,
            detail,
            current,
            following: RwSignal::new(false),
            actions,
            pending: Signal::derive(move || actions.pending(&id.get())),
            dialog: RwSignal::new(None),
            image_ref: RwSignal::new(None),
            attachments,
            attachments_version,
            volumes: expect_store().volumes,
            go_to_list,
        };
        page.follow();
        page
    }

    /// Keeps `current` in step with each read, starts afresh for another instance, and re-reads
    /// every second while the instance is followed or not settled.
    fn follow(self) {
        let store = expect_store();
        // Another instance (same route, new id): nothing of the previous one carries over.
        Effect::new(move |previous: Option<String>| {
            let now = self.id.get();
            if previous.is_some_and(|p| p != now) {
                self.current.set(None);
                self.following.set(false);
                self.dialog.set(None);
                self.image_ref.set(None);
            }
            now
        });
        Effect::new(move |_| {
            if let Some(Ok(d)) = self.detail.get() {
                if settled(&d.server) && self.following.get_untracked() {
                    self.following.set(false);
                    // The list row reads the shared store: refresh it once the instance
                    // settles.
                    store.servers.refresh_changes();
                }
                self.current.set(Some(d.server));
            }
        });
        if let Ok(handle) = set_interval_with_handle(
            move || {
                let busy = self.following.get_untracked()
                    || self
                        .current
                        .with_untracked(|s| s.as_ref().is_some_and(|s| !settled(s)));
                if busy && !document().hidden() && self.pending.get_untracked().is_none() {
                    self.detail.refetch();
                }
            },
            std::time::Duration::from_millis(FOLLOW_MS),
        ) {
            on_cleanup(move || handle.clear());
        }
    }

    /// The instance's name, or its id when it has none (tracked).
    pub fn instance_name(self) -> Signal<String> {
        Signal::derive(move || {
            self.current.with(|s| {
                s.as_ref()
                    .map(|s| s.display_name().to_string())
                    .unwrap_or_default()
            })
        })
    }

    /// Sends one request for an operation (the runner never sends it again). A refusal (409)
    /// is shown and the instance re-read, since the refusal means what was shown was stale.
    /// An open dialog stays (its OK disabled) until the answer comes.
    pub fn run(self, op: Operation, req: Request) {
        let Some(sid) = self
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.id.clone()))
        else {
            return;
        };
        let for_instance = sid.clone();
        self.actions.send(sid, op, req, move |outcome| {
            // The page may show another instance by now: nothing below is for that one.
            if self.id.get_untracked() != for_instance {
                return;
            }
            self.dialog.set(None);
            match outcome {
                Ok(_) if op == Operation::Delete => self.go_to_list.run(()),
                Ok(reply) => {
                    if op == Operation::CreateImage {
                        self.image_ref.set(reply.location.clone().map(|location| {
                            let id = image_id_from_location(&location).map(str::to_string);
                            (location, id)
                        }));
                    }
                    if matches!(op, Operation::AttachVolume | Operation::DetachVolume) {
                        self.attachments_version.update(|v| *v += 1);
                        self.volumes.read();
                    }
                    self.following.set(true);
                    self.detail.refetch();
                }
                Err(_) => self.detail.refetch(),
            }
        });
    }

    pub fn open_dialog(self, op: Operation, volume: Option<String>) {
        self.actions.clear_failure();
        self.dialog.set(Some(OpenDialog { op, volume }));
    }

    /// An action bar button: sent at once, or a confirmation or form first.
    pub fn act(self, op: Operation) {
        let sid = self
            .current
            .with_untracked(|s| s.as_ref().map(|s| s.id.clone()).unwrap_or_default());
        match plain_request(op, &sid) {
            Some(request) if !needs_confirmation(op) => self.run(op, request),
            _ => self.open_dialog(op, None),
        }
    }

    /// What the open dialog sends with, and how it closes.
    pub fn dialog_host(self) -> DialogHost {
        DialogHost {
            submit: Callback::new(move |(op, req): (Operation, Request)| self.run(op, req)),
            close: Callback::new(move |_: ()| self.dialog.set(None)),
            busy: Signal::derive(move || self.pending.get().is_some()),
        }
    }
}
