//! The Python extension `jwtcore._core`: conversion and error mapping only.
//! Parsing, validation, crypto, the error classification and the meaning of
//! every verification option (`jwtcore::policy::Policy`, compiled once into
//! `_core.Policy`) are the core's; `python/jwtcore` maps codes to PyJWT's
//! exception classes. Key bytes go to `Key::from_key_material`, which picks
//! the parser for their encoding (PEM, OpenSSH line, JWK, DER) in the core.

mod gil;
mod policy;
mod raw;
mod session;

use jwtcore::keys::{HmacSecret, looks_like_asymmetric_key};
use jwtcore::policy::{Policy as CorePolicy, unix_time};
use jwtcore::{Algorithm, Error, Key, Part, TokenError};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAny, PyBytes, PyDict, PyString};

use crate::policy::{Policy, PolicyArg};

create_exception!(
    _core,
    CoreError,
    PyException,
    "A jwtcore error: args are (code, claim, message, part); part names the token segment \
     (header, payload, signature) of a structural error."
);

/// The core's error as `CoreError`, outside a policy (no custom claims to name).
fn err(e: Error, custom: &[String]) -> PyErr {
    // The slice keeps the older call sites compiling; verifications name claims through `err_in`.
    debug_assert!(custom.is_empty(), "custom claims are named through err_in");
    err_naming(e, e.claim().and_then(|c| c.name()))
}

/// The core's error from a verification under `policy`, which names the claim it is about
/// (custom claims too: the core reports those by index).
fn err_in(e: Error, policy: &CorePolicy) -> PyErr {
    err_naming(e, policy.claim_name(&e))
}

