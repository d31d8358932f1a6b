//! Differential fuzzing against `jsonwebtoken` 11 (its `rust_crypto` backend, as in
//! ../bench/Cargo.toml) on fixed HS256, ES256 and EdDSA keys, with the same algorithm allow-list
//! and equivalent claim options on both sides.
//!
//! Properties (a panic is a finding):
//! 1. jwtcore never accepts a token whose signature jsonwebtoken's own signature check
//!    (`jsonwebtoken::crypto::verify`, same key, same alg) rejects; and jwtcore never reports
//!    `bad_signature` for a signature that check accepts.
//! 2. Where jsonwebtoken accepts a token and jwtcore rejects it, jwtcore's `Error::code()` must be
//!    in [`STRICTNESS_RULES`] *and* the token must actually exhibit that rule (each entry has a
//!    justification check), so an unexplained rejection is a finding too.
//! 3. Where jwtcore accepts and jsonwebtoken rejects, the reason must be one of jsonwebtoken's
//!    own stricter models ([`jsonwebtoken_stricter`]); a signature, algorithm or encoding
//!    rejection by jsonwebtoken there is a finding.
//!
//! Input layout (so fuzz/seed.py can write meaningful seeds without `arbitrary`):
//! `[key, flags, required, leeway, sig, segment-mutation, param, mode, rest...]`
//! - mode 0: `rest` is a raw token;
//! - mode 1: `rest` is `header-JSON \0 payload-JSON`, re-signed per `sig`;
//! - mode 2: `rest` drives a structure-aware generator of header and payload JSON (registered
//!   names, escaped names, duplicates, NumericDate forms around now, crit/b64, deep nesting,
//!   long numbers, many members), re-signed per `sig`.
#![no_main]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::Unstructured;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{KeyInit, Mac};
use jsonwebtoken as jwt;
use jwtcore::{Algorithm, ClaimSet, Key, Validation};
use libfuzzer_sys::fuzz_target;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

const SECRET: &[u8; 32] = b"differential-fuzz-secret-32bytes";
const EC_PKCS8: &str = include_str!("../../tests/fixtures/keys/ec-p256-pkcs8.pem");
const EC_SPKI: &str = include_str!("../../tests/fixtures/keys/ec-p256-spki.pem");
const ED_PKCS8: &str = include_str!("../../tests/fixtures/keys/ed25519-pkcs8.pem");
const ED_SPKI: &str = include_str!("../../tests/fixtures/keys/ed25519-spki.pem");
const ISSUERS: [&str; 2] = ["iss-a", "iss-b"];
const AUDIENCES: [&str; 1] = ["aud"];
const SUBJECT: &str = "sub-x";

/// The jwtcore error codes that may reject a token jsonwebtoken accepts (same key, same alg
/// allow-list, equivalent claim options). Each is a documented jwtcore strictness rule
/// (README "Algorithms and strictness", ../shared/research/security.md); `justified` below checks
/// that the token really exhibits it. Anything else is a finding.
const STRICTNESS_RULES: &[&str] = &[
    // security 1.5: duplicate member names (escape-aware: "sub" / "\u0073ub") are refused in the
    // header and the claims; serde_json keeps the last one of unknown members.
    "duplicate_member",
    // security 1.7: at most 32 levels of nesting, 256 live member names and 64-character number
    // literals; serde_json allows 128 levels and any length.
    "json_limit",
    // security 1.7: tokens over DEFAULT_MAX_TOKEN_LEN (64 KiB) are refused before decoding;
    // jsonwebtoken has no limit.
    "token_too_long",
    // security 4.1/4.2: `crit` is enforced (and `b64` must be listed in it); jsonwebtoken parses
    // `crit` as a plain string list and ignores it.
    "crit_invalid",
    "crit_unsupported",
    // security 4.2: `b64: false` is refused in a JWT; jsonwebtoken ignores the member and
    // verifies the encoded payload.
    "b64_unsupported",
    // `kid`/`typ`/`cty` must be strings and `b64` a boolean; jsonwebtoken reads JSON `null` as
    // "absent" and does not look at `b64`.
    "header_invalid",
    // security 2.3: a key is bound to one algorithm, so the HS256 secret does not verify HS384 or
    // HS512 MACs; jsonwebtoken uses one secret for the whole HMAC family.
    "alg_key_mismatch",
    // security 5.4/5.6: NumericDates must be JSON numbers (`null`, strings, booleans refused,
    // also `iat`, which jsonwebtoken never reads); `iss`/`sub`/`jti` must be strings; `aud` a
    // string or an array of strings. jsonwebtoken skips values it cannot parse unless the claim
    // is required or validated.
    "claim_invalid",
    // (Not "audience_mismatch": jsonwebtoken 11 also refuses an `aud` when no audience is
    // configured, `[]` included, so security 5.5 is not a difference between the two.)
    // security 5.3: `iat` in the future (beyond leeway) is refused; jsonwebtoken never checks iat.
    "issued_in_future",
    // security 5.1/5.4: exact comparisons: `exp == now` is expired and fractions are not rounded
    // (jsonwebtoken rounds to whole seconds and treats `exp == now - leeway` as valid). Only
    // within a second or two of the boundary (the two read the clock separately).
    "expired",
    "not_yet_valid",
];

