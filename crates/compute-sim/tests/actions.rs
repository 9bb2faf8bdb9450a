//! Server actions: the state machine, 409s for wrong states, createImage, security groups.

mod common;

use common::*;
use compute_api::action::{
    CreateImage, Reboot, RebootType, Resize, SecurityGroupName, ServerAction,
};
use compute_sim::seed::ids::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn body(action: ServerAction) -> Value {
    serde_json::to_value(action).unwrap()
}

#[tokio::test]
async fn stop_then_start() {
    let sim = Sim::start().await;
    let reply = sim.action(WEB_01, body(ServerAction::Stop(()))).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    assert!(reply.text.is_empty());
    let stopping = sim.server(WEB_01).await;
    assert_eq!(stopping["OS-EXT-STS:task_state"], "powering-off");
    let stopped = sim.wait_for(WEB_01, "SHUTOFF").await;
    assert_eq!(stopped["OS-EXT-STS:power_state"], 4);
    assert_eq!(stopped["OS-EXT-STS:vm_state"], "stopped");
    assert!(stopped["OS-EXT-STS:task_state"].is_null());
    assert_ne!(stopped["updated"], "2025-03-10T01:00:38Z");

    sim.action(WEB_01, body(ServerAction::Start(()))).await;
    assert_eq!(
        sim.server(WEB_01).await["OS-EXT-STS:task_state"],
        "powering-on"
    );
    let started = sim.wait_for(WEB_01, "ACTIVE").await;
    assert_eq!(started["OS-EXT-STS:power_state"], 1);
}