fn err_naming(e: Error, claim: Option<&str>) -> PyErr {
    let part = match e {
        Error::Token(
            TokenError::Base64(p) | TokenError::Json(p) | TokenError::DuplicateMember(p) | TokenError::JsonLimit(p),
        ) => Some(p.code()),
        _ => None,
    };
    CoreError::new_err((e.code(), claim.map(str::to_owned), e.to_string(), part))
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
        Key::from_key_material(data).map(CoreKey).map_err(|e| err(e, &[]))
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

/// Signs the compact JWS of `header_json` and `payload` (the GIL is released
/// for asymmetric keys, see [`gil`]); `detached` leaves the payload out of the
/// token (RFC 7515 Appendix F; with `b64: false` in the header, RFC 7797).
#[pyfunction]
#[pyo3(signature = (header_json, payload, key, detached=false))]
fn sign(py: Python<'_>, header_json: &[u8], payload: &[u8], key: &CoreKey, detached: bool) -> PyResult<String> {
    let cap = 64 + (header_json.len() + payload.len()) * 4 / 3 + 2048;
    gil::run(py, gil::worth_releasing(Some(&key.0)), || {
        let mut out = vec![0u8; cap];
        if detached {
            jwtcore::sign_detached_into(header_json, payload, &key.0, &mut out).map(str::to_owned)
        } else {
            jwtcore::sign_compact_into(header_json, payload, &key.0, &mut out).map(str::to_owned)
        }
    })
    .map_err(|e| err(e, &[]))
}

/// The Unsecured JWS (`alg: "none"`, empty signature) of `header_json` and
/// `payload`, made by the core (`jwtcore::unsecured`), for PyJWT's
/// `encode(..., algorithm="none")`. No verifying function accepts it.
#[pyfunction]
fn sign_unsecured(header_json: &[u8], payload: &[u8]) -> PyResult<String> {
    let mut out = vec![0u8; jwtcore::unsecured::token_len(header_json.len(), payload.len())];
    jwtcore::unsecured::encode_into(header_json, payload, &mut out).map(str::to_owned).map_err(|e| err(e, &[]))
}

/// The length check every entry point makes before any other work (no copy,
/// no scratch buffer, no decoding of an oversized token).
fn check_len(token: &str, limit: usize) -> PyResult<()> {
    if token.len() > limit {
        return Err(err(Error::Token(TokenError::TooLong), &[]));
    }
    Ok(())
}

/// Verifies `token` with a key or a raw HMAC secret at Unix time `now`;
/// returns (header JSON, payload bytes, signature bytes). GIL released.
/// `detached` is the payload of a JWS whose payload segment is empty
/// (RFC 7515 Appendix F / RFC 7797), verified by the core's detached entry
/// points; only with `jws`.
/// `policy` is a compiled `Policy` or the options dict (compiled for this call).
#[pyfunction]
#[pyo3(signature = (token, key, secret, allow_short, policy, now, jws=false, keyset=None, detached=None))]
#[allow(clippy::too_many_arguments)]
fn verify<'py>(
    py: Python<'py>,
    token: &str,
    key: Option<&CoreKey>,
    secret: Option<&[u8]>,
    allow_short: bool,
    policy: PolicyArg<'py>,
    now: f64,
    jws: bool,
    keyset: Option<&CoreKeySet>,
    detached: Option<&[u8]>,
) -> PyResult<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let policy = policy.resolve()?;
    let policy = &policy.get().0;
    check_len(token, policy.token_limit())?;
    let now = unix_time(now);
    // A key set holds public keys only; a raw secret that is key material is parsed below.
    let release =
        keyset.is_some() || gil::worth_releasing(key.map(|k| &k.0)) || secret.is_some_and(looks_like_asymmetric_key);
    let (header, payload) = gil::run(py, release, || {
        policy.with(|v| {
            let run = || -> Result<(String, Vec<u8>), Error> {
                // Bytes that are asymmetric key material are a key, never a secret.
                let material = match (key, secret) {
                    (None, Some(s)) if looks_like_asymmetric_key(s) => Some(Key::from_key_material(s)?),
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
            run().map_err(|e| err_in(e, policy))
        })
    })?;
    let sig = signature_bytes(token);
    Ok((header, PyBytes::new(py, &payload), PyBytes::new(py, &sig)))
}

/// `PyJWT.decode`'s common call in one crossing: verifies `token` with a parsed key or a raw HMAC
/// secret under a compiled `policy` at Unix time `now` (GIL released around the core) and returns
/// the claims as a `dict`, parsed once from the core's validated payload text ([`claims_dict`]).
/// Returns `None`, having verified nothing, when `secret` is asymmetric key material (the core's
/// classifier): the front end then takes its full path, which parses that key once and caches it.
///
/// `detach` allows releasing the GIL around the core (other threads run meanwhile); it is released
/// only for asymmetric keys, whose verification outlasts the hand-over (see [`gil`]).
#[pyfunction]
#[pyo3(signature = (token, key, secret, allow_short, policy, now, detach=true))]
#[allow(clippy::too_many_arguments)]
fn decode_claims<'py>(
    py: Python<'py>,
    token: &str,
    key: Option<&CoreKey>,
    secret: Option<&[u8]>,
    allow_short: bool,
    policy: &Bound<'py, Policy>,
    now: f64,
    detach: bool,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let policy = &policy.get().0;
    check_len(token, policy.token_limit())?;
    if key.is_none() && secret.is_some_and(looks_like_asymmetric_key) {
        return Ok(None);
    }
    let now = unix_time(now);
    let mut buf = vec![0u8; jwtcore::scratch_len(token).max(16)];
    let scratch = &mut buf;
    let run = move || {
        policy.with(move |v| {
            let t = match (key, secret) {
                (Some(k), _) => jwtcore::verify(token, &k.0, v, now, scratch)?,
                (None, Some(s)) => jwtcore::verify_with(token, &hmac_secret(s, allow_short), v, now, scratch)?,
                (None, None) => return Err(Error::Key(jwtcore::KeyError::Invalid)),
            };
            Ok(t.payload_json())
        })
    };
    let release = detach && gil::worth_releasing(key.map(|k| &k.0));
    let claims: &str = gil::run(py, release, run).map_err(|e| err_in(e, policy))?;
    claims_dict(py, claims).map(Some)
}

/// Claims text the core has validated (one strict JSON object, no duplicate members) as a `dict`,
/// by the C scanner `json.loads` itself runs (`json.scanner.c_make_scanner`), called directly:
/// `json.loads`'s Python-level wrapper (a whitespace regex on each side, `raw_decode`) re-checks
/// what the core already has and costs twice the parse here (1.0 vs 3.3 µs for the benchmark's
/// claims). Same decoder settings as `json.loads`, so the same objects; `json.loads` itself where
/// the C accelerator is missing or the scanner refuses.
fn claims_dict<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static SCANNER: PyOnceLock<Option<Py<PyAny>>> = PyOnceLock::new();
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let scanner = SCANNER.get_or_try_init(py, || -> PyResult<Option<Py<PyAny>>> {
        let make = py.import("json.scanner")?.getattr("c_make_scanner")?;
        if make.is_none() {
            return Ok(None);
        }
        let decoder = py.import("json")?.getattr("JSONDecoder")?.call0()?;
        Ok(Some(make.call1((decoder,))?.unbind()))
    })?;
    let s = PyString::new(py, text);
    if let Some(scan) = scanner {
        // The scanner starts at a value; leading JSON whitespace is ASCII, so bytes = characters.
        let start = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
        if let Ok(found) = scan.bind(py).call1((&s, start)).and_then(|r| r.get_item(0)) {
            return Ok(found);
        }
    }
    LOADS.import(py, "json", "loads")?.call1((s,))
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

