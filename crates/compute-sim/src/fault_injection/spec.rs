//! Fault rules: which requests they match, when they fire, what they do, and the compact
//! syntax of `--fault` (the control endpoint accepts the same strings or JSON objects).
//!
//! # Flag syntax
//!
//! `[METHOD ]PATH=OPTION[,OPTION…]`, for example:
//!
//! - `POST /servers=status:504,times:1`: the next create answers Nova's 504 fault, once.
//! - `POST /servers=status:504,after,times:1`: the server is created, then the answer is lost.
//! - `GET /servers/detail=html`: a proxy's HTML 502 page instead of the list.
//! - `*=latency:200`: every API request takes 200 ms longer.
//! - `GET *=rate:0.2,seed:7,status:503`: a fifth of reads fail, reproducibly.
//! - `DELETE /v2/{tenant}/servers/{id}=every:2,drop`: every second delete loses its connection.
//! - `*=over-limit,retry-after:3,times:1`: one 429 `overLimit` with `Retry-After: 3`.
//! - `GET /split_cc_zones.wasm=status:503,times:1`: the zones page's wasm chunk is refused once
//!   (console files are reached only by a rule that names the file).
//!
//! METHOD is an HTTP method or `*` (any; also when left out). PATH is matched segment by
//! segment against the end of the request path, so `/servers` matches `/v2/{tenant}/servers`
//! in either region; `{name}` or `*` matches one segment, `**` any number of segments, a
//! leading `^` anchors the pattern at the start (`^/v2/**` is KR1 only, `^/kr2/**` KR2 only),
//! and a bare `*` matches every path. The query string is ignored.
//!
//! OPTIONS, separated by commas:
//!
//! - what happens (at most one): `status:N` (a Nova fault with that status; 401 answers as
//!   keystonemiddleware does), `malformed` (a body that is not JSON), `html` (a proxy's error
//!   page, 502 unless `status` says otherwise), `empty` (no body), `truncated` (the real
//!   response cut in half; always runs the real handler), `drop` (the connection closes with
//!   no response), `over-limit` (429, or `status:413`, `overLimit` with `Retry-After`),
//!   `unauthorized` (Keystone's 401), `expire-tokens` (every issued token expires, then the
//!   request goes on and meets the real 401); also spelled `kind:NAME`.
//! - `latency:MS` (or `latency-ms:MS`): a delay, alone or before the answer.
//! - when: `rate:P` (probability 0..1, from a seeded generator, so runs repeat) with
//!   `seed:N`, or `every:N` (the Nth, 2Nth … matching request); by default every time.
//! - `times:N`: the rule fires N times, then removes itself.
//! - `after`: the real handler runs first (its changes stay), then the answer replaces its
//!   response: "the server did it but the answer was lost".
//! - `retry-after:SECONDS` (over-limit only), `message:TEXT` (the fault's message, no commas).

use std::fmt;
use std::str::FromStr;

use axum::http::Method;
use serde::{Deserialize, Serialize};

/// One fault rule, as `GET /_sim/faults` shows it and `POST /_sim/faults` takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    /// An HTTP method, or `*` for any.
    #[serde(default = "any")]
    pub method: String,
    /// A path pattern (see the module documentation).
    pub path: String,
    /// What the rule does when it fires; `None` with a `status` means [`Kind::Status`], and
    /// without one the rule only adds latency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The fault's message instead of the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Seconds, for [`Kind::OverLimit`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub latency_ms: u64,
    /// The probability of firing on a matching request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// The seed of the generator behind `rate`; a fixed default keeps runs repeatable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Fire on every Nth matching request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u64>,
    /// Fire this many more times, then remove the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    /// Run the real handler first and replace its response.
    #[serde(default, skip_serializing_if = "is_false")]
    pub after: bool,
}

