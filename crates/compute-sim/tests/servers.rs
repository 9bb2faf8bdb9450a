//! Servers: list and detail (filters, paging, changes-since), show, create, rename, delete.

mod common;

use common::*;
use compute_api::server::{CreateServerResponse, ServerDetailList, ServerEnvelope, ServerList};
use compute_api::status::ServerStatus;
use compute_sim::seed::ids::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn lists_decode_and_show_the_seeded_states() {
    let sim = Sim::start().await;
    let list: ServerList = sim.get("/servers").await.decode();
    assert_eq!(list.servers.len(), 8);
    assert!(list.servers_links.is_empty());
    let detail: ServerDetailList = sim.get("/servers/detail").await.decode();
    let status = |id: &str| {
        detail
            .servers
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .status
            .clone()
    };
    assert_eq!(status(WEB_01), ServerStatus::Active);
    assert_eq!(status(DB_MASTER), ServerStatus::Shutoff);
    assert_eq!(status(BROKEN_BUILD), ServerStatus::Error);
    assert_eq!(status(CACHE_PAUSED), ServerStatus::Paused);
    assert_eq!(status(ARCHIVE_01), ServerStatus::Suspended);
    // Newest first, as Nova sorts.
    let created: Vec<_> = detail
        .servers
        .iter()
        .map(|s| s.created.clone().unwrap())
        .collect();
    let mut sorted = created.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(created, sorted);

    let broken: ServerEnvelope = sim.get(&format!("/servers/{BROKEN_BUILD}")).await.decode();
    let fault = broken.server.fault.expect("ERROR servers carry a fault");
    assert_eq!(fault.code, Some(500));
    assert!(fault.created.is_some() && fault.details.is_some());

    let web: ServerEnvelope = sim.get(&format!("/servers/{WEB_01}")).await.decode();
    let web = web.server;
    assert_eq!(web.power_state.unwrap().0, 1);
    assert!(web.fault.is_none());
    assert_eq!(web.volumes_attached.len(), 2);
    let floating = web.addresses["Default Network"]
        .iter()
        .find(|a| a.ip_type.as_deref() == Some("floating"));
    assert!(floating.is_some());
    assert!(web.addresses["Default Network"][0]
        .mac_addr
        .as_deref()
        .unwrap()
        .starts_with("fa:16:3e:"));
    assert_eq!(web.metadata["role"], "web");

    // Booted from a volume: Nova's `"image": ""`.
    let windows = sim.get(&format!("/servers/{WEB_SERVER}")).await;
    assert_eq!(windows.json["server"]["image"], "");
    let decoded: ServerEnvelope = windows.decode();
    assert!(decoded.server.image.is_none());
}

