//! The conformance-vector schema (see `vectors/README.md`) and a runner that
//! checks one vector against the Rust core. The Python and JavaScript suites
//! read the same files.

use core::time::Duration;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use jwtcore::keys::{HmacSecret, KeySet};
use jwtcore::{Algorithm, Claim, ClaimSet, Error, Key, Validation};
use serde::Deserialize;
use serde_json::Value;

/// One vector file.
#[derive(Debug, Deserialize)]
pub struct File {
    /// What the file covers.
    #[serde(default)]
    pub description: String,
    /// The cases.
    pub vectors: Vec<Vector>,
}

/// One case.
#[derive(Debug, Deserialize)]
pub struct Vector {
    /// Stable, unique id.
    pub id: String,
    /// `jwt` (default), `jws` or `jwk`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The compact token.
    #[serde(default)]
    pub token: Option<String>,
    /// The verification key as a JWK.
    #[serde(default)]
    pub key: Option<Value>,
    /// A JWK set to verify with instead of `key`.
    #[serde(default)]
    pub jwks: Option<Value>,
    /// Language-neutral options.
    #[serde(default)]
    pub options: Options,
    /// Unix seconds.
    #[serde(default)]
    pub now: Option<f64>,
    /// The expected verdict.
    pub expect: Value,
}

/// Language-neutral verification options.
#[derive(Debug, Default, Deserialize)]
pub struct Options {
    /// Allow-list.
    pub algorithms: Option<Vec<String>>,
    /// Seconds.
    pub leeway: Option<f64>,
    /// String or list.
    pub issuer: Option<Value>,
    /// String or list.
    pub audience: Option<Value>,
    /// Expected `sub`.
    pub subject: Option<String>,
    /// Expected `typ`.
    pub typ: Option<String>,
    /// Seconds.
    pub max_age: Option<f64>,
    /// Required claims (absent: the default `["exp"]`).
    pub require: Option<Vec<String>>,
    /// Per-claim switches.
    pub verify: Option<std::collections::BTreeMap<String, bool>>,
    /// PyJWT's `strict_aud`.
    pub strict_aud: Option<bool>,
    /// Understood `crit` extensions.
    pub crit: Option<Vec<String>>,
    /// Maximum token length.
    pub max_token_length: Option<usize>,
    /// Accept HMAC keys shorter than the hash.
    pub allow_weak_hmac_key: Option<bool>,
}

/// Every vector file under `dir` except the error-code table, sorted.
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| {
        p.extension().is_some_and(|e| e == "json") && p.file_name().is_some_and(|n| n != "error-codes.json")
    });
    files.sort();
    files
}

/// The directory holding the vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

fn strings(v: &Option<Value>) -> Option<Vec<String>> {
    match v {
        None => None,
        Some(Value::String(s)) => Some(vec![s.clone()]),
        Some(Value::Array(a)) => Some(a.iter().filter_map(|x| x.as_str().map(String::from)).collect()),
        Some(_) => Some(vec![]),
    }
}

/// Owned option values that a [`Validation`] borrows.
struct Owned {
    algorithms: Option<Vec<Algorithm>>,
    issuers: Option<Vec<String>>,
    audiences: Option<Vec<String>>,
    custom: Vec<String>,
    crit: Vec<String>,
}

fn claim_name(e: &Error, custom: &[String]) -> Option<String> {
    match e.claim()? {
        Claim::Custom(i) => custom.get(usize::from(i)).cloned(),
        c => c.name().map(String::from),
    }
}

/// Runs one vector; `Err` describes the mismatch.
pub fn run(v: &Vector) -> Result<(), String> {
    run_with(v, None)
}

/// A signature verifier outside the core, as a binding's platform (WebCrypto,
/// `node:crypto`) plays it in the two-phase verify: the vector's key as its
/// JWK, the algorithm, the signing input and the decoded signature; `true`
/// for a valid signature.
pub type Platform = dyn Fn(&Value, Algorithm, &[u8], &[u8]) -> bool;

/// Whether [`run_with`] takes `v` through the two-phase
/// [`verify_external`](jwtcore::verify_external): a JWT verified with one
/// asymmetric key (key sets and JWS payloads go through the one-call verify).
pub fn two_phase_applies(v: &Vector) -> bool {
    let kty = v.key.as_ref().and_then(|k| k.get("kty")).and_then(Value::as_str);
    v.kind.as_deref().unwrap_or("jwt") == "jwt" && v.jwks.is_none() && kty.is_some_and(|k| k != "oct")
}

/// Runs one vector, with `platform` taking the signature arithmetic of every
/// vector [`two_phase_applies`] to; `Err` describes the mismatch.
pub fn run_with(v: &Vector, platform: Option<&Platform>) -> Result<(), String> {
    match v.kind.as_deref().unwrap_or("jwt") {
        "jwk" => run_jwk(v),
        "jwt" | "jws" => run_token(v, platform.filter(|_| two_phase_applies(v))),
        other => Err(format!("unknown kind {other}")),
    }
}

