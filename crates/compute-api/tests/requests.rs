//! Action bodies pinned against the guide, and every request builder's method, path, query
//! and body.

use std::collections::BTreeMap;

mod common;

use compute_api::action::{image_id_from_location, RebootType, ServerAction};
use compute_api::identity::TokenRequest;
use compute_api::keypair::NewKeypair;
use compute_api::request::{self, FlavorQuery, ServerQuery, Service};
use compute_api::rules::Operation;
use compute_api::server::{CreateServer, NetworkSpec, UpdateServer};
use compute_api::volume_attachment::AttachVolume;
use compute_api::{Method, Request};
use serde_json::{json, Value};

fn guide_actions() -> Vec<(ServerAction, Value)> {
    vec![
        (ServerAction::Start(()), json!({"os-start": null})),
        (ServerAction::Stop(()), json!({"os-stop": null})),
        (
            ServerAction::reboot(RebootType::Soft),
            json!({"reboot": {"type": "SOFT"}}),
        ),
        (
            ServerAction::reboot(RebootType::Hard),
            json!({"reboot": {"type": "HARD"}}),
        ),
        (
            ServerAction::resize("b5f1c148-732c-417d-9d1b-1dffca105dbe"),
            json!({"resize": {"flavorRef": "b5f1c148-732c-417d-9d1b-1dffca105dbe"}}),
        ),
        (
            ServerAction::create_image(
                "foo-image",
                BTreeMap::from([("meta_var".to_string(), "meta_val".to_string())]),
            ),
            json!({"createImage": {"name": "foo-image", "metadata": {"meta_var": "meta_val"}}}),
        ),
        (
            ServerAction::add_security_group("test"),
            json!({"addSecurityGroup": {"name": "test"}}),
        ),
        (
            ServerAction::remove_security_group("test"),
            json!({"removeSecurityGroup": {"name": "test"}}),
        ),
    ]
}

#[test]
fn action_bodies_are_exactly_the_guides() {
    for (action, expected) in guide_actions() {
        assert_eq!(
            serde_json::to_value(&action).unwrap(),
            expected,
            "{action:?}"
        );
        let back: ServerAction = serde_json::from_value(expected.clone()).unwrap();
        assert_eq!(back, action, "round trip of {expected}");
        assert_eq!(
            expected.as_object().unwrap().keys().next().unwrap(),
            action.key()
        );
    }
}

#[test]
fn action_wire_text_is_exact() {
    let texts: Vec<String> = guide_actions()
        .iter()
        .map(|(a, _)| serde_json::to_string(a).unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            r#"{"os-start":null}"#,
            r#"{"os-stop":null}"#,
            r#"{"reboot":{"type":"SOFT"}}"#,
            r#"{"reboot":{"type":"HARD"}}"#,
            r#"{"resize":{"flavorRef":"b5f1c148-732c-417d-9d1b-1dffca105dbe"}}"#,
            r#"{"createImage":{"name":"foo-image","metadata":{"meta_var":"meta_val"}}}"#,
            r#"{"addSecurityGroup":{"name":"test"}}"#,
            r#"{"removeSecurityGroup":{"name":"test"}}"#,
        ]
    );
}

#[test]
fn guide_text_with_spaces_decodes() {
    // The guide writes `{"os-start" : null}` with whitespace; the parser must not care.
    let a: ServerAction = serde_json::from_str("{\n  \"os-start\" : null\n}").unwrap();
    assert_eq!(a, ServerAction::Start(()));
    let a: ServerAction =
        serde_json::from_str(r#"{"createImage": {"name": "x"}}"#).expect("metadata optional");
    assert_eq!(a, ServerAction::create_image("x", BTreeMap::new()));
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        r#"{"createImage":{"name":"x"}}"#
    );
}

#[test]
fn actions_map_to_their_rules() {
    let ops: Vec<Operation> = guide_actions().iter().map(|(a, _)| a.operation()).collect();
    assert_eq!(
        ops,
        [
            Operation::Start,
            Operation::Stop,
            Operation::RebootSoft,
            Operation::RebootHard,
            Operation::Resize,
            Operation::CreateImage,
            Operation::AddSecurityGroup,
            Operation::RemoveSecurityGroup,
        ]
    );
}