#[tokio::test]
async fn unknown_servers_are_item_not_found() {
    let sim = Sim::start().await;
    sim.get("/servers/00000000-0000-0000-0000-000000000000")
        .await
        .assert_fault(404, "itemNotFound");
    sim.nova(Method::DELETE, "/servers/nope", None)
        .await
        .assert_fault(404, "itemNotFound");
    sim.action("nope", json!({"os-start": null}))
        .await
        .assert_fault(404, "itemNotFound");
    sim.get("/flavors/nope")
        .await
        .assert_fault(404, "itemNotFound");
    sim.get("/no-such-thing")
        .await
        .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn filters() {
    let sim = Sim::start().await;
    let names = |reply: Reply| -> Vec<String> {
        let list: ServerList = reply.decode();
        let mut names: Vec<String> = list.servers.into_iter().map(|s| s.name).collect();
        names.sort();
        names
    };
    assert_eq!(
        names(sim.get("/servers?name=%5Eweb-0%5B12%5D%24").await),
        ["web-01", "web-02"]
    );
    assert_eq!(names(sim.get("/servers?name=master").await), ["DB-Master"]);
    sim.get("/servers?name=%5B")
        .await
        .assert_fault(400, "badRequest");
    assert_eq!(
        names(sim.get("/servers?status=SHUTOFF").await),
        ["DB-Master"]
    );
    assert_eq!(
        names(sim.get("/servers?status=STOPPED").await),
        ["DB-Master"]
    );
    assert_eq!(
        names(sim.get("/servers?status=ERROR").await),
        ["broken-build"]
    );
    assert_eq!(
        names(sim.get(&format!("/servers?flavor={U2_C2M4}")).await),
        ["batch-u2"]
    );
    assert_eq!(
        names(sim.get(&format!("/servers/detail?image={ROCKY_8}")).await),
        ["archive-01", "web-02"]
    );
    assert!(names(sim.get("/servers?status=NO_SUCH").await).is_empty());
}

#[tokio::test]
async fn paging_with_limit_and_marker() {
    let sim = Sim::start().await;
    let all: ServerList = sim.get("/servers").await.decode();
    let first: ServerList = sim.get("/servers?limit=3").await.decode();
    assert_eq!(first.servers.len(), 3);
    let next = &first.servers_links[0];
    assert_eq!(next.rel, "next");
    assert!(
        next.href
            .contains(&format!("marker={}", first.servers[2].id)),
        "{}",
        next.href
    );
    let second = sim
        .raw(Method::GET, &next.href, None, Some(&sim.token))
        .await
        .decode::<ServerList>();
    let ids: Vec<_> = first
        .servers
        .iter()
        .chain(&second.servers)
        .map(|s| s.id.clone())
        .collect();
    let expected: Vec<_> = all.servers.iter().take(6).map(|s| s.id.clone()).collect();
    assert_eq!(ids, expected);
    // The last page is not full: no next link.
    let last: ServerDetailList = sim
        .get(&format!(
            "/servers/detail?limit=5&marker={}",
            all.servers[4].id
        ))
        .await
        .decode();
    assert_eq!(last.servers.len(), 3);
    assert!(last.servers_links.is_empty());
    sim.get("/servers?marker=00000000-0000-0000-0000-000000000000")
        .await
        .assert_fault(400, "badRequest");
    sim.get("/servers?limit=-1")
        .await
        .assert_fault(400, "badRequest");
    sim.get("/servers?limit=abc")
        .await
        .assert_fault(400, "badRequest");
}

#[tokio::test]
async fn changes_since_includes_deleted_servers() {
    let sim = Sim::start().await;
    // The simulator's clock is the wall clock unless a test moves it.
    let since =
        compute_sim::clock::zulu(time::OffsetDateTime::now_utc() - time::Duration::seconds(1));
    let reply = sim
        .get(&format!("/servers/detail?changes-since={since}"))
        .await;
    let list: ServerDetailList = reply.decode();
    assert!(list.servers.is_empty(), "seeded servers changed long ago");
    assert_eq!(
        sim.nova(Method::DELETE, &format!("/servers/{WEB_02}"), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    sim.wait_for(WEB_02, "GONE").await;
    let rename = sim
        .nova(
            Method::PUT,
            &format!("/servers/{WEB_01}"),
            Some(json!({"server": {"name": "web-one"}})),
        )
        .await;
    assert_eq!(rename.status, StatusCode::OK);
    let list: ServerDetailList = sim
        .get(&format!("/servers/detail?changes-since={since}"))
        .await
        .decode();
    let mut seen: Vec<(String, ServerStatus)> =
        list.servers.into_iter().map(|s| (s.id, s.status)).collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        seen,
        vec![
            (WEB_01.to_string(), ServerStatus::Active),
            (WEB_02.to_string(), ServerStatus::Deleted)
        ]
    );
    // The deleted one is gone from ordinary lists.
    let list: ServerList = sim.get("/servers").await.decode();
    assert!(!list.servers.iter().any(|s| s.id == WEB_02));
    sim.get("/servers?changes-since=yesterday")
        .await
        .assert_fault(400, "badRequest");
}

#[tokio::test]
async fn create_goes_from_build_to_active() {
    let sim = Sim::start().await;
    let reply = sim.post("/servers", u2_create("app-01")).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let CreateServerResponse::Created { server } = reply.decode() else {
        panic!("expected a server: {}", reply.text)
    };
    assert_eq!(
        reply.header("location"),
        Some(format!("{}/v2/{TENANT}/servers/{}", sim.url, server.id).as_str())
    );
    assert_eq!(server.security_groups[0].name, "default");
    let built = sim.server(&server.id).await;
    assert_eq!(built["status"], "BUILD");
    assert_eq!(built["OS-EXT-STS:vm_state"], "building");
    let active = sim.wait_for(&server.id, "ACTIVE").await;
    assert_eq!(active["OS-EXT-STS:power_state"], 1);
    assert!(active["OS-SRV-USG:launched_at"].is_string());
    assert_eq!(active["metadata"]["os_type"], "linux");
    assert_eq!(active["metadata"]["login_username"], "centos");
    let address = &active["addresses"]["Default Network"][0];
    assert!(address["addr"].as_str().unwrap().starts_with("192.168.0."));
    // The newest server comes first.
    let list: ServerList = sim.get("/servers?limit=1").await.decode();
    assert_eq!(list.servers[0].id, server.id);
}

#[tokio::test]
async fn create_with_a_volume_root_disk() {
    let sim = Sim::start().await;
    let body = json!({"server": {
        "name": "DB-Replica",
        "imageRef": UBUNTU_2204,
        "flavorRef": M2_C2M4,
        "networks": [{"subnet": DEFAULT_SUBNET}],
        "availability_zone": "kr-pub-a",
        "key_name": ACCESS_KEY,
        "block_device_mapping_v2": [{"uuid": UBUNTU_2204, "boot_index": 0, "volume_size": 30, "device_name": "vda",
            "source_type": "image", "destination_type": "volume", "delete_on_termination": 1}],
        "security_groups": [{"name": "default"}, {"name": "db"}]
    }});
    let reply = sim.post("/servers", body).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let id = reply.json["server"]["id"].as_str().unwrap().to_string();
    let server = sim.wait_for(&id, "ACTIVE").await;
    let volume_id = server["os-extended-volumes:volumes_attached"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let volume = sim.get(&format!("/volumes/{volume_id}")).await;
    assert_eq!(volume.json["volume"]["status"], "in-use");
    assert_eq!(volume.json["volume"]["size"], 30);
    assert_eq!(volume.json["volume"]["bootable"], "true");
    // Deleting the server deletes a delete_on_termination volume.
    sim.nova(Method::DELETE, &format!("/servers/{id}"), None)
        .await;
    sim.wait_for(&id, "GONE").await;
    sim.get(&format!("/volumes/{volume_id}"))
        .await
        .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn multiple_create_and_reservation_ids() {
    let sim = Sim::start().await;
    let mut body = u2_create("worker");
    body["server"]["min_count"] = json!(2);
    body["server"]["max_count"] = json!(3);
    body["server"]["return_reservation_id"] = json!(true);
    let reply = sim.post("/servers", body).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let CreateServerResponse::Reservation { reservation_id } = reply.decode() else {
        panic!("expected a reservation id: {}", reply.text)
    };
    assert!(reservation_id.starts_with("r-"));
    let list: ServerList = sim
        .get(&format!("/servers?reservation_id={reservation_id}"))
        .await
        .decode();
    let mut names: Vec<_> = list.servers.iter().map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["worker-1", "worker-2", "worker-3"]);

    // Without return_reservation_id: the first server.
    let mut body = u2_create("pair");
    body["server"]["max_count"] = json!(2);
    let reply = sim.post("/servers", body).await;
    assert!(reply.json["server"]["id"].is_string(), "{}", reply.text);
}

#[tokio::test]
async fn creation_rules_answer_400() {
    let sim = Sim::start().await;
    let check = |body: serde_json::Value, needle: &'static str| {
        let sim = &sim;
        async move {
            let reply = sim.post("/servers", body).await;
            reply.assert_fault(400, "badRequest");
            let message = reply.json["badRequest"]["message"]
                .as_str()
                .unwrap()
                .to_string();
            assert!(
                message.to_lowercase().contains(needle),
                "{needle:?} not in {message:?}"
            );
        }
    };
    // Windows on a U2 flavor.
    let mut body = u2_create("win");
    body["server"]["imageRef"] = json!(WINDOWS_2019);
    check(body, "u2").await;
    // A name longer than 255 characters.
    check(u2_create(&"n".repeat(256)), "name").await;
    // A Windows name longer than 15 characters (on a proper flavor and disk).
    let body = json!({"server": {"name": "windows-name-too-long", "imageRef": WINDOWS_2022, "flavorRef": M2_C4M8,
        "networks": [{"uuid": DEFAULT_NETWORK}], "key_name": DEMO_KEY,
        "block_device_mapping_v2": [{"uuid": WINDOWS_2022, "boot_index": 0, "volume_size": 50, "source_type": "image", "destination_type": "volume"}]}});
    check(body, "15").await;
    // Non-U2 flavors need block_device_mapping_v2, with a root (boot_index 0) in it.
    let mut body = u2_create("no-bdm");
    body["server"]["flavorRef"] = json!(M2_C2M4);
    check(body, "block_device_mapping_v2").await;
    let mut body = u2_create("no-root");
    body["server"]["flavorRef"] = json!(M2_C2M4);
    body["server"]["block_device_mapping_v2"] = json!([{"uuid": UBUNTU_2204, "boot_index": 1,
        "volume_size": 30, "source_type": "image", "destination_type": "volume"}]);
    check(body, "boot_index 0").await;
    // The seed's source and volume types only (compute-api's rules, the console's too).
    let mut body = u2_create("blank-disk");
    body["server"]["block_device_mapping_v2"] = json!([{"source_type": "blank", "boot_index": 1,
        "volume_size": 10, "destination_type": "volume"}]);
    check(body, "source type").await;
    let mut body = u2_create("odd-type");
    body["server"]["flavorRef"] = json!(M2_C2M4);
    body["server"]["block_device_mapping_v2"] = json!([{"uuid": UBUNTU_2204, "boot_index": 0,
        "volume_size": 30, "source_type": "image", "destination_type": "volume",
        "volume_type": "Premium SSD"}]);
    check(body, "volume type").await;
    // "Up to 255 English characters".
    check(u2_create("웹서버"), "english").await;
    // min_count above max_count, and above 10.
    let mut body = u2_create("many");
    body["server"]["max_count"] = json!(11);
    check(body, "max").await;
    // Networks are required.
    let mut body = u2_create("no-net");
    body["server"].as_object_mut().unwrap().remove("networks");
    check(body, "networks").await;
    // References that do not exist.
    let mut body = u2_create("x");
    body["server"]["flavorRef"] = json!("nope");
    check(body, "flavor").await;
    let mut body = u2_create("x");
    body["server"]["key_name"] = json!("nope");
    check(body, "key_name").await;
    let mut body = u2_create("x");
    body["server"]["networks"] = json!([{"uuid": PUBLIC_NETWORK}]);
    check(body, "external").await;
    let mut body = u2_create("x");
    body["server"]["availability_zone"] = json!("kr-pub-z");
    check(body, "availability zone").await;
    let mut body = u2_create("x");
    body["server"]["security_groups"] = json!([{"name": "nope"}]);
    check(body, "security_group").await;
    // Bodies that are not what the API takes.
    sim.post("/servers", json!({"servers": {}}))
        .await
        .assert_fault(400, "badRequest");
    let response = sim
        .client
        .post(format!("{}/v2/{TENANT}/servers", sim.url))
        .header("X-Auth-Token", &sim.token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    common::reply(response)
        .await
        .assert_fault(400, "badRequest");
}

#[tokio::test]
async fn rename_and_delete() {
    let sim = Sim::start().await;
    let reply = sim
        .nova(
            Method::PUT,
            &format!("/servers/{WEB_02}"),
            Some(json!({"server": {"name": "web-two"}})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let renamed: ServerEnvelope = reply.decode();
    assert_eq!(renamed.server.name, "web-two");
    sim.nova(
        Method::PUT,
        &format!("/servers/{WEB_02}"),
        Some(json!({"server": {"name": ""}})),
    )
    .await
    .assert_fault(400, "badRequest");
    sim.nova(
        Method::PUT,
        &format!("/servers/{WEB_02}"),
        Some(json!({"name": 1})),
    )
    .await
    .assert_fault(400, "badRequest");
    // The console's rename rule (compute_api::validate_rename): English characters only.
    for name in ["웹-02", "web\u{202e}02"] {
        sim.nova(
            Method::PUT,
            &format!("/servers/{WEB_02}"),
            Some(json!({"server": {"name": name}})),
        )
        .await
        .assert_fault(400, "badRequest");
    }

    let reply = sim
        .nova(Method::DELETE, &format!("/servers/{WEB_02}"), None)
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let deleting = sim.server(WEB_02).await;
    assert_eq!(deleting["OS-EXT-STS:task_state"], "deleting");
    sim.wait_for(WEB_02, "GONE").await;
    sim.get(&format!("/servers/{WEB_02}"))
        .await
        .assert_fault(404, "itemNotFound");
    // Its root volume was deleted with it; nothing else changed.
    sim.get(&format!("/volumes/{WEB_02_ROOT}"))
        .await
        .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn kr2_is_a_separate_region() {
    let sim = Sim::start().await;
    let reply = sim
        .raw(
            Method::GET,
            &format!("/kr2/v2/{TENANT}/servers/detail"),
            None,
            Some(&sim.token),
        )
        .await;
    let list: ServerDetailList = reply.decode();
    let names: Vec<_> = list.servers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["kr2-batch", "kr2-web-01"]);
    assert_eq!(
        list.servers[0].availability_zone.as_deref(),
        Some("kr2-pub-b")
    );
    let zones = sim
        .raw(
            Method::GET,
            &format!("/kr2/v2/{TENANT}/os-availability-zone"),
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(
        zones.json["availabilityZoneInfo"][0]["zoneName"],
        "kr2-pub-a"
    );
    let images = sim
        .raw(Method::GET, "/kr2/v2/images", None, Some(&sim.token))
        .await;
    assert_eq!(images.status, StatusCode::OK);
    // A server of one region does not exist in the other.
    sim.raw(
        Method::GET,
        &format!("/kr2/v2/{TENANT}/servers/{WEB_01}"),
        None,
        Some(&sim.token),
    )
    .await
    .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn ten_thousand_instances_are_read_page_by_page() {
    // How fast a page comes is the benchmark's (`simulator_page_ms`), not a test's.
    let mut config = test_config();
    config.seed_instances = 10_000;
    let sim = Sim::with(config).await;
    let first: ServerDetailList = sim.get("/servers/detail?limit=1000").await.decode();
    assert_eq!(first.servers.len(), 1000);
    assert_eq!(first.servers_links[0].rel, "next");
    // Walk every page of the summary list through the next links.
    let mut count = 0;
    let mut url = format!("{}/v2/{TENANT}/servers?limit=1000", sim.url);
    loop {
        let page: ServerList = sim
            .raw(Method::GET, &url, None, Some(&sim.token))
            .await
            .decode();
        count += page.servers.len();
        match page.servers_links.first() {
            Some(next) => url = next.href.clone(),
            None => break,
        }
    }
    assert_eq!(count, 10_008);
    let scale: ServerList = sim
        .get("/servers?name=%5Escale-0004%5B0-9%5D%24")
        .await
        .decode();
    assert_eq!(scale.servers.len(), 10);
    // Without a limit Nova stops at its max_limit of 1000 and links onwards.
    let unbounded: ServerList = sim.get("/servers").await.decode();
    assert_eq!(unbounded.servers.len(), 1000);
    assert_eq!(unbounded.servers_links.len(), 1);
}

#[tokio::test]
async fn a_nic_by_port_binds_the_free_port_once() {
    let sim = Sim::start().await;
    let ports = sim
        .raw(Method::GET, "/v2.0/ports", None, Some(&sim.token))
        .await;
    let free = ports.json["ports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == FREE_PORT)
        .cloned()
        .expect("the seed has a free port");
    assert_eq!(free["device_id"], "");

    // Several instances cannot share one port, as Nova says.
    let mut body = u2_create("by-port");
    body["server"]["networks"] = json!([{"port": FREE_PORT}]);
    body["server"]["max_count"] = json!(2);
    sim.post("/servers", body.clone())
        .await
        .assert_fault(400, "badRequest");

    body["server"].as_object_mut().unwrap().remove("max_count");
    let reply = sim.post("/servers", body.clone()).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let id = reply.json["server"]["id"].as_str().unwrap().to_string();
    let server = sim.wait_for(&id, "ACTIVE").await;
    assert_eq!(server["addresses"]["app-net"][0]["addr"], "10.0.1.50");
    let port = sim
        .raw(
            Method::GET,
            &format!("/v2.0/ports/{FREE_PORT}"),
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(port.json["port"]["device_id"], id.as_str());

    // A bound port is Nova's PortInUse (409); an unknown one a 400.
    sim.post("/servers", body.clone())
        .await
        .assert_fault(409, "conflictingRequest");
    body["server"]["networks"] = json!([{"port": "no-such-port"}]);
    sim.post("/servers", body.clone())
        .await
        .assert_fault(400, "badRequest");

    // Deleting the server frees the port again.
    sim.nova(Method::DELETE, &format!("/servers/{id}"), None)
        .await;
    sim.wait_for(&id, "GONE").await;
    let port = sim
        .raw(
            Method::GET,
            &format!("/v2.0/ports/{FREE_PORT}"),
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(port.json["port"]["device_id"], "");
}

/// A create booting from an existing volume or snapshot (no image), in `zone` when given.
fn boot_from(source_type: &str, uuid: &str, zone: Option<&str>) -> serde_json::Value {
    let mut body = json!({"server": {
        "name": "from-volume",
        "imageRef": "",
        "flavorRef": M2_C2M4,
        "networks": [{"subnet": DEFAULT_SUBNET}],
        "key_name": ACCESS_KEY,
        "block_device_mapping_v2": [{"uuid": uuid, "boot_index": 0,
            "source_type": source_type, "destination_type": "volume"}]
    }});
    if let Some(zone) = zone {
        body["server"]["availability_zone"] = json!(zone);
    }
    body
}

#[tokio::test]
async fn snapshots_are_listed_and_a_snapshot_source_must_exist() {
    let sim = Sim::start().await;
    let listed: compute_api::services::SnapshotList = sim.get("/snapshots/detail").await.decode();
    let ids: Vec<&str> = listed.snapshots.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&SPARE_B_SNAPSHOT) && ids.contains(&DB_MASTER_ROOT_SNAPSHOT));
    sim.get("/snapshots/nope")
        .await
        .assert_fault(404, "itemNotFound");

    let reply = sim
        .post("/servers", boot_from("snapshot", "no-such-snapshot", None))
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(
        reply.text.contains("failed to get snapshot"),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn a_root_must_be_bootable_and_in_the_instance_zone() {
    let sim = Sim::start().await;
    // The guide: "If it is a root volume, it must be a bootable source".
    let reply = sim
        .post("/servers", boot_from("volume", SPARE_A, None))
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("bootable"), "{}", reply.text);
    let reply = sim
        .post("/servers", boot_from("snapshot", SPARE_B_SNAPSHOT, None))
        .await;
    assert!(reply.text.contains("bootable"), "{}", reply.text);

    // "Sources other than `image` must have the same availability zone as the instance".
    let reply = sim
        .post(
            "/servers",
            boot_from("snapshot", DB_MASTER_ROOT_SNAPSHOT, Some("kr-pub-b")),
        )
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("kr-pub-a"), "{}", reply.text);

    // No zone named: the instance goes where the snapshot's volume is; its root is restored
    // from it (bootable, the same image) and the Ubuntu image's metadata follows.
    let reply = sim
        .post(
            "/servers",
            boot_from("snapshot", DB_MASTER_ROOT_SNAPSHOT, None),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let id = reply.json["server"]["id"].as_str().unwrap().to_string();
    let server = sim.wait_for(&id, "ACTIVE").await;
    assert_eq!(server["OS-EXT-AZ:availability_zone"], "kr-pub-a");
    assert_eq!(server["metadata"]["os_distro"], "Ubuntu");
    let root = server["os-extended-volumes:volumes_attached"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let volume = sim.get(&format!("/volumes/{root}")).await;
    assert_eq!(volume.json["volume"]["bootable"], "true");
    assert_eq!(volume.json["volume"]["size"], 100);
    assert_eq!(
        volume.json["volume"]["volume_image_metadata"]["image_id"],
        UBUNTU_2204
    );
}

#[tokio::test]
async fn several_instances_are_checked_by_their_numbered_names() {
    let sim = Sim::start().await;
    // 254 characters are allowed for one instance, not when "-2" is added.
    let mut body = u2_create(&"a".repeat(254));
    body["server"]["max_count"] = json!(2);
    let reply = sim.post("/servers", body).await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("-1, -2"), "{}", reply.text);
    let reply = sim.post("/servers", u2_create(&"a".repeat(254))).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
}

#[tokio::test]
async fn a_deleted_server_has_its_terminated_at_in_the_guide_form() {
    let sim = Sim::start().await;
    let reply = sim.post("/servers", u2_create("short-lived")).await;
    let id = reply.json["server"]["id"].as_str().unwrap().to_string();
    sim.wait_for(&id, "ACTIVE").await;
    let since = sim.server(&id).await["created"]
        .as_str()
        .unwrap()
        .to_string();
    sim.nova(Method::DELETE, &format!("/servers/{id}"), None)
        .await;
    sim.wait_for(&id, "GONE").await;
    let changed = sim
        .get(&format!("/servers/detail?changes-since={since}"))
        .await;
    let gone = changed.json["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str())
        .expect("the deleted server is listed with changes-since")
        .clone();
    // The guide: "Instance deletion time `yyyy-mm-ddthh:mm:ssz` format".
    let terminated = gone["OS-SRV-USG:terminated_at"].as_str().unwrap();
    assert_eq!(
        terminated.len(),
        "2020-02-25T01:15:46Z".len(),
        "{terminated}"
    );
    assert!(terminated.ends_with('Z'), "{terminated}");
}
