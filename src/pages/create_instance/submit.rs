//! Sending the create request once, and what came of it.
//!
//! A POST is never sent again by itself. When its outcome is unknown (no answer, a 5xx, an
//! answer that cannot be read) the servers with the requested name are looked up and shown,
//! and only then may the user send it again, with an explicit button.

use compute_api::request::{self, ServerQuery};
use compute_api::server::{CreateServer, CreateServerResponse, Server};
use compute_api::{ApiError, ServerStatus};
use leptos::prelude::*;

use super::draft;
use crate::client::Api;
use crate::components::{ErrorMessage, StatusBadge};
use crate::i18n::{use_i18n, CreateMsg};
use crate::paths::instance_href;
use crate::tasks::TaskScope;

/// How often a new instance is read again while it builds.
const FOLLOW_MS: u64 = 2_000;

/// Where a create stands.
#[derive(Debug, Clone, Default)]
pub enum Outcome {
    #[default]
    Idle,
    Sending,
    /// A definite refusal (4xx): nothing was created; the form may be changed and sent.
    Refused(ApiError),
    /// No clear answer. `found` is `None` while the list is being checked.
    Unknown {
        error: ApiError,
        // Boxed: the request is large and the other states are small.
        request: Box<CreateServer>,
        found: Option<Result<Vec<Server>, ApiError>>,
    },
    /// Accepted: the new server (or the reservation), followed until it settles.
    Created {
        server_id: Option<String>,
        reservation_id: Option<String>,
        servers: Vec<Server>,
    },
}

fn settled(servers: &[Server]) -> bool {
    !servers.is_empty()
        && servers
            .iter()
            .all(|s| matches!(s.status, ServerStatus::Active | ServerStatus::Error))
}

/// A regular expression matching exactly `name` and the `name-N` of a multiple create.
fn name_pattern(name: &str) -> String {
    let mut escaped = String::new();
    for c in name.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    format!("^{escaped}(-[0-9]+)?$")
}

/// The create request's life: send, classify the answer, follow the result.
#[derive(Clone, Copy)]
pub struct Submission {
    api: Api,
    /// The request and the reads after it belong to the page.
    tasks: TaskScope,
    pub outcome: RwSignal<Outcome>,
    /// A follow-up read is under way (never two at once).
    reading: RwSignal<bool>,
}

impl Submission {
    pub fn new(api: Api) -> Self {
        let submission = Self {
            api,
            tasks: TaskScope::new(),
            outcome: RwSignal::new(Outcome::Idle),
            reading: RwSignal::new(false),
        };
        if let Ok(handle) = set_interval_with_handle(
            move || submission.follow(),
            std::time::Duration::from_millis(FOLLOW_MS),
        ) {
            on_cleanup(move || handle.clear());
        }
        submission
    }

    /// Submit stays disabled while a request is out, after a success, and while an unknown
    /// outcome has not been cleared up (its own button sends again).
    pub fn blocks_submit(&self) -> bool {
        self.outcome
            .with(|o| !matches!(o, Outcome::Idle | Outcome::Refused(_)))
    }

    pub fn is_sending(&self) -> bool {
        self.outcome.with(|o| matches!(o, Outcome::Sending))
    }

    /// Sends the request: exactly once per call, and never while another is out.
    pub fn send(self, server: CreateServer) {
        if matches!(self.outcome.get_untracked(), Outcome::Sending) {
            return;
        }
        self.outcome.set(Outcome::Sending);
        self.tasks.spawn(async move {
            let reply = self.api.send(&request::create_server(&server)).await;
            let decoded = reply.and_then(|r| r.json::<CreateServerResponse>());
            match decoded {
                Ok(CreateServerResponse::Created { server: created }) => {
                    draft::clear();
                    self.outcome.set(Outcome::Created {
                        server_id: Some(created.id),
                        reservation_id: None,
                        servers: Vec::new(),
                    });
                    self.follow();
                }
                Ok(CreateServerResponse::Reservation { reservation_id }) => {
                    draft::clear();
                    self.outcome.set(Outcome::Created {
                        server_id: None,
                        reservation_id: Some(reservation_id),
                        servers: Vec::new(),
                    });
                    self.follow();
                }
                // No answer, a 5xx, or a success status with an unreadable body: it may well
                // have created something.
                Err(error) if error.outcome_unknown() => {
                    self.outcome.set(Outcome::Unknown {
                        error,
                        request: Box::new(server.clone()),
                        found: None,
                    });
                    let query = ServerQuery {
                        name: Some(name_pattern(&server.name)),
                        ..ServerQuery::default()
                    };
                    let found = self
                        .api
                        .fetch(&request::list_servers_detail(&query))
                        .await
                        .map(|list| list.servers);
                    self.outcome.update(|o| {
                        if let Outcome::Unknown { found: slot, .. } = o {
                            *slot = Some(found);
                        }
                    });
                }
                Err(error) => self.outcome.set(Outcome::Refused(error)),
            }
        });
    }

