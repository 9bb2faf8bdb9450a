//! `POST /servers/{id}/action`: start, stop, reboot, resize (auto-confirmed, as NHN does),
//! createImage, add/removeSecurityGroup.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use compute_api::action::{RebootType, ServerAction};
use compute_api::rules::Operation;
use serde_json::Value;

use crate::fault::{decode, parse_json, Fault};
use crate::query::last_segment;
use crate::store::{Effect, ImageRec};
use crate::RegionState;

/// The actions of the seed, by their JSON key.
const KNOWN: [&str; 7] = [
    "os-start",
    "os-stop",
    "reboot",
    "resize",
    "createImage",
    "addSecurityGroup",
    "removeSecurityGroup",
];

pub async fn action(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    match run(&state, &id, &body) {
        Ok(Some(location)) => {
            let mut response = StatusCode::ACCEPTED.into_response();
            if let Ok(value) = location.parse() {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Ok(None) => StatusCode::ACCEPTED.into_response(),
        Err(fault) => fault.into_response(),
    }
}

/// Runs an action; `Some(url)` is the `Location` of a new image.
fn run(state: &RegionState, id: &str, body: &[u8]) -> Result<Option<String>, Fault> {
    let value = parse_json(body)?;
    let key = value
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.keys().next().cloned())
        .ok_or_else(|| Fault::bad_request("There is no such action: None"))?;
    // Nova looks the server up before it reads the action.
    state.store().server(id)?;
    if !KNOWN.contains(&key.as_str()) {
        return Err(Fault::bad_request(format!(
            "There is no such action: {key}"
        )));
    }
    let action: ServerAction = decode(normalize(value))?;
    let now = state.app.clock.now();
    let mut store = state.store();
    match action {
        ServerAction::Start(()) => {
            store.check(id, Operation::Start, "start")?;
            store.schedule(id, now, "powering-on", &[], vec![settle("active", 1)])?;
        }
        ServerAction::Stop(()) => {
            store.check(id, Operation::Stop, "stop")?;
            store.schedule(id, now, "powering-off", &[], vec![settle("stopped", 4)])?;
        }
        ServerAction::Reboot(reboot) => match reboot.kind {
            RebootType::Soft => {
                store.check(id, Operation::RebootSoft, "reboot")?;
                store.schedule(
                    id,
                    now,
                    "rebooting",
                    &[Effect::Task(Some("reboot_started"))],
                    vec![settle("active", 1)],
                )?;
            }
            RebootType::Hard => {
                store.check(id, Operation::RebootHard, "reboot")?;
                // A hard reboot brings an ERROR, PAUSED or SUSPENDED server back to ACTIVE;
                // the vm_state becomes active at once, as in Nova.
                let server = store.server_mut(id)?;
                server.vm_state = "active";
                store.schedule(
                    id,
                    now,
                    "rebooting_hard",
                    &[Effect::Task(Some("reboot_started_hard"))],
                    vec![settle("active", 1)],
                )?;
            }
        },
        ServerAction::Resize(resize) => {
            if let Some(config) = resize
                .disk_config
                .as_deref()
                .filter(|c| !compute_api::action::DISK_CONFIGS.contains(c))
            {
                return Err(Fault::bad_request(format!(
                    "{config} is not a valid value for OS-DCF:diskConfig: it must be MANUAL or AUTO"
                )));
            }
            let flavor_id = last_segment(&resize.flavor_ref).to_string();
            let server = store.server(id)?;
            if store.flavor(&flavor_id).is_none() {
                return Err(Fault::bad_request(format!(
                    "Flavor {flavor_id} could not be found."
                )));
            }
            if server.flavor_id == flavor_id {
                return Err(Fault::bad_request(
                    "When resizing, instances must change flavor!",
                ));
            }
            store.check(id, Operation::Resize, "resize")?;
            let server = store.server(id)?;
            // NHN confirms resizes itself: the server returns to its former state.
            let (vm_state, power) = (server.vm_state, server.power_state);
            store.schedule(
                id,
                now,
                "resize_prep",
                &[
                    Effect::Task(Some("resize_migrating")),
                    Effect::Task(Some("resize_migrated")),
                    Effect::Task(Some("resize_finish")),
                ],
                vec![Effect::Flavor(flavor_id), settle(vm_state, power)],
            )?;
        }
        ServerAction::CreateImage(request) => {
            if let Err(why) = compute_api::validate::validate_rename(&request.name) {
                return Err(Fault::bad_request(format!(
                    "Invalid input for field/attribute name. Value: {}. name {why}",
                    request.name
                )));
            }
            let metadata_errors = compute_api::validate::validate_metadata(
                request
                    .metadata
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            );
            if !metadata_errors.is_empty() {
                let messages: Vec<String> =
                    metadata_errors.iter().map(ToString::to_string).collect();
                return Err(Fault::bad_request(format!(
                    "Invalid input for field/attribute metadata: {}",
                    messages.join("; ")
                )));
            }
            store.check(id, Operation::CreateImage, "createImage")?;
            let server = store.server(id)?.clone();
            let source = server
                .image_id
                .as_deref()
                .and_then(|i| store.image(i))
                .map(|i| i.image.clone());
            let image_id = uuid::Uuid::new_v4().to_string();
            let mut image = source.unwrap_or(compute_api::services::Image {
                id: String::new(),
                name: None,
                status: None,
                os_type: Some("linux".into()),
                os_distro: None,
                os_version: None,
                login_username: None,
                min_disk: Some(0),
                min_ram: Some(0),
                visibility: None,
            });
            image.id = image_id.clone();
            image.name = Some(request.name.clone());
            image.visibility = Some("private".into());
            image.status = None;
            if let Some(flavor) = store.flavor(&server.flavor_id) {
                image.min_disk = Some(image.min_disk.unwrap_or(0).max(flavor.disk.unwrap_or(0)));
            }
            let mut properties: BTreeMap<String, String> = request.metadata.clone();
            properties.insert("instance_uuid".into(), server.id.clone());
            properties.insert("image_type".into(), "snapshot".into());
            let ready_at = now + store.transition;
            store.images.push(ImageRec {
                image,
                created: now,
                ready_at,
                size: 0,
                owner: server.tenant_id.clone(),
                properties,
            });
            let (vm_state, power) = (server.vm_state, server.power_state);
            store.schedule(
                id,
                now,
                "image_snapshot",
                &[Effect::Task(Some("image_uploading"))],
                vec![settle(vm_state, power)],
            )?;
            return Ok(Some(format!(
                "{}/v2/images/{image_id}",
                state.service_url()
            )));
        }
        ServerAction::AddSecurityGroup(group) => {
            let name = group.name.trim().to_string();
            let known = store
                .security_groups
                .iter()
                .find(|g| g.name == name || g.id == name)
                .map(|g| g.name.clone())
                .ok_or_else(|| {
                    Fault::not_found(format!(
                        "Security group {name} not found for project {}.",
                        state.app.config.tenant_id
                    ))
                })?;
            store.check(id, Operation::AddSecurityGroup, "addSecurityGroup")?;
            let server = store.server_mut(id)?;
            if !server.security_groups.contains(&known) {
                server.security_groups.push(known);
                server.updated = now;
            }
        }
        ServerAction::RemoveSecurityGroup(group) => {
            let name = group.name.trim().to_string();
            store.check(id, Operation::RemoveSecurityGroup, "removeSecurityGroup")?;
            let server = store.server_mut(id)?;
            let before = server.security_groups.len();
            server.security_groups.retain(|g| g != &name);
            if server.security_groups.len() == before {
                return Err(Fault::not_found(format!(
                    "Security group {name} not in use by instance {id}."
                )));
            }
            server.updated = now;
        }
    }
    Ok(None)
}

fn settle(vm_state: &'static str, power: i64) -> Effect {
    Effect::Settle { vm_state, power }
}

/// Nova accepts `{"os-start": {}}` as well as `null`; the shared enum wants `null`.
fn normalize(mut value: Value) -> Value {
    for key in ["os-start", "os-stop"] {
        if let Some(v) = value.get_mut(key) {
            *v = Value::Null;
        }
    }
    value
}
