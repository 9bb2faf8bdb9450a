//! Fault injection over real HTTP: each kind of fault, `times`/`every`/`rate`/`after`, the
//! `/_sim` control endpoints (only with `--test-control`), the request log, and the flags.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use compute_sim::fault_injection::Rule;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A simulator with the control endpoints.
async fn controlled() -> Sim {
    let mut config = test_config();
    config.test_control = true;
    Sim::with(config).await
}

impl Sim {
    /// Replaces the fault rules through the control endpoint.
    async fn faults(&self, rules: Value) -> Reply {
        let reply = self
            .raw(Method::POST, "/_sim/faults", Some(rules), None)
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply
    }

    /// The request log, as `(method, path suffix after the tenant, status, handled)`.
    async fn log(&self) -> Vec<Value> {
        let reply = self.raw(Method::GET, "/_sim/requests", None, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json.as_array().unwrap().clone()
    }

    async fn server_count(&self) -> usize {
        let reply = self.get("/servers").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json["servers"].as_array().unwrap().len()
    }
}

fn servers_path() -> String {
    format!("/v2/{TENANT}/servers")
}

#[tokio::test]
async fn control_endpoints_exist_only_with_the_flag() {
    let sim = Sim::start().await;
    for (method, path) in [
        (Method::POST, "/_sim/faults"),
        (Method::GET, "/_sim/faults"),
        (Method::POST, "/_sim/expire-tokens"),
        (Method::GET, "/_sim/requests"),
    ] {
        let body = (method == Method::POST).then(|| json!([]));
        let reply = sim.raw(method.clone(), path, body, None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // Without the flag, no rule can be added: the create goes through.
    assert_eq!(sim.post("/servers", u2_create("plain")).await.status, 202);

    let sim = controlled().await;
    let reply = sim.raw(Method::GET, "/_sim/faults", None, None).await;
    assert_eq!(reply.json, json!([]));
}

#[tokio::test]
async fn a_status_before_the_handler_creates_nothing_and_fires_once() {
    let sim = controlled().await;
    let before = sim.server_count().await;
    let set = sim
        .faults(json!(["POST /servers=status:504,times:1"]))
        .await;
    assert_eq!(
        set.json,
        json!([{"method": "POST", "path": "/servers", "status": 504, "times": 1}])
    );

    let reply = sim.post("/servers", u2_create("lost")).await;
    reply.assert_fault(504, "computeFault");
    assert!(reply.header("x-compute-request-id").is_some());
    assert_eq!(sim.server_count().await, before);

    // The rule removed itself: the retry creates exactly one server.
    let reply = sim.raw(Method::GET, "/_sim/faults", None, None).await;
    assert_eq!(reply.json, json!([]));
    assert_eq!(sim.post("/servers", u2_create("kept")).await.status, 202);
    assert_eq!(sim.server_count().await, before + 1);

    let creates: Vec<Value> = sim
        .log()
        .await
        .into_iter()
        .filter(|e| e["method"] == "POST" && e["path"] == servers_path())
        .collect();
    assert_eq!(creates.len(), 2, "{creates:?}");
    assert_eq!(creates[0]["status"], 504);
    assert_eq!(creates[0]["handled"], false);
    assert_eq!(creates[0]["fault"], "status");
    assert_eq!(creates[1]["status"], 202);
    assert_eq!(creates[1]["handled"], true);
    assert_eq!(creates[1]["fault"], Value::Null);
    assert!(creates[0]["seq"].as_u64() < creates[1]["seq"].as_u64());
    // The bodies are logged as sent, whether or not the handler ran.
    for (entry, name) in creates.iter().zip(["lost", "kept"]) {
        let body: Value = serde_json::from_str(entry["body"].as_str().unwrap()).unwrap();
        assert_eq!(body, u2_create(name), "{entry}");
    }
    let reads = sim.log().await;
    let read = reads.iter().find(|e| e["method"] == "GET").unwrap();
    assert_eq!(read["body"], Value::Null, "{read}");
}

#[tokio::test]
async fn a_status_after_the_handler_keeps_the_change() {
    let sim = controlled().await;
    let before = sim.server_count().await;
    sim.faults(
        json!([{"method": "POST", "path": "/servers", "status": 504, "after": true, "times": 1}]),
    )
    .await;
    let reply = sim.post("/servers", u2_create("done-but-lost")).await;
    reply.assert_fault(504, "computeFault");
    assert!(reply.header("location").is_none());
    assert_eq!(sim.server_count().await, before + 1);
    let log = sim.log().await;
    let create = log
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == servers_path())
        .expect("the create is logged");
    assert_eq!(
        (&create["status"], &create["handled"]),
        (&json!(504), &json!(true))
    );
}

#[tokio::test]
async fn statuses_carry_nova_fault_names() {
    let sim = controlled().await;
    for (status, name) in [
        (400, "badRequest"),
        (403, "forbidden"),
        (404, "itemNotFound"),
        (409, "conflictingRequest"),
        (500, "computeFault"),
        (502, "computeFault"),
        (503, "serviceUnavailable"),
    ] {
        sim.faults(json!([{"path": "/flavors", "status": status}]))
            .await;
        sim.get("/flavors").await.assert_fault(status, name);
    }
    sim.faults(json!(["GET /flavors=status:500,message:disk on fire"]))
        .await;
    let reply = sim.get("/flavors").await;
    assert_eq!(reply.json["computeFault"]["message"], "disk on fire");

    // A 401 looks like keystonemiddleware's, not a Nova fault.
    sim.faults(json!(["/flavors=status:401"])).await;
    let reply = sim.get("/flavors").await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json["error"]["code"], 401);
    assert!(reply
        .header("www-authenticate")
        .unwrap()
        .starts_with("Keystone uri="));
}

#[tokio::test]
async fn bad_bodies() {
    let sim = controlled().await;
    let full = sim.get("/flavors/detail").await;
    assert_eq!(full.status, 200);

    sim.faults(json!(["GET /flavors/detail=malformed,times:1"]))
        .await;
    let reply = sim.get("/flavors/detail").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(serde_json::from_str::<Value>(&reply.text).is_err());
    assert!(!reply.text.is_empty());

    sim.faults(json!(["GET /flavors/detail=html,times:1"]))
        .await;
    let reply = sim.get("/flavors/detail").await;
    assert_eq!(reply.status, 502);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(reply.text.contains("<title>502 Bad Gateway</title>"));

    sim.faults(json!(["GET /flavors/detail=html,status:504,times:1"]))
        .await;
    let reply = sim.get("/flavors/detail").await;
    assert_eq!(reply.status, 504);
    assert!(
        reply.text.contains("504 Gateway Time-out") || reply.text.contains("504 Gateway Timeout")
    );

    sim.faults(json!(["GET /flavors/detail=empty,times:1"]))
        .await;
    let reply = sim.get("/flavors/detail").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text, "");
    assert_eq!(reply.header("content-length"), Some("0"));

