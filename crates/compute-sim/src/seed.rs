//! Deterministic seed data: the same ids on every start, so tests and the demo are stable.
//! Several ids are taken from NHN's and the seed document's own examples (the create
//! example's image, flavor, subnet and key pair exist here), so their requests work as written.

use std::collections::{BTreeMap, VecDeque};

use compute_api::flavor::Flavor;
use compute_api::server::{Address, ServerFault};
use compute_api::services::Image;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::store::{
    Attachment, ImageRec, KeypairRec, NetworkRec, PortRec, SecurityGroupRec, ServerRec,
    SnapshotRec, Store, SubnetRec, VolumeRec,
};

/// Ids tests and the demo can rely on.
pub mod ids {
    // Flavors.
    pub const T2_C1M1: &str = "f1a00000-0000-4000-8000-000000000001";
    pub const M2_C1M2: &str = "f1a00000-0000-4000-8000-000000000011";
    /// The seed document's create example uses this flavor.
    pub const M2_C2M4: &str = "a4b6a0f7-aeff-4d78-a8d5-7de9f007012d";
    /// The seed document's resize example uses this flavor.
    pub const M2_C4M8: &str = "b5f1c148-732c-417d-9d1b-1dffca105dbe";
    pub const M2_C8M16: &str = "f1a00000-0000-4000-8000-000000000014";
    pub const C2_C2M2: &str = "f1a00000-0000-4000-8000-000000000021";
    pub const C2_C4M4: &str = "f1a00000-0000-4000-8000-000000000022";
    pub const R2_C2M16: &str = "f1a00000-0000-4000-8000-000000000031";
    pub const R2_C4M32: &str = "f1a00000-0000-4000-8000-000000000032";
    pub const X1_C32M128: &str = "0f19a344-bc66-4228-8cb1-fb9ca82c54f5";
    pub const X1_C32M256: &str = "013bea75-8541-4c6f-9abe-a03fee3d74fe";
    pub const U2_C1M2: &str = "f1a00000-0000-4000-8000-000000000051";
    pub const U2_C2M4: &str = "35a73b57-58a7-434d-aa08-5249aaa95b3e";
    pub const U2_C4M8: &str = "f1a00000-0000-4000-8000-000000000053";

    // Images.
    pub const CENTOS_7: &str = "1c868787-6207-4ff2-a1e7-ae1331d6829b";
    /// The seed document's create example uses this image.
    pub const UBUNTU_2204: &str = "9956f822-29c9-4f81-9410-0c392d9c8c24";
    pub const ROCKY_8: &str = "5e7c1d2a-3b4f-4a6e-9c8d-7f1e2a3b4c5d";
    pub const WINDOWS_2019: &str = "8b9f8d47-b89b-45af-b1d6-3f7ce7e06a11";
    pub const WINDOWS_2022: &str = "b7d3c8e1-4f2a-4c9b-8e6d-2a1f3c5b7d9e";
    pub const PRIVATE_SNAPSHOT: &str = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";

    // Networks (KR1).
    pub const DEFAULT_NETWORK: &str = "245ff686-4ca2-4176-a069-81013537ac3a";
    pub const DEFAULT_SUBNET: &str = "b83863ff-0355-4c73-8c10-0bdf66a69aab";
    pub const APP_NETWORK: &str = "7c2e9a41-5b3d-4f6e-8a1c-9d0e2f4b6a81";
    pub const APP_SUBNET: &str = "7c2e9a41-5b3d-4f6e-8a1c-9d0e2f4b6a82";
    pub const DB_NETWORK: &str = "7c2e9a41-5b3d-4f6e-8a1c-9d0e2f4b6a91";
    pub const DB_SUBNET: &str = "7c2e9a41-5b3d-4f6e-8a1c-9d0e2f4b6a92";
    /// A free port on app-net, for a NIC by port.
    pub const FREE_PORT: &str = "90a7c0de-0000-4000-8000-000000000001";
    pub const PUBLIC_NETWORK: &str = "b04b1c31-f2e9-4ae0-a264-02b7d61ad618";