fn any() -> String {
    "*".into()
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a firing rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// A Nova fault body with the rule's status.
    Status,
    /// A body that is not JSON, sent as `application/json`.
    Malformed,
    /// A reverse proxy's HTML error page.
    Html,
    /// No body at all.
    Empty,
    /// The real response cut in half.
    Truncated,
    /// The connection closes without a response.
    Drop,
    /// Rate limiting: 429 (or 413) `overLimit` with `Retry-After`.
    #[serde(alias = "over-limit")]
    OverLimit,
    /// keystonemiddleware's 401.
    Unauthorized,
    /// Every issued token expires; the request then goes on.
    #[serde(alias = "expire-tokens")]
    ExpireTokens,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Status,
        Kind::Malformed,
        Kind::Html,
        Kind::Empty,
        Kind::Truncated,
        Kind::Drop,
        Kind::OverLimit,
        Kind::Unauthorized,
        Kind::ExpireTokens,
    ];

    /// The flag spelling.
    pub fn flag_name(self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::Malformed => "malformed",
            Kind::Html => "html",
            Kind::Empty => "empty",
            Kind::Truncated => "truncated",
            Kind::Drop => "drop",
            Kind::OverLimit => "over-limit",
            Kind::Unauthorized => "unauthorized",
            Kind::ExpireTokens => "expire-tokens",
        }
    }

    /// The JSON spelling, also used in the request log.
    pub fn json_name(self) -> &'static str {
        match self {
            Kind::OverLimit => "overLimit",
            Kind::ExpireTokens => "expireTokens",
            other => other.flag_name(),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json_name())
    }
}

impl FromStr for Kind {
    type Err = String;

    /// Either spelling: `over-limit` or `overLimit`.
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| s == k.flag_name() || s == k.json_name())
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.flag_name()).collect();
                format!("unknown fault kind `{s}` (one of {})", names.join(", "))
            })
    }
}

impl Rule {
    /// A rule matching `method` and `path` that does nothing yet.
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            method: method.into(),
            path: path.into(),
            kind: None,
            status: None,
            message: None,
            retry_after: None,
            latency_ms: 0,
            rate: None,
            seed: None,
            every: None,
            times: None,
            after: false,
        }
    }

    /// What the rule does: its kind, `Status` when only a status is given, `None` for a
    /// latency-only rule.
    pub fn effect(&self) -> Option<Kind> {
        self.kind.or(self.status.map(|_| Kind::Status))
    }

    /// Whether the real handler runs before the rule's effect. `truncated` needs the real
    /// response, so it always does.
    pub fn runs_after(&self) -> bool {
        self.after || self.effect() == Some(Kind::Truncated)
    }

    /// Checks that the rule makes sense, with a message naming what does not.
    pub fn validate(&self) -> Result<(), String> {
        if self.method != "*" {
            Method::from_bytes(self.method.as_bytes())
                .map_err(|_| format!("invalid method `{}`", self.method))?;
        }
        Pattern::parse(&self.path)?;
        let effect = self.effect();
        if effect.is_none() && self.latency_ms == 0 {
            return Err("the rule does nothing: give a status, a kind or a latency".into());
        }
        if let Some(status) = self.status {
            if !(100..=599).contains(&status) {
                return Err(format!("status {status} is not between 100 and 599"));
            }
            match effect {
                Some(Kind::Drop | Kind::ExpireTokens | Kind::Unauthorized) => {
                    return Err(format!(
                        "`{}` takes no status",
                        effect.map(Kind::flag_name).unwrap_or_default()
                    ))
                }
                Some(Kind::OverLimit) if status != 413 && status != 429 => {
                    return Err(format!("over-limit answers 413 or 429, not {status}"))
                }
                _ => {}
            }
        }
        if self.retry_after.is_some() && effect != Some(Kind::OverLimit) {
            return Err("retry-after belongs to over-limit".into());
        }
        if let Some(rate) = self.rate {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("rate {rate} is not between 0 and 1"));
            }
            if self.every.is_some() {
                return Err("give either rate or every, not both".into());
            }
        }
        if self.seed.is_some() && self.rate.is_none() {
            return Err("seed belongs to rate".into());
        }
        if self.every == Some(0) {
            return Err("every must be at least 1".into());
        }
        if self.times == Some(0) {
            return Err("times must be at least 1".into());
        }
        Ok(())
    }

    /// Parses the flag syntax (see the module documentation) and validates the result.
    pub fn parse_flag(spec: &str) -> Result<Rule, String> {
        let (target, options) = spec
            .split_once('=')
            .ok_or("expected `[METHOD ]PATH=OPTION,…`, e.g. `POST /servers=status:504,times:1`")?;
        let words: Vec<&str> = target.split_whitespace().collect();
        let (method, path) = match words.as_slice() {
            [path] => ("*", *path),
            [method, path] => (*method, *path),
            [] => return Err("missing the path before `=`".into()),
            _ => {
                return Err(format!(
                    "expected `[METHOD ]PATH` before `=`, got `{target}`"
                ))
            }
        };
        let mut rule = Rule::new(&method.to_ascii_uppercase(), path);
        for option in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            let (key, value) = match option.split_once(':') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (option, None),
            };
            let need = |what: &str| value.ok_or(format!("`{key}` needs a value: `{key}:{what}`"));
            let number = |what: &str| -> Result<u64, String> {
                let v = need(what)?;
                v.parse()
                    .map_err(|_| format!("`{key}:{v}`: `{v}` is not a whole number"))
            };
            match key {
                "status" => {
                    let status = number("CODE")?;
                    rule.status = Some(
                        u16::try_from(status).map_err(|_| format!("status {status} is too big"))?,
                    );
                }
                "latency" | "latency-ms" => rule.latency_ms = number("MS")?,
                "rate" => {
                    let v = need("0.1")?;
                    rule.rate = Some(
                        v.parse()
                            .map_err(|_| format!("`rate:{v}`: `{v}` is not a number"))?,
                    );
                }
                "seed" => rule.seed = Some(number("N")?),
                "every" => rule.every = Some(number("N")?),
                "times" => rule.times = Some(number("N")?),
                "retry-after" | "retryAfter" => rule.retry_after = Some(number("SECONDS")?),
                "message" => rule.message = Some(need("TEXT")?.to_string()),
                "after" => {
                    rule.after = match value {
                        None | Some("true") => true,
                        Some("false") => false,
                        Some(v) => return Err(format!("`after:{v}`: expected true or false")),
                    }
                }
                "kind" => set_kind(&mut rule, need("NAME")?.parse()?)?,
                word if value.is_none() => set_kind(&mut rule, word.parse().map_err(|e| {
                    format!("{e}; options are status:N, latency:MS, rate:P, seed:N, every:N, times:N, after, retry-after:S, message:TEXT")
                })?)?,
                _ => return Err(format!("unknown option `{key}`")),
            }
        }
        rule.validate()?;
        Ok(rule)
    }
}

