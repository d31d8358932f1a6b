//! The benchmark fixture: one canonical token per algorithm (the anchors'
//! payload, 397 bytes for HS256), the same keys loaded once into every
//! library, and one verify+validate and one encode closure per library and
//! algorithm. `benches/jwt.rs` times them with criterion; `examples/allocs.rs`
//! counts their heap allocations. Every closure is checked to succeed before
//! anything is timed (`Fixture::check`).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, missing_debug_implementations)]

use std::collections::HashSet;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub const ISS: &str = "https://auth.example.com";
pub const AUD: &str = "api.example.com";
pub const NOW: u64 = 1_800_000_000;
pub const HS_SECRET: &[u8; 32] = b"0123456789abcdef0123456789abcdef";

/// The anchors' canonical payload, field for field.
#[derive(Serialize, Deserialize, Clone)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub jti: String,
    pub name: String,
    pub roles: Vec<String>,
}

/// jwtcore's zero-copy view of the same claims.
#[derive(Serialize, Deserialize)]
pub struct ClaimsRef<'a> {
    pub sub: &'a str,
    pub iss: &'a str,
    pub aud: &'a str,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub jti: &'a str,
    pub name: &'a str,
    pub roles: [&'a str; 3],
}

pub fn claims() -> Claims {
    Claims {
        sub: "user-1234567890".into(),
        iss: ISS.into(),
        aud: AUD.into(),
        exp: 4_102_444_800,
        nbf: 1_700_000_000,
        iat: 1_700_000_000,
        jti: "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".into(),
        name: "Alice Example".into(),
        roles: vec!["admin".into(), "editor".into(), "viewer".into()],
    }
}

pub fn claims_ref() -> ClaimsRef<'static> {
    ClaimsRef {
        sub: "user-1234567890",
        iss: ISS,
        aud: AUD,
        exp: 4_102_444_800,
        nbf: 1_700_000_000,
        iat: 1_700_000_000,
        jti: "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        name: "Alice Example",
        roles: ["admin", "editor", "viewer"],
    }
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/keys").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Algorithms benchmarked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Alg {
    Hs256,
    Es256,
    EdDsa,
}

impl Alg {
    pub const ALL: [Alg; 3] = [Alg::Hs256, Alg::Es256, Alg::EdDsa];
    pub fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Es256 => "ES256",
            Alg::EdDsa => "EdDSA",
        }
    }
    fn core(self) -> jwtcore::Algorithm {
        match self {
            Alg::Hs256 => jwtcore::Algorithm::Hs256,
            Alg::Es256 => jwtcore::Algorithm::Es256,
            Alg::EdDsa => jwtcore::Algorithm::EdDsa,
        }
    }
}

/// Keys for one algorithm, loaded once into every library.
pub struct Keys {
    pub alg: Alg,
    pub core: jwtcore::Key,
    pub core_public: jwtcore::Key,
    pub jsonwebtoken_enc: jsonwebtoken::EncodingKey,
    pub jsonwebtoken_dec: jsonwebtoken::DecodingKey,
    pub simple: SimpleKey,
    pub compact: CompactKey,
    /// The canonical token (signed by jwtcore; every library verifies these bytes).
    pub token: String,
}

#[allow(clippy::large_enum_variant)] // built once per benchmark
pub enum SimpleKey {
    Hs(jwt_simple::prelude::HS256Key),
    Es(jwt_simple::prelude::ES256KeyPair, jwt_simple::prelude::ES256PublicKey),
    Ed(jwt_simple::prelude::Ed25519KeyPair, jwt_simple::prelude::Ed25519PublicKey),
}

#[allow(clippy::large_enum_variant)] // built once per benchmark
pub enum CompactKey {
    Hs(jwt_compact::alg::Hs256Key),
    Es(p256_13::ecdsa::SigningKey, p256_13::ecdsa::VerifyingKey),
    Ed(ed25519_dalek_2::SigningKey, ed25519_dalek_2::VerifyingKey),
}