    // Servers (KR1).
    /// Windows 2019, ACTIVE, boots from volume [`WEB_SERVER_ROOT`].
    pub const WEB_SERVER: &str = "aaf2778b-ea03-4ccc-8b1b-92f4b686c3ec";
    /// Ubuntu, SHUTOFF.
    pub const DB_MASTER: &str = "3a005d5b-63cf-4493-bfc6-49db990b5b50";
    /// Ubuntu, ACTIVE, two NICs and a floating IP, a data volume.
    pub const WEB_01: &str = "5e1f0000-0000-4000-8000-000000000001";
    /// Rocky, ACTIVE.
    pub const WEB_02: &str = "5e1f0000-0000-4000-8000-000000000002";
    /// CentOS on U2, ACTIVE (can create images).
    pub const BATCH_U2: &str = "5e1f0000-0000-4000-8000-000000000003";
    /// ERROR with a fault.
    pub const BROKEN_BUILD: &str = "5e1f0000-0000-4000-8000-000000000004";
    /// U2, PAUSED.
    pub const CACHE_PAUSED: &str = "5e1f0000-0000-4000-8000-000000000005";
    /// SUSPENDED.
    pub const ARCHIVE_01: &str = "5e1f0000-0000-4000-8000-000000000006";

    // Volumes (KR1).
    pub const WEB_SERVER_ROOT: &str = "90712f4f-2faa-4e4f-8eb1-9313a8595570";
    pub const DB_MASTER_ROOT: &str = "d0100000-0000-4000-8000-000000000002";
    pub const WEB_01_ROOT: &str = "d0100000-0000-4000-8000-000000000003";
    /// Attached to web-01 as `/dev/vdb`.
    pub const WEB_01_DATA: &str = "227cc671-f30b-4488-96fd-7d0bf13648d8";
    pub const WEB_02_ROOT: &str = "d0100000-0000-4000-8000-000000000004";
    pub const BROKEN_BUILD_ROOT: &str = "d0100000-0000-4000-8000-000000000005";
    pub const ARCHIVE_01_ROOT: &str = "d0100000-0000-4000-8000-000000000006";
    /// Available in kr-pub-a (the attach example's volume).
    pub const SPARE_A: &str = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113";
    /// Available in kr-pub-a.
    pub const SPARE_B: &str = "17975e9d-1533-40db-bd02-2072cd2ccb7f";
    /// Available in kr-pub-b, SSD.
    pub const SPARE_SSD: &str = "d0100000-0000-4000-8000-000000000009";

    // Snapshots (KR1).
    /// NHN's block storage example: of [`SPARE_B`] (not bootable, kr-pub-a).
    pub const SPARE_B_SNAPSHOT: &str = "f63af601-43cd-41ab-8905-e1e93995f366";
    /// Of [`DB_MASTER_ROOT`]: bootable Ubuntu, kr-pub-a.
    pub const DB_MASTER_ROOT_SNAPSHOT: &str = "5a700000-0000-4000-8000-000000000001";

    // Key pairs.
    /// The seed document's create example uses this key pair.
    pub const ACCESS_KEY: &str = "access-key";
    pub const DEMO_KEY: &str = "demo-key";

    // KR2.
    pub const KR2_WEB: &str = "5e2f0000-0000-4000-8000-000000000001";
    pub const KR2_BATCH: &str = "5e2f0000-0000-4000-8000-000000000002";
}

use ids::*;

/// `(id, name, size GB, zone, volume type, bootable, source image)`.
type VolumeSeed = (
    &'static str,
    &'static str,
    u64,
    &'static str,
    &'static str,
    bool,
    Option<&'static str>,
);
/// `(name, description, rules)`.
type GroupSeed = (&'static str, &'static str, Vec<Rule>);
/// `(direction, protocol, port)`.
type Rule = (&'static str, Option<&'static str>, Option<u16>);
/// `(id, name, os_type, os_distro, os_version, login, min_disk, min_ram, visibility, created)`.
type ImageSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u64,
    u64,
    &'static str,
    OffsetDateTime,
);

/// The id of the n-th generated scale instance (1-based).
pub fn scale_id(n: usize) -> String {
    format!("5ca1e000-0000-4000-8000-{n:012}")
}

