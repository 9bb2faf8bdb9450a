//! The recorded request bodies under `fixtures/nova/` that the seed covers, posted as
//! they are (ids swapped for seeded ones where the recorded ids cannot exist here).

mod common;

use common::*;
use compute_sim::seed::ids::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn server_create_fixture() {
    let sim = Sim::start().await;
    // As recorded: no networks, no key pair, an unknown image and flavor: the seed's rules say 400.
    let body = fixture("nova/servers/server-create-req.json");
    sim.post("/servers", body.clone())
        .await
        .assert_fault(400, "badRequest");
    // With seeded references and the fields the seed requires, it is accepted; the extra
    // Nova fields (personality, accessIPv4, scheduler hints …) are ignored.
    let mut body = body;
    let server = &mut body["server"];
    server["imageRef"] = json!(CENTOS_7);
    server["flavorRef"] = json!(U2_C1M2);
    server["availability_zone"] = json!("kr-pub-b");
    server["networks"] = json!([{"uuid": DEFAULT_NETWORK}]);
    server["key_name"] = json!(DEMO_KEY);
    let reply = sim.post("/servers", body).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let id = reply.json["server"]["id"].as_str().unwrap().to_string();
    let created = sim.wait_for(&id, "ACTIVE").await;
    assert_eq!(created["name"], "new-server-test");
    assert_eq!(created["metadata"]["My Server Name"], "Apache1");
}

#[tokio::test]
async fn multiple_create_fixtures() {
    let sim = Sim::start().await;
    for file in [
        "nova/os-multiple-create/multiple-create-post-req.json",
        "nova/os-multiple-create/multiple-create-no-resv-post-req.json",
    ] {
        let body = fixture(file);
        sim.post("/servers", body.clone())
            .await
            .assert_fault(400, "badRequest");
        let mut body = body;
        body["server"]["imageRef"] = json!(UBUNTU_2204);
        body["server"]["flavorRef"] = json!(U2_C2M4);
        body["server"]["networks"] = json!([{"subnet": DEFAULT_SUBNET}]);
        body["server"]["key_name"] = json!(DEMO_KEY);
        let reply = sim.post("/servers", body.clone()).await;
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{file}: {}", reply.text);
        // min_count "2", max_count "3" as strings; return_reservation_id "True".
        if body["server"].get("return_reservation_id").is_some() {
            let reservation = reply.json["reservation_id"].as_str().unwrap();
            let list = sim
                .get(&format!("/servers?reservation_id={reservation}"))
                .await;
            assert_eq!(list.json["servers"].as_array().unwrap().len(), 3);
        } else {
            assert!(reply.json["server"]["id"].is_string());
        }
    }
}

#[tokio::test]
async fn server_update_fixture() {
    let sim = Sim::start().await;
    let reply = sim
        .nova(
            Method::PUT,
            &format!("/servers/{WEB_01}"),
            Some(fixture("nova/servers/server-update-req.json")),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["server"]["name"], "new-server-test");
}

#[tokio::test]
async fn action_fixtures() {
    let sim = Sim::start().await;
    let post = |server: &'static str, file: &'static str| {
        let sim = &sim;
        async move {
            sim.action(server, fixture(&format!("nova/servers/{file}")))
                .await
        }
    };
    // os-stop on an ACTIVE server, then os-start.
    assert_eq!(
        post(WEB_01, "server-action-stop.json").await.status,
        StatusCode::ACCEPTED
    );
    sim.wait_for(WEB_01, "SHUTOFF").await;
    assert_eq!(
        post(WEB_01, "server-action-start.json").await.status,
        StatusCode::ACCEPTED
    );
    sim.wait_for(WEB_01, "ACTIVE").await;
    // reboot HARD.
    assert_eq!(
        post(WEB_01, "server-action-reboot.json").await.status,
        StatusCode::ACCEPTED
    );
    sim.wait_for(WEB_01, "ACTIVE").await;
    // resize to flavor "2", which does not exist here: 400; with a seeded flavor: accepted.
    post(WEB_02, "server-action-resize.json")
        .await
        .assert_fault(400, "badRequest");
    let mut resize = fixture("nova/servers/server-action-resize.json");
    resize["resize"]["flavorRef"] = json!(M2_C2M4);
    assert_eq!(
        sim.action(WEB_02, resize).await.status,
        StatusCode::ACCEPTED
    );
    // createImage on the U2 server answers a Location; on a non-U2 one it is refused.
    let reply = post(BATCH_U2, "server-action-create-image.json").await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    assert!(reply.header("location").unwrap().contains("/v2/images/"));
    post(WEB_SERVER, "server-action-create-image.json")
        .await
        .assert_fault(409, "conflictingRequest");
    // Actions the seed does not cover are refused as unknown.
    for file in [
        "server-action-confirm-resize.json",
        "server-action-revert-resize.json",
        "server-action-rebuild.json",
    ] {
        post(DB_MASTER, file).await.assert_fault(400, "badRequest");
    }
}