fn expect_error(v: &Vector, got: Result<(), (Error, Option<String>)>) -> Result<(), String> {
    let want = v.expect.get("error").and_then(Value::as_str);
    match (want, got) {
        (None, Ok(())) => Ok(()),
        (None, Err((e, _))) => Err(format!("expected valid, got {} ({e})", e.code())),
        (Some(code), Ok(())) => Err(format!("expected {code}, got valid")),
        (Some(code), Err((e, claim))) => {
            if e.code() != code {
                return Err(format!("expected {code}, got {} ({e})", e.code()));
            }
            if let Some(want_claim) = v.expect.get("claim").and_then(Value::as_str)
                && claim.as_deref() != Some(want_claim)
            {
                return Err(format!("expected claim {want_claim}, got {claim:?}"));
            }
            Ok(())
        }
    }
}

fn run_jwk(v: &Vector) -> Result<(), String> {
    let jwk = v.key.as_ref().ok_or("jwk vector without key")?.to_string();
    if let Some(tp) = v.expect.get("thumbprint").and_then(Value::as_str) {
        let mut buf = [0u8; 43];
        let got = jwtcore::keys::jwk_thumbprint(&jwk, &mut buf).map_err(|e| e.to_string())?;
        if got != tp {
            return Err(format!("thumbprint {got} != {tp}"));
        }
        // Supported keys must also parse and give the same thumbprint.
        if let Ok(key) = Key::from_jwk(&jwk) {
            let mut b2 = [0u8; 43];
            let again = key.thumbprint(&mut b2).map_err(|e| e.to_string())?;
            if again != tp {
                return Err(format!("parsed-key thumbprint {again} != {tp}"));
            }
        }
        return Ok(());
    }
    expect_error(v, Key::from_jwk(&jwk).map(|_| ()).map_err(|e| (e, None)))
}

fn build_validation<'a>(o: &'a Options, owned: &'a Owned) -> Validation<'a> {
    let mut val = Validation::new();
    if let Some(a) = &owned.algorithms {
        val = val.algorithms(a);
    }
    if let Some(l) = o.leeway {
        val = if l < 0.0 {
            val.negative_leeway(Duration::from_secs_f64(-l))
        } else {
            val.leeway(Duration::from_secs_f64(l))
        };
    }
    if let Some(m) = o.max_age {
        val = val.max_age(Duration::from_secs_f64(m));
    }
    if let Some(req) = &o.require {
        let mut set = ClaimSet::NONE;
        for r in req {
            if let Some(c) = ClaimSet::from_name(r) {
                set = set.with(c);
            }
        }
        val = val.require(set);
    }
    if !owned.custom.is_empty() {
        val = val.require_custom(leak(&owned.custom));
    }
    if let Some(iss) = &owned.issuers {
        val = val.issuer(leak(iss));
    }
    if let Some(aud) = &owned.audiences {
        val = val.audience(leak(aud));
    }
    if let Some(s) = &o.subject {
        val = val.subject(s);
    }
    if let Some(t) = &o.typ {
        val = val.typ(t);
    }
    if !owned.crit.is_empty() {
        val = val.critical_extensions(leak(&owned.crit));
    }
    if let Some(n) = o.max_token_length {
        val = val.max_token_len(n);
    }
    if o.strict_aud == Some(true) {
        val = val.strict_audience(true);
    }
    if let Some(checks) = &o.verify {
        for (name, on) in checks {
            if let (false, Some(c)) = (*on, ClaimSet::from_name(name)) {
                val = val.skip(c);
            }
        }
    }
    val
}

/// `Validation` borrows `&[&str]`; the runner's vectors live for the whole
/// test process, so leaking the small per-vector slices is the simple way.
fn leak(v: &[String]) -> &'static [&'static str] {
    let strs: Vec<&'static str> = v.iter().map(|s| &*Box::leak(s.clone().into_boxed_str())).collect();
    Box::leak(strs.into_boxed_slice())
}

enum Resolver {
    Key(Box<Key>),
    Secret(Vec<u8>, bool),
    Set(Box<KeySet<16>>),
}

fn resolver(v: &Vector) -> Result<Resolver, Error> {
    let weak = v.options.allow_weak_hmac_key == Some(true);
    if let Some(set) = &v.jwks {
        return Ok(Resolver::Set(Box::new(KeySet::from_jwks(&set.to_string())?)));
    }
    let jwk = v.key.as_ref().map(Value::to_string).unwrap_or_default();
    let fields: Value = serde_json::from_str(&jwk).unwrap_or(Value::Null);
    let kty = fields.get("kty").and_then(Value::as_str);
    let alg = fields.get("alg").and_then(Value::as_str).and_then(Algorithm::from_name);
    match (kty, alg) {
        (Some("oct"), None) => {
            let k = fields.get("k").and_then(Value::as_str).unwrap_or("");
            let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(k)
                .map_err(|_| Error::Key(jwtcore::KeyError::Invalid))?;
            Ok(Resolver::Secret(secret, weak))
        }
        (Some("oct"), Some(a)) => Key::from_jwk_for(&jwk, a, weak).map(|k| Resolver::Key(Box::new(k))),
        _ => Key::from_jwk(&jwk).map(|k| Resolver::Key(Box::new(k))),
    }
}

