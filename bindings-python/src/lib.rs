//! The Python extension `jwtcore._core`: type conversion and error codes
//! only. Parsing, validation, crypto and the error classification are the
//! core's; `python/jwtcore` maps codes to PyJWT's exception classes.

mod raw;
mod session;

use std::time::Duration;

use jwtcore::keys::{HmacSecret, looks_like_asymmetric_key};
use jwtcore::{Algorithm, ClaimSet, Error, Key, Part, TokenError, Validation};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

create_exception!(
    _core,
    CoreError,
    PyException,
    "A jwtcore error: args are (code, claim, message, part); part names the token segment \
     (header, payload, signature) of a structural error."
);

fn err(e: Error, custom: &[String]) -> PyErr {
    let claim = match e.claim() {
        Some(jwtcore::Claim::Custom(i)) => custom.get(usize::from(i)).cloned(),
        Some(c) => c.name().map(str::to_owned),
        None => None,
    };
    let part = match e {
        Error::Token(
            TokenError::Base64(p) | TokenError::Json(p) | TokenError::DuplicateMember(p) | TokenError::JsonLimit(p),
        ) => Some(p.code()),
        _ => None,
    };
    CoreError::new_err((e.code(), claim, e.to_string(), part))
}

/// A parsed key (JWK, PEM, DER or HMAC secret), bound to its algorithm.
#[pyclass(frozen, module = "jwtcore._core")]
struct CoreKey(Key);

#[pymethods]
impl CoreKey {
    /// An HMAC key for `alg`; short secrets only when `allow_short`.
    #[staticmethod]
    fn from_secret(alg: &str, secret: &[u8], allow_short: bool) -> PyResult<Self> {
        let alg = parse_alg(alg)?;
        let key = if allow_short { Key::hmac_allowing_short_secret(alg, secret) } else { Key::hmac(alg, secret) };
        key.map(CoreKey).map_err(|e| err(e, &[]))
    }
    #[staticmethod]
    fn from_pem(pem: &str) -> PyResult<Self> {
        Key::from_pem(pem).map(CoreKey).map_err(|e| err(e, &[]))
    }
    #[staticmethod]
    fn from_der(der: &[u8]) -> PyResult<Self> {
        Key::from_der(der).map(CoreKey).map_err(|e| err(e, &[]))
    }
    /// Key material handed over as bytes that [`looks_like_asymmetric_key`]
    /// recognises: PEM text, JWK text or DER, each parsed by the core.
    #[staticmethod]
    fn from_material(data: &[u8]) -> PyResult<Self> {
        key_from_material(data).map(CoreKey).map_err(|e| err(e, &[]))
    }
    /// From a JWK JSON text; `alg` binds an `oct` key without one.
    #[staticmethod]
    #[pyo3(signature = (jwk, alg=None, allow_short=false))]
    fn from_jwk(jwk: &str, alg: Option<&str>, allow_short: bool) -> PyResult<Self> {
        let key = match alg {
            Some(a) => Key::from_jwk_for(jwk, parse_alg(a)?, allow_short),
            None => Key::from_jwk(jwk),
        };
        key.map(CoreKey).map_err(|e| err(e, &[]))
    }
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.0.algorithm().as_str()
    }
    #[getter]
    fn kid(&self) -> Option<String> {
        self.0.kid().map(str::to_owned)
    }
    #[getter]
    fn is_private(&self) -> bool {
        self.0.is_private()
    }
    fn to_jwk(&self, include_private: bool) -> PyResult<String> {
        self.0.to_jwk(include_private).map_err(|e| err(e, &[]))
    }
    fn thumbprint(&self) -> PyResult<String> {
        let mut b = [0u8; 43];
        self.0.thumbprint(&mut b).map(str::to_owned).map_err(|e| err(e, &[]))
    }
    /// Binds a PEM RSA key to one RSA algorithm.
    fn bind(&self, alg: &str) -> PyResult<Self> {
        self.0.clone().bind_algorithm(parse_alg(alg)?).map(CoreKey).map_err(|e| err(e, &[]))
    }
}

/// A JWK set (unsupported entries skipped), keys chosen by `kid` and `alg`.
#[pyclass(frozen, module = "jwtcore._core")]
struct CoreKeySet(jwtcore::keys::KeySet<64>);