    /// Reads the new server(s) again, unless they have settled.
    fn follow(self) {
        let target = self.outcome.with_untracked(|o| match o {
            Outcome::Created {
                server_id,
                reservation_id,
                servers,
            } if !settled(servers) => Some((server_id.clone(), reservation_id.clone())),
            _ => None,
        });
        let Some((server_id, reservation_id)) = target else {
            return;
        };
        if self.reading.get_untracked() {
            return;
        }
        self.reading.set(true);
        self.tasks.spawn(async move {
            let read = match (server_id, reservation_id) {
                (Some(id), _) => self
                    .api
                    .fetch(&request::show_server(&id))
                    .await
                    .map(|e| vec![e.server]),
                (None, Some(reservation)) => self
                    .api
                    .fetch(&request::list_servers_detail(&ServerQuery {
                        reservation_id: Some(reservation),
                        ..ServerQuery::default()
                    }))
                    .await
                    .map(|l| l.servers),
                (None, None) => Ok(Vec::new()),
            };
            // A failed read is tried again at the next tick; it changes nothing on the server.
            if let Ok(read) = read {
                self.outcome.update(|o| {
                    if let Outcome::Created { servers, .. } = o {
                        *servers = read;
                    }
                });
            }
            self.reading.set(false);
        });
    }
}

/// One followed instance: its name linking to its page, its status, and the fault.
fn server_line(server: Server) -> impl IntoView {
    let i18n = use_i18n();
    let name = server.display_name().to_string();
    view! {
        <li data-testid="create-result-server" data-id=server.id.clone() data-status=server.status.as_str().to_string()>
            <a href=instance_href(&server.id)>{name}</a>
            " "
            <StatusBadge status=server.status.clone() />
            {server
                .fault
                .map(|fault| {
                    view! {
                        <span class="fault" data-testid="create-result-fault">
                            {i18n.text(CreateMsg::Fault)}
                            ": "
                            {fault.message}
                        </span>
                    }
                })}
        </li>
    }
}

#[component]
pub fn SubmitOutcome(submission: Submission) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = submission.outcome;
    move || match outcome.get() {
        Outcome::Idle | Outcome::Sending => None,
        Outcome::Refused(error) => Some(
            view! {
                <section class="create-outcome" data-testid="create-refused">
                    <p>{i18n.text(CreateMsg::Refused)}</p>
                    <ErrorMessage error />
                </section>
            }
            .into_any(),
        ),
        Outcome::Unknown {
            error,
            request,
            found,
        } => {
            let found_view = match found {
                None => view! { <p role="status">{i18n.text(CreateMsg::Checking)}</p> }.into_any(),
                Some(Err(error)) => view! {
                    <p>{i18n.text(CreateMsg::CheckFailed)}</p>
                    <ErrorMessage error />
                }
                .into_any(),
                Some(Ok(servers)) if servers.is_empty() => {
                    view! { <p data-testid="create-found-none">{i18n.text(CreateMsg::FoundNone)}</p> }.into_any()
                }
                Some(Ok(servers)) => view! {
                    <p>{i18n.text(CreateMsg::FoundSome)}</p>
                    <ul class="create-found">{servers.into_iter().map(server_line).collect_view()}</ul>
                }
                .into_any(),
            };
            let checked =
                outcome.with_untracked(|o| matches!(o, Outcome::Unknown { found: Some(_), .. }));
            Some(
                view! {
                    <section class="create-outcome" role="alert" data-testid="create-unknown">
                        <p>{i18n.text(CreateMsg::OutcomeUnknown)}</p>
                        <ErrorMessage error />
                        {found_view}
                        {checked
                            .then(|| {
                                let request = request.clone();
                                view! {
                                    <button
                                        type="button"
                                        data-testid="create-resend"
                                        on:click=move |_| submission.send((*request).clone())
                                    >
                                        {i18n.text(CreateMsg::SendAgain)}
                                    </button>
                                }
                            })}
                    </section>
                }
                .into_any(),
            )
        }
        Outcome::Created {
            server_id,
            reservation_id,
            servers,
        } => {
            let done = settled(&servers);
            Some(
                view! {
                    <section class="create-outcome ok" role="status" data-testid="create-result">
                        <h2>{i18n.text(CreateMsg::ResultTitle)}</h2>
                        {reservation_id
                            .map(|id| {
                                view! {
                                    <p>
                                        {i18n.text(CreateMsg::ReservationId)}
                                        ": "
                                        <code data-testid="create-reservation">{id}</code>
                                    </p>
                                }
                            })}
                        {server_id
                            .filter(|_| servers.is_empty())
                            .map(|id| {
                                view! {
                                    <p>
                                        <a href=instance_href(&id)>{id.clone()}</a>
                                    </p>
                                }
                            })}
                        <ul class="create-found">{servers.into_iter().map(server_line).collect_view()}</ul>
                        <p class="hint">
                            {move || {
                                if done {
                                    i18n.t(CreateMsg::Settled)
                                } else {
                                    i18n.t(CreateMsg::Following)
                                }
                            }}
                        </p>
                        <button
                            type="button"
                            data-testid="create-another"
                            on:click=move |_| outcome.set(Outcome::Idle)
                        >
                            {i18n.text(CreateMsg::CreateAnother)}
                        </button>
                    </section>
                }
                .into_any(),
            )
        }
    }
}