/// Fills KR1: the full seed plus `extra` generated instances.
pub fn kr1(store: &mut Store, tenant_id: &str, user_id: &str, extra: usize) {
    common(store, tenant_id, ["kr-pub-a", "kr-pub-b"]);
    let net =
        |store: &mut Store, tenant: &str, id: &str, subnet: &str, name: &str, prefix: &str| {
            network(store, tenant, id, subnet, name, prefix)
        };
    net(
        store,
        tenant_id,
        DEFAULT_NETWORK,
        DEFAULT_SUBNET,
        "Default Network",
        "192.168.0",
    );
    net(
        store,
        tenant_id,
        APP_NETWORK,
        APP_SUBNET,
        "app-net",
        "10.0.1",
    );
    net(store, tenant_id, DB_NETWORK, DB_SUBNET, "db-net", "10.0.2");
    store.ports.push(PortRec {
        id: FREE_PORT.into(),
        name: "app-vip".into(),
        network_id: APP_NETWORK.into(),
        subnet_id: APP_SUBNET.into(),
        ip: "10.0.1.50".into(),
        mac: "fa:16:3e:00:0a:50".into(),
        device_id: None,
        tenant_id: tenant_id.into(),
    });
    public_network(store, PUBLIC_NETWORK);
    security_groups(store, tenant_id, "877b092c-2a31-4509-8d23-deeb02d9");
    keypair(store, ACCESS_KEY, 1, datetime!(2024-11-02 08:30:00 UTC));
    keypair(store, DEMO_KEY, 2, datetime!(2025-01-15 02:10:00 UTC));

    let volumes: [VolumeSeed; 10] = [
        (
            WEB_SERVER_ROOT,
            "Web-Server-root",
            50,
            "kr-pub-b",
            "General SSD",
            true,
            Some(WINDOWS_2019),
        ),
        (
            DB_MASTER_ROOT,
            "DB-Master-root",
            100,
            "kr-pub-a",
            "General SSD",
            true,
            Some(UBUNTU_2204),
        ),
        (
            WEB_01_ROOT,
            "web-01-root",
            20,
            "kr-pub-a",
            "General HDD",
            true,
            Some(UBUNTU_2204),
        ),
        (
            WEB_01_DATA,
            "web-01-data",
            100,
            "kr-pub-a",
            "General HDD",
            false,
            None,
        ),
        (
            WEB_02_ROOT,
            "web-02-root",
            20,
            "kr-pub-b",
            "General HDD",
            true,
            Some(ROCKY_8),
        ),
        (
            BROKEN_BUILD_ROOT,
            "broken-build-root",
            20,
            "kr-pub-a",
            "General HDD",
            true,
            Some(UBUNTU_2204),
        ),
        (
            ARCHIVE_01_ROOT,
            "archive-01-root",
            20,
            "kr-pub-b",
            "General HDD",
            true,
            Some(ROCKY_8),
        ),
        (
            SPARE_A,
            "spare-a",
            50,
            "kr-pub-a",
            "General HDD",
            false,
            None,
        ),
        (
            SPARE_B,
            "volume-f4f47065-300e-480e-8c9c-fb7ec985bffb",
            50,
            "kr-pub-a",
            "General HDD",
            false,
            None,
        ),
        (
            SPARE_SSD,
            "spare-ssd",
            200,
            "kr-pub-b",
            "General SSD",
            false,
            None,
        ),
    ];
    for (i, (id, name, size, az, kind, bootable, image)) in volumes.into_iter().enumerate() {
        store.volumes.push(VolumeRec {
            id: id.into(),
            name: Some(name.into()),
            size,
            availability_zone: az.into(),
            volume_type: kind.into(),
            bootable,
            created: datetime!(2024-12-01 00:00:00 UTC) + Duration::hours(i as i64),
            image_id: image.map(Into::into),
            attached: None,
        });
    }

    for (id, name, volume_id, size, created) in [
        (
            SPARE_B_SNAPSHOT,
            "SNAPSHOT",
            SPARE_B,
            50,
            datetime!(2025-03-03 11:03:40 UTC),
        ),
        (
            DB_MASTER_ROOT_SNAPSHOT,
            "db-master-root-2025-03",
            DB_MASTER_ROOT,
            100,
            datetime!(2025-03-10 02:00:00 UTC),
        ),
    ] {
        store.snapshots.push(SnapshotRec {
            id: id.into(),
            name: name.into(),
            volume_id: volume_id.into(),
            size,
            created,
        });
    }

    let base = Base { tenant_id, user_id };
    let mut web_server = base.server(
        WEB_SERVER,
        "Web-Server",
        WINDOWS_2019,
        M2_C4M8,
        "kr-pub-b",
        datetime!(2025-02-25 01:15:46 UTC),
    );
    web_server.image_id = None;
    web_server.key_name = Some(ACCESS_KEY.into());
    web_server.security_groups = vec!["default".into(), "rdp".into()];
    web_server.metadata = [
        ("os_distro", "Windows"),
        ("description", "Windows 2019 STD (2025.01.21)"),
        ("os_version", "2019 STD"),
        ("project_domain", "NORMAL"),
        ("hypervisor_type", "qemu"),
        ("monitoring_agent", "sysmon"),
        ("image_name", "Windows 2019 STD (2025.01.21) EN"),
        ("volume_size", "50"),
        ("os_architecture", "amd64"),
        ("login_username", "Administrator"),
        ("os_type", "Windows"),
        ("tc_env", "sysmon"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    attach(store, &mut web_server, WEB_SERVER_ROOT, "/dev/vda", true);
    nic(
        store,
        &mut web_server,
        DEFAULT_SUBNET,
        Some("192.168.0.40"),
        None,
    );
    store.insert_server(web_server);

    let mut db = base.server(
        DB_MASTER,
        "DB-Master",
        UBUNTU_2204,
        M2_C2M4,
        "kr-pub-a",
        datetime!(2025-03-02 04:20:00 UTC),
    );
    db.vm_state = "stopped";
    db.power_state = 4;
    db.updated = datetime!(2025-04-01 09:00:00 UTC);
    db.key_name = Some(ACCESS_KEY.into());
    db.security_groups = vec!["default".into(), "db".into()];
    db.metadata.insert("role".into(), "database".into());
    attach(store, &mut db, DB_MASTER_ROOT, "/dev/vda", true);
    nic(store, &mut db, DEFAULT_SUBNET, Some("192.168.0.20"), None);
    nic(store, &mut db, DB_SUBNET, Some("10.0.2.10"), None);
    store.insert_server(db);

    let mut web1 = base.server(
        WEB_01,
        "web-01",
        UBUNTU_2204,
        M2_C2M4,
        "kr-pub-a",
        datetime!(2025-03-10 01:00:00 UTC),
    );
    web1.key_name = Some(DEMO_KEY.into());
    web1.security_groups = vec!["default".into(), "web".into(), "ssh".into()];
    web1.metadata = [("role", "web"), ("team", "platform")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    attach(store, &mut web1, WEB_01_ROOT, "/dev/vda", true);
    attach(store, &mut web1, WEB_01_DATA, "/dev/vdb", false);
    nic(
        store,
        &mut web1,
        DEFAULT_SUBNET,
        Some("192.168.0.11"),
        Some("133.186.211.45"),
    );
    nic(store, &mut web1, APP_SUBNET, Some("10.0.1.11"), None);
    store.insert_server(web1);

    let mut web2 = base.server(
        WEB_02,
        "web-02",
        ROCKY_8,
        C2_C2M2,
        "kr-pub-b",
        datetime!(2025-03-10 01:05:00 UTC),
    );
    web2.key_name = Some(DEMO_KEY.into());
    web2.security_groups = vec!["default".into(), "web".into()];
    attach(store, &mut web2, WEB_02_ROOT, "/dev/vda", true);
    nic(store, &mut web2, DEFAULT_SUBNET, Some("192.168.0.12"), None);
    store.insert_server(web2);

    let mut batch = base.server(
        BATCH_U2,
        "batch-u2",
        CENTOS_7,
        U2_C2M4,
        "kr-pub-a",
        datetime!(2025-03-20 06:00:00 UTC),
    );
    batch.key_name = Some(ACCESS_KEY.into());
    nic(store, &mut batch, APP_SUBNET, Some("10.0.1.30"), None);
    store.insert_server(batch);

    let mut broken = base.server(
        BROKEN_BUILD,
        "broken-build",
        UBUNTU_2204,
        M2_C2M4,
        "kr-pub-a",
        datetime!(2025-04-02 11:00:00 UTC),
    );
    broken.vm_state = "error";
    broken.power_state = 0;
    broken.launched_at = None;
    broken.key_name = Some(DEMO_KEY.into());
    broken.fault = Some(ServerFault {
        code: Some(500),
        message: "No valid host was found. There are not enough hosts available.".into(),
        details: Some("Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/nova/conductor/manager.py\", line 1580, in schedule_and_build_instances\n    host_lists = self._schedule_instances(context, request_specs[0],\nnova.exception.NoValidHost: No valid host was found. There are not enough hosts available.\n".into()),
        created: Some("2025-04-02T11:00:05Z".into()),
    });
    attach(store, &mut broken, BROKEN_BUILD_ROOT, "/dev/vda", true);
    store.insert_server(broken);

    let mut paused = base.server(
        CACHE_PAUSED,
        "cache-paused",
        CENTOS_7,
        U2_C1M2,
        "kr-pub-b",
        datetime!(2025-04-05 03:00:00 UTC),
    );
    paused.vm_state = "paused";
    paused.power_state = 3;
    paused.key_name = Some(DEMO_KEY.into());
    nic(store, &mut paused, APP_SUBNET, Some("10.0.1.40"), None);
    store.insert_server(paused);

    let mut archive = base.server(
        ARCHIVE_01,
        "archive-01",
        ROCKY_8,
        T2_C1M1,
        "kr-pub-b",
        datetime!(2025-01-20 07:00:00 UTC),
    );
    archive.vm_state = "suspended";
    archive.power_state = 7;
    archive.key_name = Some(ACCESS_KEY.into());
    attach(store, &mut archive, ARCHIVE_01_ROOT, "/dev/vda", true);
    nic(
        store,
        &mut archive,
        DEFAULT_SUBNET,
        Some("192.168.0.50"),
        None,
    );
    store.insert_server(archive);

    // The generated instances of scale tests stay as they were (the benchmark's input).
    copy_image_properties(store);
    scale(store, &base, extra);
}

/// As NHN does at creation: every seeded instance booted from an image carries the image's
/// properties in its metadata (what the instance set keeps wins).
fn copy_image_properties(store: &mut Store) {
    let images: Vec<(String, Vec<(String, String)>)> = store
        .servers
        .values()
        .filter_map(|s| s.image_id.clone())
        .filter_map(|id| {
            let image = store.image(&id)?;
            Some((id, crate::store::image_properties(&image.image)))
        })
        .collect();
    for server in store.servers.values_mut() {
        let Some(id) = &server.image_id else { continue };
        if let Some((_, properties)) = images.iter().find(|(image, _)| image == id) {
            for (key, value) in properties {
                server
                    .metadata
                    .entry(key.clone())
                    .or_insert_with(|| value.clone());
            }
        }
    }
}

/// Fills KR2: a smaller region with its own networks, volumes and key pair.
pub fn kr2(store: &mut Store, tenant_id: &str, user_id: &str) {
    common(store, tenant_id, ["kr2-pub-a", "kr2-pub-b"]);
    let default_subnet = "2b000000-0000-4000-8000-000000000002";
    network(
        store,
        tenant_id,
        "2b000000-0000-4000-8000-000000000001",
        default_subnet,
        "Default Network",
        "192.168.10",
    );
    public_network(store, "2b000000-0000-4000-8000-0000000000ff");
    security_groups(store, tenant_id, "2b5e0000-0000-4000-8000-0000000000");
    keypair(store, "kr2-key", 3, datetime!(2025-02-01 00:00:00 UTC));
    store.volumes.push(VolumeRec {
        id: "2bd00000-0000-4000-8000-000000000001".into(),
        name: Some("kr2-data".into()),
        size: 100,
        availability_zone: "kr2-pub-a".into(),
        volume_type: "General HDD".into(),
        bootable: false,
        created: datetime!(2025-02-01 00:00:00 UTC),
        image_id: None,
        attached: None,
    });
    let base = Base { tenant_id, user_id };
    let mut web = base.server(
        KR2_WEB,
        "kr2-web-01",
        CENTOS_7,
        U2_C2M4,
        "kr2-pub-a",
        datetime!(2025-02-02 00:00:00 UTC),
    );
    web.key_name = Some("kr2-key".into());
    nic(store, &mut web, default_subnet, None, None);
    store.insert_server(web);
    let mut batch = base.server(
        KR2_BATCH,
        "kr2-batch",
        CENTOS_7,
        U2_C1M2,
        "kr2-pub-b",
        datetime!(2025-02-03 00:00:00 UTC),
    );
    batch.vm_state = "stopped";
    batch.power_state = 4;
    batch.key_name = Some("kr2-key".into());
    nic(store, &mut batch, default_subnet, None, None);
    store.insert_server(batch);
    copy_image_properties(store);
}

/// Generated instances for scale tests: `scale-00001` …, mostly ACTIVE, some SHUTOFF, ERROR
/// and PAUSED, across flavors, images and zones.
fn scale(store: &mut Store, base: &Base<'_>, count: usize) {
    if count == 0 {
        return;
    }
    let flavors = [
        M2_C1M2, M2_C2M4, C2_C2M2, R2_C2M16, U2_C1M2, U2_C2M4, T2_C1M1,
    ];
    let images = [UBUNTU_2204, ROCKY_8, CENTOS_7];
    let start = datetime!(2024-06-01 00:00:00 UTC);
    let network_name = "Default Network".to_string();
    for n in 1..=count {
        let i = n - 1;
        let created = start + Duration::minutes(i as i64);
        let az = if i % 2 == 0 { "kr-pub-a" } else { "kr-pub-b" };
        let mut server = base.server(
            &scale_id(n),
            &format!("scale-{n:05}"),
            images[i % images.len()],
            flavors[i % flavors.len()],
            az,
            created,
        );
        match i % 10 {
            6 | 7 => {
                server.vm_state = "stopped";
                server.power_state = 4;
            }
            8 => {
                server.vm_state = "error";
                server.power_state = 0;
                server.fault = Some(ServerFault {
                    code: Some(500),
                    message: "No valid host was found. There are not enough hosts available."
                        .into(),
                    details: None,
                    created: Some(crate::clock::zulu(created + Duration::seconds(5))),
                });
            }
            9 if i % 20 == 9 => {
                server.vm_state = "paused";
                server.power_state = 3;
            }
            _ => {}
        }
        server.key_name = Some(DEMO_KEY.into());
        let mac = format!("fa:16:3e:5c:{:02x}:{:02x}", (n >> 8) & 0xff, n & 0xff);
        let ip = format!("192.168.{}.{}", 100 + i / 250, i % 250 + 2);
        server.addresses.insert(
            network_name.clone(),
            vec![Address {
                addr: ip,
                version: Some(4),
                mac_addr: Some(mac),
                ip_type: Some("fixed".into()),
            }],
        );
        store.insert_server(server);
    }
}

struct Base<'a> {
    tenant_id: &'a str,
    user_id: &'a str,
}

impl Base<'_> {
    /// An ACTIVE server with defaults; callers adjust the rest.
    fn server(
        &self,
        id: &str,
        name: &str,
        image: &str,
        flavor: &str,
        az: &str,
        created: OffsetDateTime,
    ) -> ServerRec {
        ServerRec {
            id: id.into(),
            name: name.into(),
            tenant_id: self.tenant_id.into(),
            user_id: self.user_id.into(),
            image_id: Some(image.into()),
            flavor_id: flavor.into(),
            key_name: None,
            availability_zone: az.into(),
            vm_state: "active",
            task_state: None,
            power_state: 1,
            created,
            updated: created + Duration::seconds(38),
            launched_at: Some(created + Duration::seconds(37)),
            terminated_at: None,
            host_id: host_id(self.tenant_id, az),
            addresses: BTreeMap::new(),
            security_groups: vec!["default".into()],
            attachments: Vec::new(),
            metadata: BTreeMap::new(),
            fault: None,
            reservation_id: format!("r-{}", &id[..8]),
            steps: VecDeque::new(),
        }
    }
}

/// Nova's `hostId`: a hash of tenant and host, stable for servers sharing a host.
pub fn host_id(tenant_id: &str, host: &str) -> String {
    let a = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("{tenant_id}{host}").as_bytes(),
    );
    let b = uuid::Uuid::new_v5(&a, host.as_bytes());
    format!("{}{}", a.simple(), &b.simple().to_string()[..24])
}