#[tokio::test]
async fn keypair_fixtures() {
    let sim = Sim::start().await;
    let reply = sim
        .post(
            "/os-keypairs",
            fixture("nova/os-keypairs/keypairs-post-req.json"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(reply.json["keypair"]["private_key"]
        .as_str()
        .unwrap()
        .contains("BEGIN OPENSSH PRIVATE KEY"));
    let import: Value = fixture("nova/os-keypairs/keypairs-import-post-req.json");
    let reply = sim.post("/os-keypairs", import.clone()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(reply.json["keypair"]["fingerprint"]
        .as_str()
        .unwrap()
        .starts_with("SHA256:"));
    sim.post("/os-keypairs", import)
        .await
        .assert_fault(409, "conflictingRequest");
}

#[tokio::test]
async fn volume_attachment_fixture() {
    let sim = Sim::start().await;
    // The recorded volume id is seeded as an available volume.
    let body = fixture("nova/os-volume_attachments/attach-volume-to-server-req.json");
    let reply = sim
        .post(&format!("/servers/{WEB_02}/os-volume_attachments"), body)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["volumeAttachment"]["volumeId"], SPARE_A);
    assert_eq!(reply.json["volumeAttachment"]["serverId"], WEB_02);
}

#[tokio::test]
async fn seed_document_create_example() {
    // The create example of the seed document itself: every reference exists in the seed.
    let sim = Sim::start().await;
    let body = json!({"server": {
        "name": "DB-Master", "imageRef": "9956f822-29c9-4f81-9410-0c392d9c8c24",
        "flavorRef": "a4b6a0f7-aeff-4d78-a8d5-7de9f007012d",
        "networks": [{"subnet": "b83863ff-0355-4c73-8c10-0bdf66a69aab"}],
        "availability_zone": "kr-pub-a", "key_name": "access-key", "max_count": 1, "min_count": 1,
        "block_device_mapping_v2": [{"uuid": "9956f822-29c9-4f81-9410-0c392d9c8c24", "boot_index": 0,
            "volume_size": 1000, "device_name": "vda", "source_type": "image", "destination_type": "volume",
            "delete_on_termination": 1}],
        "security_groups": [{"name": "default"}]
    }});
    let reply = sim.post("/servers", body).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    assert_eq!(reply.json["server"]["OS-DCF:diskConfig"], "MANUAL");
    assert_eq!(
        reply.json["server"]["security_groups"][0]["name"],
        "default"
    );
}

#[tokio::test]
async fn images_are_listed_by_id_in_one_request() {
    let sim = Sim::start().await;
    let request =
        compute_api::request::list_images_by_id(&[UBUNTU_2204, WINDOWS_2019, "gone-image"]);
    // Glance is on the simulator's root, with the signed-in token.
    let glance = |method: Method, path: String| {
        let sim = &sim;
        async move { sim.raw(method, &path, None, Some(&sim.token)).await }
    };
    let reply = glance(Method::GET, request.path_and_query()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let mut ids: Vec<&str> = reply.json["images"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    ids.sort();
    let mut want = vec![UBUNTU_2204, WINDOWS_2019];
    want.sort();
    assert_eq!(ids, want, "the unknown id is simply not listed");
    // Deleted, an image is gone from the list and its page.
    let windows = format!("/v2/images/{WINDOWS_2019}");
    let gone = glance(Method::DELETE, windows.clone()).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(
        glance(Method::GET, windows.clone()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        glance(Method::DELETE, windows).await.status,
        StatusCode::NOT_FOUND
    );
    // A plain filter still matches exactly.
    let reply = glance(Method::GET, format!("/v2/images?id={UBUNTU_2204}")).await;
    assert_eq!(reply.json["images"].as_array().unwrap().len(), 1);
}
