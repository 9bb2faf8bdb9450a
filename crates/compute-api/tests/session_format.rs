//! The session's stored form, the tabs' messages and the embedding hand-over: what is kept
//! comes back whole, and anything damaged or hostile is rejected whole.

mod common;

use compute_api::identity::TokenResponse;
use compute_api::server_set::epoch_seconds;
use compute_api::session_format::{
    is_allowed_origin, EmbedSession, Rejected, SavedSession, TabMessage, SESSION_FORMAT,
};
use serde_json::{json, Value};

/// 2012-02-01, a few days before the sample token expires.
fn before_expiry() -> i64 {
    epoch_seconds("2012-02-01T00:00:00Z").unwrap()
}

/// A session built from keystoneauth's sample token answer (a real catalog).
fn sample() -> SavedSession {
    let path =
        common::fixtures_root().join("keystone/keystoneauth1/keystone_v2_sample_response.json");
    let text = std::fs::read_to_string(&path).expect("read the Keystone sample");
    let answer: TokenResponse = serde_json::from_str(&text).expect("decode the Keystone sample");
    let access = answer.access;
    SavedSession {
        format: SESSION_FORMAT,
        token: access.token.id.clone(),
        tenant_id: access.token.tenant.as_ref().unwrap().id.clone(),
        username: Some("joeuser".into()),
        expires: Some(access.token.expires.clone()),
        catalog: access.service_catalog,
        regions: vec!["RegionOne".into()],
        region: "RegionOne".into(),
        signed_in_at: 1_328_054_400_000.0,
        last_active_at: None,
    }
}

/// The sample's JSON with one change made by `damage`.
fn damaged(damage: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&sample().to_json()).unwrap();
    damage(&mut value);
    value.to_string()
}

#[test]
fn a_saved_session_comes_back_whole() {
    let session = sample();
    let text = session.to_json();
    assert!(text.contains("\"tenantId\":\"1\""), "{text}");
    let back = SavedSession::from_json(&text, before_expiry()).expect("read it back");
    assert_eq!(back, session);
    assert_eq!(back.identity().tenant_id, "1");
    assert_eq!(back.identity().username.as_deref(), Some("joeuser"));
}

#[test]
fn a_pasted_token_session_without_expiry_or_user_is_kept() {
    let text = damaged(|v| {
        v["expires"] = Value::Null;
        v["username"] = Value::Null;
    });
    let back = SavedSession::from_json(&text, i64::MAX).expect("no expiry never expires");
    assert_eq!(back.expires, None);
    assert_eq!(back.username, None);
}

#[test]
fn the_debug_form_never_shows_the_token() {
    let shown = format!("{:?}", sample());
    assert!(!shown.contains("887665443383838"), "{shown}");
    assert!(shown.contains("<redacted>"));
}

/// Which rejection a damaged session must get.
type Expected = fn(&Rejected) -> bool;