fn jwk_member(key: &jwtcore::Key, private: bool, member: &str) -> Vec<u8> {
    use base64::Engine as _;
    let jwk: serde_json::Value = serde_json::from_str(&key.to_jwk(private).unwrap()).unwrap();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwk[member].as_str().unwrap()).unwrap()
}

impl Keys {
    pub fn load(alg: Alg) -> Keys {
        use jwt_simple::prelude::*;
        let (core, jsonwebtoken_enc, jsonwebtoken_dec, simple) = match alg {
            Alg::Hs256 => (
                jwtcore::Key::hmac(jwtcore::Algorithm::Hs256, HS_SECRET).unwrap(),
                jsonwebtoken::EncodingKey::from_secret(HS_SECRET),
                jsonwebtoken::DecodingKey::from_secret(HS_SECRET),
                SimpleKey::Hs(HS256Key::from_bytes(HS_SECRET)),
            ),
            Alg::Es256 => {
                let (private, public) = (fixture("ec-p256-pkcs8.pem"), fixture("ec-p256-spki.pem"));
                (
                    jwtcore::Key::from_pem(&private).unwrap(),
                    jsonwebtoken::EncodingKey::from_ec_pem(private.as_bytes()).unwrap(),
                    jsonwebtoken::DecodingKey::from_ec_pem(public.as_bytes()).unwrap(),
                    SimpleKey::Es(
                        ES256KeyPair::from_pem(&private).unwrap(),
                        ES256PublicKey::from_pem(&public).unwrap(),
                    ),
                )
            }
            Alg::EdDsa => {
                let (private, public) = (fixture("ed25519-pkcs8.pem"), fixture("ed25519-spki.pem"));
                (
                    jwtcore::Key::from_pem(&private).unwrap(),
                    jsonwebtoken::EncodingKey::from_ed_pem(private.as_bytes()).unwrap(),
                    jsonwebtoken::DecodingKey::from_ed_pem(public.as_bytes()).unwrap(),
                    SimpleKey::Ed(
                        Ed25519KeyPair::from_pem(&private).unwrap(),
                        Ed25519PublicKey::from_pem(&public).unwrap(),
                    ),
                )
            }
        };
        let compact = match alg {
            Alg::Hs256 => CompactKey::Hs(jwt_compact::alg::Hs256Key::new(HS_SECRET)),
            Alg::Es256 => {
                let sk = p256_13::ecdsa::SigningKey::from_slice(&jwk_member(&core, true, "d")).unwrap();
                let vk = *sk.verifying_key();
                CompactKey::Es(sk, vk)
            }
            Alg::EdDsa => {
                let seed: [u8; 32] = jwk_member(&core, true, "d").try_into().unwrap();
                let sk = ed25519_dalek_2::SigningKey::from_bytes(&seed);
                let vk = sk.verifying_key();
                CompactKey::Ed(sk, vk)
            }
        };
        let core_public = if alg == Alg::Hs256 { core.clone() } else { core.to_public().unwrap() };
        let mut out = [0u8; 1024];
        let token =
            jwtcore::encode_into(&jwtcore::EncodeHeader::new(), &claims_ref(), &core, &mut out).unwrap().to_owned();
        Keys { alg, core, core_public, jsonwebtoken_enc, jsonwebtoken_dec, simple, compact, token }
    }
}

/// Everything the verify closures need, prepared once.
pub struct Verifiers {
    pub jsonwebtoken: jsonwebtoken::Validation,
    pub simple: jwt_simple::prelude::VerificationOptions,
    pub compact_time: jwt_compact::TimeOptions<fn() -> chrono::DateTime<chrono::Utc>>,
}

fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(NOW as i64, 0).unwrap()
}

