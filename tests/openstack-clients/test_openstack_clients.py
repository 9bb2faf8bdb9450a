"""Real OpenStack clients against compute-sim, over Keystone v2.0 password auth.

The simulator binary comes from COMPUTE_SIM_BIN (default: target/debug/compute-sim in the
repository); it is started with --listen 127.0.0.1:0 and its first stdout line gives the URL.
"""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TENANT = "6cdebe3eb0094910bc41f1d42ebe4cb7"
USERNAME = "demo@example.com"
PASSWORD = "demo-password"
# Seeded ids (crates/compute-sim/src/seed.rs).
CENTOS_7 = "1c868787-6207-4ff2-a1e7-ae1331d6829b"
U2_C2M4 = "35a73b57-58a7-434d-aa08-5249aaa95b3e"
DEFAULT_NETWORK = "245ff686-4ca2-4176-a069-81013537ac3a"
DEMO_KEY = "demo-key"
WEB_01 = "5e1f0000-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def sim_url():
    binary = os.environ.get("COMPUTE_SIM_BIN", str(REPO / "target" / "debug" / "compute-sim"))
    process = subprocess.Popen(
        [binary, "--listen", "127.0.0.1:0", "--transition-ms", "200", "--test-control"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline().strip()
        match = re.fullmatch(r"compute-sim listening on (http://127\.0\.0\.1:\d+)", first)
        assert match, f"unexpected first line: {first!r}"
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def session(sim_url):
    from keystoneauth1 import session as ks_session
    from keystoneauth1.identity import v2

    auth = v2.Password(
        auth_url=f"{sim_url}/v2.0",
        username=USERNAME,
        password=PASSWORD,
        tenant_id=TENANT,
    )
    return ks_session.Session(auth=auth)


def set_clock(sim_url, stopped):
    """Stops the simulator's clock (a transition then stays at its first step) or lets it run."""
    import requests

    answer = requests.post(f"{sim_url}/_sim/clock", json={"stopped": stopped}, timeout=10)
    assert answer.status_code == 200, answer.text


def rebooted(sim_url, reboot, status, expected):
    """Sends a reboot with the clock stopped, so its transitional status is seen for sure (a
    reboot that did nothing would fail here, not pass by reaching ACTIVE), then lets it end."""
    set_clock(sim_url, stopped=True)
    try:
        reboot()
        assert status() == expected
    finally:
        set_clock(sim_url, stopped=False)
    wait_until(status, "ACTIVE")


def wait_until(read, wanted, timeout=15.0):
    """Polls read() until it returns wanted; returns the last value."""
    deadline = time.monotonic() + timeout
    value = read()
    while value != wanted and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    assert value == wanted, f"expected {wanted}, still {value}"
    return value


# ---- keystoneauth -------------------------------------------------------------------------


def test_keystoneauth_gets_a_token_and_the_catalog(session):
    token = session.get_token()
    assert token
    access = session.auth.get_access(session)
    assert access.project_id == TENANT
    compute = session.get_endpoint(service_type="compute", interface="public", region_name="KR1")
    assert compute.endswith(f"/v2/{TENANT}")
    kr2 = session.get_endpoint(service_type="compute", interface="public", region_name="KR2")
    assert kr2.endswith(f"/kr2/v2/{TENANT}")


# ---- python-novaclient --------------------------------------------------------------------


@pytest.fixture(scope="module")
def nova(session):
    from novaclient import client

    return client.Client("2", session=session, region_name="KR1")


def test_novaclient_lists_servers_and_flavors(nova):
    servers = nova.servers.list()
    names = {s.name for s in servers}
    assert {"web-01", "DB-Master", "broken-build"} <= names
    web = nova.servers.get(WEB_01)
    assert web.status == "ACTIVE"
    assert "Default Network" in web.networks
    flavors = nova.flavors.list()
    assert "u2.c2m4" in {f.name for f in flavors}
    assert nova.flavors.get(U2_C2M4).vcpus == 2
    zones = nova.availability_zones.list(detailed=False)
    assert {z.zoneName for z in zones} == {"kr-pub-a", "kr-pub-b"}
    keypairs = nova.keypairs.list()
    assert DEMO_KEY in {k.name for k in keypairs}


def test_novaclient_server_lifecycle(nova, sim_url):
    server = nova.servers.create(
        name="nova-client-test",
        image=CENTOS_7,
        flavor=U2_C2M4,
        key_name=DEMO_KEY,
        nics=[{"net-id": DEFAULT_NETWORK}],
        availability_zone="kr-pub-a",
    )
    status = lambda: nova.servers.get(server.id).status  # noqa: E731
    wait_until(status, "ACTIVE")

    nova.servers.stop(server.id)
    wait_until(status, "SHUTOFF")
    nova.servers.start(server.id)
    wait_until(status, "ACTIVE")
    rebooted(sim_url, lambda: nova.servers.reboot(server.id, reboot_type="SOFT"), status, "REBOOT")
    rebooted(
        sim_url, lambda: nova.servers.reboot(server.id, reboot_type="HARD"), status, "HARD_REBOOT"
    )

    from novaclient import exceptions

    with pytest.raises(exceptions.Conflict):
        nova.servers.start(server.id)

    nova.servers.delete(server.id)

    def gone():
        try:
            nova.servers.get(server.id)
            return False
        except exceptions.NotFound:
            return True

    wait_until(gone, True)


def test_novaclient_keypair_create_and_delete(nova):
    keypair = nova.keypairs.create("nova-client-key")
    assert "PRIVATE KEY" in keypair.private_key
    assert keypair.fingerprint.startswith("SHA256:")
    nova.keypairs.delete("nova-client-key")
    assert "nova-client-key" not in {k.name for k in nova.keypairs.list()}


# ---- openstacksdk -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def conn(sim_url):
    import openstack

    return openstack.connect(
        auth_type="v2password",
        auth={
            "auth_url": f"{sim_url}/v2.0",
            "username": USERNAME,
            "password": PASSWORD,
            "tenant_id": TENANT,
        },
        identity_api_version="2",
        region_name="KR1",
        load_yaml_config=False,
        load_envvars=False,
    )


def test_openstacksdk_lists_servers_and_flavors(conn):
    names = {s.name for s in conn.compute.servers()}
    assert {"web-01", "DB-Master"} <= names
    flavors = {f.name for f in conn.compute.flavors()}
    assert "m2.c4m8" in flavors
    server = conn.compute.get_server(WEB_01)
    assert server.status == "ACTIVE"


def test_openstacksdk_server_lifecycle(conn, sim_url):
    server = conn.compute.create_server(
        name="sdk-test",
        image_id=CENTOS_7,
        flavor_id=U2_C2M4,
        key_name=DEMO_KEY,
        networks=[{"uuid": DEFAULT_NETWORK}],
        availability_zone="kr-pub-b",
    )
    server = conn.compute.wait_for_server(server, status="ACTIVE", interval=0.1, wait=15)
    assert server.status == "ACTIVE"

    conn.compute.stop_server(server)
    conn.compute.wait_for_server(server, status="SHUTOFF", interval=0.1, wait=15)
    conn.compute.start_server(server)
    conn.compute.wait_for_server(server, status="ACTIVE", interval=0.1, wait=15)
    rebooted(
        sim_url,
        lambda: conn.compute.reboot_server(server, "SOFT"),
        lambda: conn.compute.get_server(server.id).status,
        "REBOOT",
    )

    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, interval=0.1, wait=15)
    assert conn.compute.find_server(server.id) is None
