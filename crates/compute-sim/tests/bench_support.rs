//! What the benchmark needs from the simulator, over real HTTP: cross-origin isolation headers
//! on every response (`--cross-origin-isolated`) and `POST /_sim/servers/status`, which changes
//! a share of the servers at once (`--test-control`).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ISOLATION: [(&str, &str); 3] = [
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-embedder-policy", "require-corp"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// Every kind of answer: the console's page, files and deep links, `config.json`, the API
/// with and without a token, a fault, Keystone, a CORS preflight.
async fn answers(sim: &Sim) -> Vec<(String, Reply)> {
    let mut out = Vec::new();
    for (label, method, path, token) in [
        ("index", Method::GET, "/".to_string(), None),
        ("file", Method::GET, "/app.wasm".to_string(), None),
        ("deep link", Method::GET, "/instances".to_string(), None),
        ("config", Method::GET, "/config.json".to_string(), None),
        (
            "servers",
            Method::GET,
            format!("/v2/{TENANT}/servers/detail?limit=2"),
            Some(sim.token.clone()),
        ),
        (
            "no token",
            Method::GET,
            format!("/v2/{TENANT}/servers"),
            None,
        ),
        (
            "not found",
            Method::GET,
            format!("/v2/{TENANT}/servers/nope"),
            Some(sim.token.clone()),
        ),
        ("versions", Method::GET, "/v2.0".to_string(), None),
    ] {
        let mut request = sim
            .client
            .request(method, format!("{}{path}", sim.url))
            .header("Accept", "text/html,application/json");
        if let Some(token) = token {
            request = request.header("X-Auth-Token", token);
        }
        out.push((
            label.to_string(),
            reply(request.send().await.unwrap()).await,
        ));
    }
    let preflight = sim
        .client
        .request(Method::OPTIONS, format!("{}/v2/{TENANT}/servers", sim.url))
        .header("Origin", "http://other.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    out.push(("preflight".into(), reply(preflight).await));
    out
}

#[tokio::test]
async fn cross_origin_isolated_puts_coop_coep_and_corp_on_every_answer() {
    let dist = small_dist("compute-sim-isolated", "Console", &[("app.wasm", b"\0asm")]);
    let mut config = test_config();
    config.dist = Some(dist.clone());
    config.allow_origins = vec!["http://other.example".into()];
    config.cross_origin_isolated = true;
    let sim = Sim::with(config).await;
    let all = answers(&sim).await;
    assert_eq!(all[0].1.status, StatusCode::OK);
    assert!(all[0].1.text.contains("Console"));
    assert_eq!(all[5].1.status, StatusCode::UNAUTHORIZED);
    assert_eq!(all[6].1.status, StatusCode::NOT_FOUND);
    for (label, reply) in &all {
        for (name, value) in ISOLATION {
            assert_eq!(reply.header(name), Some(value), "{label}: {name}");
        }
    }

    // Off by default.
    let mut config = test_config();
    config.dist = Some(dist.clone());
    let sim = Sim::with(config).await;
    for (label, reply) in answers(&sim).await {
        for (name, _) in ISOLATION {
            assert_eq!(reply.header(name), None, "{label}: {name}");
        }
    }
    let _ = std::fs::remove_dir_all(dist);
}

async fn controlled(seed_instances: usize, transition_ms: u64) -> Sim {
    let mut config = test_config();
    config.test_control = true;
    config.seed_instances = seed_instances;
    config.transition = Duration::from_millis(transition_ms);
    Sim::with(config).await
}

impl Sim {
    /// Every server of the tenant in list order, paging like a client does.
    async fn all_servers(&self, query: &str) -> Vec<Value> {
        let mut all = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let mut path = format!("/servers/detail?limit=7{query}");
            if let Some(marker) = &marker {
                path.push_str(&format!("&marker={marker}"));
            }
            let reply = self.get(&path).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
            let page = reply.json["servers"].as_array().unwrap().clone();
            let full = page.len() == 7;
            marker = page.last().map(|s| s["id"].as_str().unwrap().to_string());
            all.extend(page);
            if !full {
                return all;
            }
        }
    }

    async fn set_statuses(&self, body: Value) -> Reply {
        self.raw(Method::POST, "/_sim/servers/status", Some(body), None)
            .await
    }
}

