//! `config.json` and the resolution of each service's base URL in a region, natively (the
//! console reads the file; compute-api decides what it means).

use compute_api::identity::{CatalogEntry, Endpoint};
use compute_api::request::Service;
use compute_api::runtime_config::{service_base, RuntimeConfig, SessionPersistence};

fn catalog() -> Vec<CatalogEntry> {
    let entry = |t: &str, urls: &[(&str, &str)]| CatalogEntry {
        service_type: t.into(),
        name: t.into(),
        endpoints: urls
            .iter()
            .map(|(region, url)| Endpoint {
                region: (*region).into(),
                public_url: (*url).into(),
                internal_url: None,
                admin_url: None,
            })
            .collect(),
    };
    vec![
        entry(
            "compute",
            &[
                ("KR1", "https://kr1-api-instance.example.com/v2/t-1"),
                ("KR2", "https://kr2-api-instance.example.com/v2/t-1"),
            ],
        ),
        entry("image", &[("KR1", "https://kr1-api-image.example.com")]),
        entry(
            "volumev2",
            &[("KR1", "https://kr1-api-volume.example.com/v2/t-1/")],
        ),
    ]
}

#[test]
fn service_bases_prefer_overrides_then_the_catalog() {
    let config = RuntimeConfig::parse(
        r#"{"identityUrl": "https://id.example.com/", "defaultRegion": "KR2",
            "regions": {"KR1": {"compute": "https://proxy.example.com/kr1/v2/{tenantId}"},
                        "JP1": {"compute": "https://proxy.example.com/jp1/v2/{tenantId}"}}}"#,
    )
    .unwrap();
    let catalog = catalog();
    assert_eq!(
        service_base(&config, &catalog, "KR1", Service::Compute, "t-1").as_deref(),
        Some("https://proxy.example.com/kr1/v2/t-1")
    );
    assert_eq!(
        service_base(&config, &catalog, "KR2", Service::Compute, "t-1").as_deref(),
        Some("https://kr2-api-instance.example.com/v2/t-1")
    );
    assert_eq!(
        service_base(&config, &catalog, "KR1", Service::Volume, "t-1").as_deref(),
        Some("https://kr1-api-volume.example.com/v2/t-1")
    );
    assert_eq!(
        service_base(&config, &catalog, "KR2", Service::Image, "t-1"),
        None
    );
    assert_eq!(
        config.identity_base("http://page"),
        "https://id.example.com"
    );
    assert_eq!(
        RuntimeConfig::default().identity_base("http://page/"),
        "http://page"
    );
    assert_eq!(config.regions(&catalog), ["KR1", "KR2", "JP1"]);
    assert_eq!(
        config.initial_region(&config.regions(&catalog)).as_deref(),
        Some("KR2")
    );
}

#[test]
fn settings_default_when_absent_or_unusable() {
    let config = RuntimeConfig::parse("{}").unwrap();
    assert_eq!(config.idle_timeout_ms(), Some(60.0 * 60_000.0));
    assert_eq!(config.session_persistence, SessionPersistence::Tab);
    assert!(config.tab_hand_over, "the tabs hand over by default");
    assert!(config.embed.allowed_origins.is_empty());
    let config = RuntimeConfig::parse(
        r#"{"idleTimeoutMinutes": 0, "sessionPersistence": "memory", "tabHandOver": false}"#,
    )
    .unwrap();
    assert_eq!(config.idle_timeout_ms(), None);
    assert_eq!(config.session_persistence, SessionPersistence::Memory);
    assert!(!config.tab_hand_over);
    // Not a number of minutes: the default, never "off".
    let config = RuntimeConfig::parse(r#"{"idleTimeoutMinutes": -5}"#).unwrap();
    assert_eq!(config.idle_timeout_ms(), Some(60.0 * 60_000.0));
    // A placeholder in Keystone's spelling is filled in too.
    let mut config = RuntimeConfig::default();
    config.regions.insert(
        "KR1".into(),
        compute_api::runtime_config::RegionOverrides {
            compute: Some("https://p.example.com/v2/%(tenant_id)s/".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        service_base(&config, &[], "kr1", Service::Compute, "t-2").as_deref(),
        Some("https://p.example.com/v2/t-2")
    );
}
