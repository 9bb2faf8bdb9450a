//! One typed error for everything a request can end in, never collapsed to `None`.
//!
//! The messages reach people: they say what the server said when it said something useful
//! (Nova's fault message, Keystone's error), and a short description otherwise (an HTML
//! error page is reduced to its title, never shown or interpreted as HTML).

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// How much of a plain-text or unreadable body a message may quote.
const EXCERPT_CHARS: usize = 300;

/// What went wrong with a request, with what the server said.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error status and (maybe) a fault body.
    #[error("{}", .0)]
    Http(HttpError),
    /// A success status whose body is not what the API documents.
    #[error("{}", decode_message(*.status, .message, .request_id.as_deref()))]
    Decode {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    /// No response: network down, DNS, CORS refusal, connection dropped.
    #[error("network error: {0}")]
    Network(String),
}

fn decode_message(status: u16, message: &str, request_id: Option<&str>) -> String {
    let mut out = format!("the response could not be read ({message}; HTTP {status}");
    if let Some(id) = request_id {
        out.push_str("; request ID ");
        out.push_str(id);
    }
    out.push(')');
    out
}

/// An error status with the parsed fault.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpError {
    pub status: u16,
    /// Nova's fault name (`itemNotFound`, `conflictingRequest` …) or Keystone's `title`.
    pub fault: Option<String>,
    /// The server's message, or a short description of a non-JSON body (an HTML page …).
    pub message: String,
    pub request_id: Option<String>,
    /// Seconds, from `Retry-After` or an `overLimit` fault's `retryAfter`.
    pub retry_after: Option<u64>,
}

impl fmt::Display for HttpError {
    /// `Instance 42 could not be found. (HTTP 404; request ID req-1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}", self.message, self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, "; request ID {id}")?;
        }
        if let Some(seconds) = self.retry_after {
            write!(f, "; retry after {seconds} s")?;
        }
        f.write_str(")")
    }
}

impl ApiError {
    /// Builds the error for a non-success response from its status, content type and body.
    /// Understands Nova faults (`{"itemNotFound": {"code": 404, "message": …}}`), Keystone
    /// errors (`{"error": {"code", "title", "message"}}`), HTML pages, plain text and empty bodies.
    ///
    /// `retry_after` is the `Retry-After` header (see [`parse_retry_after`]); when it is absent
    /// an `overLimit` fault's `retryAfter` is used instead.
    pub fn from_response(
        status: u16,
        content_type: Option<&str>,
        body: &str,
        request_id: Option<String>,
        retry_after: Option<u64>,
    ) -> Self {
        let parsed = parse_body(content_type, body);
        Self::Http(HttpError {
            status,
            fault: parsed.fault,
            message: parsed.message,
            request_id: request_id.filter(|id| !id.trim().is_empty()),
            retry_after: retry_after.or(parsed.retry_after),
        })
    }

    /// A failure without a response (the fetch itself failed: offline, DNS, CORS).
    pub fn network(message: impl Into<String>) -> Self {
        Self::Network(message.into())
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http(e) => Some(e.status),
            Self::Decode { status, .. } => Some(*status),
            Self::Network(_) => None,
        }
    }

    /// The request id the server sent (`x-compute-request-id`, `x-openstack-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Http(e) => e.request_id.as_deref(),
            Self::Decode { request_id, .. } => request_id.as_deref(),
            Self::Network(_) => None,
        }
    }

    /// Nova's fault name (`itemNotFound` …) or Keystone's title, when the body had one.
    pub fn fault(&self) -> Option<&str> {
        match self {
            Self::Http(e) => e.fault.as_deref(),
            _ => None,
        }
    }

    /// The message alone, without status or request id: what the server said, or what
    /// went wrong reading it.
    pub fn message(&self) -> &str {
        match self {
            Self::Http(e) => &e.message,
            Self::Decode { message, .. } => message,
            Self::Network(message) => message,
        }
    }

    /// Seconds to wait before trying again, when the server said so.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Http(e) => e.retry_after,
            _ => None,
        }
    }

    /// 401: the token is missing, wrong or expired, so the console asks to sign in again.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// 404: the resource is gone (deleted meanwhile, or a wrong id).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// 409: the server's state does not allow the request right now.
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(409)
    }

    /// No response at all, a 5xx, or a success status with a body the API never sends: the
    /// outcome of a write is unknown, so it must be checked before it is offered again.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Network(_) | Self::Decode { .. } => true,
            Self::Http(e) => e.status >= 500,
        }
    }
}

