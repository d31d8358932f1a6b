//! The worst inputs the verifier can be handed, each with its expected typed outcome, checked
//! for bounded work by deterministic measures rather than wall time:
//!
//! - **stack**: every verification runs on a thread with a fixed [`STACK`]-byte stack, so
//!   unbounded recursion (a million nested arrays) would overflow it and abort the binary;
//! - **heap**: a counting global allocator (as in `alloc_free.rs`) asserts that verification,
//!   accepting or rejecting, allocates nothing;
//! - **memory**: the scratch buffer is exactly [`scratch_len`] bytes, which is never more than
//!   the token's length; over-long tokens are refused with an *empty* scratch buffer (so nothing
//!   was decoded before the length check);
//! - **limits**: each input sits on, or one step past, a documented bound (32 levels of nesting,
//!   256 live member names, 64-character numbers, tokens at the 64 KiB default limit, `KeySet` capacity, 128-byte
//!   `kid`), and past the bound the error is the limit's own error, not a later one.
//!
//! `cargo test -p jwtcore --features std --test bounded_work`

// A global allocator is an `unsafe impl` (see alloc_free.rs); the library keeps
// `#![forbid(unsafe_code)]`.
#![allow(unsafe_code)]
// Builds JWKS text with `Key::to_jwk`, which needs the `alloc` feature.
#![cfg(feature = "alloc")]

use core::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use jwtcore::keys::{HmacSecret, KeySet};
use jwtcore::{
    Algorithm, Claim, ClaimSet, DEFAULT_MAX_TOKEN_LEN, Error, HeaderError, Key, KeyError, KeySetError, Part, Reason,
    TokenError, Validation, scratch_len, verify, verify_with,
};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations_in;

/// The stack every HS256 verification gets (the debug build needs about 32 KiB here). Recursion
/// per nesting level would need megabytes for the million-level inputs below, so finishing on it
/// shows the parser's stack use is bounded by its fixed 32-level limit, not by the input.
const STACK: usize = 64 * 1024;
/// The stack for key-set loading and EdDSA verification (`KeySet<8>` lives on the stack, and the
/// debug build of the curve arithmetic is deep: about 128 KiB is needed).
const KEYSET_STACK: usize = 256 * 1024;

const SECRET: &[u8; 32] = b"bounded-work-test-secret-32bytes";
const NOW: Duration = Duration::from_secs(1_750_000_000);

