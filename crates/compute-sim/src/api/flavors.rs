//! Flavors: list, detail (both with `minDisk`/`minRam`), show.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use compute_api::flavor::{Flavor, FlavorEnvelope, FlavorList};
use serde_json::Value;

use super::{links, query_value, QueryPairs};
use crate::fault::Fault;
use crate::RegionState;

/// Nova's `minDisk`/`minRam`: flavors with at least that much.
fn filtered(state: &RegionState, query: &[(String, String)]) -> Result<Vec<Flavor>, Fault> {
    let bound = |key: &str| -> Result<Option<u64>, Fault> {
        query_value(query, key)
            .map(|v| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| Fault::bad_request(format!("Invalid {key} filter [{v}]")))
            })
            .transpose()
    };
    let min_disk = bound("minDisk")?;
    let min_ram = bound("minRam")?;
    let store = state.store();
    Ok(store
        .flavors
        .iter()
        .filter(|f| min_disk.is_none_or(|m| f.disk.unwrap_or(0) >= m))
        .filter(|f| min_ram.is_none_or(|m| f.ram.unwrap_or(0) >= m))
        .map(|f| with_links(state, f))
        .collect())
}

fn with_links(state: &RegionState, flavor: &Flavor) -> Flavor {
    let mut flavor = flavor.clone();
    flavor.links = links(state, "flavors", &flavor.id);
    flavor
}

/// A flavor as JSON with `swap: ""` (Nova's and NHN's spelling of "no swap").
pub fn flavor_json(flavor: &Flavor) -> Value {
    let mut value = serde_json::to_value(flavor).unwrap_or_default();
    if flavor.swap.is_none() {
        value["swap"] = Value::String(String::new());
    }
    value
}

pub async fn list(State(state): State<RegionState>, query: QueryPairs) -> Response {
    match filtered(&state, &query.0) {
        Ok(flavors) => Json(FlavorList {
            flavors: flavors
                .into_iter()
                .map(|f| Flavor {
                    id: f.id,
                    name: f.name,
                    links: f.links,
                    vcpus: None,
                    ram: None,
                    disk: None,
                    ephemeral: None,
                    swap: None,
                    disabled: None,
                    is_public: None,
                    rxtx_factor: None,
                    extra_specs: None,
                })
                .collect(),
        })
        .into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn detail(State(state): State<RegionState>, query: QueryPairs) -> Response {
    match filtered(&state, &query.0) {
        Ok(flavors) => Json(serde_json::json!({
            "flavors": flavors.iter().map(flavor_json).collect::<Vec<_>>()
        }))
        .into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn show(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
) -> Response {
    let flavor = state.store().flavor(&id).cloned();
    match flavor {
        Some(f) => {
            let f = with_links(&state, &f);
            // Typed first so a shape mistake here fails loudly in tests.
            let envelope = FlavorEnvelope { flavor: f };
            Json(serde_json::json!({"flavor": flavor_json(&envelope.flavor)})).into_response()
        }
        None => Fault::not_found(format!("Flavor {id} could not be found.")).into_response(),
    }
}