    sim.faults(json!(["GET /flavors/detail=truncated,times:1"]))
        .await;
    let reply = sim.get("/flavors/detail").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text.len(), full.text.len() / 2);
    assert!(full.text.starts_with(&reply.text));
    assert!(serde_json::from_str::<Value>(&reply.text).is_err());

    // The rules were used up: the list is whole again.
    assert_eq!(sim.get("/flavors/detail").await.text, full.text);
}

#[tokio::test]
async fn a_dropped_connection_gets_no_response() {
    let mut sim = controlled().await;
    // HTTP clients (browsers too) may resend a request whose reused connection closed
    // without an answer; new connections keep this test to one attempt per request.
    sim.client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let before = sim.server_count().await;
    sim.faults(json!(["POST /servers=drop,times:1"])).await;
    let result = sim
        .client
        .post(format!("{}{}", sim.url, servers_path()))
        .header("X-Auth-Token", &sim.token)
        .json(&u2_create("dropped"))
        .send()
        .await;
    let error = result.expect_err("no response");
    assert!(!error.is_status(), "{error:?}");
    assert_eq!(sim.server_count().await, before);

    // After the handler: the server exists although the client saw nothing.
    sim.faults(json!(["POST /servers=drop,after,times:1"]))
        .await;
    let result = sim
        .client
        .post(format!("{}{}", sim.url, servers_path()))
        .header("X-Auth-Token", &sim.token)
        .json(&u2_create("dropped-after"))
        .send()
        .await;
    assert!(result.is_err());
    assert_eq!(sim.server_count().await, before + 1);

    let creates: Vec<Value> = sim
        .log()
        .await
        .into_iter()
        .filter(|e| e["method"] == "POST" && e["path"] == servers_path())
        .collect();
    assert_eq!(creates.len(), 2, "{creates:?}");
    assert_eq!(creates[0]["status"], Value::Null);
    assert_eq!(creates[0]["handled"], false);
    assert_eq!(creates[1]["status"], Value::Null);
    assert_eq!(creates[1]["handled"], true);
    assert_eq!(creates[1]["fault"], "drop");
}

