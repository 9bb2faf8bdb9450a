//! `compute-sim`: the command line. Everything else lives in the library.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use compute_sim::config::{Config, DEFAULT_PASSWORD, DEFAULT_TENANT, DEFAULT_USERNAME};

/// An NHN Cloud compatible Compute API v2 simulator.
#[derive(Debug, Parser)]
#[command(version, about)]
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
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let config = Config {
        listen: cli.listen,
        tenant_id: cli.tenant,
        username: cli.username,
        password: cli.password,
        dist: cli.dist,
        seed_instances: cli.seed_instances,
        transition: Duration::from_millis(cli.transition_ms),
        token_ttl: Duration::from_secs(cli.token_ttl),
        allow_origins: cli.allow_origin,
        public_url: cli.public_url,
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