fn attach(store: &mut Store, server: &mut ServerRec, volume_id: &str, device: &str, delete: bool) {
    if let Some(volume) = store.volume_mut(volume_id) {
        volume.attached = Some((server.id.clone(), device.into()));
    }
    server.attachments.push(Attachment {
        volume_id: volume_id.into(),
        device: device.into(),
        delete_on_termination: delete,
    });
}

/// Adds a NIC on a subnet (with a fixed address, or the next free one) and maybe a floating IP.
pub fn nic(
    store: &mut Store,
    server: &mut ServerRec,
    subnet_id: &str,
    fixed: Option<&str>,
    floating: Option<&str>,
) {
    let mac = store.mac();
    let Some(subnet) = store.subnets.iter_mut().find(|s| s.id == subnet_id) else {
        return;
    };
    let addr = fixed
        .map(str::to_string)
        .unwrap_or_else(|| subnet.allocate());
    let network_id = subnet.network_id.clone();
    let name = store
        .networks
        .iter()
        .find(|n| n.id == network_id)
        .map(|n| n.name.clone())
        .unwrap_or(network_id);
    let list = server.addresses.entry(name).or_default();
    list.push(Address {
        addr,
        version: Some(4),
        mac_addr: Some(mac.clone()),
        ip_type: Some("fixed".into()),
    });
    if let Some(ip) = floating {
        list.push(Address {
            addr: ip.into(),
            version: Some(4),
            mac_addr: Some(mac),
            ip_type: Some("floating".into()),
        });
    }
}

