//! The two-phase verification (`verify_external`): every check but the arithmetic in phase one,
//! claims sealed until the external verdict, and the same final verdict as `verify` when the
//! "platform" is honest. The platform is played by p256 itself here.

use core::time::Duration;

use jwtcore::{
    Algorithm, EncodeHeader, Error, HeaderError, Key, KeyError, Validation, encode_into, sign_compact_into,
    sign_detached_into, verify, verify_external, verify_jws, verify_jws_detached, verify_jws_detached_external,
    verify_jws_external,
};
use p256::ecdsa::signature::Verifier as _;

#[derive(serde::Serialize)]
struct Claims<'a> {
    sub: &'a str,
    exp: u64,
}

const NOW: Duration = Duration::from_secs(1_700_000_000);

fn es256_token(exp: u64) -> (String, Key) {
    let key = Key::es256_private(&[7; 32]).unwrap();
    let mut out = [0u8; 512];
    let t = encode_into(&EncodeHeader::new(), &Claims { sub: "alice", exp }, &key, &mut out).unwrap().to_owned();
    (t, key.to_public().unwrap())
}

/// The honest platform: p256's own verification of what phase one hands out.
fn platform(pending: &jwtcore::ExternalSignature<'_, '_, '_, '_>) -> bool {
    let vk = p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap();
    let vk = p256::ecdsa::VerifyingKey::from(&vk);
    let sig = p256::ecdsa::Signature::from_slice(pending.signature()).unwrap();
    vk.verify(pending.signing_input(), &sig).is_ok()
}

#[test]
fn honest_platform_gives_the_same_verdicts_as_verify() {
    let (good, key) = es256_token(2_000_000_000);
    let (expired, _) = es256_token(1_600_000_000);
    let mut tampered = good.clone().into_bytes();
    let i = tampered.len() - 10;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let v = Validation::new();
    for token in [&good, &expired, &tampered] {
        let mut a = [0u8; 512];
        let direct = verify(token, &key, &v, NOW, &mut a).map(|t| t.payload_json().to_owned());
        let mut b = [0u8; 512];
        let two_phase = verify_external(token, &key, &v, &mut b).and_then(|p| {
            let ok = platform(&p);
            p.finish(ok, NOW).map(|t| t.payload_json().to_owned())
        });
        assert_eq!(direct, two_phase, "{token}");
    }
}

#[test]
fn a_false_verdict_is_a_signature_error_before_the_claims() {
    let (good, key) = es256_token(1_600_000_000); // expired: would be a claim error if read
    let mut b = [0u8; 512];
    let v = Validation::new();
    let p = verify_external(&good, &key, &v, &mut b).unwrap();
    assert_eq!(p.algorithm(), Algorithm::Es256);
    assert!(good.as_bytes().starts_with(p.signing_input()));
    assert_eq!(p.signature().len(), 64);
    assert_eq!(p.finish(false, NOW).unwrap_err(), Error::Signature);
}

#[test]
fn phase_one_runs_the_key_binding_and_shape_checks() {
    let (good, key) = es256_token(2_000_000_000);
    let v = Validation::new();
    let mut b = [0u8; 512];
    // r = s = 0 ("psychic signature") never reaches the platform.
    let zero = format!("{}.{}", good.rsplit_once('.').unwrap().0, "A".repeat(86));
    assert_eq!(verify_external(&zero, &key, &v, &mut b).unwrap_err(), Error::Signature);
    // A signature of the wrong length neither.
    let short = format!("{}.{}", good.rsplit_once('.').unwrap().0, "AQID");
    assert_eq!(verify_external(&short, &key, &v, &mut b).unwrap_err(), Error::Signature);
    // An Ed25519 key for an ES256 token: the key decides the algorithm.
    let ed = Key::ed25519_private(&[1; 32]).unwrap().to_public().unwrap();
    assert_eq!(verify_external(&good, &ed, &v, &mut b).unwrap_err(), Error::Header(HeaderError::AlgKeyMismatch));
    // HMAC is never delegated.
    let hs = Key::hmac(Algorithm::Hs256, &[9; 32]).unwrap();
    let mut out = [0u8; 512];
    let ht = encode_into(&EncodeHeader::new(), &Claims { sub: "a", exp: 2_000_000_000 }, &hs, &mut out).unwrap();
    assert_eq!(verify_external(ht, &hs, &v, &mut b).unwrap_err(), Error::Key(KeyError::Unsupported));
    // The allow-list applies.
    let only_hs = [Algorithm::Hs256];
    let v2 = Validation::new().algorithms(&only_hs);
    assert!(matches!(verify_external(&good, &key, &v2, &mut b).unwrap_err(), Error::Header(_)));
}