impl Verifiers {
    pub fn new(alg: Alg) -> Verifiers {
        let mut v = jsonwebtoken::Validation::new(match alg {
            Alg::Hs256 => jsonwebtoken::Algorithm::HS256,
            Alg::Es256 => jsonwebtoken::Algorithm::ES256,
            Alg::EdDsa => jsonwebtoken::Algorithm::EdDSA,
        });
        v.set_issuer(&[ISS]);
        v.set_audience(&[AUD]);
        v.leeway = 60;
        v.validate_nbf = true;
        let simple = jwt_simple::prelude::VerificationOptions {
            allowed_issuers: Some(HashSet::from([ISS.to_string()])),
            allowed_audiences: Some(HashSet::from([AUD.to_string()])),
            time_tolerance: Some(jwt_simple::prelude::Duration::from_secs(60)),
            ..Default::default()
        };
        let compact_time = jwt_compact::TimeOptions::new(chrono::Duration::seconds(60), fixed_now as fn() -> _);
        Verifiers { jsonwebtoken: v, simple, compact_time }
    }
}

/// jwtcore's validation: issuer, audience, exp/nbf/iat, 60 s leeway.
pub fn core_validation() -> jwtcore::Validation<'static> {
    static ISSUERS: [&str; 1] = [ISS];
    static AUDIENCES: [&str; 1] = [AUD];
    jwtcore::Validation::new().issuer(&ISSUERS).audience(&AUDIENCES).leeway(Duration::from_secs(60))
}

// ---- verify: decode + signature + claims into the library's typed claims ----

pub fn verify_jwtcore(k: &Keys, v: &jwtcore::Validation<'_>, scratch: &mut [u8]) -> usize {
    let t = jwtcore::verify(&k.token, &k.core_public, v, Duration::from_secs(NOW), scratch).unwrap();
    let c: ClaimsRef<'_> = t.deserialize().unwrap();
    c.sub.len() + c.roles.len()
}

pub fn verify_jsonwebtoken(k: &Keys, v: &Verifiers) -> usize {
    let d = jsonwebtoken::decode::<Claims>(&k.token, &k.jsonwebtoken_dec, &v.jsonwebtoken).unwrap();
    d.claims.sub.len() + d.claims.roles.len()
}

#[derive(Serialize, Deserialize)]
pub struct SimpleCustom {
    pub name: String,
    pub roles: Vec<String>,
}

pub fn verify_jwt_simple(k: &Keys, v: &Verifiers) -> usize {
    use jwt_simple::prelude::*;
    let opts = Some(v.simple.clone());
    let c: JWTClaims<SimpleCustom> = match &k.simple {
        SimpleKey::Hs(key) => key.verify_token(&k.token, opts),
        SimpleKey::Es(_, key) => key.verify_token(&k.token, opts),
        SimpleKey::Ed(_, key) => key.verify_token(&k.token, opts),
    }
    .unwrap();
    c.subject.as_deref().map_or(0, str::len) + c.custom.roles.len()
}

#[derive(Serialize, Deserialize)]
pub struct CompactCustom {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub jti: String,
    pub name: String,
    pub roles: Vec<String>,
}

pub fn verify_jwt_compact(k: &Keys, v: &Verifiers) -> usize {
    use jwt_compact::{AlgorithmExt as _, Token, UntrustedToken};
    let untrusted = UntrustedToken::new(&k.token).unwrap();
    let token: Token<CompactCustom> = match &k.compact {
        CompactKey::Hs(key) => jwt_compact::alg::Hs256.validator(key).validate(&untrusted),
        CompactKey::Es(_, key) => jwt_compact::alg::Es256.validator(key).validate(&untrusted),
        CompactKey::Ed(_, key) => jwt_compact::alg::Ed25519.validator(key).validate(&untrusted),
    }
    .unwrap();
    let claims = token.claims();
    claims.validate_expiration(&v.compact_time).unwrap().validate_maturity(&v.compact_time).unwrap();
    // jwt-compact has no iss/aud checks: compare them as a caller would.
    assert!(claims.custom.iss == ISS && claims.custom.aud == AUD);
    claims.custom.sub.len() + claims.custom.roles.len()
}

