//! The block-storage volumes of the region, one copy for the screens that show them: the
//! instance page's volumes tab (names and sizes), its attach dialog (the available ones) and
//! "launch more like this" (the boot volume's image). Read when a screen opens that needs
//! them, and again after an attach or a detach changes them; dropped when the region or the
//! token changes.

use compute_api::request;
use compute_api::services::Volume;
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::Api;
use crate::tasks::TaskScope;

#[derive(Clone, Copy)]
pub struct Volumes {
    /// `None` until the first read of this region and token answers.
    list: RwSignal<Option<Result<Vec<Volume>, ApiError>>>,
    /// Counts the reads started, so only the last one's answer is kept.
    reads: StoredValue<u64>,
    api: Api,
    tasks: TaskScope,
}

impl Volumes {
    pub fn new<K: PartialEq + Clone + Send + Sync + 'static>(api: Api, key: Memo<K>) -> Self {
        let volumes = Self {
            list: RwSignal::new(None),
            reads: StoredValue::new(0),
            api,
            tasks: TaskScope::new(),
        };
        Effect::new(move |previous: Option<K>| {
            let now = key.get();
            if previous.is_some_and(|p| p != now) {
                volumes.reads.update_value(|n| *n += 1);
                volumes.list.set(None);
            }
            now
        });
        volumes
    }

    /// The volumes as last read (tracked): `None` until a read answers.
    pub fn get(self) -> Option<Result<Vec<Volume>, ApiError>> {
        self.list.get()
    }

    /// Reads the list again; what it held stays on screen until the answer comes.
    pub fn read(self) {
        let this_read = self.start_read();
        self.tasks.spawn(async move {
            let answer = self.fetch().await;
            self.keep(this_read, answer);
        });
    }

    /// Reads the list again and gives the answer (also kept for the other screens).
    pub async fn fresh(self) -> Result<Vec<Volume>, ApiError> {
        let this_read = self.start_read();
        let answer = self.fetch().await;
        self.keep(this_read, answer.clone());
        answer
    }

    fn start_read(self) -> u64 {
        self.reads.update_value(|n| *n += 1);
        self.reads.get_value()
    }

    async fn fetch(self) -> Result<Vec<Volume>, ApiError> {
        self.api
            .fetch(&request::list_volumes())
            .await
            .map(|list| list.volumes)
    }

    /// Keeps an answer unless a later read (or another region) superseded it.
    fn keep(self, read: u64, answer: Result<Vec<Volume>, ApiError>) {
        if self.reads.try_get_value() == Some(read) {
            self.list.try_set(Some(answer));
        }
    }
}
