//! Servers: list, list detail (filters and paging), show, create, rename, delete.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use compute_api::block_source::BlockSource;
use compute_api::rules::Operation;
use compute_api::server::{
    AttachedVolume, CreateServer, CreateServerRequest, CreatedServer, Link, ResourceRef,
    SecurityGroupRef, Server, ServerSummary, UpdateServerRequest,
};
use compute_api::status::{PowerState, ServerStatus, TaskState};
use compute_api::validate::{instance_names, validate_create, CreateContext};
use regex::{Regex, RegexBuilder};
use serde_json::{json, Value};
use time::OffsetDateTime;

use super::{last_segment, links, query_value, QueryPairs};
use crate::fault::{decode, parse_json, Fault};
use crate::store::{status_of, Attachment, Effect, ServerRec, Store, VolumeRec};
use crate::{clock, seed, RegionState};

/// Nova's `max_limit`: no page is longer.
pub const MAX_LIMIT: usize = 1000;

/// A server in Nova's detail shape, built from the compute-api wire type.
pub fn render(state: &RegionState, store: &Store, s: &ServerRec) -> Value {
    let status = status_of(s);
    let show_fault = matches!(status, ServerStatus::Error | ServerStatus::Deleted);
    let server = Server {
        id: s.id.clone(),
        name: s.name.clone(),
        status,
        addresses: s.addresses.clone(),
        image: s.image_id.as_ref().map(|id| ResourceRef {
            id: id.clone(),
            links: vec![Link {
                href: format!("{}/images/{id}", state.bookmark_url()),
                rel: "bookmark".into(),
            }],
        }),
        flavor: Some(ResourceRef {
            id: s.flavor_id.clone(),
            links: vec![Link {
                href: format!("{}/flavors/{}", state.bookmark_url(), s.flavor_id),
                rel: "bookmark".into(),
            }],
        }),
        key_name: s.key_name.clone(),
        availability_zone: Some(s.availability_zone.clone()),
        task_state: s.task_state.map(|t| TaskState(t.to_string())),
        vm_state: Some(s.vm_state.to_string()),
        power_state: Some(PowerState(s.power_state)),
        launched_at: s.launched_at.map(clock::micros),
        // The guide: `terminated_at` in `yyyy-mm-ddThh:mm:ssZ` form (launched_at has micros).
        terminated_at: s.terminated_at.map(clock::zulu),
        disk_config: Some("MANUAL".into()),
        host_id: Some(s.host_id.clone()),
        tenant_id: Some(s.tenant_id.clone()),
        user_id: Some(s.user_id.clone()),
        created: Some(clock::zulu(s.created)),
        updated: Some(clock::zulu(s.updated)),
        security_groups: s
            .security_groups
            .iter()
            .map(|n| SecurityGroupRef { name: n.clone() })
            .collect(),
        volumes_attached: s
            .attachments
            .iter()
            .map(|a| AttachedVolume {
                id: a.volume_id.clone(),
                delete_on_termination: None,
            })
            .collect(),
        metadata: s.metadata.clone(),
        fault: if show_fault { s.fault.clone() } else { None },
        progress: Some(progress(s)),
        ephemeral_disk_size: Some(
            store
                .flavor(&s.flavor_id)
                .and_then(|f| f.ephemeral)
                .unwrap_or(0),
        ),
        links: links(state, "servers", &s.id),
    };
    let mut value = serde_json::to_value(&server).unwrap_or_default();
    // What Nova always sends, even when empty, and the typed struct leaves out.
    let extra = [
        ("OS-EXT-STS:task_state", json!(s.task_state)),
        (
            "OS-SRV-USG:terminated_at",
            json!(s.terminated_at.map(clock::zulu)),
        ),
        ("key_name", json!(s.key_name)),
        ("accessIPv4", json!("")),
        ("accessIPv6", json!("")),
        ("config_drive", json!("")),
        ("NHN-EXT-ATTR:protect", json!(false)),
        ("security_groups", json!(server.security_groups)),
        (
            "os-extended-volumes:volumes_attached",
            json!(server.volumes_attached),
        ),
    ];
    for (key, v) in extra {
        value[key] = v;
    }
    if s.image_id.is_none() {
        // Booted from a volume: Nova's empty string.
        value["image"] = json!("");
    }
    if s.launched_at.is_none() {
        value["OS-SRV-USG:launched_at"] = Value::Null;
    }
    value
}

