//! The portable (p256) and native (ring) P-256 backends on the same key,
//! message and signature: their verdicts must always agree. Keys are either
//! fuzzed SEC1 bytes or derived from a fuzzed scalar (so valid signatures,
//! and mutations of them, are reached too).
#![no_main]

use arbitrary::Arbitrary;
use jwtcore::keys::p256_verdicts;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    scalar: [u8; 32],
    msg: &'a [u8],
    flip: Option<(u8, u8)>,
    raw_key: Option<&'a [u8]>,
    raw_sig: Option<[u8; 64]>,
}

fuzz_target!(|input: Input<'_>| {
    if let Some(key) = input.raw_key {
        if let Some(sig) = input.raw_sig {
            if let Some((portable, native)) = p256_verdicts(key, input.msg, &sig) {
                assert_eq!(portable, native, "backends disagree on a raw key/signature");
            }
        }
        return;
    }
    let Ok(key) = jwtcore::Key::es256_private(&input.scalar) else { return };
    let mut jwk = [0u8; 512];
    let Ok(text) = key.to_jwk_into(false, &mut jwk) else { return };
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let b64 = |s: &str| {
        let mut out = [0u8; 32];
        let n = jwtcore::dangerous::decode_segment(s, &mut out).unwrap();
        assert_eq!(n, 32);
        out
    };
    let mut point = vec![4u8];
    point.extend(b64(v["x"].as_str().unwrap()));
    point.extend(b64(v["y"].as_str().unwrap()));
    // A real signature over msg, produced through the public encoder's signing path.
    let mut out = vec![0u8; 4096 + input.msg.len() * 2];
    let header = br#"{"alg":"ES256"}"#;
    let payload = input.msg;
    let Ok(token) = jwtcore::sign_compact_into(header, payload, &key, &mut out) else { return };
    let (signing_input, sig64) = token.rsplit_once('.').unwrap();
    let mut sig = [0u8; 64];
    jwtcore::dangerous::decode_segment(sig64, &mut sig).unwrap();
    if let Some((at, bit)) = input.flip {
        sig[usize::from(at) % 64] ^= 1 << (bit % 8);
    }
    if let Some((portable, native)) = p256_verdicts(&point, signing_input.as_bytes(), &sig) {
        assert_eq!(portable, native, "backends disagree");
        if input.flip.is_none() {
            assert!(portable, "a fresh signature must verify");
        }
    }
});
