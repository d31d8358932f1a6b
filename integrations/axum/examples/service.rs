//! `make demo`'s axum part: a service on 127.0.0.1 with a bearer-protected route whose keys come
//! from a JWKS URL, a cookie session, and a refresh endpoint; one client run prints every exchange
//! (status, `WWW-Authenticate`, body), then the server stops and the example exits.
//!
//! Run: `cargo run -p jwtcore-axum --example service`. It exits non-zero if any exchange answers
//! other than expected, so `make test-axum` runs it as a test.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use jwtcore::session::{CookieConfig, MacKey, MacKeys, SessionId, sign_cookie};
use jwtcore::{EncodeHeader, Key, Validation, encode};
use jwtcore_axum::refresh::{MemoryFamilyStore, Refresher, refresh_endpoint};
use jwtcore_axum::remote_jwks::RemoteJwks;
use jwtcore_axum::{Bearer, CookieSession, JwtConfig, SessionConfig};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, axum::extract::FromRef)]
struct AppState {
    jwt: JwtConfig,
    sessions: SessionConfig,
    refresher: Refresher<MemoryFamilyStore>,
    jwks_document: JwksDocument,
}

/// The public JWKS this service publishes (in real life the identity provider does).
#[derive(Clone)]
struct JwksDocument(String);

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    aud: String,
    exp: u64,
}

static API: Validation<'static> = Validation::new().audience(&["api"]);

fn signing_key() -> Key {
    // A fixed seed so the demo prints the same tokens every run; use Key::generate_os in services.
    Key::ed25519_private(&[21; 32]).and_then(|k| k.with_kid("demo-1")).expect("a valid Ed25519 seed")
}

fn issue(key: &Key, sub: &str, exp: u64) -> Result<String, jwtcore::Error> {
    encode(&EncodeHeader::new(), &Claims { sub: sub.into(), aud: "api".into(), exp }, key)
}

fn unix_now() -> u64 {
    jwtcore::now().as_secs()
}

async fn jwks(State(doc): State<JwksDocument>) -> impl IntoResponse {
    ([("content-type", "application/json")], doc.0)
}

async fn me(Bearer(claims): Bearer<Claims>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "sub": claims.sub }))
}

/// Starts a cookie session (a real service checks a password first).
async fn login(State(sessions): State<SessionConfig>) -> impl IntoResponse {
    let id = SessionId::<32>::from_bytes([7; 32]); // SessionId::generate_os() in a service
    let config = CookieConfig::new();
    let mut buf = [0u8; 128];
    let value = sign_cookie(&sessions.keys().ring(), sessions.cookie_name(), &id, &mut buf).unwrap_or_default();
    let mut header = [0u8; 256];
    let set_cookie = config.set_cookie(value, &mut header).unwrap_or_default().to_owned();
    ([(SET_COOKIE, set_cookie)], "session started")
}

async fn page(CookieSession(id): CookieSession) -> String {
    format!("session {}", id.encode().as_str())
}

struct Exchange {
    status: u16,
    challenge: Option<String>,
    set_cookie: Option<String>,
    body: String,
}

async fn call(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    header: Option<(&str, &str)>,
    body: &str,
) -> Exchange {
    let shown = header.map(|(n, v)| format!("  {n}: {}", abbreviate(v))).unwrap_or_default();
    println!(
        "-> {method} {path}{shown}{}",
        if body.is_empty() { String::new() } else { format!("  {}", abbreviate(body)) }
    );
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some((name, value)) = header {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()));
    let mut stream = TcpStream::connect(addr).await.expect("the demo server is listening");
    stream.write_all(request.as_bytes()).await.expect("request sent");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.expect("response read");
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let find = |name: &str| {
        head.lines().find_map(|l| {
            l.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_owned())
        })
    };
    let exchange =
        Exchange { status, challenge: find("www-authenticate"), set_cookie: find("set-cookie"), body: body.to_owned() };
    println!("<- {status}  {}", abbreviate(&exchange.body));
    if let Some(challenge) = &exchange.challenge {
        println!("   WWW-Authenticate: {challenge}");
    }
    exchange
}

/// Long tokens shortened for the terminal.
fn abbreviate(text: &str) -> String {
    if text.len() <= 100 { text.to_owned() } else { format!("{}…({} chars)", &text[..60], text.len()) }
}