struct Keys {
    hs: Key,
    es: Key,
    ed: Key,
    jwt_hs: jwt::DecodingKey,
    jwt_es: jwt::DecodingKey,
    jwt_ed: jwt::DecodingKey,
    jwt_es_sign: jwt::EncodingKey,
    jwt_ed_sign: jwt::EncodingKey,
}

fn keys() -> &'static Keys {
    static K: OnceLock<Keys> = OnceLock::new();
    K.get_or_init(|| Keys {
        hs: Key::hmac(Algorithm::Hs256, SECRET).unwrap(),
        es: Key::from_pem(EC_PKCS8).unwrap().to_public().unwrap(),
        ed: Key::from_pem(ED_PKCS8).unwrap().to_public().unwrap(),
        jwt_hs: jwt::DecodingKey::from_secret(SECRET),
        jwt_es: jwt::DecodingKey::from_ec_pem(EC_SPKI.as_bytes()).unwrap(),
        jwt_ed: jwt::DecodingKey::from_ed_pem(ED_SPKI.as_bytes()).unwrap(),
        jwt_es_sign: jwt::EncodingKey::from_ec_pem(EC_PKCS8.as_bytes()).unwrap(),
        jwt_ed_sign: jwt::EncodingKey::from_ed_pem(ED_PKCS8.as_bytes()).unwrap(),
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Which {
    Hs,
    Es,
    Ed,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Hs => "HS256",
            Which::Es => "ES256",
            Which::Ed => "EdDSA",
        }
    }
    fn jwt_alg(self) -> jwt::Algorithm {
        match self {
            Which::Hs => jwt::Algorithm::HS256,
            Which::Es => jwt::Algorithm::ES256,
            Which::Ed => jwt::Algorithm::EdDSA,
        }
    }
}

/// The options both verifiers are configured with.
#[derive(Debug, Clone, Copy)]
struct Opts {
    which: Which,
    core_alg_list: bool,
    hs_family: bool,
    validate_exp: bool,
    validate_nbf: bool,
    validate_aud: bool,
    aud: bool,
    iss: bool,
    sub: bool,
    required: u8,
    skip_iat: bool,
    skip_jti: bool,
    leeway: u64,
}

impl Opts {
    fn parse(b: [u8; 4]) -> Opts {
        Opts {
            which: match b[0] % 3 {
                0 => Which::Hs,
                1 => Which::Es,
                _ => Which::Ed,
            },
            core_alg_list: b[1] & 1 != 0,
            hs_family: b[1] & 2 != 0,
            validate_exp: b[1] & 4 != 0,
            validate_nbf: b[1] & 8 != 0,
            validate_aud: b[1] & 16 != 0,
            aud: b[1] & 32 != 0,
            iss: b[1] & 64 != 0,
            sub: b[1] & 128 != 0,
            required: b[2] & 0x1F,
            skip_iat: b[2] & 0x20 != 0,
            skip_jti: b[2] & 0x40 != 0,
            leeway: u64::from(b[3]),
        }
    }

    fn hs_family(&self) -> bool {
        self.hs_family && self.which == Which::Hs
    }
}

/// The claims `required` bits stand for, in both libraries' spelling.
const REQUIRABLE: [(&str, ClaimSet); 5] = [
    ("exp", ClaimSet::EXP),
    ("nbf", ClaimSet::NBF),
    ("iss", ClaimSet::ISS),
    ("aud", ClaimSet::AUD),
    ("sub", ClaimSet::SUB),
];

fn core_validation(o: &Opts) -> Validation<'static> {
    static ONE: [[Algorithm; 1]; 3] = [[Algorithm::Hs256], [Algorithm::Es256], [Algorithm::EdDsa]];
    static HS: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];
    let mut v = Validation::new().leeway(Duration::from_secs(o.leeway));
    if o.core_alg_list {
        v = v.algorithms(if o.hs_family() {
            &HS
        } else {
            match o.which {
                Which::Hs => &ONE[0],
                Which::Es => &ONE[1],
                Which::Ed => &ONE[2],
            }
        });
    }
    let mut req = ClaimSet::NONE;
    for (i, (_, set)) in REQUIRABLE.iter().enumerate() {
        if o.required & (1 << i) != 0 {
            req = req.with(*set);
        }
    }
    v = v.require(req);
    let mut skip = ClaimSet::NONE;
    if !o.validate_exp {
        skip = skip.with(ClaimSet::EXP);
    }
    if !o.validate_nbf {
        skip = skip.with(ClaimSet::NBF);
    }
    if !o.validate_aud {
        skip = skip.with(ClaimSet::AUD);
    }
    if o.skip_iat {
        skip = skip.with(ClaimSet::IAT);
    }
    if o.skip_jti {
        skip = skip.with(ClaimSet::JTI);
    }
    v = v.skip(skip);
    if o.aud {
        v = v.audience(&AUDIENCES);
    }
    if o.iss {
        v = v.issuer(&ISSUERS);
    }
    if o.sub {
        v = v.subject(SUBJECT);
    }
    v
}

