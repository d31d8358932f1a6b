//! `make ct`: Welch's t-test on the timing of two input classes, per target
//! (dudect, Reparaz–Balasch–Verbauwhede 2017, via `dudect-bencher`).
//!
//! Each target times a secret comparison on two classes that a timing leak
//! would tell apart (equal vs. differing at the first byte). A negative
//! control — an early-exit `==` on 1 KiB slices — must show a large |t|, or
//! the harness is blind on this machine. `scripts/ct.sh` parses the output
//! and applies the thresholds (|t| < 4.5 for targets, > 4.5 for the control).

use dudect_bencher::rand::{Rng, RngExt};
use dudect_bencher::{BenchRng, Class, CtRunner, ctbench_main_with_seeds};
use jwtcore::session::{
    KeyRing, MacKey, Presented, RefreshConfig, SessionId, ct_eq, sign_cookie, start, verify_cookie,
};
use std::hint::black_box;
use subtle::ConstantTimeEq;

const SAMPLES: usize = 200_000;

fn classes(rng: &mut BenchRng) -> Vec<Class> {
    (0..SAMPLES).map(|_| if rng.random::<bool>() { Class::Left } else { Class::Right }).collect()
}

fn random32(rng: &mut BenchRng) -> [u8; 32] {
    let mut b = [0u8; 32];
    rng.fill_bytes(&mut b);
    b
}

/// SessionId equality: equal IDs vs. IDs differing in the first byte.
fn session_id_eq(runner: &mut CtRunner, rng: &mut BenchRng) {
    let base = random32(rng);
    let a = SessionId::<32>::from_bytes(base);
    let mut other = base;
    other[0] ^= 0x01;
    let inputs: Vec<(Class, SessionId<32>)> = classes(rng)
        .into_iter()
        .map(|c| (c, SessionId::<32>::from_bytes(if matches!(c, Class::Left) { base } else { other })))
        .collect();
    for (class, b) in inputs {
        runner.run_one(class, || black_box(bool::from(a.ct_eq(black_box(&b)))));
    }
}

/// `session::ct_eq` on 32-byte values: equal vs. first byte different.
fn slice_ct_eq(runner: &mut CtRunner, rng: &mut BenchRng) {
    let expected = random32(rng);
    let mut wrong = expected;
    wrong[0] ^= 0x80;
    for class in classes(rng) {
        let presented = if matches!(class, Class::Left) { expected } else { wrong };
        runner.run_one(class, || black_box(bool::from(ct_eq(black_box(&presented), black_box(&expected)))));
    }
}

