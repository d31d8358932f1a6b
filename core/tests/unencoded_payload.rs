//! RFC 7797 unencoded payloads (`b64: false`) and RFC 7515 Appendix F
//! detached payloads: accepted only on the arbitrary-payload JWS entry
//! points, only with `b64` in `crit`, refused on every JWT path.

use core::time::Duration;

use jwtcore::compact::decode_segment;
use jwtcore::keys::HmacSecret;
use jwtcore::{
    Algorithm, Error, HeaderError, Key, Part, TokenError, Validation, detached_scratch_len, jws_scratch_len,
    sign_compact_into, sign_detached_into, verify, verify_external, verify_jws, verify_jws_detached,
    verify_jws_detached_with, verify_jws_with, verify_with,
};

/// The HMAC key of RFC 7515 Appendix A.1, which RFC 7797 §4 signs with.
fn rfc_key_bytes() -> Vec<u8> {
    let k = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    let mut out = [0u8; 64];
    decode_segment(k, Part::Header, &mut out).unwrap().to_vec()
}

fn rfc_key() -> Key {
    Key::hmac(Algorithm::Hs256, &rfc_key_bytes()).unwrap()
}

/// RFC 7797 §4.2: `{"alg":"HS256","b64":false,"crit":["b64"]}` over `$.02`, detached.
const RFC_UNENCODED_DETACHED: &str =
    "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
/// RFC 7797 §4.1: the same payload with `{"alg":"HS256"}`, base64url-encoded.
const RFC_ENCODED: &str = "eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ";
const RFC_PAYLOAD: &[u8] = b"$.02";
const UNENCODED_HEADER: &[u8] = br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;