#[test]
fn damaged_sessions_are_rejected_whole() {
    let now = before_expiry();
    let cases: Vec<(&str, String, Expected)> = vec![
        ("empty", String::new(), |r| {
            matches!(r, Rejected::Unreadable(_))
        }),
        ("truncated", sample().to_json()[..40].to_string(), |r| {
            matches!(r, Rejected::Unreadable(_))
        }),
        ("not an object", "[1,2]".into(), |r| {
            matches!(r, Rejected::Unreadable(_))
        }),
        (
            "unknown field (a password smuggled in)",
            damaged(|v| v["password"] = json!("secret")),
            |r| matches!(r, Rejected::Unreadable(_)),
        ),
        (
            "missing token",
            damaged(|v| drop(v.as_object_mut().unwrap().remove("token"))),
            |r| matches!(r, Rejected::Unreadable(_)),
        ),
        ("other format", damaged(|v| v["format"] = json!(2)), |r| {
            *r == Rejected::Format(2)
        }),
        ("empty token", damaged(|v| v["token"] = json!("")), |r| {
            *r == Rejected::Token
        }),
        (
            "token with a header break",
            damaged(|v| v["token"] = json!("abc\r\nX-Evil: 1")),
            |r| *r == Rejected::Token,
        ),
        (
            "token with a space",
            damaged(|v| v["token"] = json!("abc def")),
            |r| *r == Rejected::Token,
        ),
        (
            "huge token",
            damaged(|v| v["token"] = json!("a".repeat(9000))),
            |r| *r == Rejected::Token,
        ),
        (
            "tenant with a path",
            damaged(|v| v["tenantId"] = json!("../admin")),
            |r| *r == Rejected::Tenant,
        ),
        (
            "empty tenant",
            damaged(|v| v["tenantId"] = json!("")),
            |r| *r == Rejected::Tenant,
        ),
        (
            "user name with a control character",
            damaged(|v| v["username"] = json!("joe\u{7}")),
            |r| *r == Rejected::Username,
        ),
        (
            "region not offered",
            damaged(|v| v["region"] = json!("KR9")),
            |r| *r == Rejected::Region,
        ),
        ("no regions", damaged(|v| v["regions"] = json!([])), |r| {
            *r == Rejected::Region
        }),
        (
            "endpoint on another scheme",
            damaged(|v| {
                v["catalog"][0]["endpoints"][0]["publicURL"] = json!("javascript:alert(1)")
            }),
            |r| matches!(r, Rejected::Endpoint(_)),
        ),
        (
            "endpoint with credentials in the host",
            damaged(|v| {
                v["catalog"][0]["endpoints"][0]["publicURL"] = json!("https://x@evil.example/v2")
            }),
            |r| matches!(r, Rejected::Endpoint(_)),
        ),
        (
            "endpoint without a host",
            damaged(|v| v["catalog"][1]["endpoints"][0]["publicURL"] = json!("https:///v2")),
            |r| matches!(r, Rejected::Endpoint(_)),
        ),
        (
            "expiry not a time",
            damaged(|v| v["expires"] = json!("tomorrow")),
            |r| *r == Rejected::Expiry,
        ),
        (
            "expired",
            damaged(|v| v["expires"] = json!("2012-01-01T00:00:00Z")),
            |r| *r == Rejected::Expired,
        ),
    ];
    for (what, text, expected) in cases {
        match SavedSession::from_json(&text, now) {
            Ok(_) => panic!("{what}: accepted"),
            Err(rejected) => assert!(expected(&rejected), "{what}: {rejected:?}"),
        }
    }
}

#[test]
fn the_session_expires_at_its_expiry_time() {
    let expiry = epoch_seconds("2012-02-05T00:00:00").unwrap();
    let text = sample().to_json();
    assert!(SavedSession::from_json(&text, expiry - 1).is_ok());
    assert_eq!(
        SavedSession::from_json(&text, expiry),
        Err(Rejected::Expired)
    );
}

