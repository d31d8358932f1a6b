//! The platform-key description: which algorithms each key the platforms
//! report may serve, and the signature shapes, checked against the core's own
//! keys and RustCrypto's range checks.

use super::*;

fn web(
    t: &str,
    name: &str,
    curve: Option<&str>,
    hash: Option<&str>,
    bits: Option<u32>,
    len: Option<u32>,
) -> Result<PlatformKey, Error> {
    PlatformKey::from_webcrypto(t, name, curve, hash, bits, len, &["sign", "verify"], Some(&[9; 32]))
}

/// A WebCrypto key's algorithm name, curve, hash and modulus length, and the one JWS algorithm it serves.
type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<u32>, Algorithm);

#[test]
fn the_key_decides_the_family() {
    let cases: [Case<'_>; 9] = [
        ("ECDSA", Some("P-256"), None, None, Algorithm::Es256),
        ("ECDSA", Some("P-384"), None, None, Algorithm::Es384),
        ("ECDSA", Some("P-521"), None, None, Algorithm::Es512),
        ("RSASSA-PKCS1-v1_5", None, Some("SHA-256"), Some(2048), Algorithm::Rs256),
        ("RSASSA-PKCS1-v1_5", None, Some("SHA-512"), Some(4096), Algorithm::Rs512),
        ("RSA-PSS", None, Some("SHA-384"), Some(3072), Algorithm::Ps384),
        ("RSA-PSS", None, Some("SHA-256"), Some(2048), Algorithm::Ps256),
        ("Ed25519", None, None, None, Algorithm::EdDsa),
        ("ECDSA", Some("P-256"), Some("SHA-512"), None, Algorithm::Es256),
    ];
    for (name, curve, hash, bits, alg) in cases {
        let key = web("public", name, curve, hash, bits, None).unwrap();
        assert_eq!(key.algorithms(), AlgorithmSet::EMPTY.with(alg), "{name} {curve:?} {hash:?}");
        for other in Algorithm::ALL {
            let bound = key.check_verify_binding(other, true);
            assert_eq!(bound.is_ok(), other == alg, "{name} {other:?}");
        }
    }
    let hs = web("secret", "HMAC", None, Some("SHA-384"), None, Some(384)).unwrap();
    assert_eq!(hs.algorithms(), AlgorithmSet::EMPTY.with(Algorithm::Hs384));
    assert_eq!(hs.check_verify_binding(Algorithm::Rs256, true), Err(Error::Header(HeaderError::AlgKeyMismatch)));
}

#[test]
fn refusals_match_the_cores() {
    let e = |r: Result<PlatformKey, Error>| r.unwrap_err();
    assert_eq!(e(web("public", "RSA-PSS", None, Some("SHA-256"), Some(2047), None)), Error::Key(KeyError::TooSmall));
    assert_eq!(e(web("public", "RSA-PSS", None, Some("SHA-256"), Some(8193), None)), Error::Key(KeyError::Unsupported));
    assert_eq!(e(web("public", "RSA-PSS", None, Some("SHA-1"), Some(2048), None)), Error::Key(KeyError::Unsupported));
    assert_eq!(e(web("public", "ECDSA", Some("P-192"), None, None, None)), Error::Key(KeyError::Unsupported));
    assert_eq!(e(web("public", "ECDH", Some("P-256"), None, None, None)), Error::Key(KeyError::Unsupported));
    assert_eq!(e(web("secret", "AES-GCM", None, None, None, Some(256))), Error::Key(KeyError::Unsupported));
    assert_eq!(e(web("public", "HMAC", None, Some("SHA-256"), None, Some(256))), Error::Key(KeyError::Invalid));
    assert_eq!(e(web("secret", "HMAC", None, Some("SHA-512"), None, Some(504))), Error::Key(KeyError::Weak));
    assert_eq!(e(web("secret", "ECDSA", Some("P-256"), None, None, None)), Error::Key(KeyError::Invalid));
    assert_eq!(e(web("weird", "ECDSA", Some("P-256"), None, None, None)), Error::Key(KeyError::Invalid));
    // The Ed25519 small-order keys the core refuses at import.
    let identity = {
        let mut b = [0u8; 32];
        b[0] = 1;
        b
    };
    let small = PlatformKey::from_webcrypto("public", "Ed25519", None, None, None, None, &["verify"], Some(&identity));
    assert_eq!(small.unwrap_err(), Error::Key(KeyError::Invalid));
    let hidden = PlatformKey::from_webcrypto("public", "Ed25519", None, None, None, None, &["verify"], None);
    assert_eq!(hidden.unwrap_err(), Error::Key(KeyError::Unsupported));
    // A private one signs without showing its public half.
    assert!(PlatformKey::from_webcrypto("private", "Ed25519", None, None, None, None, &["sign"], None).is_ok());
    #[cfg(feature = "rsa")]
    assert_eq!((PLATFORM_MIN_RSA_BITS, PLATFORM_MAX_RSA_BITS), (crate::keys::MIN_RSA_BITS, crate::keys::MAX_RSA_BITS));
}

