//! The refresh endpoint over HTTP on loopback: rotation, replay, revocation and concurrent
//! presentations of one token, with and without the core's grace window.

mod support;

use axum::Router;
use axum::routing::post;
use jwtcore::session::{FamilyStatus, MacKey, MacKeys, Presented, RefreshConfig, RefreshPolicy, RevokeReason};
use jwtcore_axum::refresh::{FamilyStore, MemoryFamilyStore, Refresher, refresh_endpoint};
use support::{Reply, request, serve};

fn keys() -> MacKeys {
    MacKeys::new(MacKey::from_bytes([5; 32]))
}

fn refresher(grace: u64) -> Refresher<MemoryFamilyStore> {
    Refresher::new(MemoryFamilyStore::default(), keys(), |subject: &str| Ok(format!("access-for-{subject}")))
        .policy(RefreshPolicy { grace, ..RefreshPolicy::default() })
}

async fn endpoint(refresher: Refresher<MemoryFamilyStore>) -> std::net::SocketAddr {
    serve(Router::new().route("/refresh", post(refresh_endpoint::<MemoryFamilyStore>)).with_state(refresher)).await
}

async fn present(addr: std::net::SocketAddr, token: &str) -> Reply {
    request(addr, "POST", "/refresh", &[], &serde_json::json!({ "refresh_token": token }).to_string()).await
}

fn assert_refused(reply: &Reply, code: &str) {
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.json(), serde_json::json!({ "error": code }));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
}

async fn family_status(refresher: &Refresher<MemoryFamilyStore>, token: &str) -> FamilyStatus {
    let keys = keys();
    let family = Presented::parse(token, &RefreshConfig::new(keys.ring())).unwrap().family_id();
    refresher.store().get(family).await.unwrap().unwrap().record.status
}

#[tokio::test]
async fn first_use_rotates_and_replay_revokes_the_family() {
    let refresher = refresher(0);
    let addr = endpoint(refresher.clone()).await;
    let first = refresher.login("user-1").await.unwrap();

    let reply = present(addr, &first.refresh_token).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let body = reply.json();
    assert_eq!(
        (body["access_token"].as_str(), body["token_type"].as_str()),
        (Some("access-for-user-1"), Some("Bearer"))
    );
    let second = body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first.refresh_token);

    // The superseded token again: reuse, and the family (the thief's and the victim's chain) is revoked.
    assert_refused(&present(addr, &first.refresh_token).await, "refresh_reuse_detected");
    assert!(matches!(
        family_status(&refresher, &second).await,
        FamilyStatus::Revoked { reason: RevokeReason::Reuse, .. }
    ));
    assert_refused(&present(addr, &second).await, "refresh_revoked");
}

#[tokio::test]
async fn revoked_family_is_refused() {
    let refresher = refresher(0);
    let addr = endpoint(refresher.clone()).await;
    let pair = refresher.login("user-1").await.unwrap();
    // Logout: revoke the family with the same compare-and-set the endpoint uses.
    let keys = keys();
    let family = Presented::parse(&pair.refresh_token, &RefreshConfig::new(keys.ring())).unwrap().family_id();
    let record = refresher.store().get(family).await.unwrap().unwrap().record;
    let version = record.version;
    assert!(refresher.store().compare_and_set(record.revoked(RevokeReason::Logout, 1), version).await.unwrap());
    assert_refused(&present(addr, &pair.refresh_token).await, "refresh_revoked");
}

#[tokio::test]
async fn forged_and_unknown_tokens_are_refused_without_touching_families() {
    let refresher = refresher(0);
    let addr = endpoint(refresher.clone()).await;
    assert_refused(&present(addr, "not-a-refresh-token").await, "refresh_malformed");
    // A well-formed token tagged under another key.
    let other = Refresher::new(MemoryFamilyStore::default(), MacKeys::new(MacKey::from_bytes([6; 32])), |s: &str| {
        Ok(s.to_owned())
    });
    let foreign = other.login("user-1").await.unwrap();
    assert_refused(&present(addr, &foreign.refresh_token).await, "refresh_not_authentic");
    // Authentic but never stored here (the store lost it, or another deployment minted it).
    let orphan =
        Refresher::new(MemoryFamilyStore::default(), keys(), |s: &str| Ok(s.to_owned())).login("user-1").await.unwrap();
    assert_refused(&present(addr, &orphan.refresh_token).await, "refresh_unknown_family");
}

/// Concurrent presentations of one token: exactly one rotation wins the compare-and-set.
async fn race(grace: u64) -> (Refresher<MemoryFamilyStore>, String, Vec<Reply>) {
    let refresher = refresher(grace);
    let addr = endpoint(refresher.clone()).await;
    let pair = refresher.login("user-1").await.unwrap();
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let token = pair.refresh_token.clone();
            tokio::spawn(async move { present(addr, &token).await })
        })
        .collect();
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.unwrap());
    }
    (refresher, pair.refresh_token, replies)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_refreshes_without_grace_have_one_winner_then_revoke() {
    let (refresher, token, replies) = race(0).await;
    let winners: Vec<_> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(winners.len(), 1, "exactly one rotation");
    // Without a grace window the core cannot tell a racing tab from a thief: reuse, family revoked.
    for loser in replies.iter().filter(|r| r.status != 200) {
        let code = loser.json()["error"].as_str().unwrap().to_owned();
        assert!(code == "refresh_reuse_detected" || code == "refresh_revoked", "{code}");
    }
    assert!(replies.iter().any(|r| r.status == 401 && r.json()["error"] == "refresh_reuse_detected"));
    assert!(matches!(family_status(&refresher, &token).await, FamilyStatus::Revoked { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_refreshes_within_grace_converge_on_one_successor() {
    let (refresher, token, replies) = race(30).await;
    let successors: std::collections::HashSet<_> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 200, "{}", r.body);
            r.json()["refresh_token"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(successors.len(), 1, "every racer receives the same successor");
    let keys = keys();
    let family = Presented::parse(&token, &RefreshConfig::new(keys.ring())).unwrap().family_id();
    let record = refresher.store().get(family).await.unwrap().unwrap().record;
    // One rotation (generation 1), the other racers only touched last_used_at.
    assert_eq!((record.generation, record.status), (1, FamilyStatus::Active));
}
