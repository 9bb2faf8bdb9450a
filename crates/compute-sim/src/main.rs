//! `compute-sim`: the command line. Everything else lives in the library.
//!
//! Fault injection, for testing how clients cope (full syntax in `compute_sim::fault_injection::spec`):
//!
//! - `--fault '[METHOD ]PATH=OPTION,…'` (repeatable), e.g. `--fault 'POST /servers=status:504,times:1'`,
//!   `--fault 'GET /servers/detail=html'`, `--fault '*=over-limit,retry-after:3,every:5'`.
//! - `--latency-ms 200`: every API request waits 200 ms.
//! - `--error-rate 0.1`: a tenth of API requests answer 503 (a fixed seed, so runs repeat).
//! - `--test-control`: mounts `/_sim/faults`, `/_sim/expire-tokens`, `/_sim/requests` and
//!   `/_sim/servers/status` so tests can change faults, read the request log and change many
//!   servers' status at once at run time. Never on by default.
//! - `--cross-origin-isolated`: COOP/COEP/CORP headers on every response, so the console and
//!   the benchmark's baseline page can call `performance.measureUserAgentSpecificMemory()`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use compute_sim::config::{Config, DEFAULT_PASSWORD, DEFAULT_TENANT, DEFAULT_USERNAME};
use compute_sim::fault_injection::spec::{parse_fault_flag, parse_rate};
use compute_sim::fault_injection::Rule;

/// An NHN Cloud compatible Compute API v2 simulator.
#[derive(Debug, Parser)]
#[command(version, about, after_help = FAULT_HELP)]
struct Cli {
    /// Address to listen on (`127.0.0.1:0` picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// The tenant (project) id.
    #[arg(long, default_value = DEFAULT_TENANT)]
    tenant: String,
    /// The user name that may sign in.
    #[arg(long, default_value = DEFAULT_USERNAME)]
    username: String,
    /// The API password of that user.
    #[arg(long, default_value = DEFAULT_PASSWORD)]
    password: String,
    /// Another user of the tenant, `NAME:PASSWORD` (repeatable).
    #[arg(long = "extra-user", value_name = "NAME:PASSWORD", value_parser = parse_user)]
    extra_users: Vec<(String, String)>,
    /// A setting added to the console's `config.json`, `KEY=JSON` (repeatable), e.g.
    /// `--console-setting idleTimeoutMinutes=30` or `--console-setting 'sessionPersistence="memory"'`.
    #[arg(long = "console-setting", value_name = "KEY=JSON", value_parser = parse_console_setting)]
    console_settings: Vec<(String, serde_json::Value)>,
    /// Serve the built console (a Trunk `dist/` directory) from the same origin.
    #[arg(long)]
    dist: Option<PathBuf>,
    /// Add this many generated instances to KR1 (for scale tests).
    #[arg(long, default_value_t = 0)]
    seed_instances: usize,
    /// Duration of each state transition, in milliseconds.
    #[arg(long, default_value_t = 3000)]
    transition_ms: u64,
    /// Lifetime of issued tokens, in seconds.
    #[arg(long, default_value_t = 12 * 3600)]
    token_ttl: u64,
    /// An origin allowed by CORS (repeatable; `*` for any).
    #[arg(long = "allow-origin")]
    allow_origin: Vec<String>,
    /// The URL clients reach this server at (default `http://<bound address>`).
    #[arg(long)]
    public_url: Option<String>,
    /// Inject a fault: `[METHOD ]PATH=OPTION,…` (repeatable; see below).
    #[arg(long = "fault", value_name = "RULE", value_parser = parse_fault_flag)]
    faults: Vec<Rule>,
    /// Delay every API request by this many milliseconds.
    #[arg(long, value_name = "MS")]
    latency_ms: Option<u64>,
    /// Answer this fraction (0..1) of API requests with a 503 fault, reproducibly.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    error_rate: Option<f64>,
    /// Mount the `/_sim` control endpoints (faults, token expiry, request log, status changes).
    /// Tests only.
    #[arg(long)]
    test_control: bool,
    /// Send COOP `same-origin`, COEP `require-corp` and CORP `same-origin` on every response,
    /// making the served pages cross-origin isolated (for memory measurement in benchmarks).
    #[arg(long)]
    cross_origin_isolated: bool,
}

