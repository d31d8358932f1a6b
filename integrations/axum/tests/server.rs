//! The extractors behind a real axum server on 127.0.0.1:0, spoken to over a raw HTTP/1.1
//! `TcpStream`, so the status, headers and body checked are what a client receives on the wire.

use axum::extract::FromRef;
use axum::routing::get;
use axum::{Json, Router};
use jwtcore::keys::KeySet;
use jwtcore::session::{MacKey, MacKeys, SessionId, sign_cookie};
use jwtcore::{Algorithm, EncodeHeader, Key, Validation, encode};
use jwtcore_axum::{Bearer, CookieSession, JwtConfig, SessionConfig};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, FromRef)]
struct AppState {
    jwt: JwtConfig,
    sessions: SessionConfig,
}

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    aud: String,
    exp: u64,
}

async fn me(Bearer(claims): Bearer<Claims>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "sub": claims.sub }))
}

async fn page(CookieSession(id): CookieSession) -> String {
    id.encode().as_str().to_owned()
}

static API: Validation<'static> = Validation::new().audience(&["api"]);

fn signer() -> Key {
    Key::ed25519_private(&[9; 32]).unwrap().with_kid("k1").unwrap()
}

fn session_keys() -> MacKeys {
    MacKeys::new(MacKey::from_bytes([42; 32]))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn token(key: &Key, aud: &str, exp: u64) -> String {
    encode(&EncodeHeader::new(), &Claims { sub: "user-1".into(), aud: aud.into(), exp }, key).unwrap()
}

/// Starts the app with `jwt` on a fresh loopback port and returns its address.
async fn serve(jwt: JwtConfig) -> std::net::SocketAddr {
    let state = AppState { jwt, sessions: SessionConfig::new(session_keys()) };
    let app = Router::new().route("/me", get(me)).route("/page", get(page)).with_state(state);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

async fn jwks_server() -> std::net::SocketAddr {
    let mut jwk = [0u8; 256];
    let jwks = format!(r#"{{"keys":[{}]}}"#, signer().to_public().unwrap().to_jwk_into(false, &mut jwk).unwrap());
    let keys: KeySet = KeySet::from_jwks(&jwks).unwrap();
    serve(JwtConfig::new(keys, API)).await
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// One GET with `Connection: close`, so the reply ends when the server closes the stream.
async fn get_with(addr: std::net::SocketAddr, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in extra {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a complete HTTP response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply { status, head: head.to_owned(), body: body.to_owned() }
}

async fn bearer(addr: std::net::SocketAddr, token: &str) -> Reply {
    get_with(addr, "/me", &[("Authorization", &format!("Bearer {token}"))]).await
}

fn assert_invalid(reply: &Reply, code: &str) {
    assert_eq!(reply.status, 401, "{}", reply.head);
    assert_eq!(
        reply.header("www-authenticate"),
        Some(format!(r#"Bearer error="invalid_token", error_description="{code}""#).as_str())
    );
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body, serde_json::json!({ "error": code }));
}

#[tokio::test]
async fn valid_token_reaches_the_handler_with_its_claims() {
    let addr = jwks_server().await;
    let reply = bearer(addr, &token(&signer(), "api", unix_now() + 600)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&reply.body).unwrap(), serde_json::json!({ "sub": "user-1" }));
    assert_eq!(reply.header("www-authenticate"), None);
}

#[tokio::test]
async fn scheme_is_case_insensitive() {
    let addr = jwks_server().await;
    let auth = format!("bearer {}", token(&signer(), "api", unix_now() + 600));
    assert_eq!(get_with(addr, "/me", &[("Authorization", &auth)]).await.status, 200);
}

#[tokio::test]
async fn expired_token_is_refused_with_its_code() {
    let addr = jwks_server().await;
    assert_invalid(&bearer(addr, &token(&signer(), "api", unix_now() - 3600)).await, "expired");
}

#[tokio::test]
async fn forged_token_is_refused() {
    let addr = jwks_server().await;
    // Same kid, another private key: the signature cannot check against the published key.
    let forger = Key::ed25519_private(&[8; 32]).unwrap().with_kid("k1").unwrap();
    assert_invalid(&bearer(addr, &token(&forger, "api", unix_now() + 600)).await, "bad_signature");
}

#[tokio::test]
async fn wrong_audience_is_refused() {
    let addr = jwks_server().await;
    assert_invalid(&bearer(addr, &token(&signer(), "billing", unix_now() + 600)).await, "audience_mismatch");
}

#[tokio::test]
async fn missing_header_gets_a_bare_challenge() {
    let addr = jwks_server().await;
    for extra in [&[][..], &[("Authorization", "Basic dXNlcjpwYXNz")][..]] {
        let reply = get_with(addr, "/me", extra).await;
        assert_eq!(reply.status, 401);
        // RFC 6750 §3.1: no error attribute when the request carried no bearer credential.
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&reply.body).unwrap(),
            serde_json::json!({ "error": "missing_token" })
        );
    }
}

#[tokio::test]
async fn garbage_token_is_refused_as_malformed() {
    let addr = jwks_server().await;
    let expected =
        jwtcore::verify_with("not-a-jwt", &signer(), &API, jwtcore::now(), &mut [0u8; 64]).unwrap_err().code();
    assert_invalid(&bearer(addr, "not-a-jwt").await, expected);
}

#[tokio::test]
async fn two_authorization_headers_are_refused() {
    let addr = jwks_server().await;
    let good = format!("Bearer {}", token(&signer(), "api", unix_now() + 600));
    let reply = get_with(addr, "/me", &[("Authorization", &good), ("Authorization", "Bearer other")]).await;
    // RFC 6750 §3.1: no single token can be read, so the request itself is invalid (400).
    assert_eq!(reply.status, 400, "{}", reply.head);
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer error="invalid_request", error_description="malformed_authorization""#)
    );
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body, serde_json::json!({ "error": "malformed_authorization" }));
}

#[tokio::test]
async fn a_single_hmac_key_works_as_resolver() {
    let key = Key::hmac(Algorithm::Hs256, b"a secret of at least thirty-two bytes").unwrap();
    let addr = serve(JwtConfig::new(key.clone(), API)).await;
    assert_eq!(bearer(addr, &token(&key, "api", unix_now() + 600)).await.status, 200);
    assert_invalid(&bearer(addr, &token(&key, "api", unix_now() - 3600)).await, "expired");
}

fn cookie_for(keys: &MacKeys, id: &SessionId<32>) -> String {
    let name = jwtcore::session::CookieConfig::new().cookie_name();
    let mut buf = [0u8; 128];
    format!("{name}={}", sign_cookie(&keys.ring(), name, id, &mut buf).unwrap())
}

#[tokio::test]
async fn signed_cookie_yields_the_session_id() {
    let addr = jwks_server().await;
    let id = SessionId::<32>::from_bytes([7; 32]);
    let cookie = format!("theme=dark; {}", cookie_for(&session_keys(), &id));
    let reply = get_with(addr, "/page", &[("Cookie", &cookie)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, id.encode().as_str());
}

#[tokio::test]
async fn missing_forged_or_duplicated_cookie_is_refused() {
    let addr = jwks_server().await;
    let id = SessionId::<32>::from_bytes([7; 32]);
    let forged = cookie_for(&MacKeys::new(MacKey::from_bytes([1; 32])), &id);
    let good = cookie_for(&session_keys(), &id);
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[], "missing_session"),
        (&[("Cookie", "theme=dark")], "missing_session"),
        (&[("Cookie", &forged)], "session_cookie_signature"),
        // A second copy in another Cookie field must not slip past the duplicate check.
        (&[("Cookie", &good), ("Cookie", &forged)], "session_cookie_duplicate"),
    ];
    for (extra, code) in cases {
        let reply = get_with(addr, "/page", extra).await;
        assert_eq!(reply.status, 401, "{code}");
        assert_eq!(reply.header("www-authenticate"), None);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&reply.body).unwrap(),
            serde_json::json!({ "error": code })
        );
    }
}
