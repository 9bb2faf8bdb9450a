//! Starts a simulator in-process on a free port and talks to it over real HTTP.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use compute_sim::config::{Config, DEFAULT_PASSWORD, DEFAULT_TENANT, DEFAULT_USERNAME};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const TENANT: &str = DEFAULT_TENANT;

pub struct Sim {
    pub url: String,
    pub client: reqwest::Client,
    pub token: String,
    running: Option<compute_sim::Running>,
}

/// A response: status, headers, body as JSON (`Null` when empty or not JSON), raw text.
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Decodes the body with a compute-api type, failing the test with the body on error.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.text).unwrap_or_else(|e| {
            panic!(
                "cannot decode {}: {e}\n{}",
                std::any::type_name::<T>(),
                self.text
            )
        })
    }

    /// Asserts a Nova fault with this status and name.
    pub fn assert_fault(&self, status: u16, name: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(self.json[name]["code"], status, "body: {}", self.text);
        assert!(
            self.json[name]["message"].is_string(),
            "body: {}",
            self.text
        );
    }
}

/// A console `dist/` for serving tests: `index.html` with `title`, plus `files` (name, bytes),
/// in a temporary directory named after `name` and this process.
pub fn small_dist(name: &str, title: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let dist = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    let index = format!("<!doctype html><title>{title}</title>");
    std::fs::write(dist.join("index.html"), index).unwrap();
    for (file, bytes) in files {
        std::fs::write(dist.join(file), bytes).unwrap();
    }
    dist
}

pub fn test_config() -> Config {
    Config {
        listen: "127.0.0.1:0".into(),
        transition: Duration::from_millis(50),
        ..Config::default()
    }
}

impl Sim {
    pub async fn start() -> Self {
        Self::with(test_config()).await
    }

    pub async fn with(config: Config) -> Self {
        let running = compute_sim::start(config).await.expect("simulator starts");
        let url = format!("http://{}", running.addr);
        let client = reqwest::Client::new();
        let mut sim = Self {
            url,
            client,
            token: String::new(),
            running: Some(running),
        };
        sim.token = sim.login().await;
        sim
    }

    pub async fn login(&self) -> String {
        let reply = self
            .raw(
                Method::POST,
                "/v2.0/tokens",
                Some(token_body(DEFAULT_PASSWORD)),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json["access"]["token"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Moves the simulator's clock on (it must run with `test_control`); returns its new time
    /// as Nova writes it.
    pub async fn advance_clock(&self, ms: u64) -> String {
        let reply = self
            .raw(
                Method::POST,
                "/_sim/clock",
                Some(serde_json::json!({"advanceMs": ms})),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json["now"]
            .as_str()
            .expect("the new time")
            .to_string()
    }

    /// A request to a path of this server; `token` `None` sends no X-Auth-Token.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> Reply {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.url)
        };
        let mut request = self.client.request(method, url);
        if let Some(token) = token {
            request = request.header("X-Auth-Token", token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        reply(request.send().await.expect("request is sent")).await
    }

    /// A compute call under `/v2/{tenant}` with the test's token.
    pub async fn nova(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.raw(
            method,
            &format!("/v2/{TENANT}{path}"),
            body,
            Some(&self.token),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.nova(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.nova(Method::POST, path, Some(body)).await
    }

    pub async fn action(&self, server: &str, body: Value) -> Reply {
        self.post(&format!("/servers/{server}/action"), body).await
    }

    pub async fn server(&self, id: &str) -> Value {
        let reply = self.get(&format!("/servers/{id}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json["server"].clone()
    }

    /// Polls a server until its status is `status` (or it is gone, for `"GONE"`).
    pub async fn wait_for(&self, id: &str, status: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let reply = self.get(&format!("/servers/{id}")).await;
            if status == "GONE" && reply.status == StatusCode::NOT_FOUND {
                return Value::Null;
            }
            if reply.json["server"]["status"] == status {
                return reply.json["server"].clone();
            }
            assert!(
                Instant::now() < deadline,
                "{id} never became {status}: {}",
                reply.text
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Sim {
    /// Polls a server until no task runs on it.
    pub async fn wait_idle(&self, id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let server = self.server(id).await;
            if server["OS-EXT-STS:task_state"].is_null() {
                return server;
            }
            assert!(Instant::now() < deadline, "{id} stays busy: {server}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop();
        }
    }
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        json,
        text,
    }
}

pub fn token_body(password: &str) -> Value {
    json!({"auth": {"tenantId": TENANT, "passwordCredentials": {"username": DEFAULT_USERNAME, "password": password}}})
}

/// A valid create body for a U2 flavor (no block device mapping needed).
pub fn u2_create(name: &str) -> Value {
    use compute_sim::seed::ids::*;
    json!({"server": {
        "name": name,
        "imageRef": CENTOS_7,
        "flavorRef": U2_C2M4,
        "networks": [{"uuid": DEFAULT_NETWORK}],
        "key_name": DEMO_KEY,
        "availability_zone": "kr-pub-a"
    }})
}

/// Reads a fixture vendored in the repository's `fixtures/` (or under `COMPUTE_FIXTURES`).
pub fn fixture(path: &str) -> Value {
    let base = std::env::var("COMPUTE_FIXTURES")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures").to_string());
    let text = std::fs::read_to_string(format!("{base}/{path}"))
        .unwrap_or_else(|e| panic!("fixture {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}