// ---- encode: claims struct → signed compact token ----

pub fn encode_jwtcore<'o>(k: &Keys, c: &ClaimsRef<'_>, out: &'o mut [u8]) -> &'o str {
    jwtcore::encode_into(&jwtcore::EncodeHeader::new(), c, &k.core, out).unwrap()
}

pub fn encode_jsonwebtoken(k: &Keys, c: &Claims) -> String {
    let alg = match k.alg {
        Alg::Hs256 => jsonwebtoken::Algorithm::HS256,
        Alg::Es256 => jsonwebtoken::Algorithm::ES256,
        Alg::EdDsa => jsonwebtoken::Algorithm::EdDSA,
    };
    jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), c, &k.jsonwebtoken_enc).unwrap()
}

pub fn encode_jwt_simple(k: &Keys, c: &Claims) -> String {
    use jwt_simple::prelude::*;
    let custom = SimpleCustom { name: c.name.clone(), roles: c.roles.clone() };
    let mut claims = JWTClaims {
        issued_at: Some(UnixTimeStamp::from_secs(c.iat)),
        expires_at: Some(UnixTimeStamp::from_secs(c.exp)),
        invalid_before: Some(UnixTimeStamp::from_secs(c.nbf)),
        issuer: None,
        subject: None,
        audiences: None,
        jwt_id: None,
        nonce: None,
        custom,
    };
    claims = claims.with_issuer(&c.iss).with_subject(&c.sub).with_audience(&c.aud).with_jwt_id(&c.jti);
    match &k.simple {
        SimpleKey::Hs(key) => key.authenticate(claims),
        SimpleKey::Es(key, _) => key.sign(claims),
        SimpleKey::Ed(key, _) => key.sign(claims),
    }
    .unwrap()
}

pub fn encode_jwt_compact(k: &Keys, c: &Claims) -> String {
    use jwt_compact::{AlgorithmExt as _, Header};
    let custom = CompactCustom {
        sub: c.sub.clone(),
        iss: c.iss.clone(),
        aud: c.aud.clone(),
        jti: c.jti.clone(),
        name: c.name.clone(),
        roles: c.roles.clone(),
    };
    let mut claims = jwt_compact::Claims::new(custom);
    claims.expiration = chrono::DateTime::from_timestamp(c.exp as i64, 0);
    claims.not_before = chrono::DateTime::from_timestamp(c.nbf as i64, 0);
    claims.issued_at = chrono::DateTime::from_timestamp(c.iat as i64, 0);
    let header = Header::empty().with_token_type("JWT");
    match &k.compact {
        CompactKey::Hs(key) => jwt_compact::alg::Hs256.token(&header, &claims, key),
        CompactKey::Es(key, _) => jwt_compact::alg::Es256.token(&header, &claims, key),
        CompactKey::Ed(key, _) => jwt_compact::alg::Ed25519.token(&header, &claims, key),
    }
    .unwrap()
}

// ---- the primitive alone, on the same signing input and signature ----

pub struct Primitive {
    pub signing_input: Vec<u8>,
    pub signature: Vec<u8>,
    pub p256: Option<p256::ecdsa::VerifyingKey>,
    pub ed25519: Option<ed25519_dalek::VerifyingKey>,
}

