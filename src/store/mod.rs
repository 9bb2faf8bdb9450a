//! The shared reactive resources of the signed-in region. One store per signed-in shell: every
//! screen reads the same copy, and signing out (which unmounts the shell) drops it.

use compute_api::flavor::Flavor;
use compute_api::keypair::Keypair;
use compute_api::request::{self, FlavorQuery};
use compute_api::zone::AvailabilityZone;
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::Api;
use crate::session::SessionState;

mod images;
mod keypairs;
mod servers;
mod volumes;

pub use images::{ImageName, ImageNames};
pub use keypairs::KeypairSender;
pub use servers::{ServerList, ShownRows};
pub use volumes::Volumes;

/// A list as the API gave it, or why not.
pub type Loaded<T> = Result<Vec<T>, ApiError>;

/// The lists every screen shares. Flavors, key pairs and zones refetch when the region or the
/// token changes; the instance list reads when its screen opens it (see [`ServerList`]).
#[derive(Clone, Copy)]
pub struct Store {
    /// The instance list: every page of its query, kept current (see [`ServerList`]).
    pub servers: ServerList,
    /// Image names for the ids servers carry, read as they are wanted.
    pub images: ImageNames,
    pub flavors: LocalResource<Loaded<Flavor>>,
    pub keypairs: LocalResource<Loaded<Keypair>>,
    pub zones: LocalResource<Loaded<AvailabilityZone>>,
    /// The block-storage volumes, read when a screen that shows them opens.
    pub volumes: Volumes,
}

impl Store {
    fn new(api: Api, session: SessionState) -> Self {
        // What a fetch depends on: the region and the token (a re-login refetches).
        let key = Memo::new(move |_| {
            session
                .current
                .with(|s| s.as_ref().map(|s| (s.region.clone(), s.token.clone())))
        });
        let servers = ServerList::new(api, session);
        let region = Memo::new(move |_| session.region());
        let images = ImageNames::new(api, region);
        let volumes = Volumes::new(api, region);
        let flavors = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch(&request::list_flavors_detail(&FlavorQuery::default()))
                    .await
                    .map(|list| list.flavors)
            }
        });
        let keypairs = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch(&request::list_keypairs())
                    .await
                    .map(|list| list.keypairs.into_iter().map(|k| k.keypair).collect())
            }
        });
        let zones = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch(&request::list_availability_zones())
                    .await
                    .map(|list| list.availability_zone_info)
            }
        });
        Self {
            servers,
            images,
            flavors,
            keypairs,
            zones,
            volumes,
        }
    }
}

/// Creates the store for the signed-in shell and provides it.
pub fn provide_store(api: Api, session: SessionState) -> Store {
    let store = Store::new(api, session);
    provide_context(store);
    store
}

pub fn expect_store() -> Store {
    expect_context::<Store>()
}
