//! Every recorded sample of a kind we model decodes with its type: Nova's api samples, the
//! Keystone v2.0 samples, the fault bodies and NHN's documented examples.
//!
//! The fixtures are vendored in the repository's `fixtures/` (see its SOURCES.md), or wherever
//! `COMPUTE_FIXTURES` points.

use std::collections::BTreeMap;
mod common;

use std::path::{Path, PathBuf};

use common::fixtures_root;

use compute_api::action::{CreateImageResponse, ServerAction};
use compute_api::flavor::{FlavorEnvelope, FlavorList};
use compute_api::identity::{TokenRequest, TokenResponse};
use compute_api::keypair::{CreateKeypairRequest, KeypairEnvelope, KeypairList};
use compute_api::server::{
    CreateServerRequest, CreateServerResponse, MetadataEnvelope, ServerDetailList, ServerEnvelope,
    ServerFault, ServerList, UpdateServerRequest,
};
use compute_api::services::{
    Image, ImageList, NetworkEnvelope, NetworkList, PortList, SecurityGroupEnvelope,
    SecurityGroupList, SnapshotList, SubnetList, VolumeEnvelope, VolumeList, VolumeTypeList,
};
use compute_api::volume_attachment::{
    AttachVolumeRequest, VolumeAttachmentEnvelope, VolumeAttachmentList,
};
use compute_api::zone::AvailabilityZoneList;
use compute_api::{ApiError, ServerStatus};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read fixtures in {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Decodes with `T`, then checks that what we write back decodes to the same value (so
/// the simulator, which serializes these types, speaks the same shape it reads).
fn decode_as<T>(text: &str) -> Result<T, String>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let written = serde_json::to_string(&value).map_err(|e| format!("serialize: {e}"))?;
    let again: T =
        serde_json::from_str(&written).map_err(|e| format!("re-decode of {written}: {e}"))?;
    if again != value {
        return Err(format!(
            "round trip changed the value: {value:?} vs {again:?}"
        ));
    }
    Ok(value)
}

type Decoder = fn(&str) -> Result<(), String>;

macro_rules! kind {
    ($t:ty) => {
        (|text: &str| decode_as::<$t>(text).map(|_| ())) as Decoder
    };
}

/// Server actions are pinned: what we write is exactly the sample.
fn action(text: &str) -> Result<(), String> {
    let action: ServerAction = decode_as(text)?;
    let original: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let written = serde_json::to_value(&action).map_err(|e| e.to_string())?;
    if written != original {
        return Err(format!("writes {written} instead of {original}"));
    }
    Ok(())
}

fn fault(text: &str) -> Result<(), String> {
    match ApiError::from_response(400, Some("application/json"), text, None, None) {
        ApiError::Http(e) if e.fault.is_some() && !e.message.is_empty() => Ok(()),
        other => Err(format!("no fault found: {other:?}")),
    }
}

fn instance_fault(text: &str) -> Result<(), String> {
    #[derive(serde::Deserialize, Serialize, PartialEq, Debug)]
    struct Wrapper {
        fault: ServerFault,
    }
    let w: Wrapper = decode_as(text)?;
    (!w.fault.message.is_empty() && w.fault.code == Some(500))
        .then_some(())
        .ok_or_else(|| format!("unexpected fault {:?}", w.fault))
}

fn server_in_error(text: &str) -> Result<(), String> {
    let s: ServerEnvelope = decode_as(text)?;
    (s.server.status == ServerStatus::Error && s.server.fault.is_some())
        .then_some(())
        .ok_or_else(|| "not an ERROR server with a fault".to_string())
}

/// The kind of a fixture from its path under the fixtures root, or `None` when we do not
/// model it (Nova's rebuild, images proxy, limits …).
fn classify(rel: &str) -> Option<(&'static str, Decoder)> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let dir = rel.split('/').next().unwrap_or("");
    let area = rel.split('/').nth(1).unwrap_or("");
    Some(match (dir, area, name) {
        // ---- Nova
        ("nova", "servers", n)
            if n.starts_with("servers-list") || n == "servers-list-with-changes-before.json" =>
        {
            ("servers list", kind!(ServerList))
        }
        ("nova", "servers", n) if n.starts_with("servers-details") => {
            ("servers detail", kind!(ServerDetailList))
        }
        (
            "nova",
            "servers",
            "server-get-resp.json"
            | "server-get-down-cell-resp.json"
            | "server-update-resp.json"
            | "server-put-resp.json",
        ) => ("server show/update", kind!(ServerEnvelope)),
        ("nova", "servers", n) if n.starts_with("server-create-req") => {
            ("server create request", kind!(CreateServerRequest))
        }
        ("nova", "os-multiple-create", n) if n.ends_with("-req.json") => {
            ("server create request", kind!(CreateServerRequest))
        }
        ("nova", "servers", "server-create-resp.json") => {
            ("server create response", kind!(CreateServerResponse))
        }
        ("nova", "os-multiple-create", n) if n.ends_with("-resp.json") => {
            ("server create response", kind!(CreateServerResponse))
        }
        ("nova", "servers", "server-update-req.json" | "server-put-req.json") => {
            ("server update request", kind!(UpdateServerRequest))
        }
        (
            "nova",
            "servers",
            "server-action-start.json"
            | "server-action-stop.json"
            | "server-action-reboot.json"
            | "server-action-resize.json"
            | "server-action-create-image.json",
        ) => ("server action", action as Decoder),
        (
            "nova",
            "os-security-groups",
            "security-group-add-post-req.json" | "security-group-remove-post-req.json",
        ) => ("server action", action as Decoder),
        ("nova", "servers", "server-action-create-image-resp.json") => {
            ("create image response", kind!(CreateImageResponse))
        }
        ("nova", "flavors", "flavors-list-resp.json" | "flavors-detail-resp.json") => {
            ("flavor list", kind!(FlavorList))
        }
        ("nova", "flavors", "flavor-get-resp.json") => ("flavor show", kind!(FlavorEnvelope)),
        ("nova", "os-keypairs", n) if n.starts_with("keypairs-list") => {
            ("keypair list", kind!(KeypairList))
        }
        (
            "nova",
            "os-keypairs",
            "keypairs-get-resp.json" | "keypairs-post-resp.json" | "keypairs-import-post-resp.json",
        ) => ("keypair show/create response", kind!(KeypairEnvelope)),
        ("nova", "os-keypairs", "keypairs-post-req.json" | "keypairs-import-post-req.json") => {
            ("keypair create request", kind!(CreateKeypairRequest))
        }
        ("nova", "os-availability-zone", _) => ("availability zones", kind!(AvailabilityZoneList)),
        ("nova", "os-volume_attachments", "list-volume-attachments-resp.json") => {
            ("volume attachment list", kind!(VolumeAttachmentList))
        }
        (
            "nova",
            "os-volume_attachments",
            "volume-attachment-detail-resp.json" | "attach-volume-to-server-resp.json",
        ) => (
            "volume attachment show/attach",
            kind!(VolumeAttachmentEnvelope),
        ),
        ("nova", "os-volume_attachments", "attach-volume-to-server-req.json") => {
            ("volume attach request", kind!(AttachVolumeRequest))
        }

        // ---- Keystone v2.0
        (
            "keystone",
            _,
            "authenticate-credentials-request.json"
            | "authenticate-token-request.json"
            | "keystone_v2_sample_request.json",
        ) => ("token request", kind!(TokenRequest)),
        (
            "keystone",
            _,
            "authenticate-response.json"
            | "keystone_v2_sample_response.json"
            | "token-validate-response.json",
        ) => ("token response", kind!(TokenResponse)),

        // ---- fault bodies
        ("nova-faults", _, "nova-api-guide-instance-fault-object.json") => {
            ("instance fault", instance_fault as Decoder)
        }
        ("nova-faults", _, "nova-api-guide-server-in-error-state.json") => {
            ("server in error", server_in_error as Decoder)
        }
        ("nova-faults", _, _) => ("fault body", fault as Decoder),

        // ---- NHN's documented examples (and the OpenStack samples beside them)
        ("nhn", "compute", n) if n.starts_with("servers-detail") => {
            ("nhn servers detail", kind!(ServerDetailList))
        }
        ("nhn", "compute", n) if n.starts_with("server-metadata") => {
            ("nhn server metadata", kind!(MetadataEnvelope))
        }
        ("nhn", "identity", "token-create-request.json") => {
            ("nhn token request", kind!(TokenRequest))
        }
        ("nhn", "identity", "token-create-response.json") => {
            ("nhn token response", kind!(TokenResponse))
        }
        ("nhn", "openstack", "v2-ec2-authenticate-response.json") => {
            ("nhn token response", kind!(TokenResponse))
        }
        ("nhn", _, "images-list-response.json") => ("nhn image list", kind!(ImageList)),
        ("nhn", _, "image-show-response.json" | "image-create-response.json") => {
            ("nhn image", kind!(Image))
        }
        ("nhn", _, "networks-list-response.json") => ("nhn network list", kind!(NetworkList)),
        ("nhn", _, "network-show-response.json") => ("nhn network", kind!(NetworkEnvelope)),
        ("nhn", _, "subnets-list-response.json") => ("nhn subnet list", kind!(SubnetList)),
        ("nhn", _, "ports-list-response.json") => ("nhn port list", kind!(PortList)),
        ("nhn", _, "security-groups-list-response.json") => {
            ("nhn security group list", kind!(SecurityGroupList))
        }
        ("nhn", _, "security-group-show-response.json") => {
            ("nhn security group", kind!(SecurityGroupEnvelope))
        }
        ("nhn", _, n) if n.contains("volumes-list") => ("nhn volume list", kind!(VolumeList)),
        ("nhn", _, n) if n.ends_with("volume-show-response.json") => {
            ("nhn volume", kind!(VolumeEnvelope))
        }
        ("nhn", _, n) if n.ends_with("volume-types-list-response.json") => {
            ("nhn volume types", kind!(VolumeTypeList))
        }
        _ => return None,
    })
}

#[test]
fn every_fixture_of_a_modelled_kind_decodes() {
    let root = fixtures_root();
    assert!(
        root.is_dir(),
        "fixtures not found at {} (set COMPUTE_FIXTURES)",
        root.display()
    );
    let mut decoded: BTreeMap<&str, usize> = BTreeMap::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for top in ["nova", "keystone", "nova-faults", "nhn"] {
        for path in json_files(&root.join(top)) {
            let rel = path
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            let Some((kind, decode)) = classify(&rel) else {
                let area = rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
                *skipped.entry(area).or_default() += 1;
                continue;
            };
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            match decode(&text) {
                Ok(()) => *decoded.entry(kind).or_default() += 1,
                Err(e) => failures.push(format!("{rel} as {kind}: {e}")),
            }
        }
    }
    println!("decoded per kind:");
    for (kind, n) in &decoded {
        println!("  {n:4}  {kind}");
    }
    println!("not modelled (per directory):");
    for (dir, n) in &skipped {
        println!("  {n:4}  {dir}");
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed to decode:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for kind in [
        "servers list",
        "servers detail",
        "server show/update",
        "server create request",
        "server create response",
        "server update request",
        "server action",
        "flavor list",
        "flavor show",
        "keypair list",
        "keypair show/create response",
        "keypair create request",
        "availability zones",
        "volume attachment list",
        "volume attachment show/attach",
        "volume attach request",
        "token request",
        "token response",
        "fault body",
        "nhn servers detail",
        "nhn token response",
        "nhn image list",
        "nhn network list",
        "nhn subnet list",
        "nhn security group list",
        "nhn volume list",
        "nhn volume",
    ] {
        assert!(
            decoded.get(kind).copied().unwrap_or(0) > 0,
            "no fixture decoded as {kind}"
        );
    }
    // start, stop, reboot, resize, createImage (twice: base and 2.45), add/remove group.
    assert_eq!(decoded["server action"], 8);
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixtures_root().join(rel)).expect("fixture")
}

#[test]
fn nhn_examples_carry_what_the_pickers_need() {
    let images: ImageList =
        serde_json::from_str(&read("nhn/image/images-list-response.json")).expect("image list");
    assert_eq!(
        images.next_marker().as_deref(),
        Some("057f9a69-4e4c-4025-8a69-fa248cd9db94")
    );
    let centos = &images.images[0];
    assert!(!centos.is_windows());
    assert_eq!(centos.min_disk, Some(20));
    assert_eq!(centos.login_username.as_deref(), Some("centos"));

    let networks: NetworkList =
        serde_json::from_str(&read("nhn/network/networks-list-response.json")).expect("networks");
    let external: Vec<&str> = networks
        .networks
        .iter()
        .filter(|n| n.is_external())
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(external, ["public_network"]);

    let volumes: VolumeList =
        serde_json::from_str(&read("nhn/volume/volumes-list-detailed-response.json"))
            .expect("volumes");
    let v = &volumes.volumes[0];
    assert_eq!(v.bootable, Some(false));
    assert_eq!(v.availability_zone.as_deref(), Some("kr-pub-a"));
    assert_eq!(v.size, Some(50));
    assert_eq!(v.volume_type.as_deref(), Some("General HDD"));
    assert!(v.is_available());
    // Written back as Cinder writes it.
    let written = serde_json::to_value(v).unwrap();
    assert_eq!(written["bootable"], "false");

    let cinder: VolumeList = serde_json::from_str(&read(
        "nhn/openstack/cinder/v2-volumes-list-detailed-response.json",
    ))
    .expect("cinder volumes");
    assert!(cinder.volumes[1].is_bootable());
    // The image a volume was made from, as Cinder copies it (values are strings).
    let made_from = cinder
        .volumes
        .iter()
        .find_map(|v| v.source_image())
        .expect("a volume made from an image");
    assert_eq!(made_from.name.as_deref(), Some("cirros-0.3.4-x86_64-uec"));
    assert_eq!(made_from.min_disk, Some(0));

    let snapshots: SnapshotList =
        serde_json::from_str(&read("nhn/volume/snapshots-list-detailed-response.json"))
            .expect("snapshots");
    let snapshot = &snapshots.snapshots[0];
    assert_eq!(snapshot.display_name(), "SNAPSHOT");
    assert_eq!(snapshot.size, Some(50));
    assert_eq!(
        snapshot.volume_id.as_deref(),
        Some("17975e9d-1533-40db-bd02-2072cd2ccb7f")
    );
    assert!(snapshot.is_available());
    assert_eq!(
        cinder.volumes[0].attachments[0].device.as_deref(),
        Some("/dev/vdb")
    );

    let listed: VolumeList =
        serde_json::from_str(&read("nhn/volume/volumes-list-response.json")).expect("volumes");
    assert_eq!(listed.volumes[0].name, None);
    assert_eq!(
        listed.volumes[0].display_name(),
        "90712f4f-2faa-4e4f-8eb1-9313a8595570"
    );

    let token: TokenResponse =
        serde_json::from_str(&read("nhn/identity/token-create-response.json")).expect("token");
    assert!(token.access.endpoint("compute", "KR1").is_some());
    assert!(token.access.compute_regions().contains(&"KR1".to_string()));

    let servers: ServerDetailList = serde_json::from_str(&read(
        "nhn/compute/servers-detail-list-response.windows-metadata.json",
    ))
    .expect("servers");
    assert!(servers.servers[0].is_windows());
}

#[test]
fn fault_fixtures_give_the_documented_message() {
    let e = ApiError::from_response(
        429,
        Some("application/json"),
        &read("nova-faults/nova-test_faults-overLimit-429.json"),
        None,
        None,
    );
    assert_eq!(e.fault(), Some("overLimit"));
    assert_eq!(e.message(), "sorry");
    assert_eq!(e.retry_after(), Some(4));
    let e = ApiError::from_response(
        409,
        Some("application/json"),
        &read("nova-faults/terraform-provider-openstack-conflictingRequest-409-networks.json"),
        Some("req-7".into()),
        None,
    );
    assert_eq!(
        e.to_string(),
        "Multiple possible networks found, use a Network ID to be more specific. \
         (HTTP 409; request ID req-7)"
    );
}