impl Primitive {
    pub fn new(k: &Keys) -> Primitive {
        use base64::Engine as _;
        let dot = k.token.rfind('.').unwrap();
        let signing_input = k.token.as_bytes()[..dot].to_vec();
        let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&k.token[dot + 1..]).unwrap();
        let (p256, ed25519) = match k.alg {
            Alg::Hs256 => (None, None),
            Alg::Es256 => {
                let mut point = vec![4u8];
                point.extend(jwk_member(&k.core, false, "x"));
                point.extend(jwk_member(&k.core, false, "y"));
                (Some(p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap()), None)
            }
            Alg::EdDsa => {
                let x: [u8; 32] = jwk_member(&k.core, false, "x").try_into().unwrap();
                (None, Some(ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap()))
            }
        };
        Primitive { signing_input, signature, p256, ed25519 }
    }

    /// Ed25519 as the core checks it: `ed25519_dalek`'s `verify_strict`
    /// (RFC 8032 §5.1.7: canonical S, small-order R and A refused), the
    /// anchor for issue 21's "EdDSA within 1.10× of bare dalek".
    pub fn verify_strict_ed25519(&self) -> bool {
        let sig = ed25519_dalek::Signature::from_slice(&self.signature).unwrap();
        self.ed25519.as_ref().unwrap().verify_strict(&self.signing_input, &sig).is_ok()
    }

    /// HMAC-SHA256 + constant-time tag check / p256 verify / ed25519 verify.
    pub fn verify(&self, alg: Alg) -> bool {
        match alg {
            Alg::Hs256 => {
                use hmac::{KeyInit as _, Mac as _};
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(HS_SECRET).unwrap();
                mac.update(&self.signing_input);
                mac.verify_slice(&self.signature).is_ok()
            }
            Alg::Es256 => {
                use p256::ecdsa::signature::Verifier as _;
                let sig = p256::ecdsa::Signature::from_slice(&self.signature).unwrap();
                self.p256.as_ref().unwrap().verify(&self.signing_input, &sig).is_ok()
            }
            Alg::EdDsa => {
                use ed25519_dalek::Verifier as _;
                let sig = ed25519_dalek::Signature::from_slice(&self.signature).unwrap();
                self.ed25519.as_ref().unwrap().verify(&self.signing_input, &sig).is_ok()
            }
        }
    }
}

/// A JWK set of five keys of `alg` (the token's key fourth) and a token with
/// that key's `kid`: the JWKS-lookup row of issue 3.
pub struct JwksCase {
    pub set: jwtcore::keys::KeySet<8>,
    pub key: jwtcore::Key,
    pub token: String,
}

impl JwksCase {
    pub fn new(alg: Alg) -> JwksCase {
        let mut set = jwtcore::keys::KeySet::<8>::new();
        let mut chosen = None;
        for i in 0..5u8 {
            let key = match alg {
                Alg::Hs256 => jwtcore::Key::hmac(jwtcore::Algorithm::Hs256, &[i + 1; 32]).unwrap(),
                _ => jwtcore::Key::generate_os(alg.core()).unwrap(),
            }
            .with_kid(&format!("key-{i}"))
            .unwrap();
            if i == 3 {
                chosen = Some(key.clone());
            }
            set.insert(if alg == Alg::Hs256 { key } else { key.to_public().unwrap() }).unwrap();
        }
        let key = chosen.unwrap();
        let mut out = [0u8; 1024];
        let token = jwtcore::encode_into(&jwtcore::EncodeHeader::new().kid("key-3"), &claims_ref(), &key, &mut out)
            .unwrap()
            .to_owned();
        let key = if alg == Alg::Hs256 { key } else { key.to_public().unwrap() };
        JwksCase { set, key, token }
    }
}

/// Runs every closure once and checks the results agree, so no benchmark
/// times an error path.
pub fn check(k: &Keys) {
    let v = Verifiers::new(k.alg);
    let cv = core_validation();
    let mut scratch = vec![0u8; 1024];
    let expected = verify_jwtcore(k, &cv, &mut scratch);
    assert_eq!(expected, "user-1234567890".len() + 3);
    assert_eq!(verify_jsonwebtoken(k, &v), expected, "jsonwebtoken {:?}", k.alg);
    assert_eq!(verify_jwt_simple(k, &v), expected, "jwt-simple {:?}", k.alg);
    assert_eq!(verify_jwt_compact(k, &v), expected, "jwt-compact {:?}", k.alg);
    assert!(Primitive::new(k).verify(k.alg));
    if k.alg == Alg::EdDsa {
        assert!(Primitive::new(k).verify_strict_ed25519());
    }
    if k.alg == Alg::Hs256 {
        assert_eq!(k.token.len(), 397, "the canonical HS256 token is 397 bytes");
    }
    // Every library's own tokens verify in jwtcore.
    let c = claims();
    for other in [encode_jsonwebtoken(k, &c), encode_jwt_simple(k, &c), encode_jwt_compact(k, &c)] {
        let mut s = vec![0u8; 2048];
        jwtcore::verify(&other, &k.core_public, &cv, Duration::from_secs(NOW), &mut s).unwrap();
    }
    let mut out = [0u8; 1024];
    let mine = encode_jwtcore(k, &claims_ref(), &mut out).to_owned();
    let mut t = Keys::load(k.alg);
    t.token = mine;
    assert_eq!(verify_jsonwebtoken(&t, &v), expected);
}