#[test]
fn image_id_from_the_location_header() {
    assert_eq!(
        image_id_from_location(
            "https://kr1-api-image-infrastructure.nhncloudservice.com/v2/images/0e7761dd-ee98"
        ),
        Some("0e7761dd-ee98")
    );
    assert_eq!(image_id_from_location("http://h/images/abc/"), Some("abc"));
    assert_eq!(image_id_from_location(""), None);
}

const BASE: &str = "https://kr1-api-instance-infrastructure.nhncloudservice.com/v2/tenant1";

#[test]
fn server_list_filters_in_order_and_encoded() {
    let q = ServerQuery {
        name: Some("web 01/a".into()),
        status: Some("ACTIVE".into()),
        flavor: Some("f1".into()),
        image: Some("i1".into()),
        changes_since: Some("2024-01-02T03:04:05Z".into()),
        reservation_id: Some("r-abc".into()),
        limit: Some(50),
        marker: Some("m-1".into()),
    };
    let r = request::list_servers_detail(&q);
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.service, Service::Compute);
    assert_eq!(r.body, None);
    assert_eq!(
        r.path_and_query(),
        "/servers/detail?name=web%2001%2Fa&status=ACTIVE&flavor=f1&image=i1\
         &changes-since=2024-01-02T03%3A04%3A05Z&reservation_id=r-abc&limit=50&marker=m-1"
    );
    assert_eq!(
        r.url(&format!("{BASE}/")),
        format!("{BASE}{}", r.path_and_query())
    );
    assert_eq!(
        request::list_servers(&ServerQuery::default()).path_and_query(),
        "/servers"
    );
    // A regex in `name` keeps its meaning: every special character is encoded.
    let r = request::list_servers(&ServerQuery {
        name: Some("^web-[0-9]+$".into()),
        ..Default::default()
    });
    assert_eq!(r.path_and_query(), "/servers?name=%5Eweb-%5B0-9%5D%2B%24");
}

#[test]
fn flavor_filters() {
    let q = FlavorQuery {
        min_disk: Some(20),
        min_ram: Some(2048),
    };
    assert_eq!(
        request::list_flavors(&q).path_and_query(),
        "/flavors?minDisk=20&minRam=2048"
    );
    assert_eq!(
        request::list_flavors_detail(&FlavorQuery::default()).path_and_query(),
        "/flavors/detail"
    );
    assert_eq!(request::show_flavor("m2.c1m2").path, "/flavors/m2.c1m2");
}

#[test]
fn ids_and_names_in_paths_are_encoded() {
    assert_eq!(
        request::show_keypair("my key/1").path,
        "/os-keypairs/my%20key%2F1"
    );
    assert_eq!(request::show_server("a b").path, "/servers/a%20b");
    assert_eq!(
        request::show_volume_attachment("s/1", "v 2").path,
        "/servers/s%2F1/os-volume_attachments/v%202"
    );
}

