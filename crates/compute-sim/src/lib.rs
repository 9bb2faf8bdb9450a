//! An NHN Cloud compatible simulator of the Compute Instance API v2 (OpenStack Nova v2 without
//! microversions), with the identity, image, network and volume listings around it.
//!
//! URL layout (everything on one origin, `{public}` = the public URL):
//! - `POST {public}/v2.0/tokens`, `GET {public}/v2.0`: Keystone v2.0.
//! - Region KR1 at the root: compute `{public}/v2/{tenant}`, image `{public}` (`/v2/images`),
//!   network `{public}` (`/v2.0/networks` …), volume `{public}/v2/{tenant}` (`/volumes`).
//! - Region KR2, a separate and smaller state, is the same router nested under `/kr2`.
//! - `GET /`, `/v2`, `/v2/`, `/v2/{tenant}`: Nova version documents (no token).
//! - With a console directory: its static files, `index.html` for deep links, `config.json`.
//! - With `--test-control` only: `/_sim/faults`, `/_sim/expire-tokens`, `/_sim/requests`
//!   (see [`fault_injection`]), `/_sim/servers/status` and `/_sim/clock` (see [`control`]). Injected faults
//!   apply to the API paths above, never to the console.
//! - With `--cross-origin-isolated`: COOP, COEP and CORP headers on every response.

pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod console;
pub mod control;
pub mod control_guard;
pub mod cors;
pub mod fault;
pub mod fault_injection;
pub mod query;
pub mod seed;
pub mod services;
pub mod store;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;

pub use config::Config;
use store::Store;

/// What every handler shares.
pub type AppState = Arc<Shared>;

/// Settings, the public URL, the issued tokens and the injected faults.
#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    /// Without a trailing slash: `http://127.0.0.1:8080`.
    pub public_url: String,
    pub tokens: auth::Tokens,
    pub faults: fault_injection::Faults,
    pub clock: clock::Clock,
}

impl Shared {
    pub fn identity_url(&self) -> String {
        format!("{}/v2.0", self.public_url)
    }
}

/// One region: its name, its path prefix and its state.
#[derive(Debug)]
pub struct Region {
    pub name: &'static str,
    /// `""` for KR1, `/kr2` for KR2.
    pub prefix: &'static str,
    pub store: Mutex<Store>,
}

/// The state of a region's routes.
#[derive(Debug, Clone)]
pub struct RegionState {
    pub app: AppState,
    pub region: Arc<Region>,
}

impl RegionState {
    /// Locks the region's store after applying every transition that is due.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        let mut store = self.region.store.lock().unwrap_or_else(|e| e.into_inner());
        store.advance(self.app.clock.now());
        store
    }

    /// `{public}{prefix}/v2/{tenant}`: the compute (and volume) endpoint of this region.
    pub fn compute_url(&self) -> String {
        format!(
            "{}{}/v2/{}",
            self.app.public_url, self.region.prefix, self.app.config.tenant_id
        )
    }

    /// `{public}{prefix}/{tenant}`: the base of Nova's `bookmark` links.
    pub fn bookmark_url(&self) -> String {
        format!(
            "{}{}/{}",
            self.app.public_url, self.region.prefix, self.app.config.tenant_id
        )
    }

    /// `{public}{prefix}`: the image and network endpoints of this region.
    pub fn service_url(&self) -> String {
        format!("{}{}", self.app.public_url, self.region.prefix)
    }
}

/// Builds the shared state and both regions from a configuration.
pub fn build_state(config: Config, public_url: String) -> (AppState, Arc<Region>, Arc<Region>) {
    let user_id = auth::user_id(&config.username);
    let mut kr1 = Store::new("KR1", config.transition);
    seed::kr1(&mut kr1, &config.tenant_id, &user_id, config.seed_instances);
    let mut kr2 = Store::new("KR2", config.transition);
    seed::kr2(&mut kr2, &config.tenant_id, &user_id);
    let faults = fault_injection::Faults::new(config.faults.clone(), config.test_control);
    let app = Arc::new(Shared {
        faults,
        config,
        public_url: public_url.trim_end_matches('/').to_string(),
        tokens: auth::Tokens::default(),
        clock: clock::Clock::default(),
    });
    let kr1 = Arc::new(Region {
        name: "KR1",
        prefix: "",
        store: Mutex::new(kr1),
    });
    let kr2 = Arc::new(Region {
        name: "KR2",
        prefix: "/kr2",
        store: Mutex::new(kr2),
    });
    (app, kr1, kr2)
}

