//! The instance list's servers. The whole list is read page by page, the first rows shown as
//! soon as the first (small) page arrives; afterwards the list is kept current with
//! `changes-since` (changed rows merged, deleted ones dropped) instead of being read again.
//! The rules (pages, merging, which `changes-since`) are `compute_api::server_set`'s.

use std::sync::Arc;

use compute_api::request::{self, ServerQuery};
use compute_api::server::Server;
use compute_api::server_set::{can_merge_changes, first_page, next_page, Row, ServerSet, MAX_PAGE};
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::Api;
use crate::perf;
use crate::session::SessionState;
use crate::tasks::TaskScope;

/// Rows to show, shared without copying. Two are equal only when they are the same list, so a
/// memo of them notifies on every new list without comparing 10 000 rows.
#[derive(Clone, Default)]
pub struct ShownRows(pub Arc<Vec<Row>>);

impl PartialEq for ShownRows {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl ShownRows {
    pub fn from_servers(servers: Vec<Server>) -> Self {
        Self(Arc::new(ServerSet::from_servers(servers).rows().to_vec()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the list holds rows for: the query and the region and project they were read in.
#[derive(Clone, PartialEq)]
struct HeldFor {
    query: ServerQuery,
    scope: Option<(String, String)>,
}

/// The instance list's state. Reads happen only once a screen opens the list
/// ([`ServerList::open`]), and an answer to a read that was overtaken is dropped.
#[derive(Clone, Copy)]
pub struct ServerList {
    /// The rows, in the API's order.
    pub set: RwSignal<ServerSet>,
    /// The region and project (tracked by the screen, which opens the list again on a change).
    pub scope: Memo<Option<(String, String)>>,
    /// A read is under way.
    pub reading: RwSignal<bool>,
    /// Every page of the query is in `set`.
    pub complete: RwSignal<bool>,
    /// The query has been answered at least once (before, the screen says "Loading…").
    pub ready: RwSignal<bool>,
    /// Why the last read failed; the rows stay.
    pub error: RwSignal<Option<ApiError>>,
    held: StoredValue<Option<HeldFor>>,
    /// Counts the reads started; an answer to an older one is dropped.
    generation: StoredValue<u64>,
    api: Api,
    /// The reads belong to the signed-in shell: they end with it (sign-out).
    tasks: TaskScope,
}

impl ServerList {
    pub fn new(api: Api, session: SessionState) -> Self {
        Self {
            set: RwSignal::new(ServerSet::new()),
            scope: Memo::new(move |_| {
                session
                    .current
                    .with(|s| s.as_ref().map(|s| (s.region.clone(), s.tenant_id.clone())))
            }),
            reading: RwSignal::new(false),
            complete: RwSignal::new(false),
            ready: RwSignal::new(false),
            error: RwSignal::new(None),
            held: StoredValue::new(None),
            generation: StoredValue::new(0),
            api,
            tasks: TaskScope::new(),
        }
    }

    /// Whether a screen has opened the list yet (untracked).
    pub fn is_open(&self) -> bool {
        self.held.with_value(Option::is_some)
    }

    /// The query the rows were read with (untracked).
    pub fn query(&self) -> ServerQuery {
        self.held
            .with_value(|h| h.as_ref().map(|h| h.query.clone()))
            .unwrap_or_default()
    }

    /// Shows the list of `query`: read in full when the rows are of another query, region or
    /// project, otherwise brought up to date.
    pub fn open(self, query: ServerQuery) {
        if !self.tasks.is_alive() {
            return;
        }
        let wanted = HeldFor {
            query,
            scope: self.scope.get_untracked(),
        };
        if self.held.with_value(|h| h.as_ref() == Some(&wanted)) {
            self.refresh_changes();
            return;
        }
        self.held.set_value(Some(wanted));
        self.set.set(ServerSet::new());
        self.complete.set(false);
        self.ready.set(false);
        self.error.set(None);
        self.read_all(true);
    }

    /// Reads every page again. The rows on screen stay until the new list is complete.
    pub fn reload(self) {
        if self.tasks.is_alive() && self.held.with_value(Option::is_some) {
            self.read_all(false);
        }
    }

    /// Brings the list up to date: with `changes-since` when the query allows it, otherwise by
    /// reading it again. Nothing happens while a read is under way or before the list is open.
    /// Harmless once the shell is gone (a late caller finds nothing to do).
    pub fn refresh_changes(self) {
        if !self.tasks.is_alive()
            || self.reading.get_untracked()
            || self.held.with_value(Option::is_none)
        {
            return;
        }
        let since = self
            .set
            .with_untracked(|s| s.changes_since().map(str::to_string));
        let since = match since {
            Some(since) if can_merge_changes(&self.query()) && self.complete.get_untracked() => {
                since
            }
            _ => return self.reload(),
        };
        let generation = self.start_read();
        self.tasks.spawn(async move {
            let asked = ServerQuery {
                changes_since: Some(since),
                limit: Some(MAX_PAGE),
                ..ServerQuery::default()
            };
            let mut changes = Vec::new();
            let read = self
                .read_pages(generation, asked, |page| changes.extend(page))
                .await;
            if self.finish_read(generation, read) {
                self.set.maybe_update(|s| s.merge_changes(changes).any());
            }
        });
    }

    /// Reads every page of the query. `fresh`: the list is empty and fills page by page;
    /// otherwise the new list replaces the old once complete.
    fn read_all(self, fresh: bool) {
        let generation = self.start_read();
        let query = self.query();
        self.tasks.spawn(async move {
            perf::mark("cc:servers-requested");
            let mut building = ServerSet::new();
            let read = self
                .read_pages(generation, first_page(&query), |page| {
                    if fresh {
                        let first = self.set.with_untracked(|s| s.pages() == 0);
                        self.set.update(|s| s.push_page(page));
                        if first {
                            self.ready.set(true);
                            perf::mark_after_paint("cc:servers-first-rows");
                        }
                    } else {
                        building.push_page(page);
                    }
                })
                .await;
            if self.finish_read(generation, read) {
                if !fresh {
                    self.set.update(|shown| {
                        building.adopt_unchanged(shown);
                        *shown = building;
                    });
                }
                self.complete.set(true);
                perf::mark_after_paint("cc:servers-all-loaded");
            }
        });
    }

    /// Reads `asked` and the pages after it, giving each to `take`; stops early when a newer
    /// read started. A query with its own `limit` is one page (the pager moves on).
    async fn read_pages(
        self,
        generation: u64,
        asked: ServerQuery,
        mut take: impl FnMut(Vec<Server>),
    ) -> Result<(), ApiError> {
        let one_page = self.query().limit.is_some() && asked.changes_since.is_none();
        let mut asked = asked;
        loop {
            let page = self
                .api
                .fetch(&request::list_servers_detail(&asked))
                .await?
                .servers;
            if !self.is_current(generation) {
                return Ok(());
            }
            let next = next_page(&asked, page.len(), page.last().map(|s| s.id.as_str()));
            take(page);
            match next {
                Some(query) if !one_page => asked = query,
                _ => return Ok(()),
            }
        }
    }

    fn start_read(self) -> u64 {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.reading.set(true);
        generation
    }

    /// Whether `generation` is the latest read (false once the shell is gone too).
    fn is_current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Ends a read; whether its result should be used (it is current and succeeded).
    fn finish_read(self, generation: u64, read: Result<(), ApiError>) -> bool {
        if !self.is_current(generation) {
            return false;
        }
        self.reading.set(false);
        self.ready.set(true);
        match read {
            Ok(()) => {
                self.error.set(None);
                true
            }
            Err(error) => {
                self.error.set(Some(error));
                false
            }
        }
    }
}