#[pymethods]
impl CoreKeySet {
    #[staticmethod]
    fn from_jwks(jwks: &str) -> PyResult<Self> {
        jwtcore::keys::KeySet::from_jwks(jwks).map(CoreKeySet).map_err(|e| err(e, &[]))
    }
    fn __len__(&self) -> usize {
        self.0.len()
    }
}

/// Parses bytes the core classifies as asymmetric key material with the
/// core's parser for their encoding: text with a PEM boundary is PEM, an
/// OpenSSH public key line is parsed as one, a JSON object is a JWK, anything
/// else is tried as DER. Encodings the core recognises but cannot parse
/// (certificates, raw points, base64 without armour) are `invalid_key`: never
/// an HMAC secret.
fn key_from_material(data: &[u8]) -> Result<Key, Error> {
    match std::str::from_utf8(data) {
        Ok(text) if text.contains("-----BEGIN") => Key::from_pem(text),
        Ok(text) if text.trim_start().starts_with("ssh-") || text.trim_start().starts_with("ecdsa-sha2-") => {
            Key::from_openssh(text)
        }
        Ok(text) if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') => Key::from_jwk(text),
        _ => Key::from_der(data),
    }
}

/// Whether bytes handed over as a key are asymmetric key material (the
/// core's classifier), which is parsed as a key and never used as an HMAC
/// secret.
#[pyfunction]
#[pyo3(name = "looks_like_asymmetric_key")]
fn py_looks_like_asymmetric_key(data: &[u8]) -> bool {
    looks_like_asymmetric_key(data)
}

fn parse_alg(name: &str) -> PyResult<Algorithm> {
    Algorithm::from_name(name).ok_or_else(|| err(Error::Header(jwtcore::HeaderError::AlgNotAllowed), &[]))
}

/// Signs the compact JWS of `header_json` and `payload` (the GIL is released);
/// `detached` leaves the payload out of the token (RFC 7515 Appendix F; with
/// `b64: false` in the header, RFC 7797).
#[pyfunction]
#[pyo3(signature = (header_json, payload, key, detached=false))]
fn sign(py: Python<'_>, header_json: &[u8], payload: &[u8], key: &CoreKey, detached: bool) -> PyResult<String> {
    let cap = 64 + (header_json.len() + payload.len()) * 4 / 3 + 2048;
    py.detach(|| {
        let mut out = vec![0u8; cap];
        if detached {
            jwtcore::sign_detached_into(header_json, payload, &key.0, &mut out).map(str::to_owned)
        } else {
            jwtcore::sign_compact_into(header_json, payload, &key.0, &mut out).map(str::to_owned)
        }
    })
    .map_err(|e| err(e, &[]))
}

/// Verification options, as the Python layer collects them from PyJWT's
/// arguments.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Options {
    algorithms: Option<Vec<String>>,
    leeway: f64,
    issuer: Option<Vec<String>>,
    audience: Option<Vec<String>>,
    subject: Option<String>,
    require: Vec<String>,
    skip: Vec<String>,
    strict_aud: bool,
    max_age: Option<f64>,
    typ: Option<String>,
    crit: Vec<String>,
    max_token_length: Option<usize>,
}

impl Options {
    /// Refuses what the core cannot honour instead of ignoring it.
    fn check(&self) -> PyResult<()> {
        if !self.leeway.is_finite() {
            return Err(PyValueError::new_err("leeway must be a finite number of seconds"));
        }
        if self.max_age.is_some_and(|m| !m.is_finite() || m < 0.0) {
            return Err(PyValueError::new_err("max_age must be a finite, non-negative number of seconds"));
        }
        Ok(())
    }

    fn token_limit(&self) -> usize {
        self.max_token_length.unwrap_or(jwtcore::DEFAULT_MAX_TOKEN_LEN)
    }
}

/// The length check every entry point makes before any other work (no copy,
/// no scratch buffer, no decoding of an oversized token).
fn check_len(token: &str, limit: usize) -> PyResult<()> {
    if token.len() > limit {
        return Err(err(Error::Token(TokenError::TooLong), &[]));
    }
    Ok(())
}

