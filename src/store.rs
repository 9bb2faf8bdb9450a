//! The shared reactive resources of the signed-in region. One store per signed-in shell: every
//! screen reads the same copy, and signing out (which unmounts the shell) drops it.

use compute_api::flavor::{Flavor, FlavorList};
use compute_api::keypair::{Keypair, KeypairList};
use compute_api::request::{self, FlavorQuery, ServerQuery};
use compute_api::server::{Server, ServerDetailList};
use compute_api::zone::{AvailabilityZone, AvailabilityZoneList};
use compute_api::ApiError;
use leptos::prelude::*;

use crate::client::Api;
use crate::perf;
use crate::session::SessionState;

/// A list as the API gave it, or why not.
pub type Loaded<T> = Result<Vec<T>, ApiError>;

/// The lists every screen shares. Each refetches when the region or the token changes.
#[derive(Clone, Copy)]
pub struct Store {
    pub servers: LocalResource<Loaded<Server>>,
    /// The server-side filters and page `servers` is read with (the instance list's URL).
    pub server_query: RwSignal<ServerQuery>,
    /// The last list `servers` read successfully, with its query: shown under the error when a
    /// later read of the same query fails, so a bad answer does not blank the page.
    last_servers: StoredValue<Option<(ServerQuery, Vec<Server>)>>,
    pub flavors: LocalResource<Loaded<Flavor>>,
    pub keypairs: LocalResource<Loaded<Keypair>>,
    pub zones: LocalResource<Loaded<AvailabilityZone>>,
}

impl Store {
    fn new(api: Api, session: SessionState) -> Self {
        // What a fetch depends on: the region and the token (a re-login refetches).
        let key = Memo::new(move |_| {
            session
                .0
                .with(|s| s.as_ref().map(|s| (s.region.clone(), s.token.clone())))
        });
        let server_query = RwSignal::new(ServerQuery::default());
        let last_servers = StoredValue::new(None);
        let servers = LocalResource::new(move || {
            key.track();
            let query = server_query.get();
            async move {
                perf::mark("cc:servers-requested");
                let loaded = api
                    .fetch::<ServerDetailList>(&request::list_servers_detail(&query))
                    .await
                    .map(|list| list.servers);
                perf::mark("cc:servers-decoded");
                if let Ok(servers) = &loaded {
                    last_servers.try_set_value(Some((query, servers.clone())));
                }
                loaded
            }
        });
        let flavors = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch::<FlavorList>(&request::list_flavors_detail(&FlavorQuery::default()))
                    .await
                    .map(|list| list.flavors)
            }
        });
        let keypairs = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch::<KeypairList>(&request::list_keypairs())
                    .await
                    .map(|list| list.keypairs.into_iter().map(|k| k.keypair).collect())
            }
        });
        let zones = LocalResource::new(move || {
            key.track();
            async move {
                api.fetch::<AvailabilityZoneList>(&request::list_availability_zones())
                    .await
                    .map(|list| list.availability_zone_info)
            }
        });
        Self {
            servers,
            server_query,
            last_servers,
            flavors,
            keypairs,
            zones,
        }
    }
}

impl Store {
    /// The servers last read successfully with the current query, if any (untracked).
    pub fn last_good_servers(&self) -> Option<Vec<Server>> {
        let query = self.server_query.get_untracked();
        self.last_servers.with_value(|last| match last {
            Some((read_with, servers)) if *read_with == query => Some(servers.clone()),
            _ => None,
        })
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
