//! Glance v2: `GET /v2/images` (with `limit`/`marker` and a `next` link) and
//! `GET /v2/images/{id}`, NHN's properties at the top level; `DELETE /v2/images/{id}` (instances
//! created from the image keep running, and keep its id).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::fault::glance_not_found;
use crate::query::{query_value, QueryPairs};
use crate::store::ImageRec;
use crate::{clock, RegionState};
use time::OffsetDateTime;

/// Glance's default page size.
const DEFAULT_LIMIT: usize = 25;
const MAX_LIMIT: usize = 1000;

fn render(image: &ImageRec, now: OffsetDateTime) -> Value {
    let mut value = serde_json::to_value(&image.image).unwrap_or_default();
    let status = if now >= image.ready_at {
        "active"
    } else {
        "saving"
    };
    let id = &image.image.id;
    let extra = json!({
        "status": status,
        "container_format": "bare",
        "disk_format": "qcow2",
        "file": format!("/v2/images/{id}/file"),
        "self": format!("/v2/images/{id}"),
        "schema": "/v2/schemas/image",
        "owner": image.owner,
        "size": if status == "active" { json!(image.size) } else { Value::Null },
        "virtual_size": Value::Null,
        "checksum": if status == "active" { json!(format!("{:032x}", image.size.wrapping_mul(2_654_435_761))) } else { Value::Null },
        "tags": [],
        "protected": image.image.visibility.as_deref() == Some("public"),
        "description": image.image.name,
        "os_architecture": "amd64",
        "hypervisor_type": "qemu",
        "created_at": clock::zulu(image.created),
        "updated_at": clock::zulu(if status == "active" { image.ready_at } else { image.created }),
    });
    if let (Some(target), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            target.insert(k.clone(), v.clone());
        }
        for (k, v) in &image.properties {
            target.insert(k.clone(), json!(v));
        }
    }
    value
}

pub async fn list(State(state): State<RegionState>, query: QueryPairs) -> Response {
    let limit = query_value(&query.0, "limit")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(DEFAULT_LIMIT)
        .min(MAX_LIMIT);
    let marker = query_value(&query.0, "marker").map(str::to_string);
    let store = state.store();
    // Glance's default order: newest first.
    let mut images: Vec<&ImageRec> = store.images.iter().collect();
    images.sort_by(|a, b| b.created.cmp(&a.created).then(b.image.id.cmp(&a.image.id)));
    let start = match &marker {
        Some(m) => match images.iter().position(|i| &i.image.id == m) {
            Some(p) => p + 1,
            None => {
                return (
                    axum::http::StatusCode::BAD_REQUEST,
                    format!("400 Bad Request\n\nmarker [{m}] not found\n\n   "),
                )
                    .into_response()
            }
        },
        None => 0,
    };
    let now = state.app.clock.now();
    let all: Vec<Value> = images[start..].iter().map(|i| render(i, now)).collect();
    let filtered = crate::query::attribute_filter(
        all,
        &query.0,
        &["limit", "marker", "sort_key", "sort_dir", "sort"],
    );
    let page: Vec<Value> = filtered.iter().take(limit).cloned().collect();
    let mut body = json!({
        "images": page,
        "schema": "/v2/schemas/images",
        "first": "/v2/images",
    });
    if filtered.len() > limit {
        if let Some(last) = page.last().and_then(|i| i["id"].as_str()) {
            body["next"] = json!(format!("/v2/images?marker={last}&limit={limit}"));
        }
    }
    Json(body).into_response()
}

pub async fn show(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    let store = state.store();
    match store.image(&id) {
        Some(image) => Json(render(image, state.app.clock.now())).into_response(),
        None => glance_not_found(&id),
    }
}

/// `DELETE /v2/images/{id}`: 204, or Glance's 404.
pub async fn delete(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    let mut store = state.store();
    let before = store.images.len();
    store.images.retain(|i| i.image.id != id);
    if store.images.len() == before {
        return glance_not_found(&id);
    }
    axum::http::StatusCode::NO_CONTENT.into_response()
}