fn expect(what: &str, ok: bool, failures: &mut Vec<String>) {
    println!("   {} {what}\n", if ok { "ok:" } else { "UNEXPECTED:" });
    if !ok {
        failures.push(what.to_owned());
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let key = signing_key();

    let mut jwk = [0u8; 256];
    let document = format!(r#"{{"keys":[{}]}}"#, key.to_public()?.to_jwk_into(false, &mut jwk)?);
    // The API verifies with the keys at a JWKS URL; plain HTTP only because it is loopback.
    let remote = RemoteJwks::builder(&format!("http://{addr}/.well-known/jwks.json")).allow_http_loopback().build()?;
    let access_key = key.clone();
    let state = AppState {
        jwt: JwtConfig::remote(remote.clone(), API),
        sessions: SessionConfig::new(MacKeys::new(MacKey::from_bytes([42; 32]))),
        refresher: Refresher::new(
            MemoryFamilyStore::default(),
            MacKeys::new(MacKey::from_bytes([43; 32])),
            move |sub: &str| issue(&access_key, sub, unix_now() + 300),
        ),
        jwks_document: JwksDocument(document),
    };
    let refresher = state.refresher.clone();
    let app = Router::new()
        .route("/.well-known/jwks.json", get(jwks))
        .route("/me", get(me))
        .route("/login", post(login))
        .route("/page", get(page))
        .route("/refresh", post(refresh_endpoint::<MemoryFamilyStore>))
        .with_state(state);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    println!("jwtcore-axum demo service on http://{addr}\n");
    let mut failures = Vec::new();

    let token = issue(&key, "user-1", unix_now() + 300)?;
    let bearer = format!("Bearer {token}");
    let reply = call(addr, "GET", "/me", Some(("Authorization", &bearer)), "").await;
    expect(
        "a valid token reaches the handler (keys fetched once from the JWKS URL)",
        reply.status == 200 && remote.fetch_count() == 1,
        &mut failures,
    );

    let forger = Key::ed25519_private(&[99; 32])?.with_kid("demo-1")?;
    let forged = format!("Bearer {}", issue(&forger, "admin", unix_now() + 300)?);
    let reply = call(addr, "GET", "/me", Some(("Authorization", &forged)), "").await;
    expect(
        "a forged token is refused with an RFC 6750 challenge",
        reply.status == 401 && reply.challenge.as_deref().is_some_and(|c| c.contains("bad_signature")),
        &mut failures,
    );

    let expired = format!("Bearer {}", issue(&key, "user-1", unix_now() - 3600)?);
    let reply = call(addr, "GET", "/me", Some(("Authorization", &expired)), "").await;
    expect(
        "an expired token is refused",
        reply.status == 401 && reply.challenge.as_deref().is_some_and(|c| c.contains("expired")),
        &mut failures,
    );

    let reply = call(addr, "POST", "/login", None, "").await;
    let cookie = reply.set_cookie.as_deref().and_then(|c| c.split(';').next()).unwrap_or_default().to_owned();
    println!("   Set-Cookie: {}", reply.set_cookie.as_deref().unwrap_or("(none)"));
    let reply = call(addr, "GET", "/page", Some(("Cookie", &cookie)), "").await;
    expect("the signed session cookie opens the page", reply.status == 200, &mut failures);
    let tampered = cookie.replacen("=B", "=C", 1); // one character of the session ID changed
    let reply = call(addr, "GET", "/page", Some(("Cookie", &tampered)), "").await;
    expect("a tampered cookie is refused", reply.status == 401, &mut failures);

    let pair = refresher.login("user-1").await?;
    let first = serde_json::json!({ "refresh_token": pair.refresh_token }).to_string();
    let reply = call(addr, "POST", "/refresh", None, &first).await;
    let rotated: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
    expect(
        "the refresh token rotates: new access and refresh tokens",
        reply.status == 200 && rotated["refresh_token"].is_string(),
        &mut failures,
    );
    let reply = call(addr, "POST", "/refresh", None, &first).await;
    expect(
        "replaying the old refresh token revokes the family",
        reply.status == 401 && reply.body.contains("refresh_reuse_detected"),
        &mut failures,
    );
    let second = serde_json::json!({ "refresh_token": rotated["refresh_token"] }).to_string();
    let reply = call(addr, "POST", "/refresh", None, &second).await;
    expect(
        "the successor is dead too: the whole family was revoked",
        reply.status == 401 && reply.body.contains("refresh_revoked"),
        &mut failures,
    );

    server.abort();
    if failures.is_empty() {
        println!("all exchanges answered as expected");
        Ok(())
    } else {
        Err(format!("unexpected answers: {failures:?}").into())
    }
}
