//! `RemoteJwks` against a loopback provider, and `Bearer` verifying with it over HTTP. The
//! provider counts its requests, so each test asserts how many fetches a scenario costs.

mod support;

use std::time::Duration;

use axum::routing::get;
use axum::{Json, Router};
use jwtcore::{Algorithm, Key, Validation};
use jwtcore_axum::remote_jwks::{RemoteJwks, RemoteJwksError};
use jwtcore_axum::{Bearer, JwtConfig};
use support::{Claims, JwksReply, ManualClock, Provider, ed25519, get_bearer, jwks_of, serve, token};

const TTL: u64 = 600;
const COOLDOWN: u64 = 30;
const MAX_STALE: u64 = 3600;

fn remote(provider: &Provider, path: &str, clock: &ManualClock) -> RemoteJwks {
    RemoteJwks::builder(&provider.url(path))
        .allow_http_loopback()
        .ttl(Duration::from_secs(TTL))
        .cooldown(Duration::from_secs(COOLDOWN))
        .max_stale(Duration::from_secs(MAX_STALE))
        .max_bytes(64 * 1024)
        .clock(clock.clock())
        .build()
        .unwrap()
}

async fn me(Bearer(claims): Bearer<Claims>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "sub": claims.sub }))
}

/// An API whose `/me` verifies bearer tokens against `jwks`.
async fn api(jwks: RemoteJwks) -> std::net::SocketAddr {
    let config = JwtConfig::remote(jwks, Validation::new());
    serve(Router::new().route("/me", get(me)).with_state(config)).await
}

#[tokio::test]
async fn rotation_new_kid_costs_one_refetch_then_verifies() {
    let (k1, k2) = (ed25519(1, "k1"), ed25519(2, "k2"));
    let provider = Provider::start(jwks_of(&[&k1])).await;
    let clock = ManualClock::default();
    let jwks = remote(&provider, "/jwks", &clock);
    let addr = api(jwks.clone()).await;

    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
    assert_eq!(provider.jwks_hits(), 1);
    // Within the TTL, known keys are served from the cache.
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
    assert_eq!(provider.jwks_hits(), 1);

    provider.set_jwks(JwksReply::Document(jwks_of(&[&k1, &k2])));
    clock.set(COOLDOWN + 1);
    let reply = get_bearer(addr, "/me", &token(&k2)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(provider.jwks_hits(), 2);
    // The new key is now cached: no further fetch, even for another request right away.
    assert_eq!(get_bearer(addr, "/me", &token(&k2)).await.status, 200);
    assert_eq!(provider.jwks_hits(), 2);
}

#[tokio::test]
async fn unknown_kid_flood_costs_one_fetch_per_cooldown() {
    let k1 = ed25519(1, "k1");
    let provider = Provider::start(jwks_of(&[&k1])).await;
    let clock = ManualClock::default();
    let jwks = remote(&provider, "/jwks", &clock);
    let addr = api(jwks.clone()).await;
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
    assert_eq!(provider.jwks_hits(), 1);

    // Right after a fetch the cooldown holds: an unknown kid is refused without a fetch.
    let stranger = ed25519(9, "nobody");
    let reply = get_bearer(addr, "/me", &token(&stranger)).await;
    assert_eq!((reply.status, reply.json()["error"].as_str()), (401, Some("no_matching_key")));
    assert_eq!(provider.jwks_hits(), 1);

    // After the cooldown, 40 concurrent requests with made-up kids share one refetch.
    clock.set(COOLDOWN + 1);
    let requests: Vec<_> = (0..40u8)
        .map(|i| {
            let forged = token(&ed25519(100 + i, &format!("made-up-{i}")));
            tokio::spawn(async move { get_bearer(addr, "/me", &forged).await })
        })
        .collect();
    for request in requests {
        let reply = request.await.unwrap();
        assert_eq!((reply.status, reply.json()["error"].as_str()), (401, Some("no_matching_key")));
    }
    assert_eq!(provider.jwks_hits(), 2);
    assert_eq!(jwks.fetch_count(), 2);

    // The next window allows exactly one more.
    clock.set(2 * COOLDOWN + 2);
    for _ in 0..5 {
        assert_eq!(get_bearer(addr, "/me", &token(&stranger)).await.status, 401);
    }
    assert_eq!(provider.jwks_hits(), 3);
}

#[tokio::test]
async fn concurrent_first_use_shares_one_fetch() {
    let k1 = ed25519(1, "k1");
    let provider = Provider::start(jwks_of(&[&k1])).await;
    let jwks = remote(&provider, "/jwks", &ManualClock::default());
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let jwks = jwks.clone();
            tokio::spawn(async move { jwks.keys().await.map(|set| set.len()) })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), Ok(1));
    }
    assert_eq!(provider.jwks_hits(), 1);
}