#[test]
fn rfc7797_section_4_2_verifies_detached() {
    let key = rfc_key();
    let mut scratch = vec![0u8; detached_scratch_len(RFC_UNENCODED_DETACHED, RFC_PAYLOAD.len())];
    let v = verify_jws_detached(RFC_UNENCODED_DETACHED, RFC_PAYLOAD, &key, &Validation::new(), &mut scratch).unwrap();
    assert_eq!(v.payload(), RFC_PAYLOAD);
    assert_eq!(v.header().json(), r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    // The signature covers the raw payload: another one fails.
    let err = verify_jws_detached(RFC_UNENCODED_DETACHED, b"$.03", &key, &Validation::new(), &mut scratch);
    assert_eq!(err.unwrap_err(), Error::Signature);
    // Through a resolver, as PyJWS's raw secret goes.
    let secret = rfc_key_bytes();
    let v = verify_jws_detached_with(
        RFC_UNENCODED_DETACHED,
        RFC_PAYLOAD,
        &HmacSecret::new(&secret),
        &Validation::new(),
        &mut scratch,
    )
    .unwrap();
    assert_eq!(v.payload(), RFC_PAYLOAD);
}

#[test]
fn rfc7797_signatures_are_reproduced() {
    let key = rfc_key();
    let mut out = [0u8; 256];
    assert_eq!(sign_detached_into(UNENCODED_HEADER, RFC_PAYLOAD, &key, &mut out).unwrap(), RFC_UNENCODED_DETACHED);
    assert_eq!(sign_compact_into(br#"{"alg":"HS256"}"#, RFC_PAYLOAD, &key, &mut out).unwrap(), RFC_ENCODED);
    let detached = sign_detached_into(br#"{"alg":"HS256"}"#, RFC_PAYLOAD, &key, &mut out).unwrap();
    assert_eq!(detached, RFC_ENCODED.replace(".JC4wMg.", ".."));
}

#[test]
fn rfc7797_section_4_1_verifies_detached_and_attached() {
    let key = rfc_key();
    let detached = RFC_ENCODED.replace(".JC4wMg.", "..");
    let mut scratch = [0u8; 128];
    let v = verify_jws_detached(&detached, RFC_PAYLOAD, &key, &Validation::new(), &mut scratch).unwrap();
    assert_eq!(v.payload(), RFC_PAYLOAD);
    assert_eq!(verify_jws(RFC_ENCODED, &key, &Validation::new(), &mut scratch).unwrap().payload(), RFC_PAYLOAD);
    // The detached entry point wants an empty payload segment, and the attached one a non-empty one.
    let err = verify_jws_detached(RFC_ENCODED, RFC_PAYLOAD, &key, &Validation::new(), &mut scratch).unwrap_err();
    assert_eq!(err, Error::Token(TokenError::Segments));
    let err = verify_jws(&detached, &key, &Validation::new(), &mut scratch).unwrap_err();
    assert_eq!(err, Error::Token(TokenError::Segments));
}

#[test]
fn attached_unencoded_payload_round_trips() {
    let key = rfc_key();
    let mut out = [0u8; 256];
    let token = sign_compact_into(UNENCODED_HEADER, b"$02 raw text", &key, &mut out).unwrap().to_owned();
    assert_eq!(token.split('.').nth(1), Some("$02 raw text"));
    let mut scratch = vec![0u8; jws_scratch_len(&token)];
    let v = verify_jws(&token, &key, &Validation::new(), &mut scratch).unwrap();
    assert_eq!(v.payload(), b"$02 raw text");
    let v = verify_jws_with(&token, &HmacSecret::new(&rfc_key_bytes()), &Validation::new(), &mut scratch).unwrap();
    assert_eq!(v.payload(), b"$02 raw text");
    // One byte short of what jws_scratch_len asked for.
    let short = scratch.len() - 1;
    let err = verify_jws(&token, &key, &Validation::new(), &mut scratch[..short]).unwrap_err();
    assert!(matches!(err, Error::BufferTooSmall { .. }), "{err:?}");
    // Tampering with the raw payload breaks the signature.
    let tampered = token.replace("$02", "$03");
    assert_eq!(verify_jws(&tampered, &key, &Validation::new(), &mut scratch).unwrap_err(), Error::Signature);
}

#[test]
fn a_dot_in_an_attached_unencoded_payload_is_refused() {
    let key = rfc_key();
    let mut out = [0u8; 256];
    // RFC 7797 §5.2: it cannot be written...
    let err = sign_compact_into(UNENCODED_HEADER, RFC_PAYLOAD, &key, &mut out).unwrap_err();
    assert_eq!(err, Error::Token(TokenError::Segments));
    assert_eq!(sign_compact_into(UNENCODED_HEADER, b"\xff", &key, &mut out).unwrap_err(), Error::Serialize);
    // ...nor read: the RFC example with its payload put back in has four segments.
    let attached = RFC_UNENCODED_DETACHED.replace("..", ".$.02.");
    let mut scratch = [0u8; 256];
    let err = verify_jws(&attached, &key, &Validation::new(), &mut scratch).unwrap_err();
    assert_eq!(err, Error::Token(TokenError::Segments));
    // Detached, any bytes are fine.
    let token = sign_detached_into(UNENCODED_HEADER, b"a.b\xff", &key, &mut out).unwrap().to_owned();
    assert!(verify_jws_detached(&token, b"a.b\xff", &key, &Validation::new(), &mut scratch).is_ok());
}

#[test]
fn b64_false_must_be_critical() {
    let key = rfc_key();
    let mut out = [0u8; 256];
    let err = sign_detached_into(br#"{"alg":"HS256","b64":false}"#, b"x", &key, &mut out).unwrap_err();
    assert_eq!(err, Error::Header(HeaderError::B64Unsupported));
    // Correct MACs computed independently (Python's hmac) under the RFC key: without `crit` the
    // header is refused before the signature; with it, the same construction verifies.
    let no_crit = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9.abc.b2nKrHespnmQLbauFwesu83tKmSRKD_-7i_PcRPb2Fk";
    let with_crit =
        "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.abc.qcNEMWL5XDGV3SUi26sMTUcR6BvpYGe8fjFpU6p1h7c";
    let mut scratch = [0u8; 256];
    let err = verify_jws(no_crit, &key, &Validation::new(), &mut scratch).unwrap_err();
    assert_eq!(err, Error::Header(HeaderError::B64Unsupported));
    assert_eq!(verify_jws(with_crit, &key, &Validation::new(), &mut scratch).unwrap().payload(), b"abc");
}

#[test]
fn jwt_paths_refuse_unencoded_payloads() {
    // RFC 7797 §7: a JWT's payload is always base64url, even with `b64` critical.
    let key = rfc_key();
    let mut out = [0u8; 256];
    let token = sign_compact_into(UNENCODED_HEADER, br#"{"sub":"x"}"#, &key, &mut out).unwrap().to_owned();
    let mut scratch = vec![0u8; 512];
    let now = Duration::from_secs(1_700_000_000);
    let refused = Error::Header(HeaderError::B64Unsupported);
    assert_eq!(verify(&token, &key, &Validation::new(), now, &mut scratch).unwrap_err(), refused);
    let secret = rfc_key_bytes();
    assert_eq!(
        verify_with(&token, &HmacSecret::new(&secret), &Validation::new(), now, &mut scratch).unwrap_err(),
        refused
    );
    let es = Key::es256_private(&[7; 32]).unwrap();
    let es_token = sign_compact_into(br#"{"alg":"ES256","b64":false,"crit":["b64"]}"#, br#"{}"#, &es, &mut out)
        .unwrap()
        .to_owned();
    let err = verify_external(&es_token, &es.to_public().unwrap(), &Validation::new(), &mut scratch).unwrap_err();
    assert_eq!(err, refused);
    // While the JWS path takes the same token.
    assert_eq!(verify_jws(&token, &key, &Validation::new(), &mut scratch).unwrap().payload(), br#"{"sub":"x"}"#);
}

#[test]
fn detached_scratch_len_is_enough_and_needed() {
    let key = Key::ed25519_private(&[3; 32]).unwrap();
    let payload = vec![0x5au8; 301];
    for header in [&br#"{"alg":"EdDSA"}"#[..], br#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#] {
        let mut out = vec![0u8; 1024];
        let token = sign_detached_into(header, &payload, &key, &mut out).unwrap().to_owned();
        let pubkey = key.to_public().unwrap();
        let need = detached_scratch_len(&token, payload.len());
        let mut scratch = vec![0u8; need];
        assert!(verify_jws_detached(&token, &payload, &pubkey, &Validation::new(), &mut scratch).is_ok());
        let err = verify_jws_detached(&token, &payload, &pubkey, &Validation::new(), &mut scratch[..need - 1]);
        assert!(matches!(err, Err(Error::BufferTooSmall { .. })), "{err:?}");
    }
}
