//! Shared by the integration tests: a raw HTTP/1.1 client, and a loopback identity provider whose
//! JWKS and OpenID configuration the test changes while it runs, counting every request.
#![allow(dead_code)] // each test file uses its own part of this module

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jwtcore::{EncodeHeader, Key, encode};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

/// One request with `Connection: close`, so the reply ends when the server closes the stream.
pub async fn request(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)], body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in extra {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a complete HTTP response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply { status, head: head.to_owned(), body: body.to_owned() }
}

pub async fn get_bearer(addr: SocketAddr, path: &str, token: &str) -> Reply {
    request(addr, "GET", path, &[("Authorization", &format!("Bearer {token}"))], "").await
}

pub async fn serve(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[derive(Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

pub fn ed25519(seed: u8, kid: &str) -> Key {
    Key::ed25519_private(&[seed; 32]).unwrap().with_kid(kid).unwrap()
}

pub fn token(key: &Key) -> String {
    encode(&EncodeHeader::new(), &Claims { sub: "user-1".into(), exp: unix_now() + 600 }, key).unwrap()
}

/// `{"keys":[...]}` with the public halves of `keys`.
pub fn jwks_of(keys: &[&Key]) -> String {
    let members: Vec<String> = keys
        .iter()
        .map(|k| {
            let mut buf = [0u8; 512];
            k.to_public().unwrap().to_jwk_into(false, &mut buf).unwrap().to_owned()
        })
        .collect();
    format!(r#"{{"keys":[{}]}}"#, members.join(","))
}

/// What the provider's `/jwks` route answers.
#[derive(Clone)]
pub enum JwksReply {
    Document(String),
    Status(u16),
}

pub struct ProviderState {
    pub jwks: Mutex<JwksReply>,
    pub discovery: Mutex<String>,
    pub jwks_hits: AtomicUsize,
    pub moved_target_hits: AtomicUsize,
}

#[derive(Clone)]
pub struct Provider {
    pub addr: SocketAddr,
    pub state: Arc<ProviderState>,
}

impl Provider {
    pub async fn start(initial: String) -> Provider {
        let state = Arc::new(ProviderState {
            jwks: Mutex::new(JwksReply::Document(initial)),
            discovery: Mutex::new(String::new()),
            jwks_hits: AtomicUsize::new(0),
            moved_target_hits: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/jwks", get(jwks))
            .route("/moved", get(moved))
            .route("/moved-target", get(moved_target))
            .route("/big", get(big))
            .route("/.well-known/openid-configuration", get(discovery))
            .with_state(state.clone());
        Provider { addr: serve(app).await, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn set_jwks(&self, reply: JwksReply) {
        *self.state.jwks.lock().unwrap() = reply;
    }

    pub fn set_discovery(&self, body: String) {
        *self.state.discovery.lock().unwrap() = body;
    }

    pub fn jwks_hits(&self) -> usize {
        self.state.jwks_hits.load(Ordering::SeqCst)
    }
}

async fn jwks(State(state): State<Arc<ProviderState>>) -> Response {
    state.jwks_hits.fetch_add(1, Ordering::SeqCst);
    let reply = state.jwks.lock().unwrap().clone();
    match reply {
        JwksReply::Document(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        JwksReply::Status(code) => StatusCode::from_u16(code).unwrap().into_response(),
    }
}

async fn moved() -> Response {
    (StatusCode::FOUND, [(header::LOCATION, "/moved-target")]).into_response()
}

async fn moved_target(State(state): State<Arc<ProviderState>>) -> Response {
    state.moved_target_hits.fetch_add(1, Ordering::SeqCst);
    jwks(State(state)).await
}

/// A valid JWKS padded with whitespace to 300 KiB.
async fn big() -> String {
    let mut body = jwks_of(&[&ed25519(1, "k1")]);
    body.push_str(&" ".repeat(300 * 1024));
    body
}

async fn discovery(State(state): State<Arc<ProviderState>>) -> Response {
    let body = state.discovery.lock().unwrap().clone();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A clock the test moves by hand, in whole seconds.
#[derive(Clone, Default)]
pub struct ManualClock(pub Arc<AtomicU64>);

impl ManualClock {
    pub fn set(&self, secs: u64) {
        self.0.store(secs, Ordering::SeqCst);
    }

    pub fn clock(&self) -> jwtcore_axum::remote_jwks::Clock {
        let secs = self.0.clone();
        Arc::new(move || Duration::from_secs(secs.load(Ordering::SeqCst)))
    }
}

/// A bare TCP server: each connection's request is read, then `response` is written and the
/// connection closed; with `None` nothing is ever answered (the connection is held open).
pub async fn raw_server(response: Option<Vec<u8>>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            let response = response.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                match response {
                    Some(bytes) => {
                        let _ = stream.write_all(&bytes).await;
                    }
                    // Keep the socket open until the client gives up.
                    None => {
                        let _ = stream.read(&mut buf).await;
                    }
                }
            });
        }
    });
    addr
}

/// A `200` whose body is sent chunked (no `Content-Length`), `chunks` × 16 KiB of spaces after
/// a valid JWKS.
pub fn chunked_response(chunks: usize) -> Vec<u8> {
    let mut out =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            .to_vec();
    let head = jwks_of(&[&ed25519(1, "k1")]);
    out.extend_from_slice(format!("{:x}\r\n{head}\r\n", head.len()).as_bytes());
    for _ in 0..chunks {
        out.extend_from_slice(format!("{:x}\r\n", 16 * 1024).as_bytes());
        out.extend_from_slice(&[b' '; 16 * 1024]);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}