fn jwt_validation(o: &Opts) -> jwt::Validation {
    let mut v = jwt::Validation::new(o.which.jwt_alg());
    if o.hs_family() {
        v.algorithms = vec![jwt::Algorithm::HS256, jwt::Algorithm::HS384, jwt::Algorithm::HS512];
    }
    let mut req: HashSet<String> = HashSet::new();
    for (i, (name, _)) in REQUIRABLE.iter().enumerate() {
        if o.required & (1 << i) != 0 {
            req.insert((*name).to_owned());
        }
    }
    // jwtcore's issuer/audience/subject make the claim required; spell that out here.
    if o.aud && o.validate_aud {
        req.insert("aud".into());
    }
    if o.iss {
        req.insert("iss".into());
    }
    if o.sub {
        req.insert("sub".into());
    }
    v.required_spec_claims = req;
    v.leeway = o.leeway;
    v.validate_exp = o.validate_exp;
    v.validate_nbf = o.validate_nbf;
    v.validate_aud = o.validate_aud;
    if o.aud {
        v.set_audience(&AUDIENCES);
    }
    if o.iss {
        v.set_issuer(&ISSUERS);
    }
    if o.sub {
        v.sub = Some(SUBJECT.to_owned());
    }
    v
}

// ---------------------------------------------------------------------------------------------
// Token construction.

