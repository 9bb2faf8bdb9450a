//! Key pair import of every supported key type, the shared name and public-key rules at their
//! boundaries, and the 404s of show and delete.

mod common;

use common::*;
use compute_api::keypair::KeypairEnvelope;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Real public keys made with `ssh-keygen`.
const RSA: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC6QQ1OrhT3qh4rW74ngUaaA2acgoSAkvciJ53eaFzPe5RBioSIVuIR/fs51O0XPFzAOwm+tRDTEYFrxcHk7SgFceZq2ME426XArh20A+ZUz0j3wDpP1nTstmjOeLlOwSG6vmNXfbZ26LzfFY1XVTXI64pf9lRx5yBZlfEy+fQ5NfmYyZBwgqGXcFPyOCwk4vWiQ4Xwv+7RwRf6LYJLAQnqB8ulu4VXdC+ZeoeGGHLAU4vu0mQCMQpn+ixNEIVPWYutLWzIWDYaYFJlVOEigwMxmzNE7NbPaWYuRBTPP52FYsqBjdTIwCYxICaprN2gBvmMQY8xPL7GccwViGVQtgAH test@example";
const P256: &str = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFqKwMdB0iDMWiHqMmnPnNQaoLcKBR9CHVc+OaV5NuXYQnDMOB+V17hyiTr5ZGC6iaVZzkjKpuk3trdi+stL3F4= test@example";
const P384: &str = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBHNIEg0duNy9ERELm/MvIcTiUzEWw0m+cWUniowloG1s5txZ4s98p4VCCR9z2zRzy9BXEqoOjupkgDklDQULCe05n4LX0mXhQEm0+bSRn8xYugBwjRhflgI0WQ9hq3rqrg== test@example";
const P521: &str = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBADoo5hKr0WmAmuCFcsWF3qOaCgmqT89I+MORBWSOzXliKOs14xhmQY9043dM/K2wi+YW8QWbm9rY2YJ4TvVVGA+wADGz7k+ISD3d276jLZoEkC8r3GbtX7ve6eoIjqbJ7+owzDGYx31dANh8rdSs8fWIKkjmxWgwHIxjcC4M96SlirmBQ== test@example";

async fn import(sim: &Sim, name: &str, public_key: &str) -> Reply {
    sim.post(
        "/os-keypairs",
        json!({"keypair": {"name": name, "public_key": public_key}}),
    )
    .await
}

#[tokio::test]
async fn imports_rsa_and_every_ecdsa_curve_with_their_fingerprints() {
    let sim = Sim::start().await;
    for (name, key) in [("rsa", RSA), ("p256", P256), ("p384", P384), ("p521", P521)] {
        let reply = import(&sim, name, &format!("{key}\n")).await;
        assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.text);
        let imported: KeypairEnvelope = reply.decode();
        assert_eq!(imported.keypair.public_key, key);
        let expected = ssh_key::PublicKey::from_openssh(key)
            .unwrap()
            .fingerprint(ssh_key::HashAlg::Sha256)
            .to_string();
        assert_eq!(imported.keypair.fingerprint, expected, "{name}");
        assert!(imported.keypair.private_key.is_none());
    }
}

#[tokio::test]
async fn refuses_public_keys_the_console_refuses() {
    let sim = Sim::start().await;
    let rsa_body = RSA.split(' ').nth(1).unwrap();
    for bad in [
        format!("ssh-ed25519 {rsa_body}"),
        format!("ssh-dss {rsa_body}"),
        "ssh-rsa".to_string(),
        format!("{RSA}\n{P256}"),
    ] {
        let reply = import(&sim, "bad", &bad).await;
        reply.assert_fault(400, "badRequest");
        assert!(
            reply.text.contains("failed to generate fingerprint"),
            "{}",
            reply.text
        );
    }
    sim.get("/os-keypairs/bad")
        .await
        .assert_fault(404, "itemNotFound");
}

#[tokio::test]
async fn names_at_the_boundaries() {
    let sim = Sim::start().await;
    let longest = "k".repeat(255);
    let reply = import(&sim, &longest, RSA).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let shown: KeypairEnvelope = sim.get(&format!("/os-keypairs/{longest}")).await.decode();
    assert_eq!(shown.keypair.name, longest);

    let reply = import(&sim, &"k".repeat(256), RSA).await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("between 1 and 255"), "{}", reply.text);
    let reply = import(&sim, "  ", RSA).await;
    reply.assert_fault(400, "badRequest");
    let reply = import(&sim, "키", RSA).await;
    reply.assert_fault(400, "badRequest");
    assert!(reply.text.contains("unsafe characters"), "{}", reply.text);

    let reply = import(&sim, "dotted.name_with-space 1", RSA).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let duplicate = sim
        .post(
            "/os-keypairs",
            json!({"keypair": {"name": "dotted.name_with-space 1"}}),
        )
        .await;
    duplicate.assert_fault(409, "conflictingRequest");
    assert!(
        duplicate.text.contains("already exists"),
        "{}",
        duplicate.text
    );
}

#[tokio::test]
async fn show_and_delete_of_a_missing_key_pair_are_404() {
    let sim = Sim::start().await;
    sim.get("/os-keypairs/nothing-here")
        .await
        .assert_fault(404, "itemNotFound");
    sim.nova(Method::DELETE, "/os-keypairs/nothing-here", None)
        .await
        .assert_fault(404, "itemNotFound");
}