#[test]
fn every_builder() {
    type Case = (
        request::Request,
        Service,
        Method,
        &'static str,
        Option<Value>,
    );
    let create = CreateServer {
        name: "web".into(),
        image_ref: "img".into(),
        flavor_ref: "flv".into(),
        networks: vec![NetworkSpec {
            subnet: Some("sub".into()),
            ..Default::default()
        }],
        key_name: Some("key".into()),
        ..Default::default()
    };
    let cases: Vec<Case> = vec![
        (
            request::issue_token(&TokenRequest::password("t1", "user@example.com", "pw"))
                .any_answer(),
            Service::Identity,
            Method::Post,
            "/v2.0/tokens",
            Some(json!({"auth": {"tenantId": "t1", "passwordCredentials":
                {"username": "user@example.com", "password": "pw"}}})),
        ),
        (
            request::issue_token(&TokenRequest::rescope("tok-1", "t1")).any_answer(),
            Service::Identity,
            Method::Post,
            "/v2.0/tokens",
            Some(json!({"auth": {"tenantId": "t1", "token": {"id": "tok-1"}}})),
        ),
        (
            request::list_availability_zones().any_answer(),
            Service::Compute,
            Method::Get,
            "/os-availability-zone",
            None,
        ),
        (
            request::list_keypairs().any_answer(),
            Service::Compute,
            Method::Get,
            "/os-keypairs",
            None,
        ),
        (
            request::create_keypair(&NewKeypair {
                name: "k".into(),
                public_key: None,
            })
            .any_answer(),
            Service::Compute,
            Method::Post,
            "/os-keypairs",
            Some(json!({"keypair": {"name": "k"}})),
        ),
        (
            request::create_keypair(&NewKeypair {
                name: "k".into(),
                public_key: Some("ssh-rsa AAAA".into()),
            })
            .any_answer(),
            Service::Compute,
            Method::Post,
            "/os-keypairs",
            Some(json!({"keypair": {"name": "k", "public_key": "ssh-rsa AAAA"}})),
        ),
        (
            request::delete_keypair("k").any_answer(),
            Service::Compute,
            Method::Delete,
            "/os-keypairs/k",
            None,
        ),
        (
            request::create_server(&create).any_answer(),
            Service::Compute,
            Method::Post,
            "/servers",
            Some(
                json!({"server": {"name": "web", "imageRef": "img", "flavorRef": "flv",
                "networks": [{"subnet": "sub"}], "key_name": "key"}}),
            ),
        ),
        (
            request::update_server(
                "s1",
                &UpdateServer {
                    name: Some("new".into()),
                },
            )
            .any_answer(),
            Service::Compute,
            Method::Put,
            "/servers/s1",
            Some(json!({"server": {"name": "new"}})),
        ),
        (
            request::delete_server("s1").any_answer(),
            Service::Compute,
            Method::Delete,
            "/servers/s1",
            None,
        ),
        (
            request::server_action("s1", &ServerAction::Stop(())).any_answer(),
            Service::Compute,
            Method::Post,
            "/servers/s1/action",
            Some(json!({"os-stop": null})),
        ),
        (
            request::list_volume_attachments("s1").any_answer(),
            Service::Compute,
            Method::Get,
            "/servers/s1/os-volume_attachments",
            None,
        ),
        (
            request::attach_volume(
                "s1",
                &AttachVolume {
                    volume_id: "v1".into(),
                    device: None,
                },
            )
            .any_answer(),
            Service::Compute,
            Method::Post,
            "/servers/s1/os-volume_attachments",
            Some(json!({"volumeAttachment": {"volumeId": "v1"}})),
        ),
        (
            request::detach_volume("s1", "v1").any_answer(),
            Service::Compute,
            Method::Delete,
            "/servers/s1/os-volume_attachments/v1",
            None,
        ),
        (
            request::server_metadata("s1").any_answer(),
            Service::Compute,
            Method::Get,
            "/servers/s1/metadata",
            None,
        ),
        (
            request::list_images(Some(20), Some("m 1")).any_answer(),
            Service::Image,
            Method::Get,
            "/v2/images?limit=20&marker=m%201",
            None,
        ),
        (
            request::show_image("i1").any_answer(),
            Service::Image,
            Method::Get,
            "/v2/images/i1",
            None,
        ),
        (
            request::list_networks().any_answer(),
            Service::Network,
            Method::Get,
            "/v2.0/networks",
            None,
        ),
        (
            request::list_subnets().any_answer(),
            Service::Network,
            Method::Get,
            "/v2.0/subnets",
            None,
        ),
        (
            request::list_security_groups().any_answer(),
            Service::Network,
            Method::Get,
            "/v2.0/security-groups",
            None,
        ),
        (
            request::list_ports(Some("n1")).any_answer(),
            Service::Network,
            Method::Get,
            "/v2.0/ports?network_id=n1",
            None,
        ),
        (
            request::list_volumes().any_answer(),
            Service::Volume,
            Method::Get,
            "/volumes/detail",
            None,
        ),
        (
            request::list_volume_types().any_answer(),
            Service::Volume,
            Method::Get,
            "/types",
            None,
        ),
    ];
    for (r, service, method, path_and_query, body) in cases {
        assert_eq!(r.service, service, "{path_and_query}");
        assert_eq!(r.method, method, "{path_and_query}");
        assert_eq!(r.path_and_query(), path_and_query);
        assert_eq!(r.body, body, "{path_and_query}");
    }
}