#[tokio::test]
async fn over_limit_sends_retry_after() {
    let sim = controlled().await;
    sim.faults(json!([
        "GET /servers/detail=over-limit,retry-after:3,times:1"
    ]))
    .await;
    let reply = sim.get("/servers/detail").await;
    reply.assert_fault(429, "overLimit");
    assert_eq!(reply.header("retry-after"), Some("3"));
    assert_eq!(reply.json["overLimit"]["retryAfter"], "3");
    assert_eq!(sim.get("/servers/detail").await.status, 200);

    sim.faults(json!([{"path": "/servers", "method": "POST", "kind": "overLimit", "status": 413}]))
        .await;
    let reply = sim.post("/servers", u2_create("limited")).await;
    reply.assert_fault(413, "overLimit");
    assert_eq!(reply.header("retry-after"), Some("1"));

    // A plain status:429 is the same fault.
    sim.faults(json!(["GET /flavors=status:429"])).await;
    let reply = sim.get("/flavors").await;
    reply.assert_fault(429, "overLimit");
    assert!(reply.header("retry-after").is_some());
}

#[tokio::test]
async fn the_next_requests_answer_401_then_the_token_works_again() {
    let sim = controlled().await;
    sim.faults(json!(["*=unauthorized,times:2"])).await;
    for _ in 0..2 {
        let reply = sim.get("/servers").await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.json["error"]["code"], 401);
    }
    assert_eq!(sim.get("/servers").await.status, 200);
}

#[tokio::test]
async fn expired_tokens_stay_expired_until_a_new_one_is_issued() {
    let sim = controlled().await;
    let reply = sim
        .raw(Method::POST, "/_sim/expire-tokens", Some(json!({})), None)
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json["expired"], 1);
    assert_eq!(sim.get("/servers").await.status, 401);
    assert_eq!(sim.get("/flavors").await.status, 401);
    let fresh = sim.login().await;
    let reply = sim
        .raw(Method::GET, &servers_path(), None, Some(&fresh))
        .await;
    assert_eq!(reply.status, 200);

    // As a rule: the create meets an expired token, so nothing is created, and a new
    // token then creates exactly one server.
    let before = sim.server_count_with(&fresh).await;
    sim.faults(json!(["POST /servers=expire-tokens,times:1"]))
        .await;
    let reply = sim
        .raw(
            Method::POST,
            &servers_path(),
            Some(u2_create("x")),
            Some(&fresh),
        )
        .await;
    assert_eq!(reply.status, 401);
    let newer = sim.login().await;
    let reply = sim
        .raw(
            Method::POST,
            &servers_path(),
            Some(u2_create("x")),
            Some(&newer),
        )
        .await;
    assert_eq!(reply.status, 202);
    assert_eq!(sim.server_count_with(&newer).await, before + 1);
    let log = sim.log().await;
    let creates: Vec<&Value> = log
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == servers_path())
        .collect();
    assert_eq!(creates[0]["fault"], "expireTokens");
    assert_eq!(creates[0]["status"], 401);
}

impl Sim {
    async fn server_count_with(&self, token: &str) -> usize {
        let reply = self
            .raw(Method::GET, &servers_path(), None, Some(token))
            .await;
        reply.json["servers"].as_array().unwrap().len()
    }
}

#[tokio::test]
async fn latency_delays_matching_requests() {
    let sim = controlled().await;
    sim.faults(json!(["GET /flavors=latency:150"])).await;
    let started = Instant::now();
    assert_eq!(sim.get("/flavors").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));

    // Latency after the handler: the change is made, the answer is late.
    sim.faults(json!(["POST /servers=latency:150,after"])).await;
    let started = Instant::now();
    assert_eq!(sim.post("/servers", u2_create("slow")).await.status, 202);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let log = sim.log().await;
    assert_eq!(log.last().unwrap()["fault"], "latency");
}

#[tokio::test]
async fn every_nth_request_fails() {
    let sim = controlled().await;
    sim.faults(json!(["GET /flavors=every:3,status:503"])).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(sim.get("/flavors").await.status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 503, 200, 200, 503]);
    // Other paths do not count.
    assert_eq!(sim.get("/flavors/detail").await.status, 200);
}