/// Signed-cookie verification of forged tags: wrong in the first byte vs.
/// wrong in the last byte. Both are rejected; a leak would reveal how long a
/// prefix of the tag an attacker got right.
fn cookie_verify(runner: &mut CtRunner, rng: &mut BenchRng) {
    let key = MacKey::from_bytes(random32(rng));
    let ring = KeyRing::new(&key);
    let id = SessionId::<32>::from_bytes(random32(rng));
    let mut buf = [0u8; 87];
    let valid = sign_cookie(&ring, "__Host-id", &id, &mut buf).map(str::to_owned).unwrap_or_default();
    // Characters 44 (first of the tag) and 85 (the last one that carries no
    // padding bits) changed to another letter keep the encoding canonical.
    let forge = |at: usize| {
        let mut v = valid.clone().into_bytes();
        v[at] = if v[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(v).unwrap_or_default()
    };
    // One copy per sample, so heap placement is spread over both classes
    // instead of giving each class its own (cache-line) alignment.
    let inputs: Vec<(Class, String)> =
        classes(rng).into_iter().map(|c| (c, if matches!(c, Class::Left) { forge(44) } else { forge(85) })).collect();
    for (class, value) in inputs {
        runner.run_one(class, || black_box(verify_cookie::<32>(&ring, "__Host-id", black_box(&value)).is_ok()));
    }
}

/// Refresh-token authentication of forged tags: first vs. last tag byte.
fn refresh_parse(runner: &mut CtRunner, rng: &mut BenchRng) {
    let key = MacKey::from_bytes(random32(rng));
    let config = RefreshConfig::new(KeyRing::new(&key));
    let mut seeded = SeedRng(rng.random());
    let (token, _) = start(&mut seeded, &config, 0, None);
    let valid = token.as_str().to_owned();
    // The tag is bytes 52..84, i.e. characters 70..112 (84 bytes: no padding bits).
    let forge = |at: usize| {
        let mut v = valid.clone().into_bytes();
        v[at] = if v[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(v).unwrap_or_default()
    };
    let inputs: Vec<(Class, String)> =
        classes(rng).into_iter().map(|c| (c, if matches!(c, Class::Left) { forge(70) } else { forge(111) })).collect();
    for (class, t) in inputs {
        runner.run_one(class, || black_box(Presented::parse(black_box(&t), &config).is_ok()));
    }
}

/// Cookie verification under a ring of three keys: matched by the current
/// key vs. by the last previous key (every key's tag is always computed).
fn cookie_ring(runner: &mut CtRunner, rng: &mut BenchRng) {
    let current = MacKey::from_bytes(random32(rng));
    let previous = [MacKey::from_bytes(random32(rng)), MacKey::from_bytes(random32(rng))];
    let ring = KeyRing::new(&current).with_previous(&previous);
    let id = SessionId::<32>::from_bytes(random32(rng));
    let sign = |key: &MacKey| {
        let mut buf = [0u8; 87];
        sign_cookie(&KeyRing::new(key), "__Host-id", &id, &mut buf).map(str::to_owned).unwrap_or_default()
    };
    let inputs: Vec<(Class, String)> = classes(rng)
        .into_iter()
        .map(|c| (c, if matches!(c, Class::Left) { sign(&current) } else { sign(&previous[1]) }))
        .collect();
    for (class, value) in inputs {
        runner.run_one(class, || black_box(verify_cookie::<32>(&ring, "__Host-id", black_box(&value)).is_ok()));
    }
}

/// Session-ID parsing (base64url decode of the secret): fixed vs. random IDs.
fn id_decode(runner: &mut CtRunner, rng: &mut BenchRng) {
    let fixed = SessionId::<32>::from_bytes([0u8; 32]).encode().as_str().to_owned();
    let inputs: Vec<(Class, String)> = classes(rng)
        .into_iter()
        .map(|c| {
            let s = if matches!(c, Class::Left) {
                fixed.clone()
            } else {
                SessionId::<32>::from_bytes(random32(rng)).encode().as_str().to_owned()
            };
            (c, s)
        })
        .collect();
    for (class, s) in inputs {
        runner.run_one(class, || black_box(SessionId::<32>::parse(black_box(&s)).is_ok()));
    }
}

/// Negative control: early-exit `==` on 1 KiB slices must leak.
fn control_naive_eq(runner: &mut CtRunner, rng: &mut BenchRng) {
    let mut a = vec![0u8; 1024];
    rng.fill_bytes(&mut a);
    let same = a.clone();
    let mut differs = a.clone();
    differs[0] ^= 1;
    for class in classes(rng) {
        let b = if matches!(class, Class::Left) { &same } else { &differs };
        runner.run_one(class, || black_box(black_box(&a) == black_box(b)));
    }
}

/// A `rand_core` 0.10 RNG for `session::start`, seeded from the bench RNG
/// (dudect-bencher's RNG implements a different `rand_core`).
struct SeedRng(u64);
impl rand_core::TryRng for SeedRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}
impl rand_core::TryCryptoRng for SeedRng {}

ctbench_main_with_seeds!(
    (session_id_eq, Some(0x6a77_7463_6f72_6501)),
    (slice_ct_eq, Some(0x6a77_7463_6f72_6502)),
    (cookie_verify, Some(0x6a77_7463_6f72_6503)),
    (refresh_parse, Some(0x6a77_7463_6f72_6504)),
    (cookie_ring, Some(0x6a77_7463_6f72_6507)),
    (id_decode, Some(0x6a77_7463_6f72_6505)),
    (control_naive_eq, Some(0x6a77_7463_6f72_6506))
);
