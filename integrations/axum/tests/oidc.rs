//! OpenID discovery against a loopback provider: the configuration's issuer must match exactly,
//! its jwks_uri must be present and secure, and the discovered keys verify tokens over HTTP.

mod support;

use axum::routing::get;
use axum::{Json, Router};
use jwtcore::Validation;
use jwtcore_axum::oidc::Discovery;
use jwtcore_axum::remote_jwks::RemoteJwksError;
use jwtcore_axum::{Bearer, JwtConfig};
use support::{Claims, Provider, ed25519, get_bearer, jwks_of, serve, token};

async fn me(Bearer(claims): Bearer<Claims>) -> Json<String> {
    Json(claims.sub)
}

#[tokio::test]
async fn matching_issuer_yields_its_keys() {
    let k1 = ed25519(1, "k1");
    let provider = Provider::start(jwks_of(&[&k1])).await;
    let issuer = provider.url("");
    provider.set_discovery(serde_json::json!({ "issuer": issuer, "jwks_uri": provider.url("/jwks") }).to_string());

    let metadata = Discovery::new(&issuer).allow_http_loopback().fetch().await.unwrap();
    assert_eq!((metadata.issuer(), metadata.jwks_uri()), (issuer.as_str(), provider.url("/jwks").as_str()));

    let config = JwtConfig::remote(metadata.jwks().build().unwrap(), Validation::new());
    let addr = serve(Router::new().route("/me", get(me)).with_state(config)).await;
    let reply = get_bearer(addr, "/me", &token(&k1)).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "\"user-1\""));
    assert_eq!(provider.jwks_hits(), 1);
}

#[tokio::test]
async fn another_issuer_is_refused() {
    let provider = Provider::start(String::new()).await;
    let issuer = provider.url("");
    // A trailing slash is a different issuer string, and tokens' iss is compared exactly.
    for found in [format!("{issuer}/"), "https://evil.example".to_owned()] {
        provider.set_discovery(serde_json::json!({ "issuer": found, "jwks_uri": provider.url("/jwks") }).to_string());
        let err = Discovery::new(&issuer).allow_http_loopback().fetch().await.unwrap_err();
        assert_eq!(err, RemoteJwksError::IssuerMismatch { expected: issuer.clone(), found: found.clone() });
        assert_eq!(err.code(), "oidc_issuer_mismatch");
    }
}

#[tokio::test]
async fn missing_or_insecure_fields_are_refused() {
    let provider = Provider::start(String::new()).await;
    let issuer = provider.url("");
    let cases = [
        (serde_json::json!({ "issuer": issuer }), RemoteJwksError::InvalidDocument("no string member \"jwks_uri\"")),
        (
            serde_json::json!({ "jwks_uri": provider.url("/jwks") }),
            RemoteJwksError::InvalidDocument("no string member \"issuer\""),
        ),
        (
            serde_json::json!({ "issuer": issuer, "jwks_uri": 7 }),
            RemoteJwksError::InvalidDocument("no string member \"jwks_uri\""),
        ),
        (
            serde_json::json!({ "issuer": issuer, "jwks_uri": "http://keys.example.com/jwks" }),
            RemoteJwksError::InsecureUrl,
        ),
        (serde_json::json!([issuer]), RemoteJwksError::InvalidDocument("not a JSON object")),
    ];
    for (document, expected) in cases {
        provider.set_discovery(document.to_string());
        let err = Discovery::new(&issuer).allow_http_loopback().fetch().await.unwrap_err();
        assert_eq!(err, expected, "{document}");
    }
}

#[tokio::test]
async fn plain_http_issuer_needs_the_loopback_opt_in() {
    let provider = Provider::start(String::new()).await;
    let err = Discovery::new(&provider.url("")).fetch().await.unwrap_err();
    assert_eq!(err, RemoteJwksError::InsecureUrl);
}
