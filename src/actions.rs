//! Instance actions: the one runner behind the row menu, the bulk bar and the detail page's
//! action bar. It sends a request once (never again on its own), keeps which instance has a
//! request in flight and which failed, brings the instance list up to date after every answer,
//! and owns its tasks: when the component that made it goes (a page left, a dialog closed,
//! sign-out) nothing more is sent and no answer touches the screen.
//!
//! Confirmations and forms are the callers'; so is following an instance until it settles.

use std::collections::{HashMap, HashSet};

use compute_api::action::{RebootType, ServerAction};
use compute_api::request;
use compute_api::rules::Operation;
use compute_api::{ApiError, Request};
use leptos::prelude::*;

use crate::client::{expect_api, Api, RawReply};
use crate::store::{expect_store, ServerList};
use crate::tasks::TaskScope;

/// The request of an operation that needs nothing but the instance: what the row menu and
/// the bulk bar send. `None` for an operation that needs a form first.
pub fn plain_request(op: Operation, id: &str) -> Option<Request> {
    match op {
        Operation::Start => Some(request::server_action(id, &ServerAction::Start(()))),
        Operation::Stop => Some(request::server_action(id, &ServerAction::Stop(()))),
        Operation::RebootSoft => Some(request::server_action(
            id,
            &ServerAction::reboot(RebootType::Soft),
        )),
        Operation::RebootHard => Some(request::server_action(
            id,
            &ServerAction::reboot(RebootType::Hard),
        )),
        Operation::Delete => Some(request::delete_server(id)),
        Operation::Resize
        | Operation::CreateImage
        | Operation::AddSecurityGroup
        | Operation::RemoveSecurityGroup
        | Operation::AttachVolume
        | Operation::DetachVolume
        | Operation::Rename => None,
    }
}

/// A request the API refused or that got no answer, with the instance it was for.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub id: String,
    pub op: Operation,
    pub error: ApiError,
}

/// One instance of a bulk run and its request.
#[derive(Debug, Clone)]
pub struct BulkTarget {
    pub id: String,
    pub name: String,
    pub request: Request,
}

/// One line of a bulk run: the instance's name and what became of its request.
pub type BulkLine = (String, Result<(), ApiError>);

/// Sends instance actions for the component that made it (see the module's doc).
#[derive(Clone, Copy)]
pub struct ActionRunner {
    api: Api,
    list: ServerList,
    tasks: TaskScope,
    /// The operation in flight, by instance id.
    in_flight: RwSignal<HashMap<String, Operation>>,
    /// The last failure; cleared when another request starts.
    failure: RwSignal<Option<Failure>>,
}

impl ActionRunner {
    /// A runner owned by the current component (call it in a component's body).
    pub fn new() -> Self {
        Self {
            api: expect_api(),
            list: expect_store().servers,
            tasks: TaskScope::new(),
            in_flight: RwSignal::new(HashMap::new()),
            failure: RwSignal::new(None),
        }
    }

    /// The operation in flight for an instance (tracked).
    pub fn pending(self, id: &str) -> Option<Operation> {
        self.in_flight.with(|f| f.get(id).copied())
    }

    /// The instances with a request in flight (tracked).
    pub fn busy_ids(self) -> Signal<HashSet<String>> {
        Signal::derive(move || self.in_flight.with(|f| f.keys().cloned().collect()))
    }

    /// The last failure, whichever instance it was for (tracked).
    pub fn failure(self) -> Option<Failure> {
        self.failure.get()
    }

    /// The last failure if it was for this instance (tracked): another instance's error is
    /// never shown on this one.
    pub fn failure_for(self, id: &str) -> Option<ApiError> {
        self.failure
            .with(|f| f.as_ref().filter(|f| f.id == id).map(|f| f.error.clone()))
    }

    pub fn clear_failure(self) {
        self.failure.set(None);
    }

    /// Sends `request` (operation `op` on instance `id`) once. Refused, returning false, while
    /// a request for that instance is in flight. When the answer comes, and only while the
    /// owner is there, the list is brought up to date (an answer, even a refusal, means what
    /// it showed may be stale), a failure is kept for `id`, and `then` gets the outcome.
    pub fn send(
        self,
        id: String,
        op: Operation,
        request: Request,
        then: impl FnOnce(&Result<RawReply, ApiError>) + 'static,
    ) -> bool {
        if !self.tasks.is_alive() || self.in_flight.with_untracked(|f| f.contains_key(&id)) {
            return false;
        }
        self.in_flight.update(|f| {
            f.insert(id.clone(), op);
        });
        self.failure.set(None);
        self.tasks.spawn(async move {
            let outcome = self.api.send(&request).await;
            self.in_flight.update(|f| {
                f.remove(&id);
            });
            if let Err(error) = &outcome {
                self.failure.set(Some(Failure {
                    id,
                    op,
                    error: error.clone(),
                }));
            }
            self.list.refresh_changes();
            then(&outcome);
        });
        true
    }

    /// Sends `op` to each target, one request at a time, each once, and gives `done` a line
    /// per target. Stops sending when the owner goes (the dialog closed, the user signed out):
    /// the instances not reached yet are not touched.
    pub fn send_each(
        self,
        op: Operation,
        targets: Vec<BulkTarget>,
        done: impl FnOnce(Vec<BulkLine>) + 'static,
    ) {
        self.failure.set(None);
        self.tasks.spawn(async move {
            let mut lines = Vec::with_capacity(targets.len());
            for BulkTarget { id, name, request } in targets {
                self.in_flight.update(|f| {
                    f.insert(id.clone(), op);
                });
                let outcome = self.api.send(&request).await.map(|_| ());
                self.in_flight.update(|f| {
                    f.remove(&id);
                });
                lines.push((name, outcome));
            }
            self.list.refresh_changes();
            done(lines);
        });
    }
}

impl Default for ActionRunner {
    fn default() -> Self {
        Self::new()
    }
}