/// Ed25519 goes through the same two phases, with dalek's plain `verify`
/// standing in for the platform: same verdicts as `verify`, and phase one
/// itself refuses `S + L` (the malleated twin of a valid signature), so a
/// platform that does not check `S` is never asked about it. The full
/// comparison is in `keys::ed25519_precheck`'s tests.
#[test]
fn ed25519_phase_one_decides_what_the_platform_might_not() {
    use ed25519_dalek::Verifier as _;
    let sk = Key::ed25519_private(&[4; 32]).unwrap();
    let key = sk.to_public().unwrap();
    let mut out = [0u8; 512];
    let good = encode_into(&EncodeHeader::new(), &Claims { sub: "eve", exp: 2_000_000_000 }, &sk, &mut out)
        .unwrap()
        .to_owned();
    let (input, sig_b64) = good.rsplit_once('.').unwrap();
    let mut sig = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, sig_b64).unwrap();
    // S + L, little-endian, with carry (S < L < 2^253, so it fits).
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (i, l) in L.iter().enumerate() {
        let v = u16::from(sig[32 + i]) + u16::from(*l) + carry;
        sig[32 + i] = v as u8;
        carry = v >> 8;
    }
    let malleated =
        format!("{input}.{}", base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &sig));
    let v = Validation::new();
    for token in [&good, &malleated] {
        let mut a = [0u8; 512];
        let direct = verify(token, &key, &v, NOW, &mut a).map(|t| t.payload_json().to_owned());
        let mut b = [0u8; 512];
        let two_phase = verify_external(token, &key, &v, &mut b).and_then(|p| {
            assert_eq!(p.algorithm(), Algorithm::EdDsa);
            let pk = ed25519_dalek::SigningKey::from_bytes(&[4; 32]).verifying_key();
            let sig = ed25519_dalek::Signature::from_slice(p.signature()).unwrap();
            let ok = pk.verify(p.signing_input(), &sig).is_ok();
            p.finish(ok, NOW).map(|t| t.payload_json().to_owned())
        });
        assert_eq!(direct, two_phase, "{token}");
    }
    let mut b = [0u8; 512];
    assert_eq!(verify_external(&malleated, &key, &v, &mut b).unwrap_err(), Error::Signature);
}

/// The honest platform for a JWS phase one (same key as [`platform`]).
fn jws_platform(pending: &jwtcore::PlatformJws<'_, '_>) -> bool {
    let vk = p256::ecdsa::VerifyingKey::from(&p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap());
    let sig = p256::ecdsa::Signature::from_slice(pending.signature()).unwrap();
    vk.verify(pending.signing_input(), &sig).is_ok()
}

/// A JWS with any payload through the two phases (`verify_jws_external`, the npm package's default
/// build): the same verdict and error as `verify_jws` for a valid, a tampered, a wrong-key and a
/// disallowed token, attached and detached (RFC 7797 unencoded too).
#[test]
fn jws_two_phase_gives_the_same_verdicts_as_verify_jws() {
    let private = Key::es256_private(&[7; 32]).unwrap();
    let key = private.to_public().unwrap();
    let mut out = [0u8; 512];
    let good = sign_compact_into(br#"{"alg":"ES256"}"#, b"\x00\xffnot JSON", &private, &mut out).unwrap().to_owned();
    let mut tampered = good.clone().into_bytes();
    tampered[20] = if tampered[20] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let zero = format!("{}.{}", good.rsplit_once('.').unwrap().0, "A".repeat(86));
    let ed = Key::ed25519_private(&[1; 32]).unwrap().to_public().unwrap();
    let only_rs = [Algorithm::Rs256];
    let strict = Validation::new().algorithms(&only_rs);
    let plain = Validation::new();
    let cases = [
        (&good, &key, &plain),
        (&tampered, &key, &plain),
        (&zero, &key, &plain),
        (&good, &ed, &plain),
        (&good, &key, &strict),
    ];
    for (token, k, v) in cases {
        let mut a = [0u8; 512];
        let direct = verify_jws(token, k, v, &mut a).map(|j| j.payload().to_vec());
        let mut b = [0u8; 512];
        let two_phase = verify_jws_external(token, k, v, &mut b).and_then(|p| {
            let ok = jws_platform(&p);
            p.finish(ok).map(|j| j.payload().to_vec())
        });
        assert_eq!(direct, two_phase, "{token}");
    }
    let mut b = [0u8; 512];
    assert_eq!(
        verify_jws_external(&good, &key, &plain, &mut b).unwrap().finish(true).unwrap().payload(),
        b"\x00\xffnot JSON"
    );

    // Detached, unencoded: the signing input is assembled from the payload given.
    let header = br#"{"alg":"ES256","b64":false,"crit":["b64"]}"#;
    let detached = sign_detached_into(header, b"$.02", &private, &mut out).unwrap().to_owned();
    for payload in [&b"$.02"[..], b"$.03"] {
        let mut a = [0u8; 512];
        let direct = verify_jws_detached(&detached, payload, &key, &plain, &mut a).map(|j| j.payload().to_vec());
        let mut b = [0u8; 512];
        let two_phase = verify_jws_detached_external(&detached, payload, &key, &plain, &mut b).and_then(|p| {
            let ok = jws_platform(&p);
            p.finish(ok).map(|j| j.payload().to_vec())
        });
        assert_eq!(direct, two_phase);
    }
    // HMAC is never delegated, as for a JWT.
    let hs = Key::hmac(Algorithm::Hs256, &[9; 32]).unwrap();
    let ht = sign_compact_into(br#"{"alg":"HS256"}"#, b"x", &hs, &mut out).unwrap().to_owned();
    assert_eq!(verify_jws_external(&ht, &hs, &plain, &mut b).unwrap_err(), Error::Key(KeyError::Unsupported));
}