/// The names of `algorithms` a raw HMAC secret of `secret_len` bytes is too
/// short for, when it fits another of them (the core's
/// `AlgorithmSet::hmac_too_short_for`); unknown names are ignored.
#[pyfunction]
fn hmac_too_short(algorithms: Vec<String>, secret_len: usize) -> Vec<&'static str> {
    let allowed = algorithms
        .iter()
        .filter_map(|name| Algorithm::from_name(name))
        .fold(jwtcore::AlgorithmSet::EMPTY, jwtcore::AlgorithmSet::with);
    let dropped = allowed.hmac_too_short_for(secret_len);
    Algorithm::ALL.into_iter().filter(|a| dropped.contains(*a)).map(Algorithm::as_str).collect()
}

/// The first rule an unverified header breaks (`kid` a string, `crit` a
/// non-empty list of understood extensions the header carries), as
/// `(code, rule, extension)`, or `None`: the core's
/// `dangerous::check_unverified_header`, converted for PyJWT's messages.
#[pyfunction]
fn check_unverified_header(header_json: &str) -> Option<(&'static str, &'static str, Option<String>)> {
    use jwtcore::dangerous::UnverifiedHeaderRule as R;
    let rule = jwtcore::dangerous::check_unverified_header(header_json).err()?;
    let (name, extension) = match rule {
        R::KidNotString => ("kid_not_string", None),
        R::CritNotNonEmptyArray => ("crit_not_list", None),
        R::CritElementNotString => ("crit_not_string", None),
        R::CritUnsupported(ext) => ("crit_unsupported", Some(ext.to_owned())),
        R::CritMissing(ext) => ("crit_missing", Some(ext.to_owned())),
        _ => ("not_object", None),
    };
    Some((rule.error().code(), name, extension))
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
#[pyo3(signature = (token, policy=None, now=0.0))]
fn decode_unverified<'py>(
    py: Python<'py>,
    token: &str,
    policy: Option<PolicyArg<'py>>,
    now: f64,
) -> PyResult<(String, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let policy = policy.map(PolicyArg::resolve).transpose()?;
    let policy = policy.as_ref().map(|p| &p.get().0);
    check_len(token, policy.map_or(jwtcore::DEFAULT_MAX_TOKEN_LEN, CorePolicy::token_limit))?;
    let mut buf = vec![0u8; token.len().max(16)];
    let mut signature = Vec::new();
    // Malformed structure is left to `decode_unverified` below, which reports it in the core's order.
    if let Ok(parts) = jwtcore::compact::Compact::split(token, usize::MAX) {
        let sig = jwtcore::compact::decode_segment(parts.signature_b64(), Part::Signature, &mut buf)
            .map_err(|e| err(e, &[]))?;
        signature = sig.to_vec();
    }
    let now = unix_time(now);
    let (h, p) = match policy {
        Some(policy) => policy.with(|v| {
            jwtcore::dangerous::decode_unverified(token, Some(v), now, &mut buf)
                .map(|u| (u.header_json().to_owned(), u.payload_json().as_bytes().to_vec()))
                .map_err(|e| err_in(e, policy))
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

/// The backend the wheel verifies ECDSA P-256 with: `ring` or `rustcrypto` (portable). (Ed25519
/// and RSA signing run in AWS-LC in the shipped wheels: its `aws-lc` feature.)
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
    m.add_function(wrap_pyfunction!(sign_unsecured, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(decode_claims, m)?)?;
    m.add_class::<Policy>()?;
    m.add_function(wrap_pyfunction!(decode_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(decode_jws_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(check_unverified_header, m)?)?;
    m.add_function(wrap_pyfunction!(hmac_too_short, m)?)?;
    m.add_function(wrap_pyfunction!(decode_detached_unverified, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(algorithms, m)?)?;
    m.add_function(wrap_pyfunction!(backend, m)?)?;
    m.add_function(wrap_pyfunction!(py_looks_like_asymmetric_key, m)?)?;
    session::register(m)?;
    raw::register(m)?;
    Ok(())
}
