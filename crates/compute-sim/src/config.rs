//! Run-time settings of the simulator, shared by the command line and in-process tests.

use std::path::PathBuf;
use std::time::Duration;

/// The tenant id NHN's own documentation uses in its examples.
pub const DEFAULT_TENANT: &str = "6cdebe3eb0094910bc41f1d42ebe4cb7";
pub const DEFAULT_USERNAME: &str = "demo@example.com";
pub const DEFAULT_PASSWORD: &str = "demo-password";

/// Everything the simulator needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind, e.g. `127.0.0.1:8080` or `127.0.0.1:0` for any free port.
    pub listen: String,
    pub tenant_id: String,
    pub username: String,
    pub password: String,
    /// More users of the same tenant, as (user name, password): a second identity to sign in
    /// as (the console never mixes two identities' sessions across its tabs).
    pub extra_users: Vec<(String, String)>,
    /// Settings added to the console's `config.json` (`idleTimeoutMinutes`, `embed`, …).
    pub console_settings: serde_json::Map<String, serde_json::Value>,
    /// The built console (`dist/`) to serve from the same origin.
    pub dist: Option<PathBuf>,
    /// Extra generated instances in KR1, for scale tests.
    pub seed_instances: usize,
    /// How long each state transition takes (BUILD → ACTIVE, stop, reboot …).
    pub transition: Duration,
    /// Lifetime of issued tokens.
    pub token_ttl: Duration,
    /// Origins allowed by CORS; `*` allows any.
    pub allow_origins: Vec<String>,
    /// The URL clients reach the simulator at (catalog, links, `config.json`).
    /// `None`: `http://<bound address>`.
    pub public_url: Option<String>,
    /// Fault rules active from the start (`--fault`, `--latency-ms`, `--error-rate`).
    pub faults: Vec<crate::fault_injection::Rule>,
    /// Mounts the `/_sim` control endpoints and keeps the request log. Tests only.
    pub test_control: bool,
    /// Every response carries `Cross-Origin-Opener-Policy: same-origin`,
    /// `Cross-Origin-Embedder-Policy: require-corp` and `Cross-Origin-Resource-Policy:
    /// same-origin`, so pages served from here are cross-origin isolated (the benchmark needs
    /// that for `performance.measureUserAgentSpecificMemory()`).
    pub cross_origin_isolated: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            tenant_id: DEFAULT_TENANT.into(),
            username: DEFAULT_USERNAME.into(),
            password: DEFAULT_PASSWORD.into(),
            extra_users: Vec::new(),
            console_settings: serde_json::Map::new(),
            dist: None,
            seed_instances: 0,
            transition: Duration::from_millis(3000),
            token_ttl: Duration::from_secs(12 * 3600),
            allow_origins: Vec::new(),
            public_url: None,
            faults: Vec::new(),
            test_control: false,
            cross_origin_isolated: false,
        }
    }
}

impl Config {
    /// Whether `username` may sign in with `password`.
    pub fn accepts(&self, username: &str, password: &str) -> bool {
        (username == self.username && password == self.password)
            || self
                .extra_users
                .iter()
                .any(|(name, secret)| name == username && secret == password)
    }
}
