//! `GET /os-availability-zone`.

use axum::extract::State;
use axum::Json;
use compute_api::zone::{AvailabilityZone, AvailabilityZoneList, ZoneState};

use crate::RegionState;

pub async fn list(State(state): State<RegionState>) -> Json<AvailabilityZoneList> {
    let store = state.store();
    Json(AvailabilityZoneList {
        availability_zone_info: store
            .zones
            .iter()
            .map(|z| AvailabilityZone {
                zone_name: z.clone(),
                zone_state: ZoneState { available: true },
            })
            .collect(),
    })
}
