//! The key-set path (issue 15 F1, F9, F10): a public JWKS of mixed entries —
//! `oct` secrets, Ed25519 and P-256 keys with and without private members,
//! `use: enc`, duplicate kids, kids that need JSON escapes — and a token
//! signed by one of them or by an outsider, naming any kid.
//!
//! Asserts that a token verifies only under a key the set was meant to hold:
//! a public, signature-capable entry whose kid fits the token's. And, the
//! other way round, that an honest token from such an entry does verify, so
//! the target cannot pass by refusing everything.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use jwtcore::keys::KeySet;
use jwtcore::{Algorithm, Key, Validation};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Kind {
    Oct,
    Ed25519,
    P256,
}

#[derive(Arbitrary, Debug)]
struct Entry {
    kind: Kind,
    /// Which of four fixed keys of that kind (so entries can share a key).
    which: u8,
    kid: Option<Kid>,
    with_private: bool,
    use_enc: bool,
    declare_alg: bool,
}

/// Kids drawn from a small alphabet with the characters that need escaping.
#[derive(Arbitrary, Debug, Clone, PartialEq)]
struct Kid(Vec<KidChar>);

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum KidChar {
    A,
    B,
    Quote,
    Backslash,
    Control,
    Slash,
    NonAscii,
}

impl Kid {
    fn text(&self) -> String {
        self.0
            .iter()
            .take(8)
            .map(|c| match c {
                KidChar::A => 'a',
                KidChar::B => 'b',
                KidChar::Quote => '"',
                KidChar::Backslash => '\\',
                KidChar::Control => '\u{7}',
                KidChar::Slash => '/',
                KidChar::NonAscii => 'é',
            })
            .collect()
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<Entry>,
    /// Index of the signing entry; out of range means an outsider key.
    signer: u8,
    outsider_kind: Kind,
    token_kid: Option<Kid>,
    /// Write the token's kid with \u escapes for every character.
    escape_all: bool,
    allow_list: bool,
}

fn secret(which: u8) -> [u8; 32] {
    [which.wrapping_add(0x41); 32]
}

fn private_key(kind: Kind, which: u8) -> Key {
    let w = which % 4;
    match kind {
        Kind::Oct => Key::hmac(Algorithm::Hs256, &secret(w)).unwrap(),
        Kind::Ed25519 => Key::ed25519_private(&[w.wrapping_add(1); 32]).unwrap(),
        Kind::P256 => Key::es256_private(&[w.wrapping_add(1); 32]).unwrap(),
    }
}

fn jwk(e: &Entry) -> serde_json::Value {
    let key = private_key(e.kind, e.which);
    let mut v: serde_json::Value = match e.kind {
        Kind::Oct => serde_json::json!({"kty": "oct", "k": B64.encode(secret(e.which % 4))}),
        _ => serde_json::from_str(&key.to_jwk(e.with_private).unwrap()).unwrap(),
    };
    let obj = v.as_object_mut().unwrap();
    obj.remove("kid");
    if let Some(kid) = &e.kid {
        obj.insert("kid".into(), kid.text().into());
    }
    if e.use_enc {
        obj.insert("use".into(), "enc".into());
    }
    if e.declare_alg {
        obj.insert("alg".into(), key.algorithm().as_str().into());
    }
    v
}

fn header_json(alg: Algorithm, kid: Option<&str>, escape_all: bool) -> String {
    let kid = match kid {
        None => String::new(),
        Some(k) if escape_all => {
            let mut s = String::from(",\"kid\":\"");
            for unit in k.encode_utf16() {
                s.push_str(&format!("\\u{unit:04x}"));
            }
            s + "\""
        }
        Some(k) => format!(",\"kid\":{}", serde_json::to_string(k).unwrap()),
    };
    format!("{{\"alg\":\"{}\"{kid}}}", alg.as_str())
}

fuzz_target!(|input: Input| {
    let entries = &input.entries[..input.entries.len().min(6)];
    let jwks = serde_json::json!({"keys": entries.iter().map(jwk).collect::<Vec<_>>()}).to_string();
    let Ok(set) = KeySet::<8>::from_jwks(&jwks) else { return };
    assert!(set.iter().all(|k| !k.is_private()), "a public set holds a private key: {jwks}");

    let signer_entry = entries.get(usize::from(input.signer));
    let signing_key = match signer_entry {
        Some(e) => private_key(e.kind, e.which),
        // Outsiders use key slots 4..7, which no entry can name.
        None => match input.outsider_kind {
            Kind::Oct => Key::hmac(Algorithm::Hs256, &[0xEE; 32]).unwrap(),
            Kind::Ed25519 => Key::ed25519_private(&[0xEE; 32]).unwrap(),
            Kind::P256 => Key::es256_private(&[0xEE; 32]).unwrap(),
        },
    };
    let alg = signing_key.algorithm();
    let token_kid = input.token_kid.as_ref().map(Kid::text);
    let header = header_json(alg, token_kid.as_deref(), input.escape_all);
    let mut out = vec![0u8; 4096];
    let Ok(token) = jwtcore::sign_compact_into(header.as_bytes(), br#"{"exp":2000000000}"#, &signing_key, &mut out)
    else {
        return;
    };
    let token = token.to_owned();
    let algs = [Algorithm::Hs256, Algorithm::EdDsa, Algorithm::Es256];
    let v = if input.allow_list { Validation::new().algorithms(&algs) } else { Validation::new() };
    let mut scratch = vec![0u8; jwtcore::scratch_len(&token).max(16)];
    let verdict = jwtcore::verify_with(&token, &set, &v, Duration::from_secs(1_700_000_000), &mut scratch);

    // Which entries may verify this token: same public key as the signer,
    // asymmetric, signature-capable, and kid-compatible.
    let fits = |e: &Entry| {
        e.kind != Kind::Oct
            && signer_entry.is_some_and(|s| s.kind == e.kind && s.which % 4 == e.which % 4)
            && !e.use_enc
            // A kid of "" and no kid are the same to the set.
            && token_kid.as_ref().is_none_or(|t| *t == e.kid.as_ref().map(Kid::text).unwrap_or_default())
    };
    let meant = entries.iter().any(fits);
    match verdict {
        Ok(_) => assert!(meant, "verified under a key the set was not meant to hold\njwks: {jwks}\nheader: {header}"),
        // Liveness: an honest token from a fitting entry verifies.
        Err(e) => assert!(!meant, "an honest token was refused ({e:?})\njwks: {jwks}\nheader: {header}"),
    }
});