fn ids(servers: &[Value]) -> Vec<String> {
    servers
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_nth_server_gets_a_status_and_changes_since_reports_exactly_those() {
    let sim = controlled(45, 50).await;
    // Move the clock past the seeded transitions and a second boundary, so `changes-since`
    // from now sees only what the control endpoint changes.
    let since = sim.advance_clock(2_000).await;
    let before = sim.all_servers("").await;
    assert!(before.len() > 45, "{} servers", before.len());

    let reply = sim
        .set_statuses(json!({"every": 10, "status": "SHUTOFF"}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let picked: Vec<&Value> = before.iter().step_by(10).collect();
    let expected: Vec<String> = picked
        .iter()
        .filter(|s| s["status"] != "SHUTOFF")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(reply.json["matched"], picked.len());
    assert_eq!(reply.json["changed"], expected.len());
    assert_eq!(reply.json["ids"], json!(expected));

    let after = sim.all_servers("").await;
    assert_eq!(ids(&after), ids(&before), "the order is kept");
    let old: HashMap<String, &Value> = before
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s))
        .collect();
    for (i, server) in after.iter().enumerate() {
        let id = server["id"].as_str().unwrap();
        if i % 10 == 0 {
            assert_eq!(server["status"], "SHUTOFF", "{server}");
            assert_eq!(server["OS-EXT-STS:vm_state"], "stopped", "{server}");
            assert_eq!(server["OS-EXT-STS:power_state"], 4, "{server}");
            assert!(server["OS-EXT-STS:task_state"].is_null(), "{server}");
        } else {
            assert_eq!(server, old[id], "untouched");
        }
    }
    let changed = sim.all_servers(&format!("&changes-since={since}")).await;
    let changed: BTreeSet<String> = ids(&changed).into_iter().collect();
    assert_eq!(changed, expected.iter().cloned().collect::<BTreeSet<_>>());

    // Again: nothing left to change.
    let reply = sim
        .set_statuses(json!({"every": 10, "status": "SHUTOFF"}))
        .await;
    assert_eq!(
        reply.json,
        json!({"matched": picked.len(), "changed": 0, "ids": []})
    );

    // And back: every picked server is ACTIVE, running.
    let reply = sim
        .set_statuses(json!({"every": 10, "status": "ACTIVE"}))
        .await;
    assert_eq!(reply.json["changed"], picked.len());
    for server in sim.all_servers("").await.iter().step_by(10) {
        assert_eq!(server["status"], "ACTIVE", "{server}");
        assert_eq!(server["OS-EXT-STS:vm_state"], "active", "{server}");
        assert_eq!(server["OS-EXT-STS:power_state"], 1, "{server}");
    }

    // ERROR carries a fault; leaving ERROR drops it.
    sim.set_statuses(json!({"every": 1, "status": "ERROR"}))
        .await;
    let errored = sim.all_servers("").await;
    assert!(errored.iter().all(|s| s["status"] == "ERROR"
        && s["OS-EXT-STS:vm_state"] == "error"
        && s["fault"]["message"].is_string()));
    sim.set_statuses(json!({"every": 1, "status": "PAUSED"}))
        .await;
    let paused = sim.all_servers("").await;
    assert!(paused.iter().all(|s| s["status"] == "PAUSED"
        && s["OS-EXT-STS:power_state"] == 3
        && s.get("fault").is_none_or(Value::is_null)));
}

#[tokio::test]
async fn a_transition_in_progress_is_abandoned() {
    let sim = controlled(0, 400).await;
    let servers = sim.all_servers("").await;
    let first = servers[0]["id"].as_str().unwrap().to_string();
    sim.set_statuses(json!({"every": 1000, "status": "ACTIVE"}))
        .await;
    let reply = sim.action(&first, json!({"os-stop": null})).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let target = "SUSPENDED";
    assert_eq!(
        sim.server(&first).await["OS-EXT-STS:task_state"],
        "powering-off"
    );
    let reply = sim
        .set_statuses(json!({"every": 1000, "status": target}))
        .await;
    assert_eq!(reply.json["ids"], json!([first]));
    // Past the end of the abandoned stop: none of its steps may come back.
    sim.advance_clock(1_000).await;
    let server = sim.server(&first).await;
    assert_eq!(server["status"], target, "{server}");
    assert_eq!(server["OS-EXT-STS:power_state"], 7, "{server}");
    assert!(server["OS-EXT-STS:task_state"].is_null(), "{server}");
}

#[tokio::test]
async fn bad_requests_and_no_endpoint_without_test_control() {
    let sim = controlled(0, 50).await;
    for body in [
        json!({"every": 0, "status": "SHUTOFF"}),
        json!({"every": 10, "status": "BUILD"}),
        json!({"every": 10}),
        json!([]),
    ] {
        let reply = sim.set_statuses(body.clone()).await;
        reply.assert_fault(400, "badRequest");
    }
    // No body, so no JSON content type: refused before it is read (control_guard).
    let reply = sim
        .raw(Method::POST, "/_sim/servers/status", None, None)
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        reply.text
    );

    let plain = Sim::start().await;
    let reply = plain
        .set_statuses(json!({"every": 10, "status": "SHUTOFF"}))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text);
}
