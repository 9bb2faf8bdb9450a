//! Fault injection: latency, errors, broken bodies, dropped connections, rate limiting and
//! expired tokens on chosen API requests, so the console's failure handling can be tested
//! against a server that misbehaves on cue.
//!
//! Rules (see [`spec`] for their syntax) come from `--fault` and friends at start-up and, with
//! `--test-control`, from the `/_sim` endpoints at run time:
//!
//! - `GET /_sim/faults`: the active rules (a JSON list; `times` shows what is left).
//! - `POST /_sim/faults`: replaces them with a JSON list of rule objects or flag strings.
//! - `DELETE /_sim/faults`: removes every rule.
//! - `POST /_sim/expire-tokens`: every issued token expires now (`{"expired": N}`).
//! - `GET /_sim/requests`, `DELETE /_sim/requests`: the log of API requests (method, path,
//!   body, status, whether the real handler ran, the fault applied), and clearing it. The
//!   bodies of identity requests are not kept ([`REDACTED_BODY`]): they carry passwords and
//!   tokens.
//!
//! Every control request must name the simulator's own address and post JSON
//! ([`crate::control_guard`]).
//! - `POST /_sim/servers/status`: `{"every": 10, "status": "SHUTOFF"}` gives every 10th server
//!   of KR1 in list order that status at once, `updated` now (see [`crate::control`]).
//!
//! The layer sits inside CORS and the request-id layer, so injected answers carry both, as a
//! real gateway's errors do. It never touches the console's files, `/config.json` or `/_sim`,
//! except a wasm chunk that a rule names by file (`GET /split_cc_zones.wasm=status:503,times:1`),
//! so a test can refuse a route's code as a redeploy or a lost connection would.

pub mod spec;

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use crate::fault::{Fault, KeystoneError};
use crate::AppState;
pub use spec::{Kind, Pattern, Rule};

/// How many requests the log keeps: enough for any test, bounded for a long demo.
const LOG_LIMIT: usize = 10_000;

/// The largest request body the log keeps (the console's largest, a create with user data, is
/// well under it); a larger one is logged without it.
const LOG_BODY_LIMIT: usize = 1 << 20;

/// The seed of `rate` rules that give none: fixed, so a run repeats.
const DEFAULT_SEED: u64 = 0x5eed_cafe_f00d;

/// The active rules and the request log.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Active>>,
    log: Mutex<Log>,
    /// Only `--test-control` has a reader for the log, so only then is it kept.
    record: bool,
}

#[derive(Debug)]
struct Active {
    rule: Rule,
    pattern: Pattern,
    /// Matching requests seen, for `every`.
    seen: u64,
    /// The state of the generator behind `rate`.
    rng: u64,
}

#[derive(Debug, Default)]
struct Log {
    next: u64,
    entries: VecDeque<Entry>,
}

/// One API request as the log shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// 1, 2, 3 … in arrival order.
    pub seq: u64,
    pub method: String,
    /// Without the query string.
    pub path: String,
    /// The query string as sent (still percent-encoded), if any.
    pub query: Option<String>,
    /// The request body as sent (UTF-8, lossy), so a test can prove what was and was not
    /// sent; `None` when there was none, or it was over [`LOG_BODY_LIMIT`] or not announced
    /// with a `Content-Length`.
    pub body: Option<String>,
    /// `None` when the connection was dropped.
    pub status: Option<u16>,
    /// Whether the real handler ran (and so could change state).
    pub handled: bool,
    /// The kind of fault applied, if any (`latency` for a delay alone).
    pub fault: Option<String>,
    /// Whether the request carried a `Cookie` header (never its value): a proxy in front
    /// must not forward the console origin's cookies.
    pub cookie: bool,
    /// Whether it carried an `Authorization` header (never its value).
    pub authorization: bool,
}

/// What the log keeps of a request as it arrived.
struct Seen {
    method: Method,
    path: String,
    query: Option<String>,
    body: Option<String>,
    cookie: bool,
    authorization: bool,
}

/// What the rules decided for one request.
#[derive(Debug, Default)]
struct Plan {
    before: Duration,
    after: Duration,
    /// The rule that answers, if one fired.
    answer: Option<Rule>,
}

impl Faults {
    /// Rules already validated (the flag parser and the control endpoint validate).
    pub fn new(rules: Vec<Rule>, record: bool) -> Self {
        let faults = Self {
            record,
            ..Self::default()
        };
        faults.replace(rules);
        faults
    }