#[tokio::test]
async fn soft_and_hard_reboots() {
    let sim = Sim::start().await;
    sim.action(
        WEB_01,
        body(ServerAction::Reboot(Reboot {
            kind: RebootType::Soft,
        })),
    )
    .await;
    let rebooting = sim.server(WEB_01).await;
    assert_eq!(rebooting["status"], "REBOOT");
    assert_eq!(rebooting["OS-EXT-STS:task_state"], "rebooting");
    sim.wait_for(WEB_01, "ACTIVE").await;

    let reply = sim
        .action(
            DB_MASTER,
            body(ServerAction::Reboot(Reboot {
                kind: RebootType::Hard,
            })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let rebooting = sim.server(DB_MASTER).await;
    assert_eq!(rebooting["status"], "HARD_REBOOT");
    assert_eq!(rebooting["OS-EXT-STS:task_state"], "rebooting_hard");
    sim.wait_for(DB_MASTER, "ACTIVE").await;

    // A hard reboot rescues an ERROR server.
    let reply = sim
        .action(BROKEN_BUILD, json!({"reboot": {"type": "HARD"}}))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let recovered = sim.wait_for(BROKEN_BUILD, "ACTIVE").await;
    assert!(recovered.get("fault").is_none());
}

#[tokio::test]
async fn resize_changes_the_flavor_and_returns_to_the_former_state() {
    let sim = Sim::start().await;
    let reply = sim
        .action(
            WEB_01,
            body(ServerAction::Resize(Resize {
                flavor_ref: M2_C4M8.into(),
                disk_config: None,
            })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let resizing = sim.server(WEB_01).await;
    assert_eq!(resizing["status"], "RESIZE");
    assert_eq!(resizing["OS-EXT-STS:task_state"], "resize_prep");
    let done = sim.wait_for(WEB_01, "ACTIVE").await;
    assert_eq!(done["flavor"]["id"], M2_C4M8);

    // A stopped server stays stopped.
    sim.action(
        DB_MASTER,
        json!({"resize": {"flavorRef": R2_C2M16, "OS-DCF:diskConfig": "MANUAL"}}),
    )
    .await;
    let done = sim.wait_for(DB_MASTER, "SHUTOFF").await;
    assert_eq!(done["flavor"]["id"], R2_C2M16);

    sim.action(WEB_02, json!({"resize": {"flavorRef": "nope"}}))
        .await
        .assert_fault(400, "badRequest");
    sim.action(WEB_02, json!({"resize": {"flavorRef": C2_C2M2}}))
        .await
        .assert_fault(400, "badRequest");
}

#[tokio::test]
async fn wrong_states_are_409_with_novas_message() {
    let sim = Sim::start().await;
    let reply = sim.action(DB_MASTER, json!({"os-stop": null})).await;
    reply.assert_fault(409, "conflictingRequest");
    assert_eq!(
        reply.json["conflictingRequest"]["message"],
        format!("Cannot 'stop' instance {DB_MASTER} while it is in vm_state stopped")
    );
    sim.action(WEB_01, json!({"os-start": null}))
        .await
        .assert_fault(409, "conflictingRequest");
    sim.action(CACHE_PAUSED, json!({"reboot": {"type": "SOFT"}}))
        .await
        .assert_fault(409, "conflictingRequest");
    sim.action(BROKEN_BUILD, json!({"resize": {"flavorRef": M2_C4M8}}))
        .await
        .assert_fault(409, "conflictingRequest");
    // Busy with a task: refused while it runs.
    sim.action(WEB_01, json!({"os-stop": null})).await;
    let reply = sim
        .action(WEB_01, json!({"reboot": {"type": "SOFT"}}))
        .await;
    reply.assert_fault(409, "conflictingRequest");
    let message = reply.json["conflictingRequest"]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("task_state powering-off"), "{message}");
    // Create image is for U2 flavors only.
    sim.action(WEB_02, json!({"createImage": {"name": "x"}}))
        .await
        .assert_fault(409, "conflictingRequest");
}

#[tokio::test]
async fn bad_action_bodies_are_400() {
    let sim = Sim::start().await;
    sim.action(WEB_01, json!({"os-fly": null}))
        .await
        .assert_fault(400, "badRequest");
    sim.action(WEB_01, json!({}))
        .await
        .assert_fault(400, "badRequest");
    sim.action(WEB_01, json!({"reboot": {"type": "GENTLE"}}))
        .await
        .assert_fault(400, "badRequest");
    sim.action(WEB_01, json!({"resize": {}}))
        .await
        .assert_fault(400, "badRequest");
    // The guide: diskConfig is "`Either MANUAL` or `AUTO`".
    let reply = sim
        .action(
            WEB_01,
            json!({"resize": {"flavorRef": M2_C4M8, "OS-DCF:diskConfig": "SOMETIMES"}}),
        )
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("MANUAL or AUTO"), "{}", reply.text);
    // createImage metadata: the same rules as an instance's (compute-api's validate_metadata).
    let reply = sim
        .action(
            BATCH_U2,
            json!({"createImage": {"name": "ok-name", "metadata": {"k": "v".repeat(256)}}}),
        )
        .await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("255"), "{}", reply.text);
    let reply = sim
        .action(
            BATCH_U2,
            json!({"createImage": {"name": "ok-name", "metadata": {" ": "v"}}}),
        )
        .await;
    reply.assert_fault(400, "badRequest");
    let response = sim
        .client
        .post(format!("{}/v2/{TENANT}/servers/{WEB_01}/action", sim.url))
        .header("X-Auth-Token", &sim.token)
        .body("{")
        .send()
        .await
        .unwrap();
    common::reply(response)
        .await
        .assert_fault(400, "badRequest");
}

#[tokio::test]
async fn create_image_answers_a_location_and_the_image_appears() {
    let sim = Sim::start().await;
    let request = ServerAction::CreateImage(CreateImage {
        name: "batch-golden".into(),
        metadata: [("purpose".to_string(), "test".to_string())].into(),
    });
    let reply = sim.action(BATCH_U2, body(request)).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text);
    let location = reply
        .header("location")
        .expect("Location header")
        .to_string();
    let prefix = format!("{}/v2/images/", sim.url);
    assert!(location.starts_with(&prefix), "{location}");
    let image_id = location.trim_start_matches(&prefix).to_string();
    assert_eq!(
        sim.server(BATCH_U2).await["OS-EXT-STS:task_state"],
        "image_snapshot"
    );

    let image = sim
        .raw(Method::GET, &location, None, Some(&sim.token))
        .await;
    assert_eq!(image.status, StatusCode::OK);
    let decoded: compute_api::services::Image = image.decode();
    assert_eq!(decoded.name.as_deref(), Some("batch-golden"));
    assert_eq!(decoded.visibility.as_deref(), Some("private"));
    assert_eq!(image.json["purpose"], "test");
    sim.wait_idle(BATCH_U2).await;
    let list = sim
        .raw(Method::GET, "/v2/images?limit=100", None, Some(&sim.token))
        .await;
    let found = list.json["images"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == image_id.as_str())
        .cloned()
        .unwrap();
    assert_eq!(found["status"], "active");
}

#[tokio::test]
async fn security_groups_are_added_and_removed() {
    let sim = Sim::start().await;
    let add = ServerAction::AddSecurityGroup(SecurityGroupName { name: "ssh".into() });
    assert_eq!(
        sim.action(WEB_02, body(add)).await.status,
        StatusCode::ACCEPTED
    );
    let groups = sim.server(WEB_02).await["security_groups"].clone();
    assert!(
        groups.as_array().unwrap().contains(&json!({"name": "ssh"})),
        "{groups}"
    );
    let remove = ServerAction::RemoveSecurityGroup(SecurityGroupName { name: "web".into() });
    assert_eq!(
        sim.action(WEB_02, body(remove)).await.status,
        StatusCode::ACCEPTED
    );
    let groups = sim.server(WEB_02).await["security_groups"].clone();
    assert_eq!(groups, json!([{"name": "default"}, {"name": "ssh"}]));
    sim.action(
        WEB_02,
        json!({"addSecurityGroup": {"name": "no-such-group"}}),
    )
    .await
    .assert_fault(404, "itemNotFound");
    sim.action(WEB_02, json!({"removeSecurityGroup": {"name": "db"}}))
        .await
        .assert_fault(404, "itemNotFound");
}