fn common(store: &mut Store, tenant_id: &str, zones: [&str; 2]) {
    store.zones = zones.iter().map(|z| z.to_string()).collect();
    store.flavors = flavors();
    store.images = images(tenant_id);
}

fn network(store: &mut Store, tenant_id: &str, id: &str, subnet: &str, name: &str, prefix: &str) {
    store.networks.push(NetworkRec {
        id: id.into(),
        name: name.into(),
        subnets: vec![subnet.into()],
        external: false,
        tenant_id: tenant_id.into(),
    });
    store.subnets.push(SubnetRec {
        id: subnet.into(),
        name: if name == "Default Network" {
            "default".into()
        } else {
            format!("{name}-subnet")
        },
        network_id: id.into(),
        cidr: format!("{prefix}.0/24"),
        gateway: format!("{prefix}.1"),
        prefix: prefix.into(),
        next_host: 100,
        tenant_id: tenant_id.into(),
    });
}

/// The shared external network every NHN project sees; not a choice for an instance NIC.
fn public_network(store: &mut Store, id: &str) {
    store.networks.push(NetworkRec {
        id: id.into(),
        name: "public_network".into(),
        subnets: vec![format!("{}-subnet", &id[..8])],
        external: true,
        tenant_id: "e873d250f2ca40b78e2c12cfbaaeb740".into(),
    });
}

