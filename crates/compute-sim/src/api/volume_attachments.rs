//! `/servers/{id}/os-volume_attachments`: list, show, attach, detach.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use compute_api::rules::Operation;
use compute_api::volume_attachment::{
    AttachVolumeRequest, VolumeAttachment, VolumeAttachmentEnvelope, VolumeAttachmentList,
};

use super::{query_value, QueryPairs};
use crate::fault::{decode, parse_json, Fault};
use crate::store::Attachment;
use crate::RegionState;

fn wire(server_id: &str, a: &Attachment) -> VolumeAttachment {
    VolumeAttachment {
        id: Some(a.volume_id.clone()),
        volume_id: a.volume_id.clone(),
        server_id: Some(server_id.to_string()),
        device: Some(a.device.clone()),
    }
}

pub async fn list(
    State(state): State<RegionState>,
    Path((_tenant, server_id)): Path<(String, String)>,
    query: QueryPairs,
) -> Response {
    let parse = |key: &str| -> Result<Option<usize>, Fault> {
        query_value(&query.0, key)
            .map(|v| {
                v.trim().parse::<usize>().map_err(|_| {
                    Fault::bad_request(format!(
                        "Invalid input for query parameters {key}. Value: {v}."
                    ))
                })
            })
            .transpose()
    };
    let (limit, offset) = match (parse("limit"), parse("offset")) {
        (Ok(l), Ok(o)) => (l.unwrap_or(usize::MAX), o.unwrap_or(0)),
        (Err(f), _) | (_, Err(f)) => return f.into_response(),
    };
    let store = state.store();
    match store.server(&server_id) {
        Ok(server) => Json(VolumeAttachmentList {
            volume_attachments: server
                .attachments
                .iter()
                .skip(offset)
                .take(limit)
                .map(|a| wire(&server_id, a))
                .collect(),
        })
        .into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn show(
    State(state): State<RegionState>,
    Path((_tenant, server_id, volume_id)): Path<(String, String, String)>,
) -> Response {
    let store = state.store();
    let server = match store.server(&server_id) {
        Ok(s) => s,
        Err(fault) => return fault.into_response(),
    };
    match server.attachments.iter().find(|a| a.volume_id == volume_id) {
        Some(a) => Json(VolumeAttachmentEnvelope {
            volume_attachment: wire(&server_id, a),
        })
        .into_response(),
        None => not_attached(&server_id, &volume_id).into_response(),
    }
}

fn not_attached(server_id: &str, volume_id: &str) -> Fault {
    Fault::not_found(format!(
        "Volume {volume_id} is not attached to instance {server_id}."
    ))
}

pub async fn attach(
    State(state): State<RegionState>,
    Path((_tenant, server_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let result = (|| {
        let request: AttachVolumeRequest = decode(parse_json(&body)?)?;
        let volume_id = request.volume_attachment.volume_id;
        let mut store = state.store();
        store.server(&server_id)?;
        let volume = store
            .volume(&volume_id)
            .ok_or_else(|| Fault::not_found(format!("Volume {volume_id} could not be found.")))?;
        if volume.attached.is_some() {
            return Err(Fault::bad_request(format!(
                "Invalid volume: volume '{volume_id}' status must be 'available'. Currently in 'in-use'"
            )));
        }
        store.check(&server_id, Operation::AttachVolume, "attach_volume")?;
        let server = store.server(&server_id)?;
        // The next free virtio device: vdb, vdc …
        let device = (b'b'..=b'z')
            .map(|c| format!("/dev/vd{}", c as char))
            .find(|d| !server.attachments.iter().any(|a| &a.device == d))
            .ok_or_else(|| Fault::bad_request("No free disk device names for prefix 'vd'"))?;
        let attachment = Attachment {
            volume_id: volume_id.clone(),
            device: device.clone(),
            delete_on_termination: false,
        };
        if let Some(volume) = store.volume_mut(&volume_id) {
            volume.attached = Some((server_id.clone(), device));
        }
        let server = store.server_mut(&server_id)?;
        server.attachments.push(attachment.clone());
        server.updated = state.app.clock.now();
        Ok(VolumeAttachmentEnvelope {
            volume_attachment: wire(&server_id, &attachment),
        })
    })();
    match result {
        Ok(envelope) => Json(envelope).into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn detach(
    State(state): State<RegionState>,
    Path((_tenant, server_id, volume_id)): Path<(String, String, String)>,
) -> Response {
    let result = (|| {
        let mut store = state.store();
        let server = store.server(&server_id)?;
        let attachment = server
            .attachments
            .iter()
            .find(|a| a.volume_id == volume_id)
            .cloned()
            .ok_or_else(|| not_attached(&server_id, &volume_id))?;
        // The same rule as the console's disabled Detach (compute-api's `check_detach`), with
        // Nova's own words.
        if compute_api::rules::is_root_device(&attachment.device) {
            return Err(Fault::bad_request("Can't detach root device volume"));
        }
        store.check(&server_id, Operation::DetachVolume, "detach_volume")?;
        let server = store.server_mut(&server_id)?;
        server.attachments.retain(|a| a.volume_id != volume_id);
        server.updated = state.app.clock.now();
        if let Some(volume) = store.volume_mut(&volume_id) {
            volume.attached = None;
        }
        Ok(())
    })();
    match result {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(fault) => fault.into_response(),
    }
}
