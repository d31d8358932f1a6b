//! HTTPS is verified: a loopback server with a self-signed certificate (valid for 127.0.0.1, so
//! only the unknown issuer is wrong) is refused during the handshake, and the error says why.

use std::sync::Arc;

use jwtcore_axum::remote_jwks::{RemoteJwks, RemoteJwksError};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;

#[tokio::test]
async fn self_signed_certificate_is_refused() {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (handshake_tx, handshake_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let _ = handshake_tx.send(acceptor.accept(tcp).await.map(|_| ()).map_err(|e| e.to_string()));
    });

    let jwks = RemoteJwks::new(&format!("https://127.0.0.1:{port}/jwks")).unwrap();
    let err = jwks.keys().await.unwrap_err();
    let RemoteJwksError::Unavailable(cause) = err else { panic!("{err:?}") };
    let RemoteJwksError::Transport(message) = *cause else { panic!("{cause:?}") };
    assert!(message.to_ascii_lowercase().contains("certificate"), "{message}");
    // The server saw a client that aborted the handshake, so no request was ever sent.
    assert!(handshake_rx.await.unwrap().is_err());
}