// ---- RS256 (issue 8) -----------------------------------------------------------------------

/// One 2048-bit RSA key (the OpenSSL fixture) for jwtcore and jsonwebtoken, and a token it signed.
pub struct RsaCase {
    core_private: jwtcore::Key,
    core_public: jwtcore::Key,
    enc: jsonwebtoken::EncodingKey,
    dec: jsonwebtoken::DecodingKey,
    validation: jsonwebtoken::Validation,
    token: String,
}

impl RsaCase {
    /// Loads the fixture and checks that each library verifies the other's token.
    pub fn load() -> RsaCase {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/keys/");
        let private = std::fs::read_to_string(format!("{dir}rsa-2048-pkcs8.pem")).unwrap();
        let public = std::fs::read_to_string(format!("{dir}rsa-2048-spki.pem")).unwrap();
        let core_private = jwtcore::Key::from_pem(&private).unwrap().bind_algorithm(jwtcore::Algorithm::Rs256).unwrap();
        let core_public = jwtcore::Key::from_pem(&public).unwrap().bind_algorithm(jwtcore::Algorithm::Rs256).unwrap();
        let enc = jsonwebtoken::EncodingKey::from_rsa_pem(private.as_bytes()).unwrap();
        let dec = jsonwebtoken::DecodingKey::from_rsa_pem(public.as_bytes()).unwrap();
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        validation.set_issuer(&[ISS]);
        validation.set_audience(&[AUD]);
        validation.leeway = 60;
        validation.validate_nbf = true;
        let mut out = [0u8; 1024];
        let token = jwtcore::encode_into(&jwtcore::EncodeHeader::new(), &claims_ref(), &core_private, &mut out)
            .unwrap()
            .to_owned();
        let case = RsaCase { core_private, core_public, enc, dec, validation, token };
        let theirs = case.encode_jsonwebtoken(&claims());
        let mut scratch = [0u8; 1024];
        let cv = core_validation();
        assert!(jwtcore::verify(&theirs, &case.core_public, &cv, Duration::from_secs(NOW), &mut scratch).is_ok());
        assert!(case.verify_jsonwebtoken() > 0);
        case
    }

    pub fn verify_jwtcore(&self, v: &jwtcore::Validation<'_>, scratch: &mut [u8]) -> usize {
        let t = jwtcore::verify(&self.token, &self.core_public, v, Duration::from_secs(NOW), scratch).unwrap();
        let c: ClaimsRef<'_> = t.deserialize().unwrap();
        c.sub.len() + c.roles.len()
    }

    pub fn verify_jsonwebtoken(&self) -> usize {
        let d = jsonwebtoken::decode::<Claims>(&self.token, &self.dec, &self.validation).unwrap();
        d.claims.sub.len() + d.claims.roles.len()
    }

    pub fn encode_jwtcore(&self, c: &ClaimsRef<'_>, out: &mut [u8]) -> usize {
        jwtcore::encode_into(&jwtcore::EncodeHeader::new(), c, &self.core_private, out).unwrap().len()
    }

    pub fn encode_jsonwebtoken(&self, c: &Claims) -> String {
        jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256), c, &self.enc).unwrap()
    }
}