/// The whole application: identity, both regions, version documents, the console, the
/// `/_sim` control endpoints with `--test-control`, and the layers every response goes
/// through (panic → 500 fault, injected faults, CORS, request ids).
pub fn app(config: Config, public_url: String) -> Router {
    let (app, kr1, kr2) = build_state(config, public_url);
    let kr1 = RegionState {
        app: app.clone(),
        region: kr1,
    };
    let kr2 = RegionState {
        app: app.clone(),
        region: kr2,
    };
    let identity = Router::new()
        .route("/v2.0/tokens", post(auth::issue_token))
        .route("/v2.0", get(auth::identity_version))
        .route("/v2.0/", get(auth::identity_version))
        .route("/config.json", get(console::config_json))
        .with_state(app.clone());

    // The control routes answer only their own address and JSON posts (control_guard).
    let guard = || middleware::from_fn_with_state(app.clone(), control_guard::guard);
    let mut identity = identity;
    if app.config.test_control {
        identity = identity.merge(
            fault_injection::control_routes()
                .route_layer(guard())
                .with_state(app.clone()),
        );
    }

    let mut kr1_routes = region_router(kr1.clone());
    if app.config.test_control {
        kr1_routes = kr1_routes.merge(
            control::routes()
                .route_layer(guard())
                .with_state(kr1.clone()),
        );
    }
    let router = Router::new()
        .merge(identity)
        .merge(kr1_routes)
        .nest("/kr2", region_router(kr2))
        .route("/", get(console::root))
        .fallback(console::fallback)
        .with_state(kr1);

    // Faults sit outside the panic catcher (a dropped connection must stay dropped) and
    // inside CORS and request ids (a gateway's errors carry both, and browsers must be able
    // to read injected errors).
    let router = router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            api::panic_response,
        ))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            fault_injection::inject,
        ))
        .layer(cors::layer(&app.config.allow_origins))
        .layer(middleware::from_fn(request_id));
    if app.config.cross_origin_isolated {
        router.layer(middleware::from_fn(cross_origin_isolation))
    } else {
        router
    }
}

/// `--cross-origin-isolated`: the headers that make a page cross-origin isolated (so it may
/// measure its memory), on every response, errors and preflights included.
async fn cross_origin_isolation(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-embedder-policy", "require-corp"),
        ("cross-origin-resource-policy", "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// One region's routes: compute and volume under `/v2/{tenant}`, images under `/v2/images`,
/// networks under `/v2.0`, and the unauthenticated version documents.
fn region_router<S: Clone + Send + Sync + 'static>(state: RegionState) -> Router<S> {
    let protected =
        api::routes()
            .merge(services::routes())
            .route_layer(middleware::from_fn_with_state(
                state.app.clone(),
                auth::require_token,
            ));
    Router::new()
        .merge(protected)
        .merge(api::versions::routes())
        .with_state(state)
}

/// Adds Nova's `x-compute-request-id` and the generic `x-openstack-request-id` to every
/// response, preflights and errors included.
async fn request_id(request: Request, next: Next) -> Response {
    let id = format!("req-{}", uuid::Uuid::new_v4());
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        let headers = response.headers_mut();
        headers.insert("x-compute-request-id", value.clone());
        headers.insert("x-openstack-request-id", value);
    }
    response
}

/// A simulator bound to a port and serving in the background: for tests.
#[derive(Debug)]
pub struct Running {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT` (or the configured public URL).
    pub url: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Stops serving.
    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds `config.listen` and serves in a background task of the current runtime.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(&config.listen).await?;
    let addr = listener.local_addr()?;
    let url = public_url(&config, addr);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let router = app(config, url.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        addr,
        url,
        shutdown: Some(tx),
    })
}

/// The public URL: the configured one, else `http://<bound address>`.
pub fn public_url(config: &Config, addr: SocketAddr) -> String {
    config
        .public_url
        .clone()
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{addr}"))
}

/// Serves on an already bound listener until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let url = public_url(&config, addr);
    axum::serve(listener, app(config, url))
        .with_graceful_shutdown(shutdown)
        .await
}