fn run_token(v: &Vector, platform: Option<&Platform>) -> Result<(), String> {
    let token = v.token.as_deref().ok_or("vector without token")?;
    let o = &v.options;
    let mut custom = Vec::new();
    for r in o.require.iter().flatten() {
        if ClaimSet::from_name(r).is_none() {
            custom.push(r.clone());
        }
    }
    let owned = Owned {
        algorithms: o.algorithms.as_ref().map(|a| a.iter().filter_map(|n| Algorithm::from_name(n)).collect()),
        issuers: strings(&o.issuer),
        audiences: strings(&o.audience),
        custom,
        crit: o.crit.clone().unwrap_or_default(),
    };
    // An allow-list naming only unknown algorithms ("none") allows nothing.
    let val = build_validation(o, &owned);
    let now = Duration::from_secs_f64(v.now.unwrap_or(0.0).max(0.0));
    // `jws_scratch_len` also covers an unencoded (RFC 7797) payload.
    let mut buf = vec![0u8; jwtcore::scratch_len(token).max(jwtcore::jws_scratch_len(token)).max(16)];
    let resolver = match resolver(v) {
        Ok(r) => r,
        Err(e) => return expect_error(v, Err((e, None))),
    };
    let is_jws = v.kind.as_deref() == Some("jws");
    let outcome = if let (Resolver::Key(k), Some(platform), Some(jwk)) = (&resolver, platform, v.key.as_ref()) {
        // Phase one in the core, the arithmetic on the "platform", phase two in the core.
        jwtcore::verify_external(token, k, &val, &mut buf).and_then(|pending| {
            let valid = platform(jwk, pending.algorithm(), pending.signing_input(), pending.signature());
            pending
                .finish(valid, now)
                .map(|t| Outcome::Jwt(t.payload_json().to_string(), t.header().json().to_string()))
        })
    } else {
        one_call(&resolver, token, &val, now, &mut buf, is_jws)
    };
    match outcome {
        Err(e) => {
            let claim = claim_name(&e, &owned.custom);
            expect_error(v, Err((e, claim)))
        }
        Ok(out) => {
            expect_error(v, Ok(()))?;
            check_output(v, out)
        }
    }
}

/// The one-call verify of a token with whichever key form the vector gives.
fn one_call(
    resolver: &Resolver,
    token: &str,
    val: &Validation<'_>,
    now: Duration,
    buf: &mut [u8],
    is_jws: bool,
) -> Result<Outcome, Error> {
    match resolver {
        Resolver::Key(k) if is_jws => {
            jwtcore::verify_jws(token, k, val, buf).map(|j| Outcome::Jws(j.payload().to_vec()))
        }
        Resolver::Key(k) => jwtcore::verify_with(token, &**k, val, now, buf)
            .map(|t| Outcome::Jwt(t.payload_json().to_string(), t.header().json().to_string())),
        Resolver::Secret(s, weak) if is_jws => {
            let secret = if *weak { HmacSecret::allowing_short(s) } else { HmacSecret::new(s) };
            jwtcore::verify_jws_with(token, &secret, val, buf).map(|j| Outcome::Jws(j.payload().to_vec()))
        }
        Resolver::Secret(s, weak) => {
            let secret = if *weak { HmacSecret::allowing_short(s) } else { HmacSecret::new(s) };
            jwtcore::verify_with(token, &secret, val, now, buf)
                .map(|t| Outcome::Jwt(t.payload_json().to_string(), t.header().json().to_string()))
        }
        Resolver::Set(set) => jwtcore::verify_with(token, set.as_ref(), val, now, buf)
            .map(|t| Outcome::Jwt(t.payload_json().to_string(), t.header().json().to_string())),
    }
}

enum Outcome {
    Jwt(String, String),
    Jws(Vec<u8>),
}

fn check_output(v: &Vector, out: Outcome) -> Result<(), String> {
    match out {
        Outcome::Jws(payload) => {
            if let Some(want) = v.expect.get("payload").and_then(Value::as_str)
                && payload != want.as_bytes()
            {
                return Err(format!("payload {:?} != {want:?}", String::from_utf8_lossy(&payload)));
            }
        }
        Outcome::Jwt(payload, header) => {
            if let Some(want) = v.expect.get("claims") {
                let got: Value = serde_json::from_str(&payload).map_err(|e| e.to_string())?;
                if &got != want {
                    return Err(format!("claims {got} != {want}"));
                }
            }
            if let Some(want) = v.expect.get("header") {
                let got: Value = serde_json::from_str(&header).map_err(|e| e.to_string())?;
                if &got != want {
                    return Err(format!("header {got} != {want}"));
                }
            }
        }
    }
    Ok(())
}