#[tokio::test]
async fn rates_are_seeded_and_repeat() {
    let run = |rule: &'static str| async move {
        let sim = controlled().await;
        sim.faults(json!([rule])).await;
        let mut statuses = Vec::new();
        for _ in 0..30 {
            statuses.push(sim.get("/flavors").await.status.as_u16());
        }
        statuses
    };
    let first = run("GET /flavors=rate:0.5,seed:42,status:503").await;
    let second = run("GET /flavors=rate:0.5,seed:42,status:503").await;
    assert_eq!(first, second);
    let failures = first.iter().filter(|s| **s == 503).count();
    assert!((5..=25).contains(&failures), "{first:?}");
    assert!(run("GET /flavors=rate:0,status:503")
        .await
        .iter()
        .all(|s| *s == 200));
    assert!(run("GET /flavors=rate:1,status:503")
        .await
        .iter()
        .all(|s| *s == 503));
}

#[tokio::test]
async fn patterns_choose_methods_paths_and_regions() {
    let sim = controlled().await;
    sim.faults(json!([
        "GET ^/kr2/**=status:503",
        "DELETE /servers/{id}=status:409",
        "/os-keypairs/*=status:500"
    ]))
    .await;
    let kr2 = sim
        .raw(
            Method::GET,
            &format!("/kr2/v2/{TENANT}/flavors"),
            None,
            Some(&sim.token),
        )
        .await;
    kr2.assert_fault(503, "serviceUnavailable");
    assert_eq!(sim.get("/flavors").await.status, 200);
    let id = compute_sim::seed::ids::WEB_01;
    sim.nova(Method::DELETE, &format!("/servers/{id}"), None)
        .await
        .assert_fault(409, "conflictingRequest");
    assert_eq!(sim.get(&format!("/servers/{id}")).await.status, 200);
    sim.get("/os-keypairs/anything")
        .await
        .assert_fault(500, "computeFault");
    assert_eq!(sim.get("/os-keypairs").await.status, 200);
}

#[tokio::test]
async fn the_console_config_and_control_endpoints_are_never_faulted() {
    let dist = std::env::temp_dir().join(format!("compute-sim-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<title>Compute Console</title>").unwrap();
    let mut config = test_config();
    config.test_control = true;
    config.dist = Some(dist.clone());
    config.allow_origins = vec!["http://console.example".into()];
    config.faults = vec![Rule::parse_flag("*=status:500").unwrap()];
    let sim = Sim::with_faulted_login(config).await;

    let page = |path: &'static str| {
        let request = sim
            .client
            .get(format!("{}{path}", sim.url))
            .header("Accept", "text/html");
        async move { reply(request.send().await.unwrap()).await }
    };
    assert!(page("/").await.text.contains("Compute Console"));
    assert!(page("/instances").await.text.contains("Compute Console"));
    assert_eq!(page("/config.json").await.status, 200);
    // The API fails, with CORS headers so a browser can read the fault.
    let reply = sim
        .client
        .get(format!("{}/v2/{TENANT}/flavors", sim.url))
        .header("Origin", "http://console.example")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 500);
    assert_eq!(
        reply.headers()["access-control-allow-origin"],
        "http://console.example"
    );
    // The version list for API clients at `/` is API too.
    let versions = sim
        .client
        .get(format!("{}/", sim.url))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(versions.status(), 500);

    // The control endpoint works, across origins too, and is not logged.
    let reply = sim
        .client
        .delete(format!("{}/_sim/faults", sim.url))
        .header("Origin", "http://console.example")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 204);
    assert_eq!(
        reply.headers()["access-control-allow-origin"],
        "http://console.example"
    );
    let preflight = sim
        .client
        .request(Method::OPTIONS, format!("{}/_sim/faults", sim.url))
        .header("Origin", "http://console.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "http://console.example"
    );
    let log = sim.log().await;
    assert!(log
        .iter()
        .all(|e| !e["path"].as_str().unwrap().starts_with("/_sim")
            && e["path"] != "/config.json"
            && e["path"] != "/instances"));
    assert!(log.iter().any(|e| e["path"] == "/v2.0/tokens"));
    let _ = std::fs::remove_dir_all(dist);
}