    /// Replaces every rule; counters start again.
    pub fn replace(&self, rules: Vec<Rule>) {
        let active = rules
            .into_iter()
            .filter_map(|rule| {
                let pattern = Pattern::parse(&rule.path).ok()?;
                let rng = rule.seed.unwrap_or(DEFAULT_SEED);
                Some(Active {
                    rule,
                    pattern,
                    seen: 0,
                    rng,
                })
            })
            .collect();
        *self.rules() = active;
    }

    /// The active rules, `times` counting down.
    pub fn list(&self) -> Vec<Rule> {
        self.rules().iter().map(|a| a.rule.clone()).collect()
    }

    /// The logged requests, oldest first.
    pub fn requests(&self) -> Vec<Entry> {
        self.log().entries.iter().cloned().collect()
    }

    pub fn clear_requests(&self) {
        self.log().entries.clear();
    }

    /// Whether a rule names this wasm chunk by its file name (see [`is_console_chunk`]).
    fn names_chunk(&self, path: &str) -> bool {
        self.rules()
            .iter()
            .any(|a| a.pattern.names_a_file() && a.pattern.matches(path))
    }

    /// Rules fire in order: each fired rule adds its latency, and the first that does more
    /// than wait decides the answer and ends the evaluation. Only fired rules use up `times`.
    fn plan(&self, method: &Method, path: &str) -> Plan {
        let mut plan = Plan::default();
        let mut rules = self.rules();
        let mut exhausted = Vec::new();
        let chunk = is_console_chunk(method, path);
        for (index, active) in rules.iter_mut().enumerate() {
            let rule = &mut active.rule;
            if (rule.method != "*" && rule.method != method.as_str())
                || !active.pattern.matches(path)
                || (chunk && !active.pattern.names_a_file())
            {
                continue;
            }
            active.seen += 1;
            let fires = match (rule.every, rule.rate) {
                (Some(every), _) => active.seen % every == 0,
                (None, Some(rate)) => unit(&mut active.rng) < rate,
                (None, None) => true,
            };
            if !fires {
                continue;
            }
            let latency = Duration::from_millis(rule.latency_ms);
            if rule.runs_after() {
                plan.after += latency;
            } else {
                plan.before += latency;
            }
            if let Some(times) = rule.times.as_mut() {
                *times -= 1;
                if *times == 0 {
                    exhausted.push(index);
                }
            }
            if rule.effect().is_some() {
                plan.answer = Some(rule.clone());
                break;
            }
        }
        for index in exhausted.into_iter().rev() {
            rules.remove(index);
        }
        plan
    }

    fn record(&self, seen: &Seen, status: Option<u16>, handled: bool, fault: Option<String>) {
        if !self.record {
            return;
        }
        let mut log = self.log();
        log.next += 1;
        let seq = log.next;
        if log.entries.len() == LOG_LIMIT {
            log.entries.pop_front();
        }
        log.entries.push_back(Entry {
            seq,
            method: seen.method.to_string(),
            path: seen.path.clone(),
            query: seen.query.clone(),
            body: seen.body.clone(),
            status,
            handled,
            fault,
            cookie: seen.cookie,
            authorization: seen.authorization,
        });
    }