fn hmac_sign(alg: &str, key: &[u8], msg: &[u8]) -> Vec<u8> {
    match alg {
        "HS384" => {
            let mut m = hmac::Hmac::<sha2::Sha384>::new_from_slice(key).unwrap();
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
        "HS512" => {
            let mut m = hmac::Hmac::<sha2::Sha512>::new_from_slice(key).unwrap();
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
        _ => {
            let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
    }
}

/// A real signature over `msg` for `alg` under the fixed keys (HS* with the secret).
fn sign(alg: &str, msg: &[u8]) -> Vec<u8> {
    let k = keys();
    match alg {
        "ES256" => B64.decode(jwt::crypto::sign(msg, &k.jwt_es_sign, jwt::Algorithm::ES256).unwrap()).unwrap(),
        "EdDSA" => B64.decode(jwt::crypto::sign(msg, &k.jwt_ed_sign, jwt::Algorithm::EdDSA).unwrap()).unwrap(),
        _ => hmac_sign(alg, SECRET, msg),
    }
}

/// The P-256 group order, big-endian.
const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa,
    0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];
/// The Ed25519 group order L, little-endian.
const ED_L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// `a - b` for big-endian 32-byte numbers (wrapping).
fn sub_be(a: &[u8; 32], b: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        out[i] = d as u8;
    }
    out
}

/// `a + b` for little-endian 32-byte numbers (wrapping).
fn add_le(a: &[u8], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    out
}

fn der_int(v: &[u8], out: &mut Vec<u8>) {
    let mut v = v;
    while v.len() > 1 && v[0] == 0 && v[1] < 0x80 {
        v = &v[1..];
    }
    out.push(0x02);
    if v[0] >= 0x80 {
        out.push(v.len() as u8 + 1);
        out.push(0);
    } else {
        out.push(v.len() as u8);
    }
    out.extend_from_slice(v);
}

/// Replaces the last character of a base64url segment by one with non-zero unused bits (a
/// non-canonical spelling of the same bytes), if the length leaves unused bits.
fn noncanonical(seg: &mut String) {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let unused_mask = match seg.len() % 4 {
        2 => 0x0F,
        3 => 0x03,
        _ => return,
    };
    let Some(last) = seg.pop() else { return };
    let v = A.iter().position(|&c| c == last as u8).unwrap_or(0);
    seg.push(A[(v | unused_mask) & 63] as char);
}

fn alg_of(header: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(header).ok()?;
    Some(v.get("alg")?.as_str()?.to_owned())
}

/// Builds the compact token from header/payload bytes, signing per `sig` and mutating segments
/// per `seg` (before signing, so the signature covers the mutated text) or the token (after).
fn build(header: &[u8], payload: &[u8], which: Which, sig: u8, seg: u8, param: u8) -> String {
    let mut h = B64.encode(header);
    let mut p = B64.encode(payload);
    match seg % 16 {
        1 => h.push_str(if param & 1 == 0 { "=" } else { "==" }),
        2 => noncanonical(&mut h),
        3 => noncanonical(&mut p),
        4 => {
            // the standard alphabet's '+' at a fuzzed position
            let at = usize::from(param) % h.len().max(1);
            if at < h.len() {
                h.replace_range(at..at + 1, if param & 0x80 == 0 { "+" } else { "/" });
            }
        }
        7 => p.push('='),
        8 => p.clear(),
        _ => {}
    }
    let signing_input = format!("{h}.{p}");
    let msg = signing_input.as_bytes();
    let header_alg = alg_of(header);
    let own = header_alg.as_deref().filter(|a| ["HS256", "HS384", "HS512", "ES256", "EdDSA"].contains(a));
    let alg = own.unwrap_or(which.name());
    let mut s: Vec<u8>;
    let mut sig_text: Option<String> = None;
    match sig % 12 {
        1 => s = sign(which.name(), msg),
        2 => {
            s = sign(alg, msg);
            if !s.is_empty() {
                let at = usize::from(param) % s.len();
                s[at] ^= 1 << (param % 8);
            }
        }
        3 => {
            s = sign(alg, msg);
            if alg == "ES256" && s.len() == 64 {
                // (r, n - s): the other valid signature (both libraries accept it).
                let high = sub_be(&P256_N, &s[32..]);
                s[32..].copy_from_slice(&high);
            } else if alg == "EdDSA" && s.len() == 64 {
                // S + L: a non-canonical scalar (both must refuse it).
                let big = add_le(&s[32..], &ED_L);
                s[32..].copy_from_slice(&big);
            } else {
                s.push(param);
            }
        }
        4 => {
            s = sign(alg, msg);
            s.pop();
        }
        5 => s = Vec::new(),
        6 => {
            // Algorithm confusion: an HMAC keyed with the public key's text.
            let public = if which == Which::Ed { ED_SPKI } else { EC_SPKI };
            s = hmac_sign(alg, public.as_bytes(), msg);
        }
        7 => {
            s = sign(alg, msg);
            let mut t = B64.encode(&s);
            noncanonical(&mut t);
            sig_text = Some(t);
        }
        8 => {
            s = sign(alg, msg);
            if s.len() == 64 {
                let mut body = Vec::new();
                der_int(&s[..32], &mut body);
                der_int(&s[32..], &mut body);
                let mut der = vec![0x30, body.len() as u8];
                der.extend(body);
                s = der;
            }
        }
        9 => s = vec![param; 64],
        10 => {
            s = sign(alg, msg);
            sig_text = Some(base64::engine::general_purpose::STANDARD.encode(&s));
        }
        _ => s = sign(alg, msg),
    }
    let sig_text = sig_text.unwrap_or_else(|| B64.encode(&s));
    let mut token = format!("{signing_input}.{sig_text}");
    match seg % 16 {
        5 => {
            let at = usize::from(param) % token.len();
            token.insert(at, if param & 0x80 == 0 { ' ' } else { '\n' });
        }
        6 => token.push_str(".AAAA.BBBB"),
        9 => token.truncate(usize::from(param) % token.len()),
        10 => token.push(' '),
        _ => {}
    }
    token
}

// ---------------------------------------------------------------------------------------------
// The structure-aware JSON generator (mode 2).

struct Gen<'a, 'u> {
    u: &'u mut Unstructured<'a>,
    now: u64,
    which: Which,
    out: String,
    ws: bool,
}

const HEADER_NAMES: &[&str] = &[
    "alg", "alg", "alg", "typ", "kid", "cty", "crit", "b64", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "enc",
    "zip", "url", "nonce", "ext", "x",
];
const CLAIM_NAMES: &[&str] = &["exp", "nbf", "iat", "iss", "aud", "sub", "jti", "name", "roles", "x", "exp", "aud"];
const ALGS: &[&str] =
    &["HS256", "HS384", "HS512", "ES256", "EdDSA", "Ed25519", "none", "None", "RS256", "ES384", "hs256", ""];

impl Gen<'_, '_> {
    fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        list[self.u.choose_index(list.len()).unwrap_or(0)]
    }

    fn byte(&mut self) -> u8 {
        self.u.arbitrary().unwrap_or(0)
    }

    fn sp(&mut self) {
        if self.ws && self.byte() & 3 == 0 {
            let w = [" ", "\n", "\t", "\r\n  "][usize::from(self.byte() % 4)];
            self.out.push_str(w);
        }
    }

    /// A JSON string; `mode` 0 plain, 1 first character \u-escaped, 2 all \u-escaped, 3 a
    /// needless `\/` escape, 4 an invalid string (lone surrogate, raw control, bad escape).
    fn string(&mut self, s: &str, mode: u8) {
        self.out.push('"');
        for (i, c) in s.chars().enumerate() {
            match (mode, c) {
                (_, '"') => self.out.push_str("\\\""),
                (_, '\\') => self.out.push_str("\\\\"),
                (_, c) if (c as u32) < 0x20 => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                (1, c) if i == 0 && (c as u32) < 0x10000 => {
                    let _ = write!(self.out, "\\u{:04X}", c as u32);
                }
                (2, c) if (c as u32) < 0x10000 => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                (2, c) => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        let _ = write!(self.out, "\\u{:04x}", u);
                    }
                }
                (_, c) => self.out.push(c),
            }
        }
        match mode {
            3 => self.out.push_str("\\/"),
            4 => match self.byte() % 5 {
                0 => self.out.push_str("\\ud800"),
                1 => self.out.push_str("\\udc00x"),
                2 => self.out.push('\u{1}'),
                3 => self.out.push_str("\\x"),
                _ => self.out.push_str("\\u12"),
            },
            _ => {}
        }
        self.out.push('"');
    }

    fn escape_mode(&mut self) -> u8 {
        match self.byte() {
            0..=199 => 0,
            200..=219 => 1,
            220..=234 => 2,
            235..=253 => 3,
            _ => 4,
        }
    }

    fn name(&mut self, list: &[&str], earlier: &[String]) -> String {
        let b = self.byte();
        let name = if b < 10 && !earlier.is_empty() {
            // a duplicate of an earlier member (maybe spelled differently below)
            earlier[usize::from(b) % earlier.len()].clone()
        } else if b > 240 {
            self.u.arbitrary::<&str>().unwrap_or("").to_owned()
        } else {
            self.pick(list).to_owned()
        };
        let mode = self.escape_mode();
        self.string(&name, mode);
        name
    }

    fn object(&mut self, header: bool, depth: u8) {
        self.out.push('{');
        self.sp();
        let n = usize::from(self.byte() % 10);
        let mut names = Vec::new();
        for i in 0..n {
            if i > 0 {
                self.out.push(',');
                self.sp();
            }
            let list = if depth > 0 {
                &["a", "b", "alg", "exp", "x"][..]
            } else if header {
                HEADER_NAMES
            } else {
                CLAIM_NAMES
            };
            let name = self.name(list, &names);
            self.sp();
            self.out.push(':');
            self.sp();
            if depth == 0 {
                self.member_value(&name, header);
            } else {
                self.value(depth + 1);
            }
            self.sp();
            names.push(name);
        }
        if self.byte() == 0xFF {
            self.out.push(','); // trailing comma
        }
        self.out.push('}');
    }

    fn member_value(&mut self, name: &str, header: bool) {
        let b = self.byte();
        if b >= 0xF0 {
            return self.value(1);
        }
        match (header, name) {
            (true, "alg") => {
                if b < 0xA0 {
                    let alg = if self.which == Which::Hs && b % 8 == 1 {
                        ["HS384", "HS512"][usize::from(b & 0x10 != 0)]
                    } else {
                        self.which.name()
                    };
                    let mode = self.escape_mode();
                    self.string(alg, mode);
                } else {
                    let alg = self.pick(ALGS);
                    self.string(alg, 0);
                }
            }
            (true, "typ" | "kid" | "cty") => match b % 8 {
                0 => self.out.push_str("null"),
                1 => self.out.push('7'),
                _ => {
                    let s = if b & 0x40 != 0 {
                        self.u.arbitrary::<&str>().unwrap_or("").to_owned()
                    } else {
                        self.pick(&["JWT", "at+jwt", "application/jwt", "k1", ""]).to_owned()
                    };
                    let mode = self.escape_mode();
                    self.string(&s, mode);
                }
            },
            (true, "crit") => match b % 6 {
                0 => self.out.push_str("[]"),
                1 => self.out.push_str("\"b64\""),
                _ => {
                    self.out.push('[');
                    for i in 0..1 + usize::from(self.byte() % 3) {
                        if i > 0 {
                            self.out.push(',');
                        }
                        let n = self.pick(&["b64", "ext", "x", "alg", "exp", "nonce"]);
                        let mode = self.escape_mode();
                        self.string(n, mode);
                    }
                    self.out.push(']');
                }
            },
            (true, "b64") => self.out.push_str(["true", "false", "null", "\"false\"", "0"][usize::from(b % 5)]),
            (false, "exp" | "nbf" | "iat") => self.date(b),
            (false, "aud") => match b % 8 {
                0 => self.out.push_str("[]"),
                1 => self.out.push_str("null"),
                2 => self.out.push('5'),
                3 | 4 => {
                    self.out.push('[');
                    for i in 0..1 + usize::from(self.byte() % 3) {
                        if i > 0 {
                            self.out.push(',');
                        }
                        if self.byte() == 0 {
                            self.out.push('1');
                        } else {
                            let a = self.pick(&["aud", "other", ""]);
                            let mode = self.escape_mode();
                            self.string(a, mode);
                        }
                    }
                    self.out.push(']');
                }
                _ => {
                    let a = self.pick(&["aud", "aud", "other", "AUD"]);
                    let mode = self.escape_mode();
                    self.string(a, mode);
                }
            },
            (false, "iss" | "sub" | "jti") => match b % 8 {
                0 => self.out.push_str("null"),
                1 => self.out.push_str("42"),
                2 => self.out.push_str("[\"iss-a\"]"),
                _ => {
                    let s = self.pick(&["iss-a", "iss-b", "iss-c", "sub-x", "sub-y", "id-1"]);
                    let mode = self.escape_mode();
                    self.string(s, mode);
                }
            },
            _ => self.value(1),
        }
    }

    /// A NumericDate (or something in its place), mostly relative to the clock.
    fn date(&mut self, b: u8) {
        let now = self.now as i64;
        let off: i64 = match self.byte() % 4 {
            0 => -1_000_000,
            1 => 1_000_000,
            2 => i64::from(self.u.arbitrary::<i16>().unwrap_or(0)) % 400,
            _ => i64::from(self.u.arbitrary::<i32>().unwrap_or(0)),
        };
        let t = now + off;
        match b % 14 {
            0..=4 => {
                let _ = write!(self.out, "{t}");
            }
            5 => {
                let frac = self.u.arbitrary::<u32>().unwrap_or(0) % 1_000_000_000;
                let _ = write!(self.out, "{t}.{frac:09}");
            }
            6 => {
                let _ = write!(self.out, "{:e}", t as f64);
            }
            7 => {
                let _ = write!(self.out, "\"{t}\"");
            }
            8 => {
                let _ = write!(self.out, "{}", -t);
            }
            9 => {
                let s = self.pick(&["1e20", "18446744073709551616", "1e400", "-1e400", "99999999999999999999999"]);
                self.out.push_str(s)
            }
            10 => {
                let s = self.pick(&["-0", "0", "0.0", "-0.5", "1E3", "1e-7"]);
                self.out.push_str(s)
            }
            11 => {
                let s = self.pick(&["true", "null", "[]", "{}", "\"\""]);
                self.out.push_str(s);
            }
            12 => {
                let _ = write!(self.out, "{t}.5");
            }
            _ => {
                let _ = write!(self.out, "{t}.0");
            }
        }
    }

    fn value(&mut self, depth: u8) {
        let b = self.byte();
        match b % 16 {
            0 | 1 => {
                let s = self.u.arbitrary::<&str>().unwrap_or("").to_owned();
                let mode = self.escape_mode();
                self.string(&s, mode);
            }
            2 => {
                let n: i64 = self.u.arbitrary().unwrap_or(0);
                let _ = write!(self.out, "{n}");
            }
            3 => {
                let f: f64 = self.u.arbitrary().unwrap_or(0.0);
                if f.is_finite() {
                    let _ = write!(self.out, "{f:?}");
                } else {
                    self.out.push_str("1e400");
                }
            }
            4 => {
                let s = self.pick(&["true", "false", "null"]);
                self.out.push_str(s)
            }
            5 | 6 if depth < 6 => {
                self.out.push('[');
                for i in 0..usize::from(self.byte() % 4) {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.sp();
                    self.value(depth + 1);
                }
                self.out.push(']');
            }
            7 | 8 if depth < 6 => self.object(false, depth),
            9 => {
                // deep nesting around the 32-level limit
                let n = 24 + usize::from(self.byte() % 24);
                let open = if self.byte() & 1 == 0 { "[" } else { "{\"a\":" };
                for _ in 0..n {
                    self.out.push_str(open);
                }
                self.out.push('1');
                for _ in 0..n {
                    self.out.push(if open == "[" { ']' } else { '}' });
                }
            }
            10 => {
                // long numbers around the 64-character limit
                let n = 56 + usize::from(self.byte() % 20);
                let kind = self.byte() % 3;
                if kind == 1 {
                    self.out.push('-');
                }
                self.out.push('1');
                for _ in 1..n {
                    self.out.push('0');
                }
                if kind == 2 {
                    self.out.push_str(".5e-3");
                }
            }
            11 => {
                // many members around the 256 live-name limit
                let n = 240 + usize::from(self.byte() % 32);
                self.out.push('{');
                for i in 0..n {
                    if i > 0 {
                        self.out.push(',');
                    }
                    let _ = write!(self.out, "\"m{i}\":{}", i % 10);
                }
                self.out.push('}');
            }
            12 => {
                let s = if self.byte() < 32 {
                    self.pick(&["01", "1.", ".5", "NaN", "-", "+1", "Infinity", "'a'"])
                } else {
                    self.pick(&["1e400", "-0", "0.0e0", "1E+2", "-1e-400", "123456789012345678901234567890"])
                };
                self.out.push_str(s);
            }
            _ => self.out.push('0'),
        }
    }
}