fn set_kind(rule: &mut Rule, kind: Kind) -> Result<(), String> {
    match rule.kind {
        Some(previous) if previous != kind => Err(format!(
            "a rule does one thing: both `{}` and `{}` given",
            previous.flag_name(),
            kind.flag_name()
        )),
        _ => {
            rule.kind = Some(kind);
            Ok(())
        }
    }
}

/// `clap` value parser for `--fault`.
pub fn parse_fault_flag(spec: &str) -> Result<Rule, String> {
    Rule::parse_flag(spec)
}

/// `clap` value parser for `--error-rate`.
pub fn parse_rate(value: &str) -> Result<f64, String> {
    let rate: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(format!("{rate} is not between 0 and 1"))
    }
}

/// A compiled path pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    anchored: bool,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    /// `*` or `{name}`: exactly one segment.
    One,
    /// `**`: any number of segments, none included.
    Many,
}

impl Pattern {
    pub fn parse(pattern: &str) -> Result<Pattern, String> {
        let pattern = pattern.trim();
        if pattern == "*" || pattern == "**" {
            return Ok(Pattern {
                anchored: false,
                segments: vec![Segment::Many],
            });
        }
        let (anchored, rest) = match pattern.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        if !rest.starts_with('/') {
            return Err(format!(
                "the path pattern `{pattern}` must start with `/` (or `^/`), or be `*`"
            ));
        }
        let segments = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "**" => Segment::Many,
                "*" => Segment::One,
                s if s.starts_with('{') && s.ends_with('}') => Segment::One,
                s => Segment::Literal(s.to_string()),
            })
            .collect();
        Ok(Pattern { anchored, segments })
    }

    /// Whether the pattern ends in a file name (`/split_cc_zones.wasm`): only such a rule
    /// reaches the console's wasm chunks, which no wildcard rule ever touches.
    pub fn names_a_file(&self) -> bool {
        matches!(self.segments.last(), Some(Segment::Literal(last)) if last.contains('.'))
    }

    /// Whether `path` (without the query) matches; empty segments (a trailing slash) are
    /// ignored.
    pub fn matches(&self, path: &str) -> bool {
        let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if self.anchored {
            return match_from(&self.segments, &path);
        }
        // Anchored at the end only: try every starting point.
        (0..=path.len()).any(|start| match_from(&self.segments, &path[start..]))
    }
}

fn match_from(pattern: &[Segment], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((Segment::Many, rest)) => (0..=path.len()).any(|skip| match_from(rest, &path[skip..])),
        Some((segment, rest)) => match path.split_first() {
            Some((first, others)) => {
                let ok = match segment {
                    Segment::Literal(literal) => literal == first,
                    _ => true,
                };
                ok && match_from(rest, others)
            }
            None => false,
        },
    }
}