fn progress(s: &ServerRec) -> u32 {
    match s.vm_state {
        "building" => match s.task_state {
            Some("spawning") => 60,
            Some("networking") => 30,
            _ => 0,
        },
        _ if s.task_state.is_some() => 50,
        _ => 0,
    }
}

/// Parsed list filters.
struct Filters {
    name: Option<Regex>,
    status: Option<ServerStatus>,
    flavor: Option<String>,
    image: Option<String>,
    changes_since: Option<OffsetDateTime>,
    reservation_id: Option<String>,
    limit: usize,
    marker: Option<String>,
}

fn filters(query: &[(String, String)]) -> Result<Filters, Fault> {
    let name = query_value(query, "name")
        .map(|pattern| {
            // Nova's filter runs as MySQL REGEXP, which ignores case.
            RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .map_err(|_| {
                    Fault::bad_request(format!(
                        "Invalid regular expression for name filter: {pattern}"
                    ))
                })
        })
        .transpose()?;
    let changes_since = query_value(query, "changes-since")
        .map(|v| {
            clock::parse_iso(v).ok_or_else(|| {
                Fault::bad_request(format!(
                    "Invalid input for query parameters changes-since. Value: {v}. '{v}' is not a 'date-time'"
                ))
            })
        })
        .transpose()?;
    let limit = match query_value(query, "limit") {
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| (n as usize).min(MAX_LIMIT))
            .ok_or_else(|| {
                Fault::bad_request(format!(
                    "Invalid input for query parameters limit. Value: {v}. '{v}' does not match '^[0-9]*$'"
                ))
            })?,
        None => MAX_LIMIT,
    };
    Ok(Filters {
        name,
        status: query_value(query, "status").map(ServerStatus::parse),
        flavor: query_value(query, "flavor").map(|v| last_segment(v).to_string()),
        image: query_value(query, "image").map(|v| last_segment(v).to_string()),
        changes_since,
        reservation_id: query_value(query, "reservation_id").map(str::to_string),
        limit,
        marker: query_value(query, "marker").map(str::to_string),
    })
}

fn matches(f: &Filters, s: &ServerRec) -> bool {
    f.name.as_ref().is_none_or(|re| re.is_match(&s.name))
        && f.status.as_ref().is_none_or(|st| &status_of(s) == st)
        && f.flavor.as_ref().is_none_or(|id| id == &s.flavor_id)
        && f.image
            .as_ref()
            .is_none_or(|id| s.image_id.as_deref() == Some(id.as_str()))
        && f.changes_since.is_none_or(|t| s.updated >= t)
        && f.reservation_id
            .as_ref()
            .is_none_or(|r| r == &s.reservation_id)
}

/// One page of servers, in Nova's order, and whether the page is full (then a `next` link).
fn page<'a>(store: &'a Store, f: &Filters) -> Result<Vec<&'a ServerRec>, Fault> {
    let mut candidates: Vec<&ServerRec> = store.servers.values().collect();
    if f.changes_since.is_some() {
        // Deleted servers show up (as DELETED) only to changes-since queries, as in Nova.
        candidates.extend(store.deleted.iter());
        candidates.sort_by_key(|s| crate::store::sort_key(s));
    }
    let start = match &f.marker {
        Some(marker) => {
            candidates
                .iter()
                .position(|s| &s.id == marker)
                .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?
                + 1
        }
        None => 0,
    };
    Ok(candidates[start..]
        .iter()
        .copied()
        .filter(|s| matches(f, s))
        .take(f.limit)
        .collect())
}

/// Nova's `servers_links`: a `next` link when the page is full, keeping the other filters.
fn next_links(
    state: &RegionState,
    path: &str,
    query: &[(String, String)],
    f: &Filters,
    shown: &[&ServerRec],
) -> Vec<Link> {
    match shown.last() {
        Some(last) if f.limit > 0 && shown.len() == f.limit => {
            let mut params: Vec<(String, String)> = query
                .iter()
                .filter(|(k, _)| k != "marker" && k != "limit")
                .cloned()
                .collect();
            params.push(("limit".into(), f.limit.to_string()));
            params.push(("marker".into(), last.id.clone()));
            let encoded: Vec<String> = params
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            vec![Link {
                href: format!("{}/{path}?{}", state.compute_url(), encoded.join("&")),
                rel: "next".into(),
            }]
        }
        _ => Vec::new(),
    }
}

