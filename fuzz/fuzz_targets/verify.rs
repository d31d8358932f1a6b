//! Arbitrary token bytes and options against fixed keys of every algorithm,
//! single keys and a key set, through the JWT entry points and the JWS ones
//! (attached, RFC 7797 unencoded, and detached payloads). Never panics;
//! anything accepted must carry a signature that an independent HMAC
//! computation (for HS256) confirms.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::Arbitrary;
use hmac::{KeyInit, Mac};
use jwtcore::keys::{HmacSecret, KeySet};
use jwtcore::{Algorithm, ClaimSet, Key, Validation};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8; 32] = b"fuzzing-secret-of-thirty-two-by!";

struct Keys {
    hs: Key,
    es: Key,
    ed: Key,
    set: KeySet<8>,
}

fn keys() -> &'static Keys {
    static K: OnceLock<Keys> = OnceLock::new();
    K.get_or_init(|| {
        let hs = Key::hmac(Algorithm::Hs256, SECRET).unwrap().with_kid("hs").unwrap();
        let es = Key::es256_private(&[7u8; 32]).unwrap().with_kid("es").unwrap();
        let ed = Key::ed25519_private(&[9u8; 32]).unwrap().with_kid("ed").unwrap();
        let mut set = KeySet::new();
        set.insert(hs.clone()).unwrap();
        set.insert(es.to_public().unwrap()).unwrap();
        set.insert(ed.to_public().unwrap()).unwrap();
        Keys { hs, es, ed, set }
    })
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    token: &'a str,
    algs: u8,
    leeway: u16,
    max_age: Option<u16>,
    issuer: bool,
    audience: bool,
    strict_aud: bool,
    typ: bool,
    require: u8,
    skip: u8,
    now: u64,
    which: u8,
}

fuzz_target!(|input: Input<'_>| {
    let k = keys();
    let all = [Algorithm::Hs256, Algorithm::Es256, Algorithm::EdDsa, Algorithm::Rs256, Algorithm::Es384];
    let algs: Vec<Algorithm> =
        all.iter().enumerate().filter(|(i, _)| input.algs & (1 << i) != 0).map(|(_, a)| *a).collect();
    let mut v = Validation::new().leeway(Duration::from_secs(u64::from(input.leeway)));
    if input.algs & 0x80 != 0 {
        v = v.algorithms(&algs);
    }
    if let Some(m) = input.max_age {
        v = v.max_age(Duration::from_secs(u64::from(m)));
    }
    if input.issuer {
        v = v.issuer(&["iss-a", "iss-b"]);
    }
    if input.audience {
        v = v.audience(&["aud"]);
    }
    if input.strict_aud {
        v = v.strict_audience(true);
    }
    if input.typ {
        v = v.typ("at+jwt");
    }
    let names = ["exp", "nbf", "iat", "iss", "aud", "sub", "jti"];
    let mut req = ClaimSet::NONE;
    let mut skip = ClaimSet::NONE;
    for (i, n) in names.iter().enumerate() {
        if input.require & (1 << i) != 0 {
            req = req.with(ClaimSet::from_name(n).unwrap());
        }
        if input.skip & (1 << i) != 0 {
            skip = skip.with(ClaimSet::from_name(n).unwrap());
        }
    }
    v = v.require(req);
    if skip != ClaimSet::NONE {
        v = v.skip(skip);
    }
    let now = Duration::from_secs(input.now % 10_000_000_000);
    let mut scratch = vec![0u8; jwtcore::scratch_len(input.token).max(16)];
    let result = match input.which % 5 {
        0 => jwtcore::verify(input.token, &k.hs, &v, now, &mut scratch).map(|_| ()),
        1 => jwtcore::verify(input.token, &k.es, &v, now, &mut scratch).map(|_| ()),
        2 => jwtcore::verify(input.token, &k.ed, &v, now, &mut scratch).map(|_| ()),
        3 => jwtcore::verify_with(input.token, &k.set, &v, now, &mut scratch).map(|_| ()),
        _ => jwtcore::verify_with(input.token, &HmacSecret::new(SECRET), &v, now, &mut scratch).map(|_| ()),
    };
    match result {
        Ok(()) => {
            // Accepted: if it claims HS256, the MAC must be right by an independent computation.
            let mut hb = vec![0u8; input.token.len()];
            let header_json = jwtcore::dangerous::decode_header(input.token, &mut hb).unwrap();
            let header: serde_json::Value = serde_json::from_str(header_json).unwrap();
            if header["alg"] == "HS256" {
                check_hs256_mac(input.token);
            }
        }
        Err(e) => check_code(&e),
    }

    // The arbitrary-payload entry points, where RFC 7797 `b64: false` is allowed: never a panic,
    // and an accepted attached HS256 token's MAC is right over the token's own prefix (the signing
    // input is that prefix whether the payload is base64url or unencoded).
    let mut jws_scratch = vec![0u8; jwtcore::jws_scratch_len(input.token).max(16)];
    let jws = match input.which % 2 {
        0 => jwtcore::verify_jws(input.token, &k.hs, &v, &mut jws_scratch).map(|j| j.header().alg()),
        _ => jwtcore::verify_jws_with(input.token, &HmacSecret::new(SECRET), &v, &mut jws_scratch)
            .map(|j| j.header().alg()),
    };
    match jws {
        Ok(Algorithm::Hs256) => check_hs256_mac(input.token),
        Ok(_) => {}
        Err(e) => check_code(&e),
    }
    // Detached (RFC 7515 Appendix F): the payload comes from the caller; never a panic.
    let payload: &[u8] = if input.typ { b"$.02" } else { b"{}" };
    let mut detached_scratch = vec![0u8; jwtcore::detached_scratch_len(input.token, payload.len()).max(16)];
    let detached = match input.which % 3 {
        0 => jwtcore::verify_jws_detached(input.token, payload, &k.hs, &v, &mut detached_scratch).map(|_| ()),
        1 => jwtcore::verify_jws_detached(input.token, payload, &k.ed, &v, &mut detached_scratch).map(|_| ()),
        _ => jwtcore::verify_jws_detached_with(input.token, payload, &k.set, &v, &mut detached_scratch).map(|_| ()),
    };
    if let Err(e) = detached {
        check_code(&e);
    }
});

/// Every rejection has a stable code.
fn check_code(e: &jwtcore::Error) {
    assert!(jwtcore::Error::ALL_CODES.contains(&e.code()) || e.code().starts_with("session"), "{e:?}");
}

/// The MAC of an accepted HS256 compact token, by an independent computation.
fn check_hs256_mac(token: &str) {
    let (input_part, sig) = token.rsplit_once('.').unwrap();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input_part.as_bytes());
    let expected = mac.finalize().into_bytes();
    let mut buf = [0u8; 64];
    let n = decode_b64(sig, &mut buf);
    assert_eq!(&buf[..n], expected.as_slice(), "accepted an HS256 token with a wrong MAC");
}

fn decode_b64(s: &str, out: &mut [u8]) -> usize {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut acc = 0u32;
    let mut bits = 0;
    let mut n = 0;
    for c in s.bytes() {
        let v = A.iter().position(|&x| x == c).unwrap() as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out[n] = (acc >> bits) as u8;
            n += 1;
        }
    }
    n
}