    fn rules(&self) -> MutexGuard<'_, Vec<Active>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// splitmix64 mapped to `[0, 1)`: tiny, seedable and good enough for deciding failures.
fn unit(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether faults may apply: API requests only, never the console's files, `/config.json` or
/// the control endpoints, so a test can always load the console and steer the simulator.
fn applies(method: &Method, path: &str, headers: &HeaderMap) -> bool {
    if path == "/_sim" || path.starts_with("/_sim/") || path == "/config.json" {
        return false;
    }
    if crate::console::is_api_path(path) {
        return true;
    }
    let readable = matches!(*method, Method::GET | Method::HEAD);
    let root = matches!(path, "/" | "/kr2" | "/kr2/");
    // Reads of other paths are the console's files; `/` is the console for browsers and
    // Nova's version list for API clients. Other methods get Nova's 404, which is API.
    !readable || (root && !crate::console::wants_html_headers(headers))
}

/// A read of one of the console's wasm chunks (`pkg-<hash>/split_<route>.wasm`, or a shared
/// `chunk_<n>.wasm`): the one kind of console file a rule may fail, and only a rule that names
/// the file (`GET /split_cc_zones.wasm=status:503,times:1`), so a test can refuse a route's
/// code while wildcard rules (`*=latency:200`, a chaos run's rates) never reach the console.
fn is_console_chunk(method: &Method, path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    matches!(*method, Method::GET | Method::HEAD)
        && file.ends_with(".wasm")
        && (file.starts_with("split_") || file.starts_with("chunk_"))
}

/// The middleware: decides, waits, answers or runs the real handler, replaces its response
/// for `after` rules, and logs.
pub async fn inject(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let chunk = is_console_chunk(&method, &path);
    if !chunk && !applies(&method, &path, request.headers()) {
        return next.run(request).await;
    }
    if chunk && !app.faults.names_chunk(&path) {
        return next.run(request).await;
    }
    let (request, body) = if app.faults.record {
        read_body(request).await
    } else {
        (request, None)
    };
    // Identity requests carry passwords and tokens: the log keeps neither (nor a token in a
    // path), and says so.
    let identity = is_identity(&path);
    let seen = Seen {
        method: method.clone(),
        path: if identity {
            redact_token_path(&path)
        } else {
            path.clone()
        },
        query: request.uri().query().map(str::to_string),
        body: if identity {
            body.map(|_| REDACTED_BODY.to_string())
        } else {
            body
        },
        cookie: request.headers().contains_key(header::COOKIE),
        authorization: request.headers().contains_key(header::AUTHORIZATION),
    };
    let faults = &app.faults;
    let plan = faults.plan(&method, &path);
    let label = plan
        .answer
        .as_ref()
        .and_then(Rule::effect)
        .map(|k| k.json_name().to_string())
        .or_else(|| (!plan.before.is_zero() || !plan.after.is_zero()).then(|| "latency".into()));
    if !plan.before.is_zero() {
        tokio::time::sleep(plan.before).await;
    }

    let answer_before = plan.answer.as_ref().filter(|r| !r.runs_after());
    if let Some(rule) = answer_before {
        if rule.effect() == Some(Kind::ExpireTokens) {
            app.tokens.expire_all(app.clock.now());
        } else {
            let response = answer(&app, rule, None).await;
            faults.record(&seen, logged_status(rule, &response), false, label);
            return response;
        }
    }

    let mut response = next.run(request).await;
    if !plan.after.is_zero() {
        tokio::time::sleep(plan.after).await;
    }
    let mut status = Some(response.status().as_u16());
    if let Some(rule) = plan.answer.as_ref().filter(|r| r.runs_after()) {
        if rule.effect() == Some(Kind::ExpireTokens) {
            app.tokens.expire_all(app.clock.now());
        } else {
            response = answer(&app, rule, Some(response)).await;
            status = logged_status(rule, &response);
        }
    }
    faults.record(&seen, status, true, label);
    response
}

/// What the log keeps of an identity request's body.
pub const REDACTED_BODY: &str =
    "(not logged: identity requests carry a password or a token, which the log never keeps)";

/// Keystone's token endpoints: `/v2.0/tokens` and `/v2.0/tokens/{token}`.
fn is_identity(path: &str) -> bool {
    path.trim_end_matches('/').ends_with("/v2.0/tokens") || path.contains("/v2.0/tokens/")
}

/// `/v2.0/tokens/{token}` with the token left out.
fn redact_token_path(path: &str) -> String {
    match path.split_once("/v2.0/tokens/") {
        Some((before, _)) => format!("{before}/v2.0/tokens/(token)"),
        None => path.to_string(),
    }
}

/// Reads the body for the log and hands the handler the same bytes. Only bodies announced with
/// a `Content-Length` up to [`LOG_BODY_LIMIT`] are read (every browser `fetch` with a string
/// body is one); others stream through untouched. A body cut off on the way gives the handler
/// an empty one, as the client is gone anyway.
async fn read_body(request: Request) -> (Request, Option<String>) {
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if !matches!(length, Some(1..=LOG_BODY_LIMIT)) {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, LOG_BODY_LIMIT).await {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (Request::from_parts(parts, Body::from(bytes)), Some(text))
        }
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
    }
}

fn logged_status(rule: &Rule, response: &Response) -> Option<u16> {
    (rule.effect() != Some(Kind::Drop)).then(|| response.status().as_u16())
}

/// The injected response; `real` is the handler's response for `after` rules.
async fn answer(app: &AppState, rule: &Rule, real: Option<Response>) -> Response {
    let real_status = real.as_ref().map(|r| r.status());
    // Body faults keep the real status when there is one, else pretend success.
    let body_status = || {
        rule.status
            .and_then(|s| StatusCode::from_u16(s).ok())
            .or(real_status)
            .unwrap_or(StatusCode::OK)
    };
    match rule.effect().unwrap_or(Kind::Status) {
        Kind::Status => {
            let status = rule
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            status_response(app, status, rule.message.clone())
        }
        Kind::Malformed => raw(
            body_status(),
            "application/json",
            // A Python repr where JSON was meant: a classic of broken middleware.
            "{'computeFault': {'code': 500, 'message': u'Unexpected error'},}".into(),
        ),
        Kind::Html => {
            let status = rule
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::BAD_GATEWAY);
            raw(status, "text/html", html_page(status).into())
        }
        Kind::Empty => raw(body_status(), "application/json", Bytes::new()),
        Kind::Truncated => {
            let Some(real) = real else {
                return raw(
                    body_status(),
                    "application/json",
                    Bytes::from_static(b"{\"ser"),
                );
            };
            let (parts, body) = real.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/json")
                .to_string();
            raw(body_status(), &content_type, cut)
        }
        Kind::Drop => Response::new(Body::new(Broken)),
        Kind::OverLimit => {
            let status = match rule.status {
                Some(413) => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::TOO_MANY_REQUESTS,
            };
            let seconds = rule.retry_after.unwrap_or(1);
            over_limit(status, seconds, rule.message.clone())
        }
        Kind::Unauthorized => unauthorized(app),
        // Handled by the caller: it lets the request go on.
        Kind::ExpireTokens => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn raw(status: StatusCode, content_type: &str, body: Bytes) -> Response {
    let mut response = (status, body).into_response();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// keystonemiddleware's 401 in front of Nova.
fn unauthorized(app: &AppState) -> Response {
    KeystoneError::unauthorized(
        "The request you have made requires authentication.",
        Some(app.identity_url()),
    )
    .into_response()
}

/// A status with the body Nova would send: its fault names by status (nova.api.openstack.wsgi
/// `Fault._fault_names`), `computeFault` for the rest; 401 as keystonemiddleware sends it.
fn status_response(app: &AppState, status: StatusCode, message: Option<String>) -> Response {
    let name = match status.as_u16() {
        401 => return unauthorized(app),
        413 | 429 => return over_limit(status, 1, message),
        400 => "badRequest",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        code if code < 400 => return status.into_response(),
        _ => "computeFault",
    };
    let message = message.unwrap_or_else(|| match status.as_u16() {
        500 => "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.".into(),
        _ => format!("{}.", status.canonical_reason().unwrap_or("Error")),
    });
    Fault::new(status, name, message).into_response()
}

/// Nova's rate-limit fault: `Retry-After` and the same number, as a string, in the body.
fn over_limit(status: StatusCode, seconds: u64, message: Option<String>) -> Response {
    let body = json!({"overLimit": {
        "code": status.as_u16(),
        "message": message.unwrap_or_else(|| "This request was rate-limited.".into()),
        "retryAfter": seconds.to_string(),
    }});
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// nginx's error page, as a proxy in front of the API would send it.
fn html_page(status: StatusCode) -> String {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

/// A body whose first read fails: hyper then closes the connection without sending the
/// response, which is what a client sees when a server or proxy dies mid-request.
struct Broken;

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected connection drop",
        ))))
    }
}