/// Percent-encodes a query component.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub async fn list(State(state): State<RegionState>, query: QueryPairs) -> Response {
    let f = match filters(&query.0) {
        Ok(f) => f,
        Err(fault) => return fault.into_response(),
    };
    let store = state.store();
    let shown = match page(&store, &f) {
        Ok(p) => p,
        Err(fault) => return fault.into_response(),
    };
    let servers: Vec<ServerSummary> = shown
        .iter()
        .map(|s| ServerSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            links: links(&state, "servers", &s.id),
        })
        .collect();
    let servers_links = next_links(&state, "servers", &query.0, &f, &shown);
    Json(compute_api::server::ServerList {
        servers,
        servers_links,
    })
    .into_response()
}

pub async fn detail(State(state): State<RegionState>, query: QueryPairs) -> Response {
    let f = match filters(&query.0) {
        Ok(f) => f,
        Err(fault) => return fault.into_response(),
    };
    let store = state.store();
    let shown = match page(&store, &f) {
        Ok(p) => p,
        Err(fault) => return fault.into_response(),
    };
    let servers: Vec<Value> = shown.iter().map(|s| render(&state, &store, s)).collect();
    let mut body = json!({ "servers": servers });
    let next = next_links(&state, "servers/detail", &query.0, &f, &shown);
    if !next.is_empty() {
        body["servers_links"] = json!(next);
    }
    Json(body).into_response()
}