fn security_groups(store: &mut Store, tenant_id: &str, id_prefix: &str) {
    let groups: [GroupSeed; 5] = [
        (
            "default",
            "Default security group",
            vec![("ingress", None, None), ("egress", None, None)],
        ),
        (
            "web",
            "HTTP and HTTPS from anywhere",
            vec![
                ("ingress", Some("tcp"), Some(80)),
                ("ingress", Some("tcp"), Some(443)),
                ("egress", None, None),
            ],
        ),
        (
            "ssh",
            "SSH from anywhere",
            vec![("ingress", Some("tcp"), Some(22)), ("egress", None, None)],
        ),
        (
            "rdp",
            "Remote desktop",
            vec![("ingress", Some("tcp"), Some(3389)), ("egress", None, None)],
        ),
        (
            "db",
            "MySQL from the app network",
            vec![("ingress", Some("tcp"), Some(3306)), ("egress", None, None)],
        ),
    ];
    for (i, (name, description, rules)) in groups.into_iter().enumerate() {
        let width = 36 - id_prefix.len();
        store.security_groups.push(SecurityGroupRec {
            id: format!("{id_prefix}{:0width$x}", i + 1),
            name: name.into(),
            description: description.into(),
            rules,
            tenant_id: tenant_id.into(),
        });
    }
}