#[test]
fn only_reads_may_be_repeated() {
    assert!(Method::Get.is_idempotent_read());
    for m in [Method::Post, Method::Put, Method::Delete] {
        assert!(!m.is_idempotent_read());
    }
}

#[test]
fn curl_command_elides_the_token_and_quotes_the_body() {
    let server = CreateServer {
        name: "it's-web".into(),
        image_ref: "img".into(),
        flavor_ref: "fl".into(),
        networks: vec![NetworkSpec {
            uuid: Some("net".into()),
            ..NetworkSpec::default()
        }],
        ..CreateServer::default()
    };
    let request = request::create_server(&server);
    let curl = request.curl_command("https://kr1-api-instance.example.com/v2/tenant/");
    let lines: Vec<&str> = curl.lines().collect();
    assert_eq!(
        lines[0],
        "curl -X POST 'https://kr1-api-instance.example.com/v2/tenant/servers' \\"
    );
    assert_eq!(lines[1], "  -H \"X-Auth-Token: $OS_TOKEN\" \\");
    assert!(curl.contains("-H 'Content-Type: application/json'"));
    // The body is the request's JSON, with the quote in the name escaped for the shell.
    assert!(curl.contains(r#""name": "it'\''s-web""#), "{curl}");
    let body_start = curl.find("-d '").unwrap() + 4;
    let quoted = &curl[body_start..curl.len() - 1];
    let unquoted = quoted.replace(r"'\''", "'");
    let parsed: Value = serde_json::from_str(&unquoted).unwrap();
    assert_eq!(parsed, request.body.unwrap());

    // A GET has no body and no content type.
    let get = request::list_keypairs().curl_command("http://sim/v2/t");
    assert!(!get.contains("-d "));
    assert!(!get.contains("Content-Type"));
}

/// Each builder's answer type reads the answer Nova documents for its endpoint.
#[test]
fn each_builder_reads_its_endpoints_recorded_answer() {
    fn read(path: &str) -> String {
        std::fs::read_to_string(common::fixtures_root().join("nova").join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }
    fn reads<T: serde::de::DeserializeOwned>(request: Request<T>, path: &str) {
        if let Err(e) = request.decode_answer(&read(path)) {
            panic!(
                "{} {} does not read {path}: {e}",
                request.method.as_str(),
                request.path
            );
        }
    }
    let query = ServerQuery::default();
    reads(
        request::list_servers(&query),
        "servers/servers-list-resp.json",
    );
    reads(
        request::list_servers_detail(&query),
        "servers/servers-details-resp.json",
    );
    reads(request::show_server("s"), "servers/server-get-resp.json");
    reads(
        request::update_server("s", &Default::default()),
        "servers/server-update-resp.json",
    );
    reads(
        request::list_flavors_detail(&FlavorQuery::default()),
        "flavors/flavors-detail-resp.json",
    );
    reads(request::show_flavor("f"), "flavors/flavor-get-resp.json");
    reads(
        request::list_keypairs(),
        "os-keypairs/keypairs-list-resp.json",
    );
    reads(
        request::show_keypair("k"),
        "os-keypairs/keypairs-get-resp.json",
    );
    reads(
        request::create_keypair(&NewKeypair {
            name: "k".into(),
            public_key: None,
        }),
        "os-keypairs/keypairs-post-resp.json",
    );
    reads(
        request::list_availability_zones(),
        "os-availability-zone/availability-zone-list-resp.json",
    );
    reads(
        request::list_volume_attachments("s"),
        "os-volume_attachments/list-volume-attachments-resp.json",
    );
    reads(
        request::show_volume_attachment("s", "v"),
        "os-volume_attachments/volume-attachment-detail-resp.json",
    );
    reads(
        request::attach_volume(
            "s",
            &AttachVolume {
                volume_id: "v".into(),
                device: None,
            },
        ),
        "os-volume_attachments/attach-volume-to-server-resp.json",
    );
}