#[test]
fn usages_and_type_decide_the_operations() {
    let verify_only =
        PlatformKey::from_webcrypto("private", "ECDSA", Some("P-256"), None, None, None, &["verify"], None).unwrap();
    assert_eq!(verify_only.check_sign_binding(Algorithm::Es256), Err(Error::Key(KeyError::UseForbidden)));
    let sign_only =
        PlatformKey::from_webcrypto("public", "ECDSA", Some("P-256"), None, None, None, &["sign"], None).unwrap();
    assert_eq!(sign_only.check_verify_binding(Algorithm::Es256, false), Err(Error::Key(KeyError::UseForbidden)));
    assert_eq!(sign_only.check_sign_binding(Algorithm::Es256), Err(Error::Key(KeyError::NotPrivate)));
    let public = PlatformKey::from_node("public", Some("ec"), Some("P-256"), None, None, None, None).unwrap();
    assert_eq!(public.check_sign_binding(Algorithm::Es256), Err(Error::Key(KeyError::NotPrivate)));
    assert!(public.check_verify_binding(Algorithm::Es256, false).is_ok());
}

#[test]
fn node_key_objects() {
    let rsa = PlatformKey::from_node("public", Some("rsa"), None, Some(2048), None, None, None).unwrap();
    // RS256 by default; the other RSA algorithms only when the allow-list names them.
    assert!(rsa.check_verify_binding(Algorithm::Rs256, false).is_ok());
    assert_eq!(rsa.check_verify_binding(Algorithm::Ps256, false), Err(Error::Header(HeaderError::AlgKeyMismatch)));
    assert!(rsa.check_verify_binding(Algorithm::Ps512, true).is_ok());
    assert_eq!(rsa.check_verify_binding(Algorithm::Es256, true), Err(Error::Header(HeaderError::AlgKeyMismatch)));
    let pss = PlatformKey::from_node("private", Some("rsa-pss"), None, Some(2048), Some("sha384"), None, None).unwrap();
    assert_eq!(pss.algorithms(), AlgorithmSet::EMPTY.with(Algorithm::Ps384));
    let any_pss = PlatformKey::from_node("private", Some("rsa-pss"), None, Some(2048), None, None, None).unwrap();
    assert!(any_pss.check_sign_binding(Algorithm::Ps512).is_ok());
    assert_eq!(any_pss.check_sign_binding(Algorithm::Rs256), Err(Error::Header(HeaderError::AlgKeyMismatch)));
    let k1 = PlatformKey::from_node("public", Some("ec"), Some("secp256k1"), None, None, None, None).unwrap();
    assert_eq!(k1.algorithm(), Algorithm::Es256k);
    // A secret serves the HMAC algorithms its length allows, the shortest first.
    let s = PlatformKey::from_node("secret", None, None, None, None, Some(64), None).unwrap();
    assert_eq!(s.algorithms(), AlgorithmSet::from_slice(&[Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512]));
    assert_eq!(s.algorithm(), Algorithm::Hs256);
    assert!(s.check_verify_binding(Algorithm::Hs512, false).is_ok(), "one family: no allow-list needed");
    assert!(s.check_verify_binding(Algorithm::Es256, true).is_err());
    assert_eq!(
        PlatformKey::from_node("secret", None, None, None, None, Some(31), None).unwrap_err(),
        Error::Key(KeyError::Weak)
    );
    let e = |r: Result<PlatformKey, Error>| r.unwrap_err();
    assert_eq!(
        e(PlatformKey::from_node("public", Some("x25519"), None, None, None, None, None)),
        Error::Key(KeyError::Unsupported)
    );
    assert_eq!(
        e(PlatformKey::from_node("public", Some("dsa"), None, Some(2048), None, None, None)),
        Error::Key(KeyError::Unsupported)
    );
    assert_eq!(
        e(PlatformKey::from_node("public", Some("rsa"), None, Some(1024), None, None, None)),
        Error::Key(KeyError::TooSmall)
    );
    assert_eq!(e(PlatformKey::from_node("public", None, None, None, None, None, None)), Error::Key(KeyError::Invalid));
}

