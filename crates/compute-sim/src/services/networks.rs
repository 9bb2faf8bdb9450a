//! Neutron v2.0: networks (with the shared external `public_network`), subnets, ports and
//! security groups, filterable by any attribute.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::fault::neutron_not_found;
use crate::query::QueryPairs;
use crate::RegionState;

fn all_networks(state: &RegionState) -> Vec<Value> {
    let store = state.store();
    store
        .networks
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "name": n.name,
                "status": "ACTIVE",
                "subnets": n.subnets,
                "router:external": n.external,
                "shared": n.external,
                "tenant_id": n.tenant_id,
                "project_id": n.tenant_id,
                "admin_state_up": true,
                "mtu": 0,
                "port_security_enabled": true
            })
        })
        .collect()
}

fn all_subnets(state: &RegionState) -> Vec<Value> {
    let store = state.store();
    store
        .subnets
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "name": s.name,
                "network_id": s.network_id,
                "tenant_id": s.tenant_id,
                "project_id": s.tenant_id,
                "cidr": s.cidr,
                "gateway_ip": s.gateway,
                "ip_version": 4,
                "enable_dhcp": true,
                "dns_nameservers": [],
                "host_routes": [],
                "allocation_pools": [{"start": format!("{}.2", s.prefix), "end": format!("{}.254", s.prefix)}],
                "ipv6_ra_mode": null,
                "ipv6_address_mode": null,
                "subnetpool_id": null
            })
        })
        .collect()
}

fn all_ports(state: &RegionState) -> Vec<Value> {
    let store = state.store();
    store
        .ports
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "name": p.name,
                "network_id": p.network_id,
                "tenant_id": p.tenant_id,
                "project_id": p.tenant_id,
                "status": if p.device_id.is_some() { "ACTIVE" } else { "DOWN" },
                "admin_state_up": true,
                "mac_address": p.mac,
                "device_id": p.device_id.clone().unwrap_or_default(),
                "device_owner": if p.device_id.is_some() { "compute:nova" } else { "" },
                "fixed_ips": [{"subnet_id": p.subnet_id, "ip_address": p.ip}]
            })
        })
        .collect()
}

fn all_security_groups(state: &RegionState) -> Vec<Value> {
    let store = state.store();
    store
        .security_groups
        .iter()
        .map(|g| {
            let rules: Vec<Value> = g
                .rules
                .iter()
                .enumerate()
                .map(|(i, (direction, protocol, port))| {
                    json!({
                        "id": format!("{}{:04x}", &g.id[..32], i),
                        "direction": direction,
                        "protocol": protocol,
                        "port_range_min": port,
                        "port_range_max": port,
                        "ethertype": "IPv4",
                        "remote_group_id": if port.is_none() && *direction == "ingress" { json!(g.id) } else { Value::Null },
                        "remote_ip_prefix": if port.is_some() { json!("0.0.0.0/0") } else { Value::Null },
                        "security_group_id": g.id,
                        "tenant_id": g.tenant_id,
                        "description": ""
                    })
                })
                .collect();
            json!({
                "id": g.id,
                "name": g.name,
                "description": g.description,
                "tenant_id": g.tenant_id,
                "project_id": g.tenant_id,
                "security_group_rules": rules
            })
        })
        .collect()
}

fn list(key: &str, items: Vec<Value>, query: &[(String, String)]) -> Response {
    let items = crate::query::attribute_filter(
        items,
        query,
        &["fields", "limit", "marker", "sort_key", "sort_dir"],
    );
    Json(json!({ key: items })).into_response()
}

fn one(key: &str, kind: &str, items: Vec<Value>, id: &str) -> Response {
    match items.into_iter().find(|i| i["id"] == id) {
        Some(item) => Json(json!({ key: item })).into_response(),
        None => neutron_not_found(kind, id),
    }
}

pub async fn networks(State(state): State<RegionState>, query: QueryPairs) -> Response {
    list("networks", all_networks(&state), &query.0)
}

pub async fn network(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    one("network", "Network", all_networks(&state), &id)
}

pub async fn subnets(State(state): State<RegionState>, query: QueryPairs) -> Response {
    list("subnets", all_subnets(&state), &query.0)
}

pub async fn subnet(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    one("subnet", "Subnet", all_subnets(&state), &id)
}

pub async fn ports(State(state): State<RegionState>, query: QueryPairs) -> Response {
    list("ports", all_ports(&state), &query.0)
}

pub async fn port(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    one("port", "Port", all_ports(&state), &id)
}

pub async fn security_groups(State(state): State<RegionState>, query: QueryPairs) -> Response {
    list("security_groups", all_security_groups(&state), &query.0)
}

pub async fn security_group(State(state): State<RegionState>, Path(id): Path<String>) -> Response {
    one(
        "security_group",
        "SecurityGroup",
        all_security_groups(&state),
        &id,
    )
}