/// A key pair from a fixed seed, so its public key and fingerprint never change.
fn keypair(store: &mut Store, name: &str, seed: u8, created: OffsetDateTime) {
    let pair = ssh_key::private::Ed25519Keypair::from_seed(&[seed; 32]);
    let public = ssh_key::PublicKey::new(
        ssh_key::public::KeyData::Ed25519(pair.public),
        format!("{name}@compute-sim"),
    );
    let id = store.next_keypair_id;
    store.next_keypair_id += 1;
    store.keypairs.push(KeypairRec {
        id,
        name: name.into(),
        public_key: public.to_openssh().unwrap_or_default(),
        fingerprint: public.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
        created,
    });
}

/// NHN's flavor families: m2 (general), c2 (compute), r2 (memory), t2 (burstable),
/// x1 (large), u2 (local disk). Only U2 flavors have a root disk; the others boot from a volume.
fn flavors() -> Vec<Flavor> {
    let list: [(&str, &str, u32, u64, u64, &str); 14] = [
        (T2_C1M1, "t2.c1m1", 1, 1024, 0, "general"),
        (M2_C1M2, "m2.c1m2", 1, 2048, 0, "general"),
        (M2_C2M4, "m2.c2m4", 2, 4096, 0, "general"),
        (M2_C4M8, "m2.c4m8", 4, 8192, 0, "general"),
        (M2_C8M16, "m2.c8m16", 8, 16384, 0, "general"),
        (C2_C2M2, "c2.c2m2", 2, 2048, 0, "compute"),
        (C2_C4M4, "c2.c4m4", 4, 4096, 0, "compute"),
        (R2_C2M16, "r2.c2m16", 2, 16384, 0, "memory"),
        (R2_C4M32, "r2.c4m32", 4, 32768, 0, "memory"),
        (X1_C32M128, "x1.c32m128", 32, 131072, 0, "large"),
        (X1_C32M256, "x1.c32m256", 32, 262144, 0, "large"),
        (U2_C1M2, "u2.c1m2", 1, 2048, 20, "u2"),
        (U2_C2M4, "u2.c2m4", 2, 4096, 40, "u2"),
        (U2_C4M8, "u2.c4m8", 4, 8192, 80, "u2"),
    ];
    list.into_iter()
        .map(|(id, name, vcpus, ram, disk, kind)| Flavor {
            id: id.into(),
            name: name.into(),
            vcpus: Some(vcpus),
            ram: Some(ram),
            disk: Some(disk),
            ephemeral: Some(0),
            swap: None,
            disabled: Some(false),
            is_public: Some(true),
            rxtx_factor: Some(1.0),
            extra_specs: Some(BTreeMap::from([(
                "flavor_type".to_string(),
                serde_json::Value::String(kind.into()),
            )])),
            links: Vec::new(),
        })
        .collect()
}