fn generate(u: &mut Unstructured<'_>, now: u64, which: Which) -> (Vec<u8>, Vec<u8>) {
    let ws = u.arbitrary().unwrap_or(false);
    let mut g = Gen { u, now, which, out: String::new(), ws };
    g.sp();
    g.object(true, 0);
    g.sp();
    let header = std::mem::take(&mut g.out);
    g.sp();
    g.object(false, 0);
    g.sp();
    (header.into_bytes(), g.out.into_bytes())
}

// ---------------------------------------------------------------------------------------------
// Independent checks that justify a disagreement.

/// Decoded header and payload bytes of a token jsonwebtoken accepted (canonical by then).
struct Parts {
    header: Vec<u8>,
    payload: Vec<u8>,
}

impl Parts {
    fn of(token: &str) -> Option<Parts> {
        let mut it = token.split('.');
        let header = B64.decode(it.next()?).ok()?;
        let payload = B64.decode(it.next()?).ok()?;
        Some(Parts { header, payload })
    }

    fn get(&self, part: Option<jwtcore::Part>) -> &[u8] {
        match part {
            Some(jwtcore::Part::Header) => &self.header,
            _ => &self.payload,
        }
    }

    fn header_member(&self, name: &str) -> Option<String> {
        members(&self.header).remove(name)
    }