/// A rule from the control endpoint: a JSON object, or a string in the flag syntax.
pub fn rule_from_json(value: serde_json::Value) -> Result<Rule, String> {
    match value {
        serde_json::Value::String(spec) => Rule::parse_flag(&spec),
        object @ serde_json::Value::Object(_) => {
            let mut rule: Rule = serde_json::from_value(object).map_err(|e| e.to_string())?;
            rule.method = rule.method.to_ascii_uppercase();
            rule.validate()?;
            Ok(rule)
        }
        other => Err(format!("expected a rule object or string, got `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_the_end_of_the_path() {
        let p = Pattern::parse("/servers").unwrap();
        assert!(p.matches("/v2/t/servers"));
        assert!(p.matches("/kr2/v2/t/servers/"));
        assert!(!p.matches("/v2/t/servers/detail"));
        let p = Pattern::parse("/v2/{tenant}/servers/*/action").unwrap();
        assert!(p.matches("/v2/t/servers/abc/action"));
        assert!(p.matches("/kr2/v2/t/servers/abc/action"));
        assert!(!p.matches("/v2/t/servers/action"));
        let p = Pattern::parse("^/v2/**").unwrap();
        assert!(p.matches("/v2/t/servers"));
        assert!(p.matches("/v2"));
        assert!(!p.matches("/kr2/v2/t/servers"));
        let p = Pattern::parse("/servers/**").unwrap();
        assert!(p.matches("/v2/t/servers/a/b"));
        assert!(p.matches("/v2/t/servers"));
        assert!(Pattern::parse("*").unwrap().matches("/anything/at/all"));
        assert!(Pattern::parse("servers").is_err());
    }

    #[test]
    fn flags_parse() {
        let rule = Rule::parse_flag("post /servers=status:504,times:1,after").unwrap();
        assert_eq!(rule.method, "POST");
        assert_eq!(rule.path, "/servers");
        assert_eq!(rule.effect(), Some(Kind::Status));
        assert_eq!(rule.status, Some(504));
        assert_eq!(rule.times, Some(1));
        assert!(rule.after);

        let rule = Rule::parse_flag("*=latency:200").unwrap();
        assert_eq!((rule.method.as_str(), rule.latency_ms), ("*", 200));
        assert_eq!(rule.effect(), None);

        let rule = Rule::parse_flag("GET *=over-limit,retry-after:3,rate:0.5,seed:9").unwrap();
        assert_eq!(rule.kind, Some(Kind::OverLimit));
        assert_eq!(
            (rule.retry_after, rule.rate, rule.seed),
            (Some(3), Some(0.5), Some(9))
        );

        let rule = Rule::parse_flag("/servers/detail=kind:truncated").unwrap();
        assert!(rule.runs_after());
    }

    #[test]
    fn bad_flags_say_why() {
        let cases = [
            ("POST /servers", "expected"),
            ("POST /servers=", "does nothing"),
            ("POST /servers=status:abc", "not a whole number"),
            ("POST /servers=status:700", "between 100 and 599"),
            ("POST /servers=bogus", "unknown fault kind `bogus`"),
            ("POST /servers=colour:red", "unknown option `colour`"),
            ("POST /servers=html,drop", "one thing"),
            ("POST /servers=drop,status:500", "takes no status"),
            ("POST /servers=rate:2,status:500", "between 0 and 1"),
            (
                "POST /servers=rate:0.5,every:2,status:500",
                "either rate or every",
            ),
            ("POST /servers=times:0,drop", "at least 1"),
            ("P@ST /servers=drop", "invalid method"),
            ("POST servers=drop", "must start with"),
            ("A B C=drop", "expected `[METHOD ]PATH`"),
            ("*=over-limit,status:500", "413 or 429"),
            ("*=status:500,retry-after:3", "retry-after belongs"),
        ];
        for (spec, expected) in cases {
            let err = Rule::parse_flag(spec).expect_err(spec);
            assert!(err.contains(expected), "{spec}: {err}");
        }
    }

    #[test]
    fn json_rules_use_camel_case_and_take_strings() {
        let rule = rule_from_json(serde_json::json!(
            {"method":"get","path":"/servers/detail","kind":"overLimit","retryAfter":2}
        ))
        .unwrap();
        assert_eq!(rule.method, "GET");
        assert_eq!(rule.kind, Some(Kind::OverLimit));
        let text = rule_from_json(serde_json::json!("POST /servers=status:504")).unwrap();
        assert_eq!(text.status, Some(504));
        let json = serde_json::to_value(Rule::parse_flag("*=latency:5").unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"method": "*", "path": "*", "latencyMs": 5})
        );
        let err = rule_from_json(serde_json::json!({"path":"*","colour":1})).unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }
}
