//! Flavors, availability zones, key pairs, volume attachments and the image, network and
//! volume listings, each decoded with compute-api's types where it has them.

mod common;

use common::*;
use compute_api::flavor::{FlavorEnvelope, FlavorList};
use compute_api::keypair::{KeypairEnvelope, KeypairList};
use compute_api::services::Image;
use compute_api::volume_attachment::{VolumeAttachmentEnvelope, VolumeAttachmentList};
use compute_api::zone::AvailabilityZoneList;
use compute_sim::seed::ids::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn flavors_with_min_disk_and_min_ram() {
    let sim = Sim::start().await;
    let list: FlavorList = sim.get("/flavors").await.decode();
    assert_eq!(list.flavors.len(), 14);
    assert!(list.flavors[0].vcpus.is_none() && list.flavors[0].links.len() == 2);
    let detail = sim.get("/flavors/detail").await;
    assert!(detail.json["flavors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["swap"] == ""));
    let detail: FlavorList = detail.decode();
    let u2 = detail.flavors.iter().find(|f| f.id == U2_C2M4).unwrap();
    assert!(u2.is_u2() && u2.name == "u2.c2m4" && u2.disk == Some(40));
    assert_eq!(
        detail
            .flavors
            .iter()
            .find(|f| f.id == M2_C4M8)
            .unwrap()
            .flavor_type(),
        Some("general")
    );
    let big: FlavorList = sim.get("/flavors/detail?minRam=32768").await.decode();
    assert!(big.flavors.iter().all(|f| f.ram.unwrap() >= 32768) && big.flavors.len() == 3);
    let disk: FlavorList = sim.get("/flavors?minDisk=40").await.decode();
    let mut names: Vec<_> = disk.flavors.iter().map(|f| f.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["u2.c2m4", "u2.c4m8"]);
    sim.get("/flavors?minRam=lots")
        .await
        .assert_fault(400, "badRequest");
    let one: FlavorEnvelope = sim.get(&format!("/flavors/{M2_C2M4}")).await.decode();
    assert_eq!(one.flavor.name, "m2.c2m4");
}

#[tokio::test]
async fn availability_zones() {
    let sim = Sim::start().await;
    let zones: AvailabilityZoneList = sim.get("/os-availability-zone").await.decode();
    let names: Vec<_> = zones
        .availability_zone_info
        .iter()
        .map(|z| z.zone_name.as_str())
        .collect();
    assert_eq!(names, ["kr-pub-a", "kr-pub-b"]);
    assert!(zones
        .availability_zone_info
        .iter()
        .all(|z| z.zone_state.available));
}

#[tokio::test]
async fn keypairs_create_import_duplicate_delete() {
    let sim = Sim::start().await;
    let list: KeypairList = sim.get("/os-keypairs").await.decode();
    let names: Vec<_> = list
        .keypairs
        .iter()
        .map(|k| k.keypair.name.as_str())
        .collect();
    assert_eq!(names, [ACCESS_KEY, DEMO_KEY]);
    assert!(list.keypairs[0].keypair.fingerprint.starts_with("SHA256:"));

    // Create: a real OpenSSH ed25519 pair, the private key returned once.
    let reply = sim
        .post("/os-keypairs", json!({"keypair": {"name": "fresh"}}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let created: KeypairEnvelope = reply.decode();
    let private = created.keypair.private_key.expect("private key");
    let parsed = ssh_key::PrivateKey::from_openssh(&private).expect("an OpenSSH private key");
    assert_eq!(
        parsed.public_key().to_openssh().unwrap(),
        created.keypair.public_key
    );
    assert_eq!(
        parsed.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
        created.keypair.fingerprint
    );

    let shown: KeypairEnvelope = sim.get("/os-keypairs/fresh").await.decode();
    assert!(shown.keypair.private_key.is_none());
    assert_eq!(shown.keypair.deleted, Some(false));
    assert!(
        shown.keypair.id.is_some()
            && shown.keypair.created_at.is_some()
            && shown.keypair.user_id.is_some()
    );

    // Import: the fingerprint is computed from the key.
    let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM9xWu7wL3bCj0z1bC2r7c3cHDPuV3vUwR5V6OqZ7mNs imported@example";
    let reply = sim
        .post(
            "/os-keypairs",
            json!({"keypair": {"name": "imported", "public_key": public}}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let imported: KeypairEnvelope = reply.decode();
    let expected = ssh_key::PublicKey::from_openssh(public)
        .unwrap()
        .fingerprint(ssh_key::HashAlg::Sha256)
        .to_string();
    assert_eq!(imported.keypair.fingerprint, expected);
    assert!(imported.keypair.private_key.is_none());

    sim.post(
        "/os-keypairs",
        json!({"keypair": {"name": "bad", "public_key": "ssh-rsa not-a-key"}}),
    )
    .await
    .assert_fault(400, "badRequest");
    sim.post("/os-keypairs", json!({"keypair": {"name": "bad/name"}}))
        .await
        .assert_fault(400, "badRequest");
    sim.post("/os-keypairs", json!({"keypair": {}}))
        .await
        .assert_fault(400, "badRequest");
    sim.post("/os-keypairs", json!({"keypair": {"name": "fresh"}}))
        .await
        .assert_fault(409, "conflictingRequest");

    assert_eq!(
        sim.nova(Method::DELETE, "/os-keypairs/fresh", None)
            .await
            .status,
        StatusCode::ACCEPTED
    );
    sim.get("/os-keypairs/fresh")
        .await
        .assert_fault(404, "itemNotFound");
    sim.nova(Method::DELETE, "/os-keypairs/fresh", None)
        .await
        .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn volume_attach_and_detach() {
    let sim = Sim::start().await;
    let list: VolumeAttachmentList = sim
        .get(&format!("/servers/{WEB_01}/os-volume_attachments"))
        .await
        .decode();
    let devices: Vec<_> = list
        .volume_attachments
        .iter()
        .map(|a| a.device.clone().unwrap())
        .collect();
    assert_eq!(devices, ["/dev/vda", "/dev/vdb"]);
    let paged: VolumeAttachmentList = sim
        .get(&format!(
            "/servers/{WEB_01}/os-volume_attachments?limit=1&offset=1"
        ))
        .await
        .decode();
    assert_eq!(paged.volume_attachments[0].volume_id, WEB_01_DATA);

    let reply = sim
        .post(
            &format!("/servers/{WEB_01}/os-volume_attachments"),
            json!({"volumeAttachment": {"volumeId": SPARE_B}}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let attached: VolumeAttachmentEnvelope = reply.decode();
    assert_eq!(
        attached.volume_attachment.device.as_deref(),
        Some("/dev/vdc")
    );
    assert_eq!(
        attached.volume_attachment.server_id.as_deref(),
        Some(WEB_01)
    );
    let volume = sim.get(&format!("/volumes/{SPARE_B}")).await;
    assert_eq!(volume.json["volume"]["status"], "in-use");
    let shown: VolumeAttachmentEnvelope = sim
        .get(&format!(
            "/servers/{WEB_01}/os-volume_attachments/{SPARE_B}"
        ))
        .await
        .decode();
    assert_eq!(shown.volume_attachment.volume_id, SPARE_B);
    let server = sim.server(WEB_01).await;
    assert_eq!(
        server["os-extended-volumes:volumes_attached"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Already in use, missing, not attached, the root disk.
    sim.post(
        &format!("/servers/{WEB_02}/os-volume_attachments"),
        json!({"volumeAttachment": {"volumeId": SPARE_B}}),
    )
    .await
    .assert_fault(400, "badRequest");
    sim.post(
        &format!("/servers/{WEB_02}/os-volume_attachments"),
        json!({"volumeAttachment": {"volumeId": "nope"}}),
    )
    .await
    .assert_fault(404, "itemNotFound");
    sim.post(
        &format!("/servers/{WEB_02}/os-volume_attachments"),
        json!({"volumeAttachment": {}}),
    )
    .await
    .assert_fault(400, "badRequest");
    sim.get(&format!(
        "/servers/{WEB_02}/os-volume_attachments/{SPARE_B}"
    ))
    .await
    .assert_fault(404, "itemNotFound");
    sim.nova(
        Method::DELETE,
        &format!("/servers/{WEB_01}/os-volume_attachments/{WEB_01_ROOT}"),
        None,
    )
    .await
    .assert_fault(400, "badRequest");

    let reply = sim
        .nova(
            Method::DELETE,
            &format!("/servers/{WEB_01}/os-volume_attachments/{SPARE_B}"),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    let volume = sim.get(&format!("/volumes/{SPARE_B}")).await;
    assert_eq!(volume.json["volume"]["status"], "available");
    sim.nova(
        Method::DELETE,
        &format!("/servers/{WEB_01}/os-volume_attachments/{SPARE_B}"),
        None,
    )
    .await
    .assert_fault(404, "itemNotFound");
    // A SUSPENDED server cannot attach.
    sim.post(
        &format!("/servers/{ARCHIVE_01}/os-volume_attachments"),
        json!({"volumeAttachment": {"volumeId": SPARE_A}}),
    )
    .await
    .assert_fault(409, "conflictingRequest");
}

#[tokio::test]
async fn images_page_with_next_and_carry_nhn_properties() {
    let sim = Sim::start().await;
    let reply = sim
        .raw(Method::GET, "/v2/images", None, Some(&sim.token))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let images: Vec<Image> = serde_json::from_value(reply.json["images"].clone()).unwrap();
    assert_eq!(images.len(), 6);
    let windows = images.iter().find(|i| i.id == WINDOWS_2022).unwrap();
    assert!(
        windows.is_windows()
            && windows.min_disk == Some(50)
            && windows.login_username.as_deref() == Some("Administrator")
    );
    assert!(images
        .iter()
        .any(|i| i.visibility.as_deref() == Some("private")));
    assert!(reply.json.get("next").is_none());

    let page = sim
        .raw(Method::GET, "/v2/images?limit=4", None, Some(&sim.token))
        .await;
    assert_eq!(page.json["images"].as_array().unwrap().len(), 4);
    let next = page.json["next"].as_str().expect("next link").to_string();
    let rest = sim.raw(Method::GET, &next, None, Some(&sim.token)).await;
    assert_eq!(rest.json["images"].as_array().unwrap().len(), 2);
    assert!(rest.json.get("next").is_none());

    let linux = sim
        .raw(
            Method::GET,
            "/v2/images?os_type=linux&visibility=public",
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(linux.json["images"].as_array().unwrap().len(), 3);
    let one = sim
        .raw(
            Method::GET,
            &format!("/v2/images/{CENTOS_7}"),
            None,
            Some(&sim.token),
        )
        .await;
    let image: Image = one.decode();
    assert_eq!(image.os_distro.as_deref(), Some("CentOS"));
    let missing = sim
        .raw(Method::GET, "/v2/images/nope", None, Some(&sim.token))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn networks_subnets_and_security_groups() {
    let sim = Sim::start().await;
    let networks = sim
        .raw(Method::GET, "/v2.0/networks", None, Some(&sim.token))
        .await;
    let list = networks.json["networks"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    let public = list.iter().find(|n| n["name"] == "public_network").unwrap();
    assert_eq!(public["router:external"], true);
    assert_eq!(public["shared"], true);
    let internal = sim
        .raw(
            Method::GET,
            "/v2.0/networks?router:external=false",
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(internal.json["networks"].as_array().unwrap().len(), 3);
    let subnets = sim
        .raw(
            Method::GET,
            &format!("/v2.0/subnets?network_id={DEFAULT_NETWORK}"),
            None,
            Some(&sim.token),
        )
        .await;
    assert_eq!(subnets.json["subnets"][0]["id"], DEFAULT_SUBNET);
    assert_eq!(subnets.json["subnets"][0]["cidr"], "192.168.0.0/24");
    let groups = sim
        .raw(Method::GET, "/v2.0/security-groups", None, Some(&sim.token))
        .await;
    let names: Vec<_> = groups.json["security_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["default", "web", "ssh", "rdp", "db"]);
    assert!(
        groups.json["security_groups"][1]["security_group_rules"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    let missing = sim
        .raw(Method::GET, "/v2.0/networks/nope", None, Some(&sim.token))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json["NeutronError"]["type"], "NetworkNotFound");
}

#[tokio::test]
async fn volumes_in_cinder_shape() {
    let sim = Sim::start().await;
    let list = sim.get("/volumes").await;
    assert_eq!(list.json["volumes"].as_array().unwrap().len(), 10);
    assert!(list.json["volumes"][0]["links"].is_array());
    let detail = sim.get("/volumes/detail").await;
    let volumes = detail.json["volumes"].as_array().unwrap();
    let spare = volumes.iter().find(|v| v["id"] == SPARE_A).unwrap();
    assert_eq!(spare["status"], "available");
    assert_eq!(spare["bootable"], "false");
    assert_eq!(spare["availability_zone"], "kr-pub-a");
    let root = volumes.iter().find(|v| v["id"] == WEB_01_ROOT).unwrap();
    assert_eq!(root["status"], "in-use");
    assert_eq!(root["bootable"], "true");
    assert_eq!(root["attachments"][0]["server_id"], WEB_01);
    let available = sim.get("/volumes/detail?status=available").await;
    assert_eq!(available.json["volumes"].as_array().unwrap().len(), 3);
    sim.get("/volumes/nope")
        .await
        .assert_fault(404, "itemNotFound");
}