/// The `/_sim` control endpoints, mounted only with `--test-control`.
pub fn control_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/_sim/faults",
            get(list_faults).post(set_faults).delete(clear_faults),
        )
        .route("/_sim/expire-tokens", post(expire_tokens))
        .route("/_sim/requests", get(list_requests).delete(clear_requests))
}

async fn list_faults(State(app): State<AppState>) -> Json<Vec<Rule>> {
    Json(app.faults.list())
}

/// Takes a JSON list whose items are rule objects or flag strings; all or nothing.
async fn set_faults(State(app): State<AppState>, body: Bytes) -> Response {
    let value = match crate::fault::parse_json(&body) {
        Ok(value) => value,
        Err(fault) => return fault.into_response(),
    };
    let Value::Array(items) = value else {
        return Fault::bad_request("Expected a JSON list of fault rules").into_response();
    };
    let mut rules = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        match spec::rule_from_json(item) {
            Ok(rule) => rules.push(rule),
            Err(e) => {
                return Fault::bad_request(format!("fault rule {index}: {e}")).into_response()
            }
        }
    }
    app.faults.replace(rules);
    Json(app.faults.list()).into_response()
}

async fn clear_faults(State(app): State<AppState>) -> StatusCode {
    app.faults.replace(Vec::new());
    StatusCode::NO_CONTENT
}

async fn expire_tokens(State(app): State<AppState>) -> Json<Value> {
    Json(json!({"expired": app.tokens.expire_all(app.clock.now())}))
}

async fn list_requests(State(app): State<AppState>) -> Json<Vec<Entry>> {
    Json(app.faults.requests())
}

async fn clear_requests(State(app): State<AppState>) -> StatusCode {
    app.faults.clear_requests();
    StatusCode::NO_CONTENT
}