fn hs() -> Key {
    Key::hmac(Algorithm::Hs256, SECRET).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An HS256 token over arbitrary header and payload text (the header is not validated here, so
/// invalid headers get a correct MAC too).
fn token(header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

const HEADER: &str = r#"{"alg":"HS256"}"#;

/// No claim required, so payloads can be pure shape.
fn lax() -> Validation<'static> {
    Validation::new().require(ClaimSet::NONE)
}

/// Verifies on a [`STACK`]-byte thread with exactly `scratch_len(token)` bytes of scratch and
/// asserts that nothing was allocated.
fn run<R: jwtcore::keys::KeyResolver + Sync + ?Sized>(token: &str, keys: &R, v: &Validation<'_>) -> Result<(), Error> {
    run_on(STACK, token, keys, v)
}

fn run_on<R: jwtcore::keys::KeyResolver + Sync + ?Sized>(
    stack: usize,
    token: &str,
    keys: &R,
    v: &Validation<'_>,
) -> Result<(), Error> {
    let need = scratch_len(token);
    assert!(need <= token.len(), "scratch {need} > token length {}", token.len());
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn_scoped(s, move || {
                let mut scratch = vec![0u8; need];
                let mut result = Ok(());
                let allocs = allocations_in(|| {
                    result = verify_with(token, keys, v, NOW, &mut scratch).map(|_| ());
                });
                assert_eq!(allocs, 0, "verification allocated ({result:?})");
                result
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

fn json_limit(part: Part) -> Result<(), Error> {
    Err(Error::Token(TokenError::JsonLimit(part)))
}

/// `{"v":[[…1…]]}` with `depth` levels in all (the outer object is level 1).
fn nested_arrays(depth: usize) -> String {
    format!(r#"{{"v":{}1{}}}"#, "[".repeat(depth - 1), "]".repeat(depth - 1))
}

/// `{"a":{"a":…{}…}}` with `depth` objects.
fn nested_objects(depth: usize) -> String {
    format!("{}{{}}{}", r#"{"a":"#.repeat(depth - 1), "}".repeat(depth - 1))
}

#[test]
fn nesting_at_and_past_the_limit() {
    let key = hs();
    for (depth, want) in [(32, Ok(())), (33, json_limit(Part::Payload))] {
        assert_eq!(run(&token(HEADER, &nested_arrays(depth)), &key, &lax()), want, "arrays {depth}");
        assert_eq!(run(&token(HEADER, &nested_objects(depth)), &key, &lax()), want, "objects {depth}");
        // The same bound in the header (which is parsed before the signature is checked).
        let header = format!(r#"{{"alg":"HS256","ext":{}0{}}}"#, "[".repeat(depth - 1), "]".repeat(depth - 1));
        let want = want.map_err(|_| Error::Token(TokenError::JsonLimit(Part::Header)));
        assert_eq!(run(&token(&header, "{}"), &key, &lax()), want, "header {depth}");
    }
}

#[test]
fn deepest_nesting_the_parser_can_see() {
    let key = hs();
    // At the default limit: as deep as fits (bisection; the token grows with the depth).
    let (mut depth, mut too_deep) = (33usize, DEFAULT_MAX_TOKEN_LEN);
    while too_deep - depth > 1 {
        let mid = (depth + too_deep) / 2;
        if token(HEADER, &nested_arrays(mid)).len() <= DEFAULT_MAX_TOKEN_LEN { depth = mid } else { too_deep = mid }
    }
    let t = token(HEADER, &nested_arrays(depth));
    assert!(t.len() <= DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(run(&t, &key, &lax()), json_limit(Part::Payload));
    // A forged MAC: the payload is never parsed, whatever its shape.
    let forged = format!("{}AAAA", &t[..t.len() - 4]);
    assert_eq!(run(&forged, &key, &lax()), Err(Error::Signature));
    // The header is: deep nesting there is refused before any signature work.
    let deep_header = format!(r#"{{"alg":"HS256","x":{}"#, "[".repeat(6000));
    assert_eq!(run(&token(&deep_header, "{}"), &key, &lax()), json_limit(Part::Header));
    // No length limit at all: a million levels, unclosed or closed, on the same small stack.
    let unlimited = || lax().max_token_len(usize::MAX);
    let open = token(HEADER, &format!(r#"{{"v":{}"#, "[".repeat(1_000_000)));
    assert_eq!(run(&open, &key, &unlimited()), json_limit(Part::Payload));
    let objects = token(HEADER, &nested_objects(1_000_000));
    assert_eq!(run(&objects, &key, &unlimited()), json_limit(Part::Payload));
}

#[test]
fn live_member_names() {
    let key = hs();
    let members = |n: usize| (0..n).map(|i| format!(r#""m{i}":0"#)).collect::<Vec<_>>().join(",");
    assert_eq!(run(&token(HEADER, &format!("{{{}}}", members(256))), &key, &lax()), Ok(()));
    assert_eq!(run(&token(HEADER, &format!("{{{}}}", members(257))), &key, &lax()), json_limit(Part::Payload));
    // Names of enclosing objects stay live: 200 outside + 57 inside is one too many ...
    let inner = |n: usize| format!(r#"{{{},"z":{{{}}}}}"#, members(199), members(n));
    assert_eq!(run(&token(HEADER, &inner(56)), &key, &lax()), Ok(()));
    assert_eq!(run(&token(HEADER, &inner(57)), &key, &lax()), json_limit(Part::Payload));
    // ... but closed siblings do not add up (each object's names are popped when it ends).
    let siblings = (0..10).map(|i| format!(r#""s{i}":{{{}}}"#, members(240))).collect::<Vec<_>>().join(",");
    let t = token(HEADER, &format!("{{{siblings}}}"));
    assert!(t.len() <= DEFAULT_MAX_TOKEN_LEN * 4);
    assert_eq!(run(&t, &key, &lax().max_token_len(usize::MAX)), Ok(()));
}

#[test]
fn very_long_numbers() {
    let key = hs();
    let digits = |n: usize| format!("1{}", "0".repeat(n - 1));
    // 64 characters is the longest literal; 65 is a limit error, as is a 6000-digit number.
    assert_eq!(run(&token(HEADER, &format!(r#"{{"n":{}}}"#, digits(64))), &key, &lax()), Ok(()));
    assert_eq!(run(&token(HEADER, &format!(r#"{{"n":-{}}}"#, digits(63))), &key, &lax()), Ok(()));
    assert_eq!(run(&token(HEADER, &format!(r#"{{"n":{}}}"#, digits(65))), &key, &lax()), json_limit(Part::Payload));
    assert_eq!(run(&token(HEADER, &format!(r#"{{"n":{}}}"#, digits(6000))), &key, &lax()), json_limit(Part::Payload));
    let unlimited = || lax().max_token_len(usize::MAX);
    let huge = token(HEADER, &format!(r#"{{"n":{}}}"#, digits(2_000_000)));
    assert_eq!(run(&huge, &key, &unlimited()), json_limit(Part::Payload));
    // As NumericDates: a 64-digit exp is far in the future; an exponent that overflows f64 is
    // not a finite date; huge exponents on zero, or tiny values, are exact (and expired).
    let exp = |v: &str| token(HEADER, &format!(r#"{{"exp":{v}}}"#));
    let v = Validation::new;
    assert_eq!(run(&exp(&digits(64)), &key, &v()), Ok(()));
    assert_eq!(
        run(&exp(&format!("{}e308", digits(59))), &key, &v()),
        Err(Error::Claim { claim: Claim::Exp, reason: Reason::Invalid })
    );
    assert_eq!(
        run(&exp(&format!("0e{}", "9".repeat(62))), &key, &v()),
        Err(Error::Claim { claim: Claim::Exp, reason: Reason::Expired })
    );
    assert_eq!(
        run(&exp(&format!("1e-{}", "9".repeat(61))), &key, &v()),
        Err(Error::Claim { claim: Claim::Exp, reason: Reason::Expired })
    );
    assert_eq!(run(&exp(&format!("9.{}e9", "9".repeat(59))), &key, &v()), Ok(()));
}

/// A valid HS256 token of exactly `len` bytes (a padding claim absorbs the difference).
fn token_of_len(len: usize) -> String {
    let with = |pad: usize, spaces: usize| {
        let header = format!(r#"{{"alg":"HS256"}}{}"#, " ".repeat(spaces));
        token(&header, &format!(r#"{{"exp":2000000000,"p":"{}"}}"#, "x".repeat(pad)))
    };
    // The longest padding that still fits (bisection), then small steps to the exact length.
    let (mut fits, mut over) = (0usize, len);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if with(mid, 0).len() <= len { fits = mid } else { over = mid }
    }
    for pad in fits.saturating_sub(4)..=fits + 4 {
        for spaces in 0..3 {
            let t = with(pad, spaces);
            if t.len() == len {
                return t;
            }
        }
    }
    panic!("no token of length {len}");
}

#[test]
fn maximum_length_tokens() {
    let key = hs();
    let v = Validation::new;
    let at = token_of_len(DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(run(&at, &key, &v()), Ok(()));
    // One byte short of scratch is refused with the exact size needed.
    let need = scratch_len(&at);
    let mut short = vec![0u8; need - 1];
    assert_eq!(verify(&at, &key, &v(), NOW, &mut short).err(), Some(Error::BufferTooSmall { needed: need }));

    let over = token_of_len(DEFAULT_MAX_TOKEN_LEN + 1);
    assert_eq!(run(&over, &key, &v()), Err(Error::Token(TokenError::TooLong)));
    // Refused before anything is decoded: an empty scratch buffer does not matter.
    assert_eq!(verify(&over, &key, &v(), NOW, &mut []).err(), Some(Error::Token(TokenError::TooLong)));
    let ten_mb = "a".repeat(10 << 20);
    assert_eq!(verify(&ten_mb, &key, &v(), NOW, &mut []).err(), Some(Error::Token(TokenError::TooLong)));
    // A raised limit is honoured exactly too.
    let raised = || Validation::new().max_token_len(DEFAULT_MAX_TOKEN_LEN + 1);
    assert_eq!(run(&over, &key, &raised()), Ok(()));
}

fn ed_jwk(i: u8, kid: &str) -> String {
    let public = Key::ed25519_private(&[i; 32]).unwrap().to_public().unwrap();
    let jwk: serde_json::Value = serde_json::from_str(&public.to_jwk(false).unwrap()).unwrap();
    format!(r#"{{"kty":"OKP","crv":"Ed25519","kid":"{kid}","x":{}}}"#, jwk["x"])
}

fn jwks(entries: &[String]) -> String {
    format!(r#"{{"keys":[{}]}}"#, entries.join(","))
}

/// `KeySet::from_jwks` on the small thread; without `alloc` it must not allocate (with it, the
/// set's `Vec` does).
fn load<const N: usize>(doc: &str) -> Result<KeySet<N>, Error> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(KEYSET_STACK)
            .spawn_scoped(s, || {
                let mut out = None;
                let allocs = allocations_in(|| out = Some(KeySet::<N>::from_jwks(doc)));
                if cfg!(not(feature = "alloc")) {
                    assert_eq!(allocs, 0, "from_jwks allocated");
                }
                out.unwrap()
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

#[test]
fn jwks_with_more_keys_than_capacity() {
    let entries: Vec<String> = (0..1000u16).map(|i| ed_jwk((i % 251) as u8 + 1, &format!("k{i}"))).collect();
    let set = load::<8>(&jwks(&entries[..8])).unwrap();
    assert_eq!(set.len(), 8);
    if cfg!(feature = "alloc") {
        // No fixed capacity: a thousand keys load.
        assert_eq!(load::<8>(&jwks(&entries)).map(|s| s.len()), Ok(1000));
    } else {
        let full = Some(Error::KeySet(KeySetError::Full { capacity: 8 }));
        assert_eq!(load::<8>(&jwks(&entries[..9])).err(), full);
        assert_eq!(load::<8>(&jwks(&entries)).err(), full);
    }
    // Unusable entries are skipped and counted, not stored: 992 of them plus 8 keys fit.
    let mut mixed: Vec<String> =
        (0..992).map(|i| format!(r#"{{"kty":"OKP","crv":"X25519","kid":"x{i}","x":"AA"}}"#)).collect();
    mixed.extend_from_slice(&entries[..8]);
    let set = load::<8>(&jwks(&mixed)).unwrap();
    assert_eq!((set.len(), set.skipped()), (8, 992));

    // Selection by kid in a full set: the last key verifies, an unknown kid is no key.
    let signer = Key::ed25519_private(&[8; 32]).unwrap().with_kid("k7").unwrap();
    let mut out = [0u8; 512];
    let claims = serde_json::json!({"exp": 2_000_000_000u64});
    let t = jwtcore::encode_into(&jwtcore::EncodeHeader::new(), &claims, &signer, &mut out).unwrap().to_owned();
    assert_eq!(run_on(KEYSET_STACK, &t, &set, &Validation::new()), Ok(()));
    let other = Key::ed25519_private(&[8; 32]).unwrap().with_kid("k8").unwrap();
    let t = jwtcore::encode_into(&jwtcore::EncodeHeader::new(), &claims, &other, &mut out).unwrap().to_owned();
    assert_eq!(run_on(KEYSET_STACK, &t, &set, &Validation::new()), Err(Error::KeySet(KeySetError::NoMatchingKey)));
}

#[test]
fn long_kid_strings() {
    let max = "k".repeat(jwtcore::keys::MAX_KID_LEN);
    let over = "k".repeat(jwtcore::keys::MAX_KID_LEN + 1);
    assert!(hs().with_kid(&max).is_ok());
    assert_eq!(hs().with_kid(&over).err(), Some(Error::Key(KeyError::Invalid)));
    // In a JWK the kid is unescaped into the same 128 bytes: past it the key is invalid, and a
    // JWKS skips such entries.
    assert!(Key::from_jwk(&ed_jwk(1, &max)).is_ok());
    assert_eq!(Key::from_jwk(&ed_jwk(1, &over)).err(), Some(Error::Key(KeyError::Invalid)));
    assert_eq!(Key::from_jwk(&ed_jwk(1, &"\\u006b".repeat(129))).err(), Some(Error::Key(KeyError::Invalid)));
    let set = load::<8>(&jwks(&[ed_jwk(1, &max), ed_jwk(2, &over)])).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 1));

    // A token kid as long as the token limit allows: a single key ignores it, a set finds none.
    let mut set = KeySet::<8>::new();
    set.insert(hs().with_kid(&max).unwrap()).unwrap();
    let mut n = 7000;
    let t = loop {
        let t = token(&format!(r#"{{"alg":"HS256","kid":"{}"}}"#, "k".repeat(n)), r#"{"exp":2000000000}"#);
        if t.len() <= DEFAULT_MAX_TOKEN_LEN {
            break t;
        }
        n -= 1;
    };
    let v = Validation::new;
    assert_eq!(run_on(KEYSET_STACK, &t, &hs(), &v()), Ok(()));
    assert_eq!(run_on(KEYSET_STACK, &t, &HmacSecret::new(SECRET), &v()), Ok(()));
    assert_eq!(run_on(KEYSET_STACK, &t, &set, &v()), Err(Error::KeySet(KeySetError::NoMatchingKey)));
    // The 128-byte kid matches.
    let t = token(&format!(r#"{{"alg":"HS256","kid":"{max}"}}"#), r#"{"exp":2000000000}"#);
    assert_eq!(run_on(KEYSET_STACK, &t, &set, &v()), Ok(()));
}

#[test]
fn huge_crit_arrays() {
    let key = hs();
    let crit_token = |crit: &str, extra: &str| token(&format!(r#"{{"alg":"HS256","crit":{crit}{extra}}}"#), "{}");
    let list = |names: &mut dyn Iterator<Item = String>| {
        format!("[{}]", names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(","))
    };
    // As many entries as fit in the default limit, naming nothing present: refused at the first
    // entry. The entry count is found by bisection (the token grows with it).
    let absent_with = |n: usize| crit_token(&list(&mut (0..n).map(|i| format!("e{i}"))), "");
    let (mut fits, mut too_many) = (0usize, DEFAULT_MAX_TOKEN_LEN);
    while too_many - fits > 1 {
        let mid = (fits + too_many) / 2;
        if absent_with(mid).len() <= DEFAULT_MAX_TOKEN_LEN { fits = mid } else { too_many = mid }
    }
    let absent = absent_with(fits);
    assert!(absent.len() > DEFAULT_MAX_TOKEN_LEN - 16);
    assert_eq!(run(&absent, &key, &lax()), Err(Error::Header(HeaderError::CritInvalid)));
    // The same present, understood extension 1000 times: a duplicate, refused at the second.
    let understood = ["ext"];
    let dup = crit_token(&list(&mut (0..1000).map(|_| "ext".to_owned())), r#","ext":1"#);
    assert!(dup.len() <= DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(run(&dup, &key, &lax().critical_extensions(&understood)), Err(Error::Header(HeaderError::CritInvalid)));
    // Non-strings.
    let numbers = crit_token(&format!("[{}]", vec!["1"; 3000].join(",")), "");
    assert!(numbers.len() <= DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(run(&numbers, &key, &lax()), Err(Error::Header(HeaderError::CritInvalid)));

    // The largest crit that can pass: every name must be a distinct header member, and a header
    // has at most 256 (alg + crit + 254 extensions). Each entry is checked against the members
    // and the earlier entries, so this is the quadratic worst case, bounded by 256².
    let names: Vec<String> = (0..254).map(|i| format!("e{i}")).collect();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let members: String = names.iter().map(|n| format!(r#","{n}":0"#)).collect();
    let full = crit_token(&list(&mut names.iter().cloned()), &members);
    let v = || lax().critical_extensions(&known);
    assert_eq!(run(&full, &key, &v()), Ok(()));
    // Without declaring them understood, the first unknown one is refused.
    assert_eq!(run(&full, &key, &lax()), Err(Error::Header(HeaderError::CritUnsupported)));
    // One more extension member is past the live-name bound of the header.
    let past = crit_token(&list(&mut names.iter().cloned()), &format!(r#"{members},"e254":0"#));
    assert_eq!(run(&past, &key, &v()), json_limit(Part::Header));
}