/// Builds the core's `Validation` from the options and runs `f` with it.
fn with_validation<R>(options: &Options, f: impl FnOnce(&Validation<'_>, &[String]) -> R) -> R {
    let algorithms: Option<Vec<Algorithm>> =
        options.algorithms.as_ref().map(|a| a.iter().filter_map(|n| Algorithm::from_name(n)).collect());
    let custom: Vec<String> = options.require.iter().filter(|r| ClaimSet::from_name(r).is_none()).cloned().collect();
    fn strs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let issuers = options.issuer.as_deref().map(strs);
    let audiences = options.audience.as_deref().map(strs);
    let custom_refs = strs(&custom);
    let crit = strs(&options.crit);
    let mut v = Validation::new();
    if let Some(a) = &algorithms {
        v = v.algorithms(a);
    }
    if options.leeway != 0.0 {
        // PyJWT's negative leeway: the token must stay valid that much longer.
        let by = Duration::from_secs_f64(options.leeway.abs().min(1e12));
        v = if options.leeway < 0.0 { v.negative_leeway(by) } else { v.leeway(by) };
    }
    if let Some(m) = options.max_age {
        v = v.max_age(Duration::from_secs_f64(m.min(1e12)));
    }
    let mut required = ClaimSet::NONE;
    for r in &options.require {
        if let Some(c) = ClaimSet::from_name(r) {
            required = required.with(c);
        }
    }
    v = v.require(required);
    if !custom_refs.is_empty() {
        v = v.require_custom(&custom_refs);
    }
    let mut skip = ClaimSet::NONE;
    for s in &options.skip {
        if let Some(c) = ClaimSet::from_name(s) {
            skip = skip.with(c);
        }
    }
    if skip != ClaimSet::NONE {
        v = v.skip(skip);
    }
    if let Some(i) = &issuers {
        v = v.issuer(i);
    }
    if let Some(a) = &audiences {
        v = v.audience(a);
    }
    if let Some(s) = &options.subject {
        v = v.subject(s);
    }
    if options.strict_aud {
        v = v.strict_audience(true);
    }
    if let Some(t) = &options.typ {
        v = v.typ(t);
    }
    if !crit.is_empty() {
        v = v.critical_extensions(&crit);
    }
    if let Some(n) = options.max_token_length {
        v = v.max_token_len(n);
    }
    f(&v, &custom)
}

fn unix(now: f64) -> Duration {
    if now.is_finite() && now > 0.0 { Duration::from_secs_f64(now.min(1e15)) } else { Duration::ZERO }
}

/// Verifies `token` with a key or a raw HMAC secret at Unix time `now`;
/// returns (header JSON, payload bytes, signature bytes). GIL released.
/// `detached` is the payload of a JWS whose payload segment is empty
/// (RFC 7515 Appendix F / RFC 7797), verified by the core's detached entry
/// points; only with `jws`.
#[pyfunction]
#[pyo3(signature = (token, key, secret, allow_short, options, now, jws=false, keyset=None, detached=None))]
#[allow(clippy::too_many_arguments)]
fn verify<'py>(
    py: Python<'py>,
    token: &str,
    key: Option<&CoreKey>,
    secret: Option<&[u8]>,
    allow_short: bool,
    options: Options,
    now: f64,
    jws: bool,
    keyset: Option<&CoreKeySet>,
    detached: Option<&[u8]>,
) -> PyResult<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    check_len(token, options.token_limit())?;
    options.check()?;
    let now = unix(now);
    let (header, payload) = py.detach(|| {
        with_validation(&options, |v, custom| {
            let run = || -> Result<(String, Vec<u8>), Error> {
                // Bytes that are asymmetric key material are a key, never a secret.
                let material = match (key, secret) {
                    (None, Some(s)) if looks_like_asymmetric_key(s) => Some(key_from_material(s)?),
                    _ => None,
                };
                let key = material.as_ref().or(key.map(|k| &k.0));
                if let (true, Some(payload)) = (jws, detached) {
                    let mut buf = vec![0u8; jwtcore::detached_scratch_len(token, payload.len()).max(16)];
                    let j = match (key, secret) {
                        (Some(k), _) => jwtcore::verify_jws_detached(token, payload, k, v, &mut buf)?,
                        (None, Some(s)) => jwtcore::verify_jws_detached_with(
                            token,
                            payload,
                            &hmac_secret(s, allow_short),
                            v,
                            &mut buf,
                        )?,
                        (None, None) => return Err(Error::Key(jwtcore::KeyError::Invalid)),
                    };
                    return Ok((j.header().json().to_owned(), j.payload().to_vec()));
                }
                // The JWS path may carry an unencoded (RFC 7797) payload, copied rather than decoded.
                let need = if jws { jwtcore::jws_scratch_len(token) } else { jwtcore::scratch_len(token) };
                let mut buf = vec![0u8; need.max(16)];
                if jws {
                    let j = match (key, secret) {
                        (Some(k), _) => jwtcore::verify_jws(token, k, v, &mut buf)?,
                        // PyJWS's raw secret: the core binds it to the token's HMAC `alg`.
                        (None, Some(s)) => jwtcore::verify_jws_with(token, &hmac_secret(s, allow_short), v, &mut buf)?,
                        (None, None) => return Err(Error::Key(jwtcore::KeyError::Invalid)),
                    };
                    return Ok((j.header().json().to_owned(), j.payload().to_vec()));
                }
                let t = match (key, secret) {
                    _ if keyset.is_some() => match keyset {
                        Some(set) => jwtcore::verify_with(token, &set.0, v, now, &mut buf)?,
                        None => return Err(Error::Key(jwtcore::KeyError::Invalid)),
                    },
                    (Some(k), _) => jwtcore::verify(token, k, v, now, &mut buf)?,
                    (None, Some(s)) => jwtcore::verify_with(token, &hmac_secret(s, allow_short), v, now, &mut buf)?,
                    (None, None) => return Err(Error::Key(jwtcore::KeyError::Invalid)),
                };
                Ok((t.header().json().to_owned(), t.payload_json().as_bytes().to_vec()))
            };
            run().map_err(|e| err(e, custom))
        })
    })?;
    let sig = signature_bytes(token);
    Ok((header, PyBytes::new(py, &payload), PyBytes::new(py, &sig)))
}