/// Decodes a success body into `T`, or says why it could not: an empty body, a body cut
/// off in the middle (truncated JSON), or JSON of another shape.
pub fn decode<T: DeserializeOwned>(
    status: u16,
    body: &str,
    request_id: Option<String>,
) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode {
        status,
        message: describe_json_error(body, &e),
        request_id,
    })
}

fn describe_json_error(body: &str, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    if body.trim().is_empty() {
        return "empty response".into();
    }
    match e.classify() {
        Category::Eof => format!("the response ended too early, it may have been cut off: {e}"),
        Category::Syntax => format!("the response is not valid JSON: {e}"),
        Category::Data => format!("the response has an unexpected shape: {e}"),
        Category::Io => format!("the response could not be read: {e}"),
    }
}

/// The seconds of a `Retry-After` header. The HTTP-date form is not understood (`None`):
/// Nova sends seconds.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    let value = value.trim();
    value.parse::<u64>().ok().or_else(|| {
        value
            .parse::<f64>()
            .ok()
            .filter(|s| *s >= 0.0)
            .map(|s| s.ceil() as u64)
    })
}

struct ParsedBody {
    fault: Option<String>,
    message: String,
    retry_after: Option<u64>,
}

impl ParsedBody {
    fn message(message: String) -> Self {
        Self {
            fault: None,
            message,
            retry_after: None,
        }
    }
}

fn parse_body(content_type: Option<&str>, body: &str) -> ParsedBody {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return ParsedBody::message("empty response".into());
    }
    let content_type = content_type.unwrap_or("").to_ascii_lowercase();
    let looks_json =
        content_type.contains("json") || trimmed.starts_with('{') || trimmed.starts_with('[');
    if looks_json {
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(value) => from_json(&value, trimmed),
            Err(_) => ParsedBody::message(format!(
                "the server sent an error response that is not valid JSON (it may be cut off): {}",
                excerpt(trimmed)
            )),
        };
    }
    if content_type.contains("html") || looks_like_html(trimmed) {
        return ParsedBody::message(match html_title(trimmed) {
            Some(title) => format!("the server returned an HTML page: {title}"),
            None => "the server returned an HTML page".into(),
        });
    }
    ParsedBody::message(excerpt(trimmed))
}

fn from_json(value: &Value, raw: &str) -> ParsedBody {
    let Some(object) = value.as_object() else {
        return ParsedBody::message(excerpt(raw));
    };

    // Keystone: {"error": {"code": 401, "title": "Unauthorized", "message": "…"}}.
    // Some proxies send {"error": "…"} instead.
    if let Some(error) = object.get("error") {
        if let Some(inner) = error.as_object() {
            let title = text(inner.get("title"));
            let message = text(inner.get("message"))
                .or_else(|| title.clone())
                .unwrap_or_else(|| excerpt(raw));
            return ParsedBody {
                fault: title,
                message,
                retry_after: None,
            };
        }
        if let Some(message) = text(Some(error)) {
            return ParsedBody::message(message);
        }
    }

    // Nova: one top-level key naming the fault, whose value carries the message.
    // Several keys may appear in odd bodies; the first one that looks like a fault wins.
    let fault = object.iter().find_map(|(name, inner)| {
        let inner = inner.as_object()?;
        let message = text(inner.get("message")).or_else(|| text(inner.get("explanation")))?;
        Some((name, inner, message))
    });
    if let Some((name, inner, message)) = fault {
        let retry_after = inner
            .get("retryAfter")
            .or_else(|| inner.get("retry_after"))
            .and_then(|v| match v {
                Value::Number(n) => n
                    .as_u64()
                    .or_else(|| n.as_f64().filter(|s| *s >= 0.0).map(|s| s.ceil() as u64)),
                Value::String(s) => parse_retry_after(s),
                _ => None,
            });
        return ParsedBody {
            fault: Some(name.clone()),
            message,
            retry_after,
        };
    }

    // Flat forms some gateways use: {"message": "…"} or {"title": …, "description": …}.
    if let Some(message) = text(object.get("message"))
        .or_else(|| text(object.get("description")))
        .or_else(|| text(object.get("detail")))
    {
        return ParsedBody {
            fault: text(object.get("title")),
            message,
            retry_after: None,
        };
    }

    ParsedBody::message(excerpt(raw))
}

