//! The pages that load on their first visit, each a wasm chunk of its own (see [`crate::lazy`]).
//! Sign-in and the shell are not here: they are what the first load carries. The instance
//! list is, so the sign-in form does not wait for it: the sign-in page fetches it while the
//! user types, and a tab with a saved session fetches it beside the main module (the boot
//! script of `scripts/split-build.sh`).

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::lazy::lazy_route;
use crate::pages::create_instance::CreateInstancePage;
use crate::pages::flavors::FlavorsPage;
use crate::pages::instance_detail::InstanceDetailPage;
use crate::pages::instances::InstancesPage;
use crate::pages::keypair_detail::KeypairDetailPage;
use crate::pages::keypairs::KeypairsPage;
use crate::pages::zones::ZonesPage;

lazy_route!(
    /// `/instances`: the list, its filters, pager, row menus and bulk bar.
    InstancesRoute,
    cc_instances,
    || view! { <InstancesPage /> }
);
lazy_route!(
    /// `/instances/new`: the create wizard.
    CreateInstanceRoute,
    cc_create_instance,
    || view! { <CreateInstancePage /> }
);
lazy_route!(
    /// `/instances/:id`: one instance, its tabs and dialogs.
    InstanceDetailRoute,
    cc_instance_detail,
    || view! { <InstanceDetailPage /> }
);
lazy_route!(
    /// `/keypairs`: the list, the create and import forms, keys made in the browser.
    KeypairsRoute,
    cc_keypairs,
    || view! { <KeypairsPage /> }
);
lazy_route!(
    /// `/keypairs/:name`: one key pair.
    KeypairDetailRoute,
    cc_keypair_detail,
    || view! { <KeypairDetailPage /> }
);
lazy_route!(
    /// `/flavors`: the instance types.
    FlavorsRoute,
    cc_flavors,
    || view! { <FlavorsPage /> }
);
lazy_route!(
    /// `/zones`: the availability zones.
    ZonesRoute,
    cc_zones,
    || view! { <ZonesPage /> }
);

/// Starts loading the code of the page a link leads to (`path` as the console links it, without
/// the base path), so that the click finds it loaded: links call this when pointed at or
/// focused. Best effort and idempotent: a failure shows on the visit itself, and a loaded chunk
/// is not fetched again.
pub async fn preload(path: &str) {
    let segments: Vec<&str> = path
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    match segments.as_slice() {
        ["instances"] => InstancesRoute::preload().await,
        ["instances", "new"] => CreateInstanceRoute::preload().await,
        ["instances", _] => InstanceDetailRoute::preload().await,
        ["keypairs"] => KeypairsRoute::preload().await,
        ["keypairs", _] => KeypairDetailRoute::preload().await,
        ["flavors"] => FlavorsRoute::preload().await,
        ["zones"] => ZonesRoute::preload().await,
        _ => {}
    }
}