fn hex(s: &str) -> std::vec::Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn ecdsa_shapes_at_the_edges() {
    for alg in [Algorithm::Es256, Algorithm::Es384, Algorithm::Es512, Algorithm::Es256k] {
        let n = ecdsa_range::order(alg).unwrap().to_vec();
        let half = alg.signature_len() / 2;
        assert_eq!(n.len(), half, "{alg:?}");
        let mut one = std::vec![0u8; half];
        *one.last_mut().unwrap() = 1;
        let mut n_minus_1 = n.clone();
        *n_minus_1.last_mut().unwrap() -= 1;
        let zero = std::vec![0u8; half];
        let join = |r: &[u8], s: &[u8]| [r, s].concat();
        assert!(ecdsa_range::signature_in_range(alg, &join(&one, &one)));
        assert!(ecdsa_range::signature_in_range(alg, &join(&n_minus_1, &n_minus_1)));
        assert!(!ecdsa_range::signature_in_range(alg, &join(&zero, &zero)), "psychic signature");
        assert!(!ecdsa_range::signature_in_range(alg, &join(&one, &zero)));
        assert!(!ecdsa_range::signature_in_range(alg, &join(&n, &one)));
        assert!(!ecdsa_range::signature_in_range(alg, &join(&one, &n)));
        assert!(!ecdsa_range::signature_in_range(alg, &join(&one, &one)[1..]), "one byte short");
        assert!(!ecdsa_range::signature_in_range(alg, &[join(&one, &one), std::vec![0]].concat()), "one byte long");
    }
}

/// The edges above, checked against RustCrypto's own `Signature::from_slice`
/// range check for every curve whose crate is built in (P-256 always: it is
/// a dev-dependency), so a mistyped order constant cannot pass.
#[test]
fn orders_agree_with_rustcrypto() {
    fn edges(alg: Algorithm) -> std::vec::Vec<std::vec::Vec<u8>> {
        let n = ecdsa_range::order(alg).unwrap().to_vec();
        let half = n.len();
        let mut out = std::vec::Vec::new();
        for delta in [-2i16, -1, 0, 1] {
            let mut v = n.clone();
            // n + delta on the last byte (no order here ends in 0x00, 0x01, 0xfe or 0xff).
            let last = v.last_mut().unwrap();
            *last = (i16::from(*last) + delta) as u8;
            let mut one = std::vec![0u8; half];
            *one.last_mut().unwrap() = 1;
            out.push([v.clone(), one.clone()].concat());
            out.push([one, v].concat());
        }
        out
    }
    let check = |alg: Algorithm, rustcrypto: &dyn Fn(&[u8]) -> bool| {
        for sig in edges(alg) {
            assert_eq!(ecdsa_range::signature_in_range(alg, &sig), rustcrypto(&sig), "{alg:?} {sig:02x?}");
        }
    };
    check(Algorithm::Es256, &|s| p256::ecdsa::Signature::from_slice(s).is_ok());
    #[cfg(feature = "es384")]
    check(Algorithm::Es384, &|s| p384::ecdsa::Signature::from_slice(s).is_ok());
    #[cfg(feature = "es512")]
    check(Algorithm::Es512, &|s| p521::ecdsa::Signature::from_slice(s).is_ok());
    #[cfg(feature = "es256k")]
    check(Algorithm::Es256k, &|s| k256::ecdsa::Signature::from_slice(s).is_ok());
}

#[test]
fn rsa_hmac_and_ed25519_shapes() {
    let rsa = web("public", "RSASSA-PKCS1-v1_5", None, Some("SHA-256"), Some(2049), None).unwrap();
    assert!(rsa.check_shape(Algorithm::Rs256, &[1; 257], true).is_ok(), "2049 bits: 257 bytes");
    assert_eq!(rsa.check_shape(Algorithm::Rs256, &[1; 256], true), Err(Error::Signature));
    let hs = web("secret", "HMAC", None, Some("SHA-256"), None, Some(256)).unwrap();
    assert!(hs.check_shape(Algorithm::Hs256, &[0; 32], true).is_ok());
    assert_eq!(hs.check_shape(Algorithm::Hs256, &[0; 31], true), Err(Error::Signature));
    let ed = web("public", "Ed25519", None, None, None, None).unwrap();
    let mut sig = [0u8; 64];
    sig[0] = 0x58; // R: the base point's y starts 0x58, 0x66 ... (not small order)
    sig[1] = 0x66;
    assert!(ed.check_shape(Algorithm::EdDsa, &sig, true).is_ok());
    let mut s_is_l = sig;
    // L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    s_is_l[32..].copy_from_slice(&hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"));
    assert_eq!(ed.check_shape(Algorithm::EdDsa, &s_is_l, true), Err(Error::Signature), "S = L");
    let mut small_r = sig;
    small_r[..32].copy_from_slice(&[0; 32]);
    assert_eq!(ed.check_shape(Algorithm::EdDsa, &small_r, true), Err(Error::Signature), "small-order R");
    assert_eq!(ed.check_shape(Algorithm::EdDsa, &sig[..63], false), Err(Error::Signature));
    // A signature for another family is a mismatch, not a shape question.
    assert_eq!(ed.check_shape(Algorithm::Es256, &[1; 64], true), Err(Error::Header(HeaderError::AlgKeyMismatch)));
}