impl Sim {
    /// A simulator whose start-up rules would refuse the login [`Sim::with`] does: the rules
    /// are set after the login instead.
    async fn with_faulted_login(mut config: compute_sim::Config) -> Sim {
        let rules = std::mem::take(&mut config.faults);
        let sim = Sim::with(config).await;
        let rules: Vec<Value> = rules
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect();
        sim.faults(Value::Array(rules)).await;
        sim
    }
}

#[tokio::test]
async fn start_up_rules_apply_from_the_first_request() {
    let mut config = test_config();
    config.test_control = true;
    config.faults = vec![Rule::parse_flag("GET /flavors=status:503,times:1").unwrap()];
    let sim = Sim::with(config).await;
    sim.get("/flavors")
        .await
        .assert_fault(503, "serviceUnavailable");
    assert_eq!(sim.get("/flavors").await.status, 200);
}

#[tokio::test]
async fn the_control_endpoint_refuses_bad_rules_and_clears() {
    let sim = controlled().await;
    let bad = |body: Value| {
        let sim = &sim;
        async move {
            sim.raw(Method::POST, "/_sim/faults", Some(body), None)
                .await
        }
    };
    let reply = bad(json!({"path": "*"})).await;
    reply.assert_fault(400, "badRequest");
    let reply = bad(json!(["GET /flavors=latency:5", {"path": "/x", "status": 999}])).await;
    reply.assert_fault(400, "badRequest");
    let message = reply.json["badRequest"]["message"].as_str().unwrap();
    assert!(
        message.contains("rule 1") && message.contains("999"),
        "{message}"
    );
    let reply = bad(json!([{"path": "/x", "colour": "red"}])).await;
    assert!(reply.json["badRequest"]["message"]
        .as_str()
        .unwrap()
        .contains("colour"));
    let reply = bad(json!(["nonsense"])).await;
    reply.assert_fault(400, "badRequest");
    // Nothing was half-applied.
    let reply = sim.raw(Method::GET, "/_sim/faults", None, None).await;
    assert_eq!(reply.json, json!([]));

    sim.faults(json!(["GET /flavors=drop"])).await;
    let reply = sim.raw(Method::DELETE, "/_sim/faults", None, None).await;
    assert_eq!(reply.status, 204);
    assert_eq!(sim.get("/flavors").await.status, 200);
    assert!(!sim.log().await.is_empty());
    let reply = sim.raw(Method::DELETE, "/_sim/requests", None, None).await;
    assert_eq!(reply.status, 204);
    assert!(sim.log().await.is_empty());
}

