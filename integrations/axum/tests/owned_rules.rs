//! Rules read at start-up (an issuer from the environment, a denylist) built once as an
//! `OwnedValidation` in the state, and enforced by `Bearer` over HTTP.

mod support;

use axum::Router;
use axum::routing::get;
use jwtcore::{Denylist, EncodeHeader, OwnedValidation, Validation, encode};
use jwtcore_axum::{Bearer, JwtConfig};
use serde::{Deserialize, Serialize};
use support::{ed25519, get_bearer, serve, unix_now};

#[derive(Serialize, Deserialize)]
struct Claims {
    iss: String,
    jti: String,
    exp: u64,
}

async fn me(Bearer(claims): Bearer<Claims>) -> String {
    claims.jti
}

struct Revoked(Vec<String>);
impl Denylist for Revoked {
    fn is_revoked(&self, _iss: Option<&str>, jti: &str) -> bool {
        self.0.iter().any(|r| r == jti)
    }
}

#[tokio::test]
async fn owned_rules_are_built_once_and_enforced() {
    let key = ed25519(3, "k");
    // As read from configuration at start-up: not 'static, so not usable by Validation<'static>.
    let issuer = format!("https://{}.example.com", "login");
    let rules = OwnedValidation::new(Validation::new()).issuer([issuer.clone()]).denylist(Revoked(vec!["gone".into()]));
    let addr = serve(Router::new().route("/me", get(me)).with_state(JwtConfig::new(key.clone(), rules))).await;

    let token = |iss: &str, jti: &str| {
        encode(&EncodeHeader::new(), &Claims { iss: iss.into(), jti: jti.into(), exp: unix_now() + 600 }, &key).unwrap()
    };
    let ok = get_bearer(addr, "/me", &token(&issuer, "j1")).await;
    assert_eq!((ok.status, ok.body.as_str()), (200, "j1"));
    let other = get_bearer(addr, "/me", &token("https://evil.example", "j1")).await;
    assert_eq!((other.status, other.json()["error"].as_str()), (401, Some("issuer_mismatch")));
    let revoked = get_bearer(addr, "/me", &token(&issuer, "gone")).await;
    assert_eq!((revoked.status, revoked.json()["error"].as_str()), (401, Some("revoked")));
}