/// A raw secret as the core's resolver, which binds it to a token's HMAC `alg`.
fn hmac_secret(secret: &[u8], allow_short: bool) -> HmacSecret<'_> {
    if allow_short { HmacSecret::allowing_short(secret) } else { HmacSecret::new(secret) }
}

/// A compact JWS's header JSON, payload and signature bytes, without
/// verifying anything (PyJWS with `verify_signature=False` and
/// `get_unverified_header`). The structure is checked as the verifier
/// checks it: at most `max_token_length` bytes (default: the core's), three
/// segments, non-empty header and payload, canonical base64url, a strict
/// JSON object as header. The payload is not required to be JSON.
#[pyfunction]
#[pyo3(signature = (token, max_token_length=None))]
fn decode_jws_unverified<'py>(
    py: Python<'py>,
    token: &str,
    max_token_length: Option<usize>,
) -> PyResult<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let limit = max_token_length.unwrap_or(jwtcore::DEFAULT_MAX_TOKEN_LEN);
    check_len(token, limit)?;
    let mut buf = vec![0u8; token.len().max(16)];
    let j = jwtcore::dangerous::decode_jws_unverified(token, limit, &mut buf).map_err(|e| err(e, &[]))?;
    Ok((j.header_json().to_owned(), PyBytes::new(py, j.payload()), PyBytes::new(py, j.signature())))
}

/// The header JSON and signature bytes of a compact JWS with a detached
/// payload (`header..signature`, RFC 7515 Appendix F), without verifying
/// anything (`get_unverified_header`, and `verify_signature=False` with a
/// `detached_payload`). The core's structural rules for detached tokens
/// apply (length cap, three segments, the middle one empty), then canonical
/// base64url and a strict JSON object as header, as for attached tokens.
#[pyfunction]
#[pyo3(signature = (token, max_token_length=None))]
fn decode_detached_unverified<'py>(
    py: Python<'py>,
    token: &str,
    max_token_length: Option<usize>,
) -> PyResult<(String, Bound<'py, PyBytes>)> {
    let limit = max_token_length.unwrap_or(jwtcore::DEFAULT_MAX_TOKEN_LEN);
    check_len(token, limit)?;
    let parts = jwtcore::compact::Compact::split_detached(token, limit).map_err(|e| err(e, &[]))?;
    let mut buf = vec![0u8; token.len().max(16)];
    // Given the header segment alone, `decode_header` reads exactly that segment.
    let header = jwtcore::dangerous::decode_header(parts.header_b64(), &mut buf).map_err(|e| err(e, &[]))?.to_owned();
    let n = jwtcore::dangerous::decode_segment(parts.signature_b64(), &mut buf).map_err(|e| err(e, &[]))?;
    Ok((header, PyBytes::new(py, buf.get(..n).unwrap_or_default())))
}

