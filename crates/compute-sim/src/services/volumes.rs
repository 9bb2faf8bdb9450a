//! Cinder v2: `GET /v2/{tenant}/volumes`, `/volumes/detail`, `/volumes/{id}`, and the same
//! three for `/snapshots`. Attachment state follows the compute side (`in-use` while
//! attached).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::fault::Fault;
use crate::query::QueryPairs;
use crate::store::{SnapshotRec, Store, VolumeRec};
use crate::{clock, RegionState};

pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/v2/{tenant_id}/volumes", get(list))
        .route("/v2/{tenant_id}/volumes/detail", get(detail))
        .route("/v2/{tenant_id}/volumes/{volume_id}", get(show))
        .route("/v2/{tenant_id}/snapshots", get(list_snapshots))
        .route("/v2/{tenant_id}/snapshots/detail", get(snapshot_detail))
        .route(
            "/v2/{tenant_id}/snapshots/{snapshot_id}",
            get(show_snapshot),
        )
}

fn links(state: &RegionState, id: &str) -> Value {
    json!([
        {"href": format!("{}/volumes/{id}", state.compute_url()), "rel": "self"},
        {"href": format!("{}/volumes/{id}", state.bookmark_url()), "rel": "bookmark"}
    ])
}

/// Cinder's copy of the image a volume was made from (`volume_image_metadata`): the image's
/// id and name and, as NHN copies them, its OS properties and minimums (strings, as Cinder
/// keeps them).
fn image_metadata(store: &Store, image_id: &str) -> Value {
    let mut meta = json!({ "image_id": image_id });
    if let Some(image) = store.image(image_id).map(|i| &i.image) {
        let texts = [
            ("image_name", image.name.clone()),
            ("os_type", image.os_type.clone()),
            ("os_distro", image.os_distro.clone()),
            ("os_version", image.os_version.clone()),
            ("login_username", image.login_username.clone()),
            ("min_disk", image.min_disk.map(|v| v.to_string())),
            ("min_ram", image.min_ram.map(|v| v.to_string())),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                meta[key] = json!(value);
            }
        }
    }
    meta
}

fn render(state: &RegionState, store: &Store, v: &VolumeRec) -> Value {
    let attachments: Vec<Value> = v
        .attached
        .iter()
        .map(|(server, device)| {
            json!({
                "server_id": server,
                "attachment_id": format!("{}", uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, format!("{}{server}", v.id).as_bytes())),
                "host_name": null,
                "volume_id": v.id,
                "device": device,
                "id": v.id
            })
        })
        .collect();
    let mut metadata = json!({});
    if v.attached.is_some() {
        metadata["attached_mode"] = json!("rw");
    }
    json!({
        "id": v.id,
        "name": v.name,
        "links": links(state, &v.id),
        "attachments": attachments,
        "availability_zone": v.availability_zone,
        "encrypted": false,
        "os-volume-replication:extended_status": null,
        "volume_type": v.volume_type,
        "snapshot_id": null,
        "size": v.size,
        "user_id": crate::auth::user_id(&state.app.config.username),
        "os-vol-tenant-attr:tenant_id": state.app.config.tenant_id,
        "metadata": metadata,
        "status": if v.attached.is_some() { "in-use" } else { "available" },
        "description": null,
        "multiattach": false,
        "source_volid": null,
        "consistencygroup_id": null,
        "bootable": if v.bootable { "true" } else { "false" },
        "volume_image_metadata": v.image_id.as_deref().map(|i| image_metadata(store, i)),
        "created_at": clock::micros(v.created),
        "os-volume-replication:driver_data": null,
        "replication_status": "disabled"
    })
}

/// Query keys of Cinder's lists that page, sort or scope rather than filter by an attribute.
const NOT_ATTRIBUTES: [&str; 7] = [
    "limit",
    "marker",
    "offset",
    "sort",
    "sort_key",
    "sort_dir",
    "all_tenants",
];

fn filtered(state: &RegionState, query: &[(String, String)]) -> Vec<Value> {
    let store = state.store();
    let all: Vec<Value> = store
        .volumes
        .iter()
        .map(|v| render(state, &store, v))
        .collect();
    crate::query::attribute_filter(all, query, &NOT_ATTRIBUTES)
}

pub async fn list(State(state): State<RegionState>, query: QueryPairs) -> Response {
    let volumes: Vec<Value> = filtered(&state, &query.0)
        .into_iter()
        .map(|v| json!({"id": v["id"], "links": v["links"], "name": v["name"]}))
        .collect();
    Json(json!({ "volumes": volumes })).into_response()
}

pub async fn detail(State(state): State<RegionState>, query: QueryPairs) -> Response {
    Json(json!({ "volumes": filtered(&state, &query.0) })).into_response()
}

pub async fn show(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
) -> Response {
    let store = state.store();
    match store.volume(&id) {
        Some(v) => Json(json!({ "volume": render(&state, &store, v) })).into_response(),
        None => Fault::not_found(format!("Volume {id} could not be found.")).into_response(),
    }
}

/// A snapshot as Cinder's detail list shows it (NHN's example has these fields).
fn render_snapshot(state: &RegionState, s: &SnapshotRec) -> Value {
    json!({
        "status": "available",
        "os-extended-snapshot-attributes:progress": "100%",
        "description": "",
        "created_at": clock::micros(s.created),
        "metadata": {},
        "volume_id": s.volume_id,
        "os-extended-snapshot-attributes:project_id": state.app.config.tenant_id,
        "size": s.size,
        "id": s.id,
        "name": s.name
    })
}

fn snapshots(state: &RegionState, query: &[(String, String)]) -> Vec<Value> {
    let store = state.store();
    let all = store
        .snapshots
        .iter()
        .map(|s| render_snapshot(state, s))
        .collect();
    crate::query::attribute_filter(all, query, &NOT_ATTRIBUTES)
}

pub async fn list_snapshots(State(state): State<RegionState>, query: QueryPairs) -> Response {
    let listed: Vec<Value> = snapshots(&state, &query.0)
        .into_iter()
        .map(|mut s| {
            if let Some(s) = s.as_object_mut() {
                s.remove("os-extended-snapshot-attributes:progress");
                s.remove("os-extended-snapshot-attributes:project_id");
            }
            s
        })
        .collect();
    Json(json!({ "snapshots": listed })).into_response()
}

pub async fn snapshot_detail(State(state): State<RegionState>, query: QueryPairs) -> Response {
    Json(json!({ "snapshots": snapshots(&state, &query.0) })).into_response()
}

pub async fn show_snapshot(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
) -> Response {
    let store = state.store();
    match store.snapshot(&id) {
        Some(s) => Json(json!({ "snapshot": render_snapshot(&state, s) })).into_response(),
        None => Fault::not_found(format!("Snapshot {id} could not be found.")).into_response(),
    }
}