const FAULT_HELP: &str = "\
Fault rules: [METHOD ]PATH=OPTION[,OPTION...]
  METHOD   GET, POST, ... or * (any; also when left out)
  PATH     matched against the end of the request path: /servers matches
           /v2/{tenant}/servers in both regions; {x} or * is one segment, ** any
           number, a leading ^ anchors at the start (^/kr2/** = KR2 only), * = all
  OPTIONS  status:N | malformed | html | empty | truncated | drop | over-limit |
           unauthorized | expire-tokens   (what happens; at most one)
           latency:MS  rate:P  seed:N  every:N  times:N  after
           retry-after:SECONDS (over-limit)  message:TEXT
  `after` runs the real handler first, then replaces its answer.
Examples:
  --fault 'POST /servers=status:504,times:1'
  --fault 'POST /servers=status:504,after,times:1'
  --fault 'GET /servers/detail=html' --fault '*=over-limit,retry-after:3,every:5'
Faults never apply to the console's files, /config.json or /_sim, except a wasm chunk a rule
names by file: --fault 'GET /split_cc_zones.wasm=status:503,times:1'.";

fn parse_user(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((name, password)) if !name.is_empty() && !password.is_empty() => {
            Ok((name.to_string(), password.to_string()))
        }
        _ => Err("expected NAME:PASSWORD".into()),
    }
}

fn parse_console_setting(text: &str) -> Result<(String, serde_json::Value), String> {
    let (key, value) = text.split_once('=').ok_or("expected KEY=JSON")?;
    let value = serde_json::from_str(value).map_err(|e| format!("{key}: {e}"))?;
    Ok((key.to_string(), value))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    // Latency first: it adds up with whatever a later rule answers.
    let mut faults = Vec::new();
    if let Some(ms) = cli.latency_ms.filter(|ms| *ms > 0) {
        let mut rule = Rule::new("*", "*");
        rule.latency_ms = ms;
        faults.push(rule);
    }
    faults.extend(cli.faults);
    if let Some(rate) = cli.error_rate {
        let mut rule = Rule::new("*", "*");
        rule.status = Some(503);
        rule.rate = Some(rate);
        faults.push(rule);
    }
    let config = Config {
        listen: cli.listen,
        tenant_id: cli.tenant,
        username: cli.username,
        password: cli.password,
        extra_users: cli.extra_users,
        console_settings: cli.console_settings.into_iter().collect(),
        dist: cli.dist,
        seed_instances: cli.seed_instances,
        transition: Duration::from_millis(cli.transition_ms),
        token_ttl: Duration::from_secs(cli.token_ttl),
        allow_origins: cli.allow_origin,
        public_url: cli.public_url,
        faults,
        test_control: cli.test_control,
        cross_origin_isolated: cli.cross_origin_isolated,
    };
    let listener = tokio::net::TcpListener::bind(&config.listen).await?;
    let stop = shutdown()?;
    let addr = listener.local_addr()?;
    let public = compute_sim::public_url(&config, addr);
    {
        // Tests read the first line to learn the port: it must come first and be flushed.
        let mut out = std::io::stdout().lock();
        writeln!(out, "compute-sim listening on http://{addr}")?;
        writeln!(out, "identity:  {public}/v2.0  (POST /v2.0/tokens)")?;
        writeln!(out, "tenant:    {}", config.tenant_id)?;
        writeln!(out, "username:  {}", config.username)?;
        writeln!(out, "password:  {}", config.password)?;
        if config.dist.is_some() {
            writeln!(out, "console:   {public}/")?;
        }
        out.flush()?;
    }
    compute_sim::serve(listener, config, stop).await
}

/// Completes on Ctrl-C or SIGTERM. The handlers are installed before this returns, so a
/// signal sent right after the first line is printed is not lost.
#[cfg(unix)]
fn shutdown() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
    })
}

#[cfg(not(unix))]
fn shutdown() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