/// Header, payload and signature bytes without verifying the signature
/// (PyJWT's `verify_signature=False`); with `options`, the claims are still
/// checked. The signature segment must be canonical base64url too (PyJWT
/// decodes it as well), so unverified decoding is as strict as verifying.
#[pyfunction]
#[pyo3(signature = (token, options=None, now=0.0))]
fn decode_unverified<'py>(
    py: Python<'py>,
    token: &str,
    options: Option<Options>,
    now: f64,
) -> PyResult<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    check_len(token, options.as_ref().map_or(jwtcore::DEFAULT_MAX_TOKEN_LEN, Options::token_limit))?;
    if let Some(o) = &options {
        o.check()?;
    }
    let mut buf = vec![0u8; token.len().max(16)];
    let mut signature = Vec::new();
    // Malformed structure is left to `decode_unverified` below, which reports it in the core's order.
    if let Ok(parts) = jwtcore::compact::Compact::split(token, usize::MAX) {
        let sig = jwtcore::compact::decode_segment(parts.signature_b64(), Part::Signature, &mut buf)
            .map_err(|e| err(e, &[]))?;
        signature = sig.to_vec();
    }
    let now = unix(now);
    let (h, p) = match &options {
        Some(o) => with_validation(o, |v, custom| {
            jwtcore::dangerous::decode_unverified(token, Some(v), now, &mut buf)
                .map(|u| (u.header_json().to_owned(), u.payload_json().as_bytes().to_vec()))
                .map_err(|e| err(e, custom))
        })?,
        None => jwtcore::dangerous::decode_unverified(token, None, now, &mut buf)
            .map(|u| (u.header_json().to_owned(), u.payload_json().as_bytes().to_vec()))
            .map_err(|e| err(e, &[]))?,
    };
    Ok((h, PyBytes::new(py, &p), PyBytes::new(py, &signature)))
}

/// The signature bytes of a token the core has just verified (so its shape is known good).
fn signature_bytes(token: &str) -> Vec<u8> {
    let mut out = vec![0u8; token.len()];
    jwtcore::compact::Compact::split(token, usize::MAX)
        .and_then(|parts| {
            jwtcore::compact::decode_segment(parts.signature_b64(), Part::Signature, &mut out).map(|s| s.to_vec())
        })
        .unwrap_or_default()
}

/// The signature backend the wheel was built with: `ring` or `rustcrypto` (portable).
#[pyfunction]
fn backend() -> &'static str {
    jwtcore::keys::BACKEND
}

/// Every error code the core can return.
#[pyfunction]
fn error_codes() -> Vec<&'static str> {
    Error::ALL_CODES.to_vec()
}

/// The core's algorithm table (`jwtcore::algorithms()`), one dict per algorithm with the keys
/// `name`, `family`, `kty`, `crv`, `hash`, `hmac_min_key_len` and `supported`; the front end
/// reads its algorithm lists and HMAC minimum lengths from here.
#[pyfunction]
fn algorithms(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    jwtcore::algorithms()
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("name", r.name)?;
            d.set_item("family", r.family)?;
            d.set_item("kty", r.kty)?;
            d.set_item("crv", r.crv)?;
            d.set_item("hash", r.hash)?;
            d.set_item("hmac_min_key_len", r.hmac_min_key_len)?;
            d.set_item("supported", r.supported)?;
            Ok(d)
        })
        .collect()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add("DEFAULT_MAX_TOKEN_LEN", jwtcore::DEFAULT_MAX_TOKEN_LEN)?;
    m.add_class::<CoreKey>()?;
    m.add_class::<CoreKeySet>()?;
    m.add_function(wrap_pyfunction!(sign, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(decode_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(decode_jws_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(decode_detached_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(algorithms, m)?)?;
    m.add_function(wrap_pyfunction!(backend, m)?)?;
    m.add_function(wrap_pyfunction!(py_looks_like_asymmetric_key, m)?)?;
    session::register(m)?;
    raw::register(m)?;
    Ok(())
}
