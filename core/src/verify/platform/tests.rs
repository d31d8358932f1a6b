//! The platform-key two-phase verify, with the core's own arithmetic standing
//! in for the platform: the same verdicts as `verify`, and every refusal made
//! before the platform is asked.

use core::time::Duration;

use super::*;
use crate::{EncodeHeader, HeaderError, Key, KeyError, encode_into, sign_compact_into, verify};

const NOW: Duration = Duration::from_secs(1_700_000_000);

#[derive(serde::Serialize)]
struct Claims {
    sub: &'static str,
    exp: u64,
}

fn token<'o>(key: &Key, out: &'o mut [u8]) -> &'o str {
    encode_into(&EncodeHeader::new(), &Claims { sub: "alice", exp: 2_000_000_000 }, key, out).unwrap()
}

fn node(t: &str, kind: Option<&str>, curve: Option<&str>, secret_len: Option<u32>, ed: Option<&[u8]>) -> PlatformKey {
    PlatformKey::from_node(t, kind, curve, None, None, secret_len, ed).unwrap()
}

// Compares with the core's own P-256 verify.
#[cfg(feature = "p256")]
#[test]
fn es256_agrees_with_verify() {
    let key = Key::es256_private(&[7; 32]).unwrap();
    let public = key.to_public().unwrap();
    let held = node("public", Some("ec"), Some("prime256v1"), None, None);
    let mut out = [0u8; 512];
    let t = token(&key, &mut out);
    let v = Validation::new();
    let mut a = [0u8; 256];
    let pending = verify_platform(t, &held, &v, &mut a).unwrap();
    let ok = public.verify(pending.signing_input(), pending.signature()).is_ok();
    let mine = pending.finish(ok, NOW).unwrap();
    let mut b = [0u8; 256];
    let theirs = verify(t, &public, &v, NOW, &mut b).unwrap();
    assert_eq!(mine.payload_json(), theirs.payload_json());
    // A flipped signature byte: the platform says no, nothing is decoded.
    let mut forged = std::string::String::from(t);
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let mut c = [0u8; 256];
    match verify_platform(&forged, &held, &v, &mut c) {
        Ok(p) => {
            let ok = public.verify(p.signing_input(), p.signature()).is_ok();
            assert_eq!(p.finish(ok, NOW).unwrap_err(), Error::Signature);
        }
        Err(e) => assert!(matches!(e, Error::Signature | Error::Token(_)), "{e:?}"),
    }
}

// Uses a private P-256 key.
#[cfg(feature = "p256")]
#[test]
fn wrong_family_and_curve_are_refused_before_the_platform() {
    let key = Key::es256_private(&[7; 32]).unwrap();
    let mut out = [0u8; 512];
    let t = token(&key, &mut out);
    let v = Validation::new();
    let mut buf = [0u8; 256];
    for held in [
        node("public", Some("ec"), Some("secp384r1"), None, None),
        node("public", Some("ed25519"), None, None, Some(&[9; 32])),
        node("secret", None, None, Some(64), None),
        PlatformKey::from_node("public", Some("rsa"), None, Some(2048), None, None, None).unwrap(),
    ] {
        let err = verify_platform(t, &held, &v, &mut buf).unwrap_err();
        assert_eq!(err, Error::Header(HeaderError::AlgKeyMismatch), "{held:?}");
    }
    let no_verify = PlatformKey::from_webcrypto("public", "ECDSA", Some("P-256"), None, None, None, &[], None).unwrap();
    assert_eq!(verify_platform(t, &no_verify, &v, &mut buf).unwrap_err(), Error::Key(KeyError::UseForbidden));
    // The allow-list comes first, as in `verify`.
    let only_eddsa = Validation::new().algorithms(&[Algorithm::EdDsa]);
    let held = node("public", Some("ec"), Some("P-256"), None, None);
    assert_eq!(
        verify_platform(t, &held, &only_eddsa, &mut buf).unwrap_err(),
        Error::Header(HeaderError::AlgNotAllowed)
    );
}

#[test]
fn hmac_mac_is_compared_in_the_core() {
    let secret = [5u8; 48];
    let key = Key::hmac(Algorithm::Hs384, &secret).unwrap();
    let mut out = [0u8; 512];
    let t = token(&key, &mut out);
    let held = node("secret", None, None, Some(48), None);
    // A 32-byte secret is too short for HS384: not one of its algorithms.
    let short = node("secret", None, None, Some(32), None);
    let v = Validation::new();
    let mut buf = [0u8; 256];
    assert_eq!(verify_platform(t, &short, &v, &mut buf).unwrap_err(), Error::Header(HeaderError::AlgKeyMismatch));
    let pending = verify_platform(t, &held, &v, &mut buf).unwrap();
    let mut mac = [0u8; crate::keys::MAX_SIG_LEN];
    let n = key.sign(pending.signing_input(), &mut mac).unwrap();
    let good = mac[..n].to_vec();
    assert_eq!(pending.finish_mac(&good, NOW).unwrap().claims().sub, Some("alice"));
    let mut bad = good.clone();
    bad[0] ^= 1;
    let pending = verify_platform(t, &held, &v, &mut buf).unwrap();
    assert_eq!(pending.finish_mac(&bad, NOW).unwrap_err(), Error::Signature);
    let pending = verify_platform(t, &held, &v, &mut buf).unwrap();
    assert_eq!(pending.finish_mac(&good[..47], NOW).unwrap_err(), Error::Signature);
}