#[test]
fn invalid_fault_flags_stop_the_binary_with_a_clear_message() {
    for (args, expected) in [
        (
            vec!["--fault", "POST /servers=bogus"],
            "unknown fault kind `bogus`",
        ),
        (
            vec!["--fault", "POST /servers"],
            "expected `[METHOD ]PATH=OPTION",
        ),
        (vec!["--fault", "GET /x=status:99"], "between 100 and 599"),
        (vec!["--error-rate", "1.5"], "between 0 and 1"),
        (vec!["--latency-ms", "soon"], "invalid value 'soon'"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_compute-sim"))
            .args(["--listen", "127.0.0.1:0"])
            .args(&args)
            .output()
            .expect("the binary runs");
        assert!(!output.status.success(), "{args:?} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed a URL");
    }
}

#[tokio::test]
async fn the_binary_takes_fault_flags() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_compute-sim"))
        .args(["--listen", "127.0.0.1:0", "--test-control"])
        .args(["--fault", "POST /servers=status:504,after,times:1"])
        .args(["--latency-ms", "5", "--error-rate", "0.25"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // The reader stays open: the binary prints more lines and must not meet a closed pipe.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("compute-sim listening on ")
        .unwrap_or_else(|| panic!("{first}"))
        .to_string();
    let rules: Value = reqwest::get(format!("{url}/_sim/faults"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        rules,
        json!([
            {"method": "*", "path": "*", "latencyMs": 5},
            {"method": "POST", "path": "/servers", "status": 504, "times": 1, "after": true},
            {"method": "*", "path": "*", "status": 503, "rate": 0.25}
        ])
    );
    let _ = child.kill();
    let _ = child.wait();
    drop(stdout);
}

#[tokio::test]
async fn only_a_rule_naming_a_wasm_chunk_refuses_it() {
    let chunk = b"\0asm chunk".as_slice();
    let dist = common::small_dist("compute-sim-chunk-faults", "Compute Console", &[]);
    std::fs::create_dir_all(dist.join("pkg-1")).unwrap();
    for file in [
        "split_cc_zones.wasm",
        "chunk_1.wasm",
        "compute-console_bg.wasm",
    ] {
        std::fs::write(dist.join("pkg-1").join(file), chunk).unwrap();
    }
    let mut config = test_config();
    config.test_control = true;
    config.dist = Some(dist.clone());
    let sim = Sim::with(config).await;
    let sim = &sim;
    let get = |file: &'static str| async move {
        sim.raw(Method::GET, &format!("/pkg-1/{file}"), None, None)
            .await
    };

    // Wildcards, even with a path that would match, leave the console's files alone.
    sim.faults(json!(["*=status:503", "GET /pkg-1/*=status:503"]))
        .await;
    for file in [
        "split_cc_zones.wasm",
        "chunk_1.wasm",
        "compute-console_bg.wasm",
    ] {
        let reply = get(file).await;
        assert_eq!(reply.status, StatusCode::OK, "{file}");
        assert_eq!(reply.text.as_bytes(), chunk, "{file}");
    }

    // A rule that names the chunk refuses it, as often as it says, and nothing else.
    sim.faults(json!(["GET /split_cc_zones.wasm=status:503,times:1"]))
        .await;
    assert_eq!(get("split_cc_zones.wasm").await.status, 503);
    assert_eq!(get("split_cc_zones.wasm").await.status, StatusCode::OK);
    assert_eq!(get("chunk_1.wasm").await.status, StatusCode::OK);
    // The main module is not a chunk: naming it does nothing (the console could not start).
    sim.faults(json!(["GET /compute-console_bg.wasm=status:503"]))
        .await;
    assert_eq!(get("compute-console_bg.wasm").await.status, StatusCode::OK);

    let log = sim.log().await;
    let chunks: Vec<_> = log
        .iter()
        .filter(|e| e["path"].as_str().unwrap().ends_with(".wasm"))
        .collect();
    assert_eq!(chunks.len(), 1, "only the refused read is logged: {log:?}");
    assert_eq!(chunks[0]["status"], 503);
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn the_log_never_keeps_a_password_or_a_token() {
    let sim = controlled().await;
    // Sign in once more (the start signed in too), then use the token.
    let token = sim.login().await;
    assert_eq!(sim.get("/servers").await.status, 200);
    let log = sim.log().await;
    let text = serde_json::to_string(&log).unwrap();
    let password = compute_sim::config::DEFAULT_PASSWORD;
    assert!(!text.contains(password), "the password is logged: {text}");
    assert!(!text.contains(&token), "a token is logged: {text}");
    let sign_ins: Vec<&Value> = log
        .iter()
        .filter(|e| e["method"] == "POST" && e["path"] == "/v2.0/tokens")
        .collect();
    assert!(!sign_ins.is_empty(), "{log:?}");
    for entry in sign_ins {
        assert_eq!(
            entry["body"],
            compute_sim::fault_injection::REDACTED_BODY,
            "the log says why the body is missing"
        );
    }
}

#[tokio::test]
async fn control_requests_need_the_own_address_and_json() {
    let sim = controlled().await;
    let url = format!("{}/_sim/faults", sim.url);
    // A page posting text/plain needs no CORS preflight: refused.
    let plain = sim
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body("[\"POST /servers=status:500\"]")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Another host name pointing at this address (DNS rebinding): refused, reads too.
    for method in [Method::GET, Method::POST] {
        let rebound = sim
            .client
            .request(method.clone(), &url)
            .header("host", "rebind.attacker.example")
            .header("content-type", "application/json")
            .body("[]")
            .send()
            .await
            .unwrap();
        assert_eq!(
            rebound.status(),
            StatusCode::MISDIRECTED_REQUEST,
            "{method}"
        );
    }
    let log = sim
        .client
        .get(format!("{}/_sim/requests", sim.url))
        .header("host", "rebind.attacker.example")
        .send()
        .await
        .unwrap();
    assert_eq!(log.status(), StatusCode::MISDIRECTED_REQUEST);
    // No rule was added by any of them.
    let rules = sim.raw(Method::GET, "/_sim/faults", None, None).await;
    assert_eq!(rules.json, json!([]), "{}", rules.text);
    // The simulator's own address with JSON works.
    sim.faults(json!([])).await;
}