fn images(tenant_id: &str) -> Vec<ImageRec> {
    let list: [ImageSeed; 6] = [
        (
            CENTOS_7,
            "CentOS 7.9 (2024.11.19)",
            "linux",
            "CentOS",
            "7.9",
            "centos",
            20,
            0,
            "public",
            datetime!(2024-11-19 02:17:43 UTC),
        ),
        (
            UBUNTU_2204,
            "Ubuntu Server 22.04.5 LTS (2025.01.21)",
            "linux",
            "Ubuntu",
            "22.04",
            "ubuntu",
            20,
            0,
            "public",
            datetime!(2025-01-21 02:00:00 UTC),
        ),
        (
            ROCKY_8,
            "Rocky Linux 8.10 (2025.01.21)",
            "linux",
            "Rocky",
            "8.10",
            "rocky",
            20,
            0,
            "public",
            datetime!(2025-01-21 03:00:00 UTC),
        ),
        (
            WINDOWS_2019,
            "Windows 2019 STD (2025.01.21) EN",
            "windows",
            "Windows",
            "2019 STD",
            "Administrator",
            50,
            2048,
            "public",
            datetime!(2025-01-21 04:00:00 UTC),
        ),
        (
            WINDOWS_2022,
            "Windows 2022 STD (2025.01.21) KO",
            "Windows",
            "Windows",
            "2022 STD",
            "Administrator",
            50,
            2048,
            "public",
            datetime!(2025-01-21 05:00:00 UTC),
        ),
        (
            PRIVATE_SNAPSHOT,
            "web-golden-2025-03",
            "linux",
            "Ubuntu",
            "22.04",
            "ubuntu",
            20,
            0,
            "private",
            datetime!(2025-03-11 00:00:00 UTC),
        ),
    ];
    list.into_iter()
        .map(
            |(
                id,
                name,
                os_type,
                distro,
                version,
                login,
                min_disk,
                min_ram,
                visibility,
                created,
            )| ImageRec {
                image: Image {
                    id: id.into(),
                    name: Some(name.into()),
                    status: Some("active".into()),
                    os_type: Some(os_type.into()),
                    os_distro: Some(distro.into()),
                    os_version: Some(version.into()),
                    login_username: Some(login.into()),
                    min_disk: Some(min_disk),
                    min_ram: Some(min_ram),
                    visibility: Some(visibility.into()),
                },
                created,
                ready_at: created,
                size: if os_type.eq_ignore_ascii_case("windows") {
                    9_663_676_416
                } else {
                    1_778_843_648
                },
                owner: if visibility == "private" {
                    tenant_id.into()
                } else {
                    "c289b99209ca4e189095cdecebbd092d".into()
                },
                properties: BTreeMap::new(),
            },
        )
        .collect()
}