pub async fn show(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
) -> Response {
    let store = state.store();
    match store.server(&id) {
        Ok(s) => Json(json!({ "server": render(&state, &store, s) })).into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn update(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let result = (|| {
        let request: UpdateServerRequest = decode(parse_json(&body)?)?;
        let mut store = state.store();
        store.server(&id)?;
        if let Some(name) = request.server.name {
            // The console's rule, so a name it refuses is refused here too and vice versa.
            if let Err(why) = compute_api::validate::validate_rename(&name) {
                return Err(Fault::bad_request(format!(
                    "Invalid input for field/attribute name. Value: {name}. name {why}"
                )));
            }
            store.check(&id, Operation::Rename, "update")?;
            let server = store.server_mut(&id)?;
            server.name = name;
            server.updated = state.app.clock.now();
        }
        let server = store.server(&id)?;
        Ok(json!({ "server": render(&state, &store, server) }))
    })();
    match result {
        Ok(value) => Json(value).into_response(),
        Err(fault) => fault.into_response(),
    }
}

pub async fn delete(
    State(state): State<RegionState>,
    Path((_tenant, id)): Path<(String, String)>,
) -> Response {
    let result = (|| {
        let mut store = state.store();
        store.check(&id, Operation::Delete, "delete")?;
        let now = state.app.clock.now();
        store.schedule(&id, now, "deleting", &[], vec![Effect::Gone])
    })();
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(fault) => fault.into_response(),
    }
}

// ---- create -------------------------------------------------------------------------------

pub async fn create(State(state): State<RegionState>, body: Bytes) -> Response {
    match create_inner(&state, &body) {
        Ok((status, location, value)) => {
            let mut response = (status, Json(value)).into_response();
            if let Some(location) = location.and_then(|l| l.parse().ok()) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Err(fault) => fault.into_response(),
    }
}

type Created = (StatusCode, Option<String>, Value);

fn create_inner(state: &RegionState, body: &[u8]) -> Result<Created, Fault> {
    let value = parse_json(body)?;
    if !value.get("server").is_some_and(Value::is_object) {
        return Err(Fault::bad_request(
            "Invalid input for field/attribute server. Value: None. 'server' is a required property",
        ));
    }
    let request: CreateServerRequest = decode(value)?;
    let server = request.server;
    let mut store = state.store();

    let flavor_id = last_segment(&server.flavor_ref).to_string();
    let image_id = last_segment(&server.image_ref).to_string();
    let flavor = store.flavor(&flavor_id).cloned();
    let image = store.image(&image_id).map(|i| i.image.clone());
    let sources = block_sources(&store, &server);
    let context = CreateContext {
        image: image.as_ref(),
        flavor: flavor.as_ref(),
        sources: &sources,
    };
    let errors = validate_create(&server, &context);
    if !errors.is_empty() {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(Fault::bad_request(messages.join("; ")));
    }
    check_references(&store, &server, flavor.is_some(), image.is_some())?;
    // Where the root comes from decides the image metadata; an existing volume decides the
    // zone when the request names none (the same readings as the rules above).
    let placement = Placement {
        root_image: context.root_image(&server).map(|i| i.id.clone()),
        zone: context.instance_zone(&server),
    };

    let min = server.min_count.unwrap_or(1).max(1);
    let max = server.max_count.unwrap_or(min).max(min);
    let reservation_id = store.reservation_id();
    let now = state.app.clock.now();
    let mut first: Option<(String, Vec<String>)> = None;
    // The names the rules checked (`name-1` … for several).
    for name in instance_names(&server.name, max) {
        let record = build(
            state,
            &mut store,
            &server,
            &placement,
            name,
            &reservation_id,
            now,
        )?;
        if first.is_none() {
            first = Some((record.id.clone(), record.security_groups.clone()));
        }
        let id = record.id.clone();
        store.insert_server(record);
        store.schedule(
            &id,
            now,
            "scheduling",
            &[
                Effect::Task(Some("networking")),
                Effect::Task(Some("spawning")),
            ],
            vec![Effect::Settle {
                vm_state: "active",
                power: 1,
            }],
        )?;
    }

    if server.return_reservation_id == Some(true) {
        return Ok((
            StatusCode::ACCEPTED,
            None,
            json!({ "reservation_id": reservation_id }),
        ));
    }
    let (id, groups) = first.ok_or_else(|| Fault::compute_fault("no server was created"))?;
    let created = CreatedServer {
        id: id.clone(),
        links: links(state, "servers", &id),
        disk_config: Some("MANUAL".into()),
        security_groups: groups
            .into_iter()
            .map(|name| SecurityGroupRef { name })
            .collect(),
        admin_pass: None,
    };
    let location = format!("{}/servers/{id}", state.compute_url());
    Ok((
        StatusCode::ACCEPTED,
        Some(location),
        json!({ "server": created }),
    ))
}

/// The existing volumes and snapshots the request names, as the creation rules read them (a
/// snapshot with its volume's zone, bootability and image).
fn block_sources(store: &Store, server: &CreateServer) -> Vec<BlockSource> {
    let of_volume = |v: &VolumeRec| BlockSource {
        id: v.id.clone(),
        bootable: v.bootable,
        size: Some(v.size),
        availability_zone: Some(v.availability_zone.clone()),
        image: v.image_id.as_deref().map(|id| {
            store.image(id).map(|i| i.image.clone()).unwrap_or_else(|| {
                compute_api::services::Image {
                    id: id.to_string(),
                    ..Default::default()
                }
            })
        }),
        available: v.attached.is_none(),
    };
    server
        .block_device_mapping_v2
        .iter()
        .flatten()
        .filter_map(|bdm| {
            let id = bdm.uuid.as_deref()?;
            match bdm.source_type.as_str() {
                "volume" => store.volume(id).map(of_volume),
                "snapshot" => {
                    let snapshot = store.snapshot(id)?;
                    let volume = store.volume(&snapshot.volume_id).map(of_volume);
                    Some(BlockSource {
                        id: snapshot.id.clone(),
                        size: Some(snapshot.size),
                        available: true,
                        ..volume.unwrap_or_default()
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// What the rules decided about where a new server goes and what its root runs.
struct Placement {
    /// The image the root comes from, wherever it comes from.
    root_image: Option<String>,
    /// The zone the request names, or the zone of its first existing volume or snapshot.
    zone: Option<String>,
}

/// What Nova checks against its database once the body is well formed: the flavor, image,
/// key pair, zone, networks, security groups and volumes must exist.
fn check_references(
    store: &Store,
    server: &CreateServer,
    flavor_found: bool,
    image_found: bool,
) -> Result<(), Fault> {
    if !flavor_found {
        return Err(Fault::bad_request("Invalid flavorRef provided."));
    }
    if !server.image_ref.is_empty() && !image_found {
        return Err(Fault::bad_request("Can not find requested image"));
    }
    if let Some(key) = &server.key_name {
        if !store.keypairs.iter().any(|k| &k.name == key) {
            return Err(Fault::bad_request("Invalid key_name provided."));
        }
    }
    if let Some(zone) = &server.availability_zone {
        if !zone.is_empty() && !store.zones.contains(zone) {
            return Err(Fault::bad_request(
                "The requested availability zone is not available",
            ));
        }
    }
    let several = server.max_count.unwrap_or(1) > 1 || server.min_count.unwrap_or(1) > 1;
    if several && server.networks.iter().any(|n| n.port.is_some()) {
        return Err(Fault::bad_request(
            "Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.",
        ));
    }
    for nic in &server.networks {
        if let Some(uuid) = &nic.uuid {
            match store.networks.iter().find(|n| &n.id == uuid) {
                None => {
                    return Err(Fault::bad_request(format!(
                        "Network {uuid} could not be found."
                    )))
                }
                Some(n) if n.external => {
                    return Err(Fault::bad_request(format!(
                        "Network {uuid} is the external network {}; attach a floating IP instead",
                        n.name
                    )))
                }
                Some(_) => {}
            }
        }
        if let Some(subnet) = &nic.subnet {
            if !store.subnets.iter().any(|s| &s.id == subnet) {
                return Err(Fault::bad_request(format!(
                    "Subnet {subnet} could not be found."
                )));
            }
        }
        if let Some(port) = &nic.port {
            match store.ports.iter().find(|p| &p.id == port) {
                None => {
                    return Err(Fault::bad_request(format!(
                        "Port {port} could not be found."
                    )))
                }
                // Nova's PortInUse is a 409.
                Some(p) if p.device_id.is_some() => {
                    return Err(Fault::conflict(format!("Port {port} is still in use.")))
                }
                Some(_) => {}
            }
        }
    }
    for group in server.security_groups.iter().flatten() {
        if !store
            .security_groups
            .iter()
            .any(|g| g.name == group.name || g.id == group.name)
        {
            return Err(Fault::bad_request(format!(
                "Unable to find security_group with name or id '{}'",
                group.name
            )));
        }
    }
    for bdm in server.block_device_mapping_v2.iter().flatten() {
        match bdm.source_type.as_str() {
            "volume" => {
                let id = bdm.uuid.as_deref().unwrap_or_default();
                match store.volume(id) {
                    None => {
                        return Err(Fault::bad_request(format!(
                            "Block Device Mapping is Invalid: failed to get volume {id}."
                        )))
                    }
                    Some(v) if v.attached.is_some() => {
                        return Err(Fault::bad_request(format!(
                            "Invalid volume: volume '{id}' status must be 'available'. Currently in 'in-use'"
                        )))
                    }
                    Some(_) => {}
                }
            }
            "snapshot" => {
                let id = bdm.uuid.as_deref().unwrap_or_default();
                if store.snapshot(id).is_none() {
                    return Err(Fault::bad_request(format!(
                        "Block Device Mapping is Invalid: failed to get snapshot {id}."
                    )));
                }
            }
            "image" => {
                let id = bdm.uuid.as_deref().unwrap_or_default();
                if store.image(id).is_none() {
                    return Err(Fault::bad_request(format!(
                        "Block Device Mapping is Invalid: failed to get image {id}."
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A new server in BUILD, with its NICs, volumes and NHN's image metadata.
fn build(
    state: &RegionState,
    store: &mut Store,
    server: &CreateServer,
    placement: &Placement,
    name: String,
    reservation_id: &str,
    now: OffsetDateTime,
) -> Result<ServerRec, Fault> {
    let id = uuid::Uuid::new_v4().to_string();
    let zone = placement
        .zone
        .clone()
        .unwrap_or_else(|| store.zones[id.as_bytes()[0] as usize % store.zones.len()].clone());
    let image_id = last_segment(&server.image_ref).to_string();
    let mut metadata = BTreeMap::new();
    let image = placement
        .root_image
        .as_deref()
        .and_then(|id| store.image(id))
        .cloned();
    if let Some(image) = &image {
        metadata.extend(crate::store::image_properties(&image.image));
    }
    metadata.extend(server.metadata.clone().unwrap_or_default());

    let mut record = ServerRec {
        id: id.clone(),
        name,
        tenant_id: state.app.config.tenant_id.clone(),
        user_id: crate::auth::user_id(&state.app.config.username),
        image_id: if server.image_ref.is_empty() {
            None
        } else {
            Some(image_id)
        },
        flavor_id: last_segment(&server.flavor_ref).to_string(),
        key_name: server.key_name.clone(),
        availability_zone: zone.clone(),
        vm_state: "building",
        task_state: None,
        power_state: 0,
        created: now,
        updated: now,
        launched_at: None,
        terminated_at: None,
        host_id: seed::host_id(&state.app.config.tenant_id, &zone),
        addresses: BTreeMap::new(),
        security_groups: server
            .security_groups
            .clone()
            .filter(|g| !g.is_empty())
            .map(|g| g.into_iter().map(|g| g.name).collect())
            .unwrap_or_else(|| vec!["default".into()]),
        attachments: Vec::new(),
        metadata,
        fault: None,
        reservation_id: reservation_id.to_string(),
        steps: Default::default(),
    };

    for nic in &server.networks {
        if let Some(port_id) = &nic.port {
            // The port keeps its address; the server binds it.
            let Some(port) = store.ports.iter_mut().find(|p| &p.id == port_id) else {
                continue;
            };
            port.device_id = Some(id.clone());
            let (subnet_id, ip) = (port.subnet_id.clone(), port.ip.clone());
            seed::nic(store, &mut record, &subnet_id, Some(&ip), None);
            continue;
        }
        let subnet_id = match (&nic.subnet, &nic.uuid) {
            (Some(subnet), _) => subnet.clone(),
            (None, Some(network)) => store
                .subnets
                .iter()
                .find(|s| &s.network_id == network)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            _ => continue,
        };
        seed::nic(
            store,
            &mut record,
            &subnet_id,
            nic.fixed_ip.as_deref(),
            None,
        );
    }

    for (index, bdm) in server.block_device_mapping_v2.iter().flatten().enumerate() {
        if bdm.destination_type.as_deref() != Some("volume") {
            continue;
        }
        let device = format!("/dev/vd{}", (b'a' + index.min(25) as u8) as char);
        let delete = bdm.delete_on_termination.unwrap_or(false);
        let volume_id = if bdm.source_type == "volume" {
            bdm.uuid.clone().unwrap_or_default()
        } else {
            let volume_id = uuid::Uuid::new_v4().to_string();
            // A snapshot is restored into a new volume like the one it was taken from.
            let snapshot = (bdm.source_type == "snapshot")
                .then(|| bdm.uuid.as_deref().and_then(|id| store.snapshot(id)))
                .flatten()
                .cloned();
            let of_snapshot = snapshot
                .as_ref()
                .and_then(|s| store.volume(&s.volume_id))
                .cloned();
            let from_image = match (&snapshot, &of_snapshot) {
                (Some(_), volume) => volume.as_ref().and_then(|v| v.image_id.clone()),
                (None, _) => (bdm.source_type == "image")
                    .then(|| bdm.uuid.clone())
                    .flatten(),
            };
            let bootable = match &of_snapshot {
                Some(volume) => volume.bootable,
                None => from_image.is_some(),
            };
            let size = bdm.volume_size.unwrap_or_else(|| match &snapshot {
                Some(snapshot) => snapshot.size,
                None => from_image
                    .as_deref()
                    .and_then(|i| store.image(i))
                    .and_then(|i| i.image.min_disk)
                    .unwrap_or(20),
            });
            store.volumes.push(VolumeRec {
                id: volume_id.clone(),
                name: Some(String::new()),
                size,
                availability_zone: zone.clone(),
                volume_type: bdm
                    .volume_type
                    .clone()
                    .unwrap_or_else(|| "General HDD".into()),
                bootable,
                created: now,
                image_id: from_image,
                attached: None,
            });
            volume_id
        };
        if let Some(volume) = store.volume_mut(&volume_id) {
            volume.attached = Some((id.clone(), device.clone()));
        }
        record.attachments.push(Attachment {
            volume_id,
            device,
            delete_on_termination: delete,
        });
    }
    Ok(record)
}