/// A non-empty string (trimmed), or `None`.
fn text(value: Option<&Value>) -> Option<String> {
    let s = value?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn looks_like_html(body: &str) -> bool {
    let head: String = body
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.contains("<html")
        || head.contains("<head")
        || head.contains("<body")
        || head.contains("<title")
}

/// The text of `<title>` (or else the first `<h1>`), entities decoded, whitespace collapsed.
fn html_title(html: &str) -> Option<String> {
    ["title", "h1"]
        .into_iter()
        .find_map(|tag| element_text(html, tag))
}

fn element_text(html: &str, tag: &str) -> Option<String> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let at = from + lower[from..].find(&open)?;
        let after = at + open.len();
        // `<title>` or `<title lang=…>`, not `<titles>`.
        match lower.as_bytes().get(after) {
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r') => {
                break after + lower[after..].find('>')? + 1;
            }
            _ => from = after,
        }
    };
    let end = start + lower[start..].find(&format!("</{tag}"))?;
    let inner = strip_tags(&html[start..end]);
    let text = collapse_whitespace(&decode_entities(&inner));
    (!text.is_empty()).then(|| truncate(&text, 200))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars).collect();
    out.push('…');
    out
}

/// A body quoted in a message: whitespace collapsed (Nova's text/plain 404 is mostly blank
/// lines) and cut to a readable length.
fn excerpt(body: &str) -> String {
    truncate(&collapse_whitespace(body), EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(e: ApiError) -> HttpError {
        match e {
            ApiError::Http(e) => e,
            other => panic!("expected Http, got {other:?}"),
        }
    }

    #[test]
    fn nova_fault() {
        let e = http(ApiError::from_response(
            404,
            Some("application/json"),
            r#"{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}"#,
            Some("req-1".into()),
            None,
        ));
        assert_eq!(e.fault.as_deref(), Some("itemNotFound"));
        assert_eq!(e.message, "Instance abc could not be found.");
        assert_eq!(
            e.to_string(),
            "Instance abc could not be found. (HTTP 404; request ID req-1)"
        );
    }

    #[test]
    fn over_limit_retry_after_string_number_and_header() {
        for body in [
            r#"{"overLimit": {"code": 413, "message": "sorry", "retryAfter": "4"}}"#,
            r#"{"over_limit": {"code": 429, "message": "sorry", "retryAfter": 4}}"#,
        ] {
            let e = http(ApiError::from_response(413, None, body, None, None));
            assert_eq!(e.retry_after, Some(4), "{body}");
            assert_eq!(e.message, "sorry");
        }
        let e = ApiError::from_response(
            429,
            None,
            r#"{"overLimit": {"message": "sorry", "retryAfter": "4"}}"#,
            None,
            Some(9),
        );
        assert_eq!(e.retry_after(), Some(9), "the header wins");
    }

    #[test]
    fn keystone_error() {
        let e = ApiError::from_response(
            401,
            Some("application/json"),
            r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
            None,
            None,
        );
        assert_eq!(e.fault(), Some("Unauthorized"));
        assert_eq!(
            e.message(),
            "The request you have made requires authentication."
        );
        assert!(e.is_unauthorized());
    }

    #[test]
    fn html_page_gives_its_title_only() {
        let body = "<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway &amp; co</title>\
                    <script>alert(1)</script></head><body><h1>Bad</h1></body></html>";
        let e = ApiError::from_response(502, Some("text/html"), body, None, None);
        assert_eq!(
            e.message(),
            "the server returned an HTML page: 502 Bad Gateway & co"
        );
        let no_title = "<html><body><p>oops</p></body></html>";
        let e = ApiError::from_response(500, None, no_title, None, None);
        assert_eq!(e.message(), "the server returned an HTML page");
        let h1 = "<html><body><H1 class=x>Service Unavailable</H1></body></html>";
        let e = ApiError::from_response(503, Some("text/html"), h1, None, None);
        assert_eq!(
            e.message(),
            "the server returned an HTML page: Service Unavailable"
        );
    }

    #[test]
    fn plain_text_is_collapsed_and_truncated() {
        let e = ApiError::from_response(
            404,
            Some("text/plain"),
            "404 Not Found\n\nThe resource could not be found.\n\n\n",
            None,
            None,
        );
        assert_eq!(
            e.message(),
            "404 Not Found The resource could not be found."
        );
        assert_eq!(e.fault(), None);
        let long = "x".repeat(1000);
        let e = ApiError::from_response(500, Some("text/plain"), &long, None, None);
        assert_eq!(e.message().chars().count(), EXCERPT_CHARS + 1);
        assert!(e.message().ends_with('…'));
    }

    #[test]
    fn empty_and_truncated_bodies() {
        let e = ApiError::from_response(500, Some("application/json"), "  \n", None, None);
        assert_eq!(e.message(), "empty response");
        let e = ApiError::from_response(
            500,
            Some("application/json"),
            r#"{"computeFault": {"code": 500, "mess"#,
            None,
            None,
        );
        assert!(e.message().contains("not valid JSON"), "{}", e.message());
        assert!(e.to_string().contains("HTTP 500"));
    }

    #[test]
    fn other_json_shapes() {
        let e = ApiError::from_response(
            404,
            None,
            r#"{"HTTPNotFound": {"message": "no such path", "code": 404}}"#,
            None,
            None,
        );
        assert_eq!(e.fault(), Some("HTTPNotFound"));
        let e = ApiError::from_response(400, None, r#"{"message": "flat"}"#, None, None);
        assert_eq!(e.message(), "flat");
        let e = ApiError::from_response(400, None, r#"{"weird": 1}"#, None, None);
        assert_eq!(e.message(), r#"{"weird": 1}"#);
        let e = ApiError::from_response(400, None, r#"["a"]"#, None, None);
        assert_eq!(e.message(), r#"["a"]"#);
    }

    #[test]
    fn a_write_whose_outcome_is_unknown() {
        assert!(ApiError::Network("dropped".into()).outcome_unknown());
        let unreadable = decode::<serde_json::Value>(200, "<html>", None).unwrap_err();
        assert!(unreadable.outcome_unknown(), "{unreadable:?}");
        let refused = ApiError::from_response(409, Some("application/json"), "{}", None, None);
        assert!(!refused.outcome_unknown());
    }

    #[test]
    fn decode_reports_why() {
        #[derive(Debug, serde::Deserialize)]
        struct T {
            #[allow(dead_code)]
            a: u32,
        }
        let ok: T = decode(200, r#"{"a": 1}"#, None).unwrap();
        assert_eq!(ok.a, 1);
        let e = decode::<T>(200, "", Some("req-9".into())).unwrap_err();
        assert_eq!(e.message(), "empty response");
        assert_eq!(e.request_id(), Some("req-9"));
        assert_eq!(
            e.to_string(),
            "the response could not be read (empty response; HTTP 200; request ID req-9)"
        );
        let e = decode::<T>(200, r#"{"a": "#, None).unwrap_err();
        assert!(e.message().contains("cut off"), "{}", e.message());
        let e = decode::<T>(200, r#"{"a": "x"}"#, None).unwrap_err();
        assert!(e.message().contains("unexpected shape"), "{}", e.message());
    }

    #[test]
    fn retry_after_header() {
        assert_eq!(parse_retry_after(" 30 "), Some(30));
        assert_eq!(parse_retry_after("1.5"), Some(2));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
