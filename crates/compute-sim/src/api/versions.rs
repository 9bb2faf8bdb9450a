//! Nova's version documents, served without a token: OpenStack clients read them to decide
//! which API version an endpoint speaks. This is v2.0 only (no microversions), like NHN.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::RegionState;

pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/v2", get(version))
        .route("/v2/", get(version))
        .route("/v2/{tenant_id}", get(version_for_tenant))
        .route("/v2/{tenant_id}/", get(version_for_tenant))
}

fn version_object(state: &RegionState, full: bool) -> Value {
    let mut v = json!({
        "id": "v2.0",
        "links": [{"href": format!("{}{}/v2/", state.app.public_url, state.region.prefix), "rel": "self"}],
        "status": "CURRENT",
        "version": "",
        "min_version": "",
        "updated": "2011-01-21T11:33:21Z"
    });
    if full {
        v["links"]
            .as_array_mut()
            .expect("links is an array")
            .push(json!({"href": "http://docs.openstack.org/", "rel": "describedby", "type": "text/html"}));
        v["media-types"] = json!([{
            "base": "application/json",
            "type": "application/vnd.openstack.compute+json;version=2"
        }]);
    }
    v
}

/// `GET /`: the list of versions.
pub fn versions_document(state: &RegionState) -> Value {
    json!({"versions": [version_object(state, false)]})
}

/// `GET /v2/`.
pub async fn version(State(state): State<RegionState>) -> Json<Value> {
    Json(json!({"version": version_object(&state, true)}))
}

/// `GET /v2/{tenant}`: the same document (keystoneauth asks the catalog URL first).
pub async fn version_for_tenant(
    State(state): State<RegionState>,
    Path(_tenant): Path<String>,
) -> Json<Value> {
    Json(json!({"version": version_object(&state, true)}))
}
