//! Image names for image ids, for the instance list and page: read from Glance in batches
//! (`id=in:…`), once per id and region for the session, and an id Glance no longer has is
//! known as deleted (a 404 on `GET /v2/images/{id}`).

use std::collections::{HashMap, HashSet};

use compute_api::request::{self, IMAGE_ID_BATCH};
use compute_api::services::Image;
use leptos::prelude::*;

use crate::client::Api;
use crate::tasks::TaskScope;

/// What is known of an image id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageName {
    Named(String),
    /// Glance answered 404: the image was deleted (the instance still runs from it).
    Deleted,
}

/// The names read so far in the selected region. Ids whose read failed for another reason
/// stay unnamed (the id is shown) until the region changes.
#[derive(Clone, Copy)]
pub struct ImageNames {
    names: RwSignal<HashMap<String, ImageName>>,
    asked: StoredValue<HashSet<String>>,
    api: Api,
    tasks: TaskScope,
}

impl ImageNames {
    pub fn new(api: Api, region: Memo<Option<String>>) -> Self {
        let names = Self {
            names: RwSignal::new(HashMap::new()),
            asked: StoredValue::new(HashSet::new()),
            api,
            tasks: TaskScope::new(),
        };
        // Another region has other images (and the same id may not be there).
        Effect::new(move |previous: Option<Option<String>>| {
            let now = region.get();
            if previous.is_some_and(|p| p != now) {
                names.asked.set_value(HashSet::new());
                names.names.set(HashMap::new());
            }
            now
        });
        names
    }

    /// What is known of `id` (tracked).
    pub fn get(&self, id: &str) -> Option<ImageName> {
        self.names.with(|n| n.get(id).cloned())
    }

    /// The whole map (tracked), for tables.
    pub fn all(&self) -> Signal<HashMap<String, ImageName>> {
        self.names.into()
    }

    /// Reads the names of the ids not asked for yet (only those are copied: this runs over
    /// every loaded server whenever the list changes).
    pub fn want<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        let fresh: Vec<String> = self
            .asked
            .try_update_value(|asked| {
                let mut fresh = Vec::new();
                for id in ids {
                    if !id.is_empty() && !asked.contains(id) {
                        asked.insert(id.to_string());
                        fresh.push(id.to_string());
                    }
                }
                fresh
            })
            .unwrap_or_default();
        for batch in fresh.chunks(IMAGE_ID_BATCH) {
            let batch = batch.to_vec();
            let this = *self;
            self.tasks.spawn(async move { this.read(batch).await });
        }
    }

    async fn read(self, ids: Vec<String>) {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let listed = match self.api.fetch(&request::list_images_by_id(&refs)).await {
            Ok(list) => list.images,
            // A Glance without the `in:` operator: one id at a time, below.
            Err(error) if error.status() == Some(400) => Vec::new(),
            // The names are a nicety: the ids stay shown.
            Err(_) => return,
        };
        self.learn(&listed);
        // Not listed: deleted, or not visible to this project. Only a 404 says deleted.
        for id in ids.iter().filter(|id| !listed.iter().any(|i| &i.id == *id)) {
            match self.api.fetch(&request::show_image(id)).await {
                Ok(image) => self.learn(std::slice::from_ref(&image)),
                Err(error) if error.status() == Some(404) => {
                    self.names.try_update(|n| {
                        n.insert(id.clone(), ImageName::Deleted);
                    });
                }
                Err(_) => {}
            }
        }
    }

    fn learn(&self, images: &[Image]) {
        self.names.try_update(|n| {
            for image in images {
                let name = image.name.clone().filter(|s| !s.is_empty());
                n.insert(
                    image.id.clone(),
                    ImageName::Named(name.unwrap_or_else(|| image.id.clone())),
                );
            }
        });
    }
}