// Signs with Ed25519 in the core.
#[cfg(feature = "ed25519")]
#[test]
fn ed25519_precheck_applies() {
    let key = Key::ed25519_private(&[3; 32]).unwrap();
    let raw = ed25519_dalek::SigningKey::from_bytes(&[3; 32]).verifying_key().to_bytes();
    let held = node("public", Some("ed25519"), None, None, Some(&raw));
    let mut out = [0u8; 512];
    let t = token(&key, &mut out);
    let v = Validation::new();
    let mut buf = [0u8; 256];
    assert!(verify_platform(t, &held, &v, &mut buf).is_ok());
    // S + L: the same equation holds, verify_strict refuses; so must the pre-check.
    let (signed, sig_b64) = t.rsplit_once('.').unwrap();
    let mut sig = [0u8; 64];
    crate::b64::decode(sig_b64.as_bytes(), &mut sig).unwrap();
    let l = [
        0xedu8, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let v = u16::from(sig[32 + i]) + u16::from(l[i]) + carry;
        sig[32 + i] = v as u8;
        carry = v >> 8;
    }
    let mut enc = [0u8; 128];
    let n = crate::b64::encode_to(&sig, &mut enc).unwrap();
    let forged = std::format!("{signed}.{}", core::str::from_utf8(&enc[..n]).unwrap());
    assert_eq!(verify_platform(&forged, &held, &v, &mut buf).unwrap_err(), Error::Signature);
}

#[test]
fn jws_attached_and_detached() {
    let key = Key::hmac(Algorithm::Hs256, &[1; 32]).unwrap();
    let held = PlatformKey::from_webcrypto("secret", "HMAC", None, Some("SHA-256"), None, Some(256), &["verify"], None)
        .unwrap();
    let mut out = [0u8; 256];
    let jws = sign_compact_into(br#"{"alg":"HS256"}"#, b"\x00\xffbytes", &key, &mut out).unwrap();
    let mut buf = [0u8; 128];
    let pending = verify_jws_platform(jws, &held, &Validation::new(), &mut buf).unwrap();
    let mut mac = [0u8; crate::keys::MAX_SIG_LEN];
    let n = key.sign(pending.signing_input(), &mut mac).unwrap();
    assert_eq!(pending.finish_mac(&mac[..n]).unwrap().payload(), b"\x00\xffbytes");
    let pending = verify_jws_platform(jws, &held, &Validation::new(), &mut buf).unwrap();
    assert_eq!(pending.finish(false).unwrap_err(), Error::Signature);

    let mut out = [0u8; 256];
    let header = br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    let detached = crate::sign_detached_into(header, b"$.02", &key, &mut out).unwrap();
    let mut buf = [0u8; 256];
    let pending = verify_jws_detached_platform(detached, b"$.02", &held, &Validation::new(), &mut buf).unwrap();
    let n = key.sign(pending.signing_input(), &mut mac).unwrap();
    let v = pending.finish_mac(&mac[..n]).unwrap();
    assert_eq!(v.payload(), b"$.02");
    assert_eq!(v.header().alg(), Algorithm::Hs256);
    // `crit` is still enforced: an unknown extension is refused in phase one.
    let mut out = [0u8; 256];
    let with_crit = sign_compact_into(br#"{"alg":"HS256","crit":["x"],"x":1}"#, b"p", &key, &mut out);
    if let Ok(t) = with_crit {
        let err = verify_jws_platform(t, &held, &Validation::new(), &mut buf).unwrap_err();
        assert!(matches!(err, Error::Header(_)), "{err:?}");
    }
}

/// The raw-secret two-phase verify against `verify_with` with the same
/// `HmacSecret`: one verdict (and error) per case, the MAC computed by the
/// core's own HMAC standing in for the platform's.
// One of its tokens is signed with a P-256 key.
#[cfg(feature = "p256")]
#[test]
fn raw_secret_agrees_with_verify_with() {
    use std::borrow::ToOwned as _;

    use crate::AlgorithmSet;
    use crate::keys::HmacSecret;
    use crate::verify_with;
    let good = [9u8; 64];
    let pem = b"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";
    let es = Key::es256_private(&[7; 32]).unwrap();
    let mut tokens = std::vec::Vec::new();
    for alg in [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512] {
        let mut out = [0u8; 512];
        let t = token(&Key::hmac(alg, &good).unwrap(), &mut out).to_owned();
        let mut forged = t.clone();
        forged.replace_range(forged.len() - 2.., "AA");
        tokens.extend([t, forged]);
    }
    let mut out = [0u8; 512];
    tokens.push(token(&es, &mut out).to_owned());
    tokens.push("not.a.token".to_owned());
    let hs256_512 = [Algorithm::Hs256, Algorithm::Hs512];
    let validations = [Validation::new(), Validation::new().algorithms(&hs256_512)];
    let secrets: [&[u8]; 5] = [&good, &good[..32], &good[..10], &[], pem];
    for t in &tokens {
        for (vi, v) in validations.iter().enumerate() {
            for s in secrets {
                let secret = if vi == 1 {
                    HmacSecret::new(s).within(AlgorithmSet::from_slice(&hs256_512))
                } else {
                    HmacSecret::new(s)
                };
                let mut b1 = [0u8; 512];
                let want = verify_with(t, &secret, v, NOW, &mut b1).map(|ok| ok.payload_json().to_owned());
                let mut b2 = [0u8; 512];
                let got = verify_secret_platform(t, &secret, v, &mut b2).and_then(|p| {
                    let mut mac = [0u8; crate::keys::MAX_SIG_LEN];
                    let n = Key::hmac_allowing_short_secret(p.algorithm(), s)
                        .and_then(|k| k.sign(p.signing_input(), &mut mac))
                        .unwrap_or(0);
                    let mac = mac[..n].to_vec();
                    p.finish_mac(&mac, NOW).map(|ok| ok.payload_json().to_owned())
                });
                assert_eq!(got, want, "token {t}, secret of {} bytes, validation {vi}", s.len());
            }
        }
    }
}