    fn claim(&self, name: &str) -> Option<String> {
        members(&self.payload).remove(name)
    }
}

/// Top-level members (names unescaped, values as raw JSON text; the last of duplicates).
fn members(json: &[u8]) -> HashMap<String, String> {
    serde_json::from_slice::<HashMap<String, &RawValue>>(json)
        .map(|m| m.into_iter().map(|(k, v)| (k, v.get().to_owned())).collect())
        .unwrap_or_default()
}

fn number(raw: &str) -> Option<f64> {
    if raw.starts_with('-') || raw.starts_with(|c: char| c.is_ascii_digit()) { raw.parse().ok() } else { None }
}

/// Shape statistics of a JSON text: nesting depth, most live member names (jwtcore counts the
/// names of the current object and of every enclosing one), duplicate names in any object.
#[derive(Default, Debug)]
struct Shape {
    depth: usize,
    live: usize,
    duplicate: bool,
}

struct ShapeSeed<'s> {
    depth: usize,
    live: usize,
    shape: &'s mut Shape,
}

impl<'de> DeserializeSeed<'de> for ShapeSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ShapeSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.depth + 1;
        self.shape.depth = self.shape.depth.max(depth);
        let mut seen = HashSet::new();
        while let Some(k) = map.next_key::<String>()? {
            self.shape.duplicate |= !seen.insert(k);
            let live = self.live + seen.len();
            self.shape.live = self.shape.live.max(live);
            map.next_value_seed(ShapeSeed { depth, live, shape: &mut *self.shape })?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.depth + 1;
        self.shape.depth = self.shape.depth.max(depth);
        while seq.next_element_seed(ShapeSeed { depth, live: self.live, shape: &mut *self.shape })?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

fn shape(json: &[u8]) -> Shape {
    let mut shape = Shape::default();
    let mut de = serde_json::Deserializer::from_slice(json);
    let _ = ShapeSeed { depth: 0, live: 0, shape: &mut shape }.deserialize(&mut de);
    shape
}

/// The longest number literal outside strings.
fn longest_number(json: &[u8]) -> usize {
    let (mut in_str, mut esc, mut run, mut best) = (false, false, 0usize, 0usize);
    for &c in json {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        if c == b'"' {
            in_str = true;
            run = 0;
        } else if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Whether jwtcore's rejection `e` of a token jsonwebtoken accepted is explained by the
/// strictness rule its code names.
fn justified(e: &jwtcore::Error, token: &str, o: &Opts, now: u64) -> bool {
    let code = e.code();
    if !STRICTNESS_RULES.contains(&code) {
        return false;
    }
    let Some(parts) = Parts::of(token) else { return false };
    let near =
        |raw: Option<String>, edge: f64| raw.as_deref().and_then(number).is_some_and(|v| (v - edge).abs() <= 3.0);
    let now_f = now as f64;
    let lee = o.leeway as f64;
    match code {
        "duplicate_member" => shape(parts.get(e.part())).duplicate,
        "json_limit" => {
            let json = parts.get(e.part());
            let s = shape(json);
            s.depth > 32 || s.live > 256 || longest_number(json) > 64
        }
        "token_too_long" => token.len() > jwtcore::DEFAULT_MAX_TOKEN_LEN,
        "crit_invalid" | "crit_unsupported" => {
            parts.header_member("crit").is_some() || parts.header_member("b64").is_some()
        }
        "b64_unsupported" => parts.header_member("b64").as_deref() == Some("false"),
        "header_invalid" => {
            ["kid", "typ", "cty"].iter().any(|n| parts.header_member(n).is_some_and(|v| !v.starts_with('"')))
                || parts.header_member("b64").is_some_and(|v| v != "true" && v != "false")
        }
        "alg_key_mismatch" => alg_of(&parts.header).is_some_and(|a| a != o.which.name()),
        "claim_invalid" => {
            let Some(name) = e.claim().and_then(|c| c.name()) else { return false };
            let Some(raw) = parts.claim(name) else { return false };
            match name {
                "exp" | "nbf" | "iat" => number(&raw).is_none_or(|v| !v.is_finite()),
                "iss" | "sub" | "jti" => !raw.starts_with('"'),
                "aud" => !raw.starts_with('"') && serde_json::from_str::<Vec<String>>(&raw).is_err(),
                _ => false,
            }
        }
        "issued_in_future" => parts.claim("iat").as_deref().and_then(number).is_some_and(|v| v > now_f + lee - 3.0),
        "expired" => near(parts.claim("exp"), now_f - lee),
        "not_yet_valid" => near(parts.claim("nbf"), now_f + lee),
        _ => false,
    }
}

/// Whether jsonwebtoken's rejection of a token jwtcore accepted comes from one of its own,
/// stricter models (its typed header, f64-range numbers, u64 NumericDates, rounding) rather
/// than from a signature, algorithm or encoding difference.
fn jsonwebtoken_stricter(kind: &jwt::errors::ErrorKind, token: &str, o: &Opts, now: u64) -> bool {
    use jwt::errors::ErrorKind as K;
    let Some(parts) = Parts::of(token) else { return false };
    let not_u64 = |raw: &str| number(raw).is_none_or(|v| raw.starts_with('-') || v >= u64::MAX as f64);
    let near =
        |raw: Option<String>, edge: f64| raw.as_deref().and_then(number).is_some_and(|v| (v - edge).abs() <= 3.0);
    match kind {
        // serde_json refuses numbers outside f64 ("1e400") anywhere, and jsonwebtoken's Header
        // types its registered members (jku/x5u/x5t/url/nonce strings, x5c string list, jwk a
        // JWK, crit a string list, enc/zip strings). The JSON itself must still be valid.
        K::Json(err) => {
            let syntax_ok = |j: &[u8]| match serde_json::from_slice::<serde_json::Value>(j) {
                Ok(_) => true,
                Err(e) => e.to_string().contains("number out of range"),
            };
            let _ = err;
            syntax_ok(&parts.header) && syntax_ok(&parts.payload)
        }
        // NumericDates must fit u64 there; jwtcore compares any JSON number exactly.
        K::InvalidClaimFormat(c) => parts.claim(c).is_some_and(|raw| not_u64(&raw)),
        // "Required" means "parses" there (exp/nbf as u64, sub/iss/aud as strings); jwtcore
        // requires a non-null value and type-checks it only if the check is on.
        K::MissingRequiredClaim(c) => parts.claim(c).is_some_and(|raw| {
            raw != "null"
                && match c.as_str() {
                    "exp" | "nbf" => not_u64(&raw),
                    _ => !raw.starts_with('"'),
                }
        }),
        K::ExpiredSignature => near(parts.claim("exp"), now as f64 - o.leeway as f64),
        K::ImmatureSignature => near(parts.claim("nbf"), now as f64 + o.leeway as f64),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let o = Opts::parse([data[0], data[1], data[2], data[3]]);
    let (sig, seg, param, mode) = (data[4], data[5], data[6], data[7]);
    let rest = &data[8..];
    let now = jwt::get_current_timestamp();
    let token = match mode % 3 {
        0 => match std::str::from_utf8(rest) {
            Ok(t) => t.to_owned(),
            Err(_) => return,
        },
        1 => {
            let mut it = rest.splitn(2, |&b| b == 0);
            let header = it.next().unwrap_or(&[]);
            let payload = it.next().unwrap_or(&[]);
            build(header, payload, o.which, sig, seg, param)
        }
        _ => {
            let mut u = Unstructured::new(rest);
            let (header, payload) = generate(&mut u, now, o.which);
            build(&header, &payload, o.which, sig, seg, param)
        }
    };
    check(&token, &o, now);
});

/// `JWTDIFF_STATS=1`: print both verdicts per input (to see what a corpus exercises).
fn stats() -> bool {
    static S: OnceLock<bool> = OnceLock::new();
    *S.get_or_init(|| std::env::var_os("JWTDIFF_STATS").is_some())
}

fn check(token: &str, o: &Opts, now: u64) {
    let k = keys();
    let (core_key, jwt_key) = match o.which {
        Which::Hs => (&k.hs, &k.jwt_hs),
        Which::Es => (&k.es, &k.jwt_es),
        Which::Ed => (&k.ed, &k.jwt_ed),
    };
    let cv = core_validation(o);
    let mut scratch = vec![0u8; jwtcore::scratch_len(token).max(16)];
    let core = jwtcore::verify(token, core_key, &cv, Duration::from_secs(now), &mut scratch).map(|_| ());
    let theirs = jwt::decode::<serde_json::Map<String, serde_json::Value>>(token, jwt_key, &jwt_validation(o));

    if stats() {
        let ours = core.as_ref().map_or_else(|e| e.code(), |()| "ok");
        let theirs = theirs.as_ref().map_or_else(|e| format!("{:?}", e.kind()), |_| "ok".into());
        let theirs = theirs.split('(').next().unwrap_or("");
        eprintln!("verdict {:?} jwtcore={ours} jsonwebtoken={theirs} token={token}", o.which);
    }

    // Property 1: the signature verdicts, from jsonwebtoken's bare signature check.
    let sig_ok = || {
        let (input, sig) = token.rsplit_once('.')?;
        jwt::crypto::verify(sig, input.as_bytes(), jwt_key, o.which.jwt_alg()).ok()
    };
    match &core {
        Ok(()) => assert_eq!(
            sig_ok(),
            Some(true),
            "jwtcore accepted a token whose signature jsonwebtoken rejects: {token:?} {o:?}"
        ),
        Err(jwtcore::Error::Signature) => assert_ne!(
            sig_ok(),
            Some(true),
            "jwtcore: bad_signature, jsonwebtoken: valid signature (same key and alg): {token:?} {o:?}"
        ),
        Err(_) => {}
    }

    match (&core, &theirs) {
        (Err(e), Ok(_)) => assert!(
            justified(e, token, o, now),
            "jwtcore rejects ({}, {e:?}) what jsonwebtoken accepts, not explained by a strictness rule: {token:?} {o:?}",
            e.code()
        ),
        (Ok(()), Err(e)) => assert!(
            jsonwebtoken_stricter(e.kind(), token, o, now),
            "jwtcore accepts what jsonwebtoken rejects ({:?}): {token:?} {o:?}",
            e.kind()
        ),
        _ => {}
    }
}
