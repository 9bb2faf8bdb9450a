//! The compute API under `/v2/{tenantId}`: one module per resource of the seed.

pub mod actions;
pub mod flavors;
pub mod keypairs;
pub mod servers;
pub mod versions;
pub mod volume_attachments;
pub mod zones;

use std::any::Any;

use axum::body::Body;
use axum::extract::{RawPathParams, Request};
use axum::http::Response;
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Router};

use crate::auth::Caller;
use crate::fault::Fault;
use crate::RegionState;

/// The compute routes (and Cinder's volume listing, which shares the `/v2/{tenant}` prefix).
pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/v2/{tenant_id}/flavors", get(flavors::list))
        .route("/v2/{tenant_id}/flavors/detail", get(flavors::detail))
        .route("/v2/{tenant_id}/flavors/{flavor_id}", get(flavors::show))
        .route("/v2/{tenant_id}/os-availability-zone", get(zones::list))
        .route(
            "/v2/{tenant_id}/os-keypairs",
            get(keypairs::list).post(keypairs::create),
        )
        .route(
            "/v2/{tenant_id}/os-keypairs/{name}",
            get(keypairs::show).delete(keypairs::delete),
        )
        .route(
            "/v2/{tenant_id}/servers",
            get(servers::list).post(servers::create),
        )
        .route("/v2/{tenant_id}/servers/detail", get(servers::detail))
        .route(
            "/v2/{tenant_id}/servers/{server_id}",
            get(servers::show)
                .put(servers::update)
                .delete(servers::delete),
        )
        .route(
            "/v2/{tenant_id}/servers/{server_id}/action",
            axum::routing::post(actions::action),
        )
        .route(
            "/v2/{tenant_id}/servers/{server_id}/os-volume_attachments",
            get(volume_attachments::list).post(volume_attachments::attach),
        )
        .route(
            "/v2/{tenant_id}/servers/{server_id}/os-volume_attachments/{volume_id}",
            get(volume_attachments::show).delete(volume_attachments::detach),
        )
        .merge(crate::services::volumes::routes())
        .route_layer(middleware::from_fn(check_tenant))
}

/// The tenant in the URL must be the token's. Nova answers a mismatch with 400
/// ("Malformed request URL: URL's project_id … doesn't match Context's project_id …").
async fn check_tenant(
    params: RawPathParams,
    Extension(caller): Extension<Caller>,
    request: Request,
    next: Next,
) -> axum::response::Response {
    if let Some((_, tenant)) = params.iter().find(|(k, _)| *k == "tenant_id") {
        if tenant != caller.tenant_id {
            return Fault::bad_request(format!(
                "Malformed request URL: URL's project_id '{tenant}' doesn't match Context's project_id '{}'",
                caller.tenant_id
            ))
            .into_response();
        }
    }
    next.run(request).await
}

/// A handler that panicked (a rule not implemented yet, a bug) answers Nova's 500 fault
/// instead of dropping the connection.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown error".into());
    Fault::compute_fault(format!(
        "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'compute_sim.panic'> ({detail})"
    ))
    .into_response()
}

/// `{"href": …, "rel": …}` self and bookmark links of a resource.
pub fn links(state: &RegionState, kind: &str, id: &str) -> Vec<compute_api::server::Link> {
    vec![
        compute_api::server::Link {
            href: format!("{}/{kind}/{id}", state.compute_url()),
            rel: "self".into(),
        },
        compute_api::server::Link {
            href: format!("{}/{kind}/{id}", state.bookmark_url()),
            rel: "bookmark".into(),
        },
    ]
}

pub use crate::query::{last_segment, query_value, QueryPairs};