#[tokio::test]
async fn failed_refresh_keeps_the_last_good_set_until_max_stale() {
    let k1 = ed25519(1, "k1");
    let provider = Provider::start(jwks_of(&[&k1])).await;
    let clock = ManualClock::default();
    let jwks = remote(&provider, "/jwks", &clock);
    let addr = api(jwks.clone()).await;
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);

    provider.set_jwks(JwksReply::Status(500));
    clock.set(TTL + 1);
    let reply = get_bearer(addr, "/me", &token(&k1)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(provider.jwks_hits(), 2);
    assert_eq!(jwks.last_error(), Some(RemoteJwksError::Status(500)));
    // A failing provider is retried once per cooldown, not on every request.
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
    assert_eq!(provider.jwks_hits(), 2);

    // Past max_stale the old keys are no longer trusted: 503, the token is not judged.
    clock.set(MAX_STALE + 1);
    let reply = get_bearer(addr, "/me", &token(&k1)).await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("www-authenticate"), None);
    assert_eq!(reply.json(), serde_json::json!({ "error": "jwks_unavailable" }));
    assert_eq!(jwks.keys().await.unwrap_err(), RemoteJwksError::Unavailable(Box::new(RemoteJwksError::Status(500))));

    // The provider recovers: the next fetch clears the error.
    provider.set_jwks(JwksReply::Document(jwks_of(&[&k1])));
    clock.set(MAX_STALE + COOLDOWN + 2);
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
    assert_eq!(jwks.last_error(), None);
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let provider = Provider::start(String::new()).await;
    let jwks = remote(&provider, "/big", &ManualClock::default());
    let err = jwks.keys().await.unwrap_err();
    assert_eq!(err, RemoteJwksError::Unavailable(Box::new(RemoteJwksError::TooLarge { limit: 64 * 1024 })));
}

#[tokio::test]
async fn oversized_chunked_body_is_refused_while_streaming() {
    // No Content-Length to check up front: the cap is enforced on the bytes as they arrive.
    let addr = support::raw_server(Some(support::chunked_response(5))).await;
    let jwks =
        RemoteJwks::builder(&format!("http://{addr}/jwks")).allow_http_loopback().max_bytes(64 * 1024).build().unwrap();
    let err = jwks.keys().await.unwrap_err();
    assert_eq!(err, RemoteJwksError::Unavailable(Box::new(RemoteJwksError::TooLarge { limit: 64 * 1024 })));
    // The same stream under the cap is accepted: the refusal is the size, not the framing.
    let addr = support::raw_server(Some(support::chunked_response(2))).await;
    let jwks =
        RemoteJwks::builder(&format!("http://{addr}/jwks")).allow_http_loopback().max_bytes(64 * 1024).build().unwrap();
    assert_eq!(jwks.keys().await.map(|set| set.len()), Ok(1));
}

#[tokio::test]
async fn silent_server_hits_the_timeout() {
    let addr = support::raw_server(None).await;
    let jwks = RemoteJwks::builder(&format!("http://{addr}/jwks"))
        .allow_http_loopback()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    assert_eq!(jwks.keys().await.unwrap_err(), RemoteJwksError::Unavailable(Box::new(RemoteJwksError::Timeout)));
}

#[tokio::test]
async fn redirect_is_not_followed() {
    let provider = Provider::start(jwks_of(&[&ed25519(1, "k1")])).await;
    let jwks = remote(&provider, "/moved", &ManualClock::default());
    let err = jwks.keys().await.unwrap_err();
    assert_eq!(err, RemoteJwksError::Unavailable(Box::new(RemoteJwksError::Redirect(302))));
    assert_eq!(provider.state.moved_target_hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn secrets_in_the_document_are_never_keys() {
    // An `oct` key published next to the public one must not verify an HS256 token.
    let secret = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes").unwrap().with_kid("h").unwrap();
    let k1 = ed25519(1, "k1");
    let doc = jwks_of(&[&k1]).replacen(
        r#"{"keys":["#,
        r#"{"keys":[{"kty":"oct","kid":"h","k":"YSBzZWNyZXQgb2YgYXQgbGVhc3QgdGhpcnR5LXR3byBieXRlcw"},"#,
        1,
    );
    let provider = Provider::start(doc).await;
    let clock = ManualClock::default();
    let addr = api(remote(&provider, "/jwks", &clock)).await;
    let reply = get_bearer(addr, "/me", &token(&secret)).await;
    assert_eq!((reply.status, reply.json()["error"].as_str()), (401, Some("no_matching_key")));
    assert_eq!(get_bearer(addr, "/me", &token(&k1)).await.status, 200);
}

#[test]
fn plain_http_is_refused_unless_loopback_and_opted_in() {
    assert_eq!(RemoteJwks::new("http://127.0.0.1:1/jwks").unwrap_err(), RemoteJwksError::InsecureUrl);
    let opted_in = |url: &str| RemoteJwks::builder(url).allow_http_loopback().build().map(|_| ());
    assert_eq!(opted_in("http://keys.example.com/jwks"), Err(RemoteJwksError::InsecureUrl));
    assert_eq!(opted_in("http://10.0.0.1/jwks"), Err(RemoteJwksError::InsecureUrl));
    assert_eq!(opted_in("ftp://127.0.0.1/jwks"), Err(RemoteJwksError::InsecureUrl));
    for url in ["http://127.0.0.1:8080/jwks", "http://[::1]/jwks", "http://localhost/jwks", "https://a.example/jwks"] {
        assert_eq!(opted_in(url), Ok(()), "{url}");
    }
}