#[test]
fn tab_messages_round_trip_and_check_their_session() {
    let now = before_expiry();
    for message in [
        TabMessage::Ask,
        TabMessage::SignedOut { idle: false },
        TabMessage::SignedOut { idle: true },
        TabMessage::Active { at: None },
        TabMessage::Active {
            at: Some(1_328_054_500_000.0),
        },
        TabMessage::Answer { session: sample() },
        TabMessage::signed_in(&sample()),
    ] {
        let text = message.to_json();
        assert_eq!(TabMessage::from_json(&text, now), Ok(message), "{text}");
    }
    assert_eq!(TabMessage::Ask.to_json(), r#"{"kind":"ask"}"#);
    assert_eq!(
        TabMessage::from_json(r#"{"kind":"signed-out"}"#, now),
        Ok(TabMessage::SignedOut { idle: false })
    );

    let mut expired = sample();
    expired.expires = Some("2000-01-01T00:00:00Z".into());
    let text = TabMessage::Answer { session: expired }.to_json();
    assert_eq!(TabMessage::from_json(&text, now), Err(Rejected::Expired));

    for hostile in [
        r#"{"kind":"sign-in-as","session":{}}"#,
        r#"{"kind":"current"}"#,
        r#"{"kind":"signed-in"}"#,
        r#"{"kind":"signed-in","tenantId":"../../v2.0","signedInAt":1}"#,
        r#"{"kind":"signed-in","tenantId":"t1","username":"a
b","signedInAt":1}"#,
        r#"{"kind":"active","at":-1}"#,
        r#""ask""#,
        "",
    ] {
        assert!(TabMessage::from_json(hostile, now).is_err(), "{hostile}");
    }
}

#[test]
fn embed_hand_over_reads_only_well_formed_sessions() {
    let ok = r#"{"type":"compute-console:session","token":"gAAAAAB-abc_123","tenantId":"6cdebe3eb0094910bc41f1d42ebe4cb7"}"#;
    let message = EmbedSession::from_json(ok).expect("a well-formed hand-over");
    assert_eq!(message.tenant_id, "6cdebe3eb0094910bc41f1d42ebe4cb7");
    assert!(!format!("{message:?}").contains("gAAAAAB"));

    for hostile in [
        r#"{"type":"compute-console:ready","token":"t","tenantId":"x"}"#,
        r#"{"type":"compute-console:session","token":"","tenantId":"x"}"#,
        r#"{"type":"compute-console:session","token":"a b","tenantId":"x"}"#,
        r#"{"type":"compute-console:session","token":"t","tenantId":"../../v2.0"}"#,
        r#"{"type":"compute-console:session","token":"t"}"#,
        r#"{"type":"compute-console:session","token":1,"tenantId":"x"}"#,
        "null",
        "\"compute-console:session\"",
    ] {
        assert_eq!(EmbedSession::from_json(hostile), None, "{hostile}");
    }
}

#[test]
fn embedding_origins_match_exactly() {
    let allowed = vec!["https://admin.example.com".to_string()];
    assert!(is_allowed_origin("https://admin.example.com", &allowed));
    for other in [
        "https://admin.example.com.evil.test",
        "https://evil.admin.example.com",
        "http://admin.example.com",
        "https://admin.example.com:8443",
        "https://ADMIN.example.com",
        "null",
        "",
    ] {
        assert!(!is_allowed_origin(other, &allowed), "{other}");
    }
    assert!(!is_allowed_origin("null", &["null".to_string()]));
    assert!(!is_allowed_origin("https://admin.example.com", &[]));
}

#[test]
fn a_sign_out_after_the_session_began_ends_it() {
    let session = sample();
    assert!(!session.ended_by(None));
    assert!(!session.ended_by(Some(session.signed_in_at - 1.0)));
    assert!(session.ended_by(Some(session.signed_in_at)));
    assert!(session.ended_by(Some(session.signed_in_at + 60_000.0)));
}

#[test]
fn only_known_users_are_the_same_user() {
    let user = |tenant: &str, name: Option<&str>| compute_api::session_format::Identity {
        tenant_id: tenant.into(),
        username: name.map(str::to_string),
    };
    assert!(user("t", Some("a")).is_same_user(&user("t", Some("a"))));
    assert!(!user("t", Some("a")).is_same_user(&user("t", Some("b"))));
    assert!(!user("t", Some("a")).is_same_user(&user("u", Some("a"))));
    // Two pasted tokens of one tenant may be two people.
    assert!(!user("t", None).is_same_user(&user("t", None)));
    assert!(!user("t", Some("a")).is_same_user(&user("t", None)));
}

#[test]
fn rejection_kinds_never_quote_the_text() {
    let text = damaged(|v| v["format"] = json!("tok-SECRET-123"));
    let rejected = SavedSession::from_json(&text, before_expiry()).unwrap_err();
    // serde's own message quotes the bad value: that is why logs get only the kind.
    assert!(
        rejected.to_string().contains("tok-SECRET-123"),
        "{rejected}"
    );
    assert_eq!(rejected.kind(), "unreadable");
}

#[test]
fn announcements_are_recognised_even_when_unusable() {
    assert!(TabMessage::is_announcement(r#"{"kind":"signed-in"}"#));
    assert!(!TabMessage::is_announcement(r#"{"kind":"ask"}"#));
    assert!(!TabMessage::is_announcement("not json"));
}

#[test]
fn an_announcement_says_who_signed_in_never_the_token() {
    let session = sample();
    let text = TabMessage::signed_in(&session).to_json();
    assert!(!text.contains(&session.token), "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"kind": "signed-in", "tenantId": session.tenant_id, "username": "joeuser",
            "signedInAt": session.signed_in_at})
    );
}

#[test]
fn a_session_idle_longer_than_the_timeout_is_not_used() {
    let signed_in = 1_000_000.0;
    let session = SavedSession {
        signed_in_at: signed_in,
        last_active_at: Some(signed_in + 60_000.0),
        ..sample()
    };
    let minute = Some(60_000.0);
    // Active a minute after the sign-in: idle from then on.
    assert!(!session.idle_too_long(signed_in + 119_000.0, minute));
    assert!(session.idle_too_long(signed_in + 120_000.0, minute));
    // No idle timeout: never.
    assert!(!session.idle_too_long(signed_in + 1e12, None));
    // A copy that does not say counts from the sign-in.
    let unsaid = SavedSession {
        last_active_at: None,
        ..session.clone()
    };
    assert!(unsaid.idle_too_long(signed_in + 60_000.0, minute));
    // Kept and read back with the time.
    let text = session.to_json();
    assert!(text.contains("lastActiveAt"), "{text}");
    let back = SavedSession::from_json(&text, before_expiry()).unwrap();
    assert_eq!(back.last_active_at, session.last_active_at);
    let damaged = text.replace("lastActiveAt\":", "lastActiveAt\":-");
    assert!(SavedSession::from_json(&damaged, before_expiry()).is_err());
}
