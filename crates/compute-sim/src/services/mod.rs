//! The read-only services around compute that the console's pickers use: Glance images,
//! Neutron networks/subnets/security groups, Cinder volumes (routed with compute, see
//! [`volumes::routes`]).

pub mod images;
pub mod networks;
pub mod volumes;

use axum::routing::get;
use axum::Router;

use crate::RegionState;

/// Image and network routes (volumes share the compute prefix and are merged there).
pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/v2/images", get(images::list))
        .route(
            "/v2/images/{image_id}",
            get(images::show).delete(images::delete),
        )
        .route("/v2.0/networks", get(networks::networks))
        .route("/v2.0/networks/{id}", get(networks::network))
        .route("/v2.0/subnets", get(networks::subnets))
        .route("/v2.0/subnets/{id}", get(networks::subnet))
        .route("/v2.0/ports", get(networks::ports))
        .route("/v2.0/ports/{id}", get(networks::port))
        .route("/v2.0/security-groups", get(networks::security_groups))
        .route("/v2.0/security-groups/{id}", get(networks::security_group))
}
