//! `/_sim` endpoints that change the simulated state at once (with `--test-control` only), for
//! tests and the benchmark:
//!
//! - `POST /_sim/servers/status` with `{"every": N, "status": "SHUTOFF"}`: every N-th server of
//!   KR1 in list order (Nova's default order, the first one included: positions 0, N, 2N …)
//!   gets that status, with the vm_state and power state the simulator's state model gives it,
//!   no task and no pending transition. Those whose status changes get `updated` = now, so
//!   `changes-since` reports them. Answers `{"matched": M, "changed": C, "ids": […]}`: the
//!   servers picked, those whose status changed, and the ids of the latter in list order.
//!   Statuses: ACTIVE, SHUTOFF, PAUSED, SUSPENDED, ERROR; anything else, or `every` 0, is a 400.
//! - `POST /_sim/clock` with `{"advanceMs": N}` and/or `{"stopped": true|false}`: moves the
//!   simulator's clock on (tokens expire, transitions come due) or stops it (a transition then
//!   stays at its first step until the clock moves); answers `{"now": "…Z"}`.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use compute_api::server::ServerFault;
use serde::Deserialize;
use serde_json::json;

use crate::fault::Fault;
use crate::store::status_of;
use crate::{clock, RegionState};

/// The state-changing control endpoints, on KR1.
pub fn routes() -> Router<RegionState> {
    Router::new()
        .route("/_sim/servers/status", post(set_statuses))
        .route("/_sim/clock", post(set_clock))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockChange {
    #[serde(default)]
    advance_ms: u64,
    stopped: Option<bool>,
}

async fn set_clock(State(state): State<RegionState>, body: Bytes) -> Response {
    let change: ClockChange = match crate::fault::parse_json(&body).and_then(|value| {
        serde_json::from_value(value).map_err(|e| Fault::bad_request(e.to_string()))
    }) {
        Ok(change) => change,
        Err(fault) => return fault.into_response(),
    };
    let clock = &state.app.clock;
    if let Some(stopped) = change.stopped {
        clock.set_stopped(stopped);
    }
    clock.advance(time::Duration::milliseconds(
        i64::try_from(change.advance_ms).unwrap_or(i64::MAX),
    ));
    Json(json!({"now": clock::zulu(clock.now())})).into_response()
}

#[derive(Debug, Deserialize)]
struct StatusChange {
    every: usize,
    status: String,
}

/// `(vm_state, power_state)` that Nova shows as `status` with no task, as the seed and the
/// actions use them.
fn settled(status: &str) -> Option<(&'static str, i64)> {
    Some(match status {
        "ACTIVE" => ("active", 1),
        "SHUTOFF" => ("stopped", 4),
        "PAUSED" => ("paused", 3),
        "SUSPENDED" => ("suspended", 7),
        "ERROR" => ("error", 0),
        _ => return None,
    })
}

async fn set_statuses(State(state): State<RegionState>, body: Bytes) -> Response {
    let value = match crate::fault::parse_json(&body) {
        Ok(value) => value,
        Err(fault) => return fault.into_response(),
    };
    let change: StatusChange = match serde_json::from_value(value) {
        Ok(change) => change,
        Err(e) => {
            return Fault::bad_request(format!(
                "Expected {{\"every\": N, \"status\": \"SHUTOFF\"}}: {e}"
            ))
            .into_response()
        }
    };
    if change.every == 0 {
        return Fault::bad_request("every must be at least 1").into_response();
    }
    let Some((vm_state, power)) = settled(&change.status) else {
        return Fault::bad_request(format!(
            "Unsupported status {}: ACTIVE, SHUTOFF, PAUSED, SUSPENDED or ERROR",
            change.status
        ))
        .into_response();
    };
    let now = state.app.clock.now();
    let mut store = state.store();
    let mut matched = 0;
    let mut ids = Vec::new();
    for server in store.servers.values_mut().step_by(change.every) {
        matched += 1;
        if status_of(server).as_str() == change.status && server.steps.is_empty() {
            continue;
        }
        server.vm_state = vm_state;
        server.power_state = power;
        server.task_state = None;
        server.steps.clear();
        server.updated = now;
        if vm_state == "active" && server.launched_at.is_none() {
            server.launched_at = Some(now);
        }
        server.fault = (vm_state == "error").then(|| ServerFault {
            code: Some(500),
            message: "Set to ERROR by the simulator's test control.".into(),
            details: None,
            created: Some(clock::zulu(now)),
        });
        ids.push(server.id.clone());
    }
    for id in &ids {
        store.busy.remove(id);
    }
    Json(json!({"matched": matched, "changed": ids.len(), "ids": ids})).into_response()
}
