//! Server-side sessions for Python (`jwtcore.session`): IDs, signed cookies,
//! storage keys, cookie headers, lifetime checks and refresh-token families.
//! Type conversion only: every check and decision is the core's, so the bytes
//! and verdicts equal the Rust core's and the JS package's.
//!
//! Errors are `CoreError((code, detail, message))`; `detail` names the
//! broken cookie rule for `session_cookie_config`, else `None`.

use jwtcore::session::{
    self, CookieRule, CookieSettings, CsrfToken, FamilyRecord, KeyMatch, Liveness, MacKey, MacKeys, OwnedCookieConfig,
    OwnedRefreshConfig, OwnedRequestPolicy, Presented, RefreshPolicy, RejectReason, RevokeReason, Rotation, SameSite,
    SessionError, SessionId, SessionTimes, StorageKey, StorePepper, Timeouts,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::CoreError;

fn rule_name(rule: CookieRule) -> &'static str {
    match rule {
        CookieRule::PrefixNeedsSecure => "prefix_needs_secure",
        CookieRule::HostPrefixNeedsRootPath => "host_prefix_needs_root_path",
        CookieRule::HostPrefixForbidsDomain => "host_prefix_forbids_domain",
        CookieRule::SameSiteNoneNeedsSecure => "same_site_none_needs_secure",
        CookieRule::InvalidName => "invalid_name",
        CookieRule::InvalidValue => "invalid_value",
        CookieRule::InvalidAttribute => "invalid_attribute",
        CookieRule::MaxAgeTooLong => "max_age_too_long",
        _ => "other",
    }
}

fn session_err(e: SessionError) -> PyErr {
    let detail = match e {
        SessionError::CookieConfig(rule) => Some(rule_name(rule)),
        _ => None,
    };
    CoreError::new_err((e.code(), detail, e.to_string()))
}

fn reject_err(r: RejectReason) -> PyErr {
    CoreError::new_err((r.code(), None::<&str>, r.to_string()))
}

/// A 32-byte secret (MAC key or pepper); other lengths are a configuration
/// error of the caller, not input.
fn secret32(bytes: &[u8], what: &str) -> PyResult<[u8; 32]> {
    <[u8; 32]>::try_from(bytes).map_err(|_| PyValueError::new_err(format!("{what} must be exactly 32 bytes")))
}

fn pepper(bytes: Option<&[u8]>) -> PyResult<Option<StorePepper>> {
    bytes.map(|b| secret32(b, "the store pepper").map(StorePepper::from_bytes)).transpose()
}

fn mac_keys(current: &[u8], previous: Vec<Vec<u8>>) -> PyResult<MacKeys> {
    let current = MacKey::from_bytes(secret32(current, "the current key")?);
    let previous = previous
        .iter()
        .map(|k| secret32(k, "each previous key").map(MacKey::from_bytes))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(MacKeys::new(current).with_previous(previous))
}

fn parse_id(id: &str) -> PyResult<SessionId<32>> {
    SessionId::<32>::parse(id).map_err(session_err)
}

fn render(key: &StorageKey) -> String {
    let mut out = [0u8; session::STORAGE_KEY_LEN];
    key.render(&mut out).to_owned()
}

/// A storage key in its rendered form; anything else is the caller's bug
/// (pass what `session_storage_key` returned), not request input.
fn parse_storage_key(text: &str) -> PyResult<StorageKey> {
    StorageKey::parse(text).ok_or_else(|| PyValueError::new_err("storage_key must be an s1: storage key"))
}

/// Caller-given bytes of a fixed size (CSRF nonces and pads in test vectors).
fn fixed<const N: usize>(bytes: &[u8], what: &str) -> PyResult<[u8; N]> {
    <[u8; N]>::try_from(bytes).map_err(|_| PyValueError::new_err(format!("{what} must be exactly {N} bytes")))
}

/// The masked form of a CSRF token (plain or masked) for one response, with
/// a fresh pad unless `pad` (48 bytes) is given.
#[pyfunction]
#[pyo3(signature = (token, pad=None))]
pub fn csrf_mask(token: &str, pad: Option<&[u8]>) -> PyResult<String> {
    let token = CsrfToken::parse(token).map_err(session_err)?;
    let mut out = [0u8; session::MASKED_CSRF_TOKEN_LEN];
    let masked = match pad {
        Some(p) => token.mask(fixed::<48>(p, "the pad")?, &mut out),
        None => token.mask_os(&mut out),
    };
    masked.map(str::to_owned).map_err(session_err)
}

/// Whether two CSRF token strings (plain or masked) carry the same token.
#[pyfunction]
pub fn csrf_same(a: &str, b: &str) -> PyResult<bool> {
    session::same_csrf_token(a, b).map_err(session_err)
}

/// The request check's policy, parsed and validated once (the core's
/// `OwnedRequestPolicy`): `check` returns `(allowed, reason)`.
#[pyclass(frozen, module = "jwtcore._core")]
#[derive(Debug)]
pub struct OriginPolicy(OwnedRequestPolicy);

#[pymethods]
impl OriginPolicy {
    #[new]
    fn new(
        allowed: Vec<String>,
        allow_same_site: bool,
        allow_missing_origin: bool,
        allow_null_origin: bool,
    ) -> PyResult<Self> {
        let policy = OwnedRequestPolicy::new(&allowed).map_err(|_| {
            PyValueError::new_err("each allowed origin must be scheme://host[:port], without a path or trailing slash")
        })?;
        Ok(OriginPolicy(
            policy
                .allow_same_site(allow_same_site)
                .allow_missing_origin(allow_missing_origin)
                .allow_null_origin(allow_null_origin),
        ))
    }

    fn check(
        &self,
        method: &str,
        sec_fetch_site: Option<&str>,
        origin: Option<&str>,
        referer: Option<&str>,
    ) -> (bool, &'static str) {
        let v = self.0.check(method, sec_fetch_site, origin, referer);
        (v.is_allowed(), v.code())
    }
}

/// A new 256-bit session ID from the OS CSPRNG, base64url (43 characters).
#[pyfunction]
pub fn session_new_id() -> PyResult<String> {
    SessionId::<32>::generate_os().map(|id| id.encode().as_str().to_owned()).map_err(session_err)
}

/// The storage key (`s1:` + 64 hex) of a session ID.
#[pyfunction]
#[pyo3(signature = (id, pepper_bytes=None))]
pub fn session_storage_key(id: &str, pepper_bytes: Option<&[u8]>) -> PyResult<String> {
    let id = parse_id(id)?;
    let p = pepper(pepper_bytes)?;
    Ok(render(&StorageKey::for_session(&id, p.as_ref())))
}

/// The value of cookie `name` in a `Cookie` header (`None` when absent).
#[pyfunction]
pub fn session_find_cookie(header: &str, name: &str) -> PyResult<Option<String>> {
    session::find_cookie(header, name).map(|v| v.map(str::to_owned)).map_err(session_err)
}

/// `(verdict, touch, renew_id)` of the core's `check`; verdict is `active`,
/// `idle_expired`, `absolute_expired` or `clock_skew`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn session_check(
    created_at: u64,
    last_seen_at: u64,
    id_issued_at: u64,
    idle: u64,
    absolute: u64,
    touch_after: u64,
    renew_after: Option<u64>,
    now: u64,
) -> (&'static str, bool, bool) {
    let times = SessionTimes { created_at, last_seen_at, id_issued_at };
    let timeouts = Timeouts { idle, absolute, touch_after, renew_after };
    match session::check(&times, &timeouts, now) {
        Liveness::Active { touch, renew_id } => ("active", touch, renew_id),
        Liveness::IdleExpired => ("idle_expired", false, false),
        Liveness::AbsoluteExpired => ("absolute_expired", false, false),
        Liveness::ClockSkew => ("clock_skew", false, false),
    }
}

/// The core's `expires_at`: when the session ends if nothing else happens.
#[pyfunction]
pub fn session_expires_at(created_at: u64, last_seen_at: u64, idle: u64, absolute: u64) -> u64 {
    let times = SessionTimes { created_at, last_seen_at, id_issued_at: last_seen_at };
    session::expires_at(&times, &Timeouts { idle, absolute, ..Timeouts::default() })
}

/// Rotates `old` to a fresh ID: `(new_id, delete_key, create_key)`.
#[pyfunction]
#[pyo3(signature = (old, pepper_bytes=None))]
pub fn session_rotate(old: &str, pepper_bytes: Option<&[u8]>) -> PyResult<(String, String, String)> {
    let old = parse_id(old)?;
    let p = pepper(pepper_bytes)?;
    let r = Rotation::new_os(&old, p.as_ref()).map_err(session_err)?;
    Ok((r.new_id.encode().as_str().to_owned(), render(&r.delete), render(&r.create)))
}

/// The session MAC keys: signs with `current`, verifies with every key.
#[pyclass(frozen, module = "jwtcore._core")]
#[derive(Debug)]
pub struct SessionKeys(MacKeys);

#[pymethods]
impl SessionKeys {
    #[new]
    fn new(current: &[u8], previous: Vec<Vec<u8>>) -> PyResult<Self> {
        Ok(SessionKeys(mac_keys(current, previous)?))
    }

    /// The signed cookie value `id.tag` for cookie `name`.
    fn sign_cookie(&self, name: &str, id: &str) -> PyResult<String> {
        let id = parse_id(id)?;
        let mut out = [0u8; session::signed_value_len(32)];
        session::sign_cookie(&self.0.ring(), name, &id, &mut out).map(str::to_owned).map_err(session_err)
    }

    /// `(id, reissue)`: reissue when a previous key matched.
    fn verify_cookie(&self, name: &str, value: &str) -> PyResult<(String, bool)> {
        let (id, used) = session::verify_cookie::<32>(&self.0.ring(), name, value).map_err(session_err)?;
        Ok((id.encode().as_str().to_owned(), used != KeyMatch::Current))
    }

    /// A plain CSRF token for the session stored under `storage_key`, with a
    /// fresh nonce unless `nonce` (16 bytes) is given.
    #[pyo3(signature = (storage_key, nonce=None))]
    fn csrf_issue(&self, storage_key: &str, nonce: Option<&[u8]>) -> PyResult<String> {
        let key = parse_storage_key(storage_key)?;
        let token = match nonce {
            Some(n) => CsrfToken::issue(&self.0.ring(), &key, fixed::<16>(n, "the nonce")?),
            None => CsrfToken::generate_os(&self.0.ring(), &key).map_err(session_err)?,
        };
        let mut out = [0u8; session::CSRF_TOKEN_LEN];
        token.encode(&mut out).map(str::to_owned).map_err(session_err)
    }

    /// Verifies a CSRF token (either form); `reissue` when a previous key matched.
    fn csrf_verify(&self, storage_key: &str, token: &str) -> PyResult<bool> {
        let key = parse_storage_key(storage_key)?;
        let used = session::verify_csrf(&self.0.ring(), &key, token).map_err(session_err)?;
        Ok(used != KeyMatch::Current)
    }
}

/// A validated cookie configuration (the core's `OwnedCookieConfig`).
#[pyclass(frozen, module = "jwtcore._core")]
#[derive(Debug)]
pub struct CookieOptions(OwnedCookieConfig);

#[pymethods]
impl CookieOptions {
    /// Builds and validates (`same_site`: `Strict`, `Lax` or `None`, any case).
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: &str,
        path: &str,
        domain: Option<&str>,
        secure: bool,
        http_only: bool,
        same_site: &str,
        max_age: Option<u64>,
        partitioned: bool,
    ) -> PyResult<Self> {
        let Some(same_site) = SameSite::from_name(same_site) else {
            return Err(PyValueError::new_err("same_site must be 'Strict', 'Lax' or 'None'"));
        };
        let settings = CookieSettings { name, path, domain, secure, http_only, same_site, max_age, partitioned };
        OwnedCookieConfig::from_settings(settings).map(CookieOptions).map_err(session_err)
    }

    /// The `Set-Cookie` header value that sends `value`.
    fn set_cookie(&self, value: &str) -> PyResult<String> {
        self.0.set_cookie(value).map_err(session_err)
    }

    /// The `Set-Cookie` header value that deletes the cookie.
    fn clear_cookie(&self) -> PyResult<String> {
        self.0.clear_cookie().map_err(session_err)
    }

    #[getter]
    fn name(&self) -> &str {
        self.0.cookie_name()
    }
}

/// `(kind, token, record, family, expect_version, reason)`.
type Outcome<'py> =
    (&'static str, Option<String>, Option<Bound<'py, PyBytes>>, String, Option<u64>, Option<&'static str>);

fn family_text(record: &FamilyRecord) -> String {
    let mut out = [0u8; 35];
    record.family.render(&mut out).to_owned()
}

/// Refresh-token families: keys, optional pepper and lifetimes.
#[pyclass(frozen, module = "jwtcore._core")]
#[derive(Debug)]
pub struct RefreshFamilies(OwnedRefreshConfig);

#[pymethods]
impl RefreshFamilies {
    #[new]
    #[pyo3(signature = (current, previous, pepper_bytes, absolute, idle, grace))]
    fn new(
        current: &[u8],
        previous: Vec<Vec<u8>>,
        pepper_bytes: Option<&[u8]>,
        absolute: u64,
        idle: u64,
        grace: u64,
    ) -> PyResult<Self> {
        let config =
            OwnedRefreshConfig::new(mac_keys(current, previous)?).policy(RefreshPolicy { absolute, idle, grace });
        Ok(RefreshFamilies(match pepper(pepper_bytes)? {
            Some(p) => config.pepper(p),
            None => config,
        }))
    }

    /// Starts a family: the first token and the record to insert.
    #[pyo3(signature = (now, binding=None))]
    fn start<'py>(&self, py: Python<'py>, now: u64, binding: Option<&[u8]>) -> PyResult<Outcome<'py>> {
        let (token, record) = session::start_os(&self.0.config(), now, binding).map_err(session_err)?;
        Ok((
            "start",
            Some(token.as_str().to_owned()),
            Some(PyBytes::new(py, &record.to_bytes())),
            family_text(&record),
            None,
            None,
        ))
    }

    /// The family store key (`r1:` + 32 hex) of an authentic token.
    fn family_of(&self, token: &str) -> PyResult<String> {
        let p = Presented::parse(token, &self.0.config()).map_err(reject_err)?;
        let mut out = [0u8; 35];
        Ok(p.family_id().render(&mut out).to_owned())
    }

    /// What `token` does to the family whose stored `record` is given.
    #[pyo3(signature = (record, token, now, binding=None))]
    fn decide<'py>(
        &self,
        py: Python<'py>,
        record: &[u8],
        token: &str,
        now: u64,
        binding: Option<&[u8]>,
    ) -> PyResult<Outcome<'py>> {
        let record = FamilyRecord::from_bytes(record).map_err(session_err)?;
        let family = family_text(&record);
        let config = self.0.config();
        let d = match Presented::parse(token, &config) {
            Ok(presented) => session::decide(&record, &presented, binding, now, &config),
            Err(r) => session::Decision::Reject(r),
        };
        let (next, expect_version) = d.persist().unzip();
        Ok((
            d.code(),
            d.token().map(|t| t.as_str().to_owned()),
            next.map(|r| PyBytes::new(py, &r.to_bytes())),
            family,
            expect_version,
            d.refusal_code(),
        ))
    }

    /// The record revoked at `now` (`reason`: `logout`, `credential_change`,
    /// `admin` or `reuse`), to persist with the same compare-and-set.
    fn revoke<'py>(&self, py: Python<'py>, record: &[u8], reason: &str, now: u64) -> PyResult<Bound<'py, PyBytes>> {
        let record = FamilyRecord::from_bytes(record).map_err(session_err)?;
        let Some(reason) = RevokeReason::from_code(reason) else {
            return Err(PyValueError::new_err("reason must be 'logout', 'credential_change', 'admin' or 'reuse'"));
        };
        Ok(PyBytes::new(py, &record.revoked(reason, now).to_bytes()))
    }
}

/// A stored record's fields: `(family, generation, version, created_at,
/// rotated_at, last_used_at, revoked_reason, revoked_at)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
pub fn refresh_record_info(
    record: &[u8],
) -> PyResult<(String, u32, u64, u64, u64, u64, Option<&'static str>, Option<u64>)> {
    let r = FamilyRecord::from_bytes(record).map_err(session_err)?;
    let (reason, at) = match r.status {
        session::FamilyStatus::Active => (None, None),
        session::FamilyStatus::Revoked { reason, at } => (Some(reason.code()), Some(at)),
    };
    Ok((family_text(&r), r.generation, r.version, r.created_at, r.rotated_at, r.last_used_at, reason, at))
}

/// Every code the session half can report (errors and refresh rejections).
#[pyfunction]
pub fn session_error_codes() -> Vec<&'static str> {
    let mut v = SessionError::ALL_CODES.to_vec();
    v.extend(
        [
            RejectReason::Malformed,
            RejectReason::NotAuthentic,
            RejectReason::WrongFamily,
            RejectReason::Revoked,
            RejectReason::Expired,
            RejectReason::Idle,
            RejectReason::BindingMismatch,
            RejectReason::FutureGeneration,
        ]
        .iter()
        .map(RejectReason::code),
    );
    v
}

/// The core's session defaults in seconds (`Timeouts::DEFAULT`, `RefreshPolicy::DEFAULT`):
/// `{"session": {idle, absolute, touch_after, renew_after}, "refresh": {absolute, idle, grace}}`,
/// read by `jwtcore.session` for its own defaults.
#[pyfunction]
pub fn session_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let t = Timeouts::DEFAULT;
    let r = RefreshPolicy::DEFAULT;
    let s = PyDict::new(py);
    s.set_item("idle", t.idle)?;
    s.set_item("absolute", t.absolute)?;
    s.set_item("touch_after", t.touch_after)?;
    s.set_item("renew_after", t.renew_after)?;
    let f = PyDict::new(py);
    f.set_item("absolute", r.absolute)?;
    f.set_item("idle", r.idle)?;
    f.set_item("grace", r.grace)?;
    let out = PyDict::new(py);
    out.set_item("session", s)?;
    out.set_item("refresh", f)?;
    Ok(out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SessionKeys>()?;
    m.add_class::<CookieOptions>()?;
    m.add_class::<RefreshFamilies>()?;
    m.add_class::<OriginPolicy>()?;
    m.add_function(wrap_pyfunction!(csrf_mask, m)?)?;
    m.add_function(wrap_pyfunction!(csrf_same, m)?)?;
    m.add_function(wrap_pyfunction!(session_new_id, m)?)?;
    m.add_function(wrap_pyfunction!(session_storage_key, m)?)?;
    m.add_function(wrap_pyfunction!(session_find_cookie, m)?)?;
    m.add_function(wrap_pyfunction!(session_check, m)?)?;
    m.add_function(wrap_pyfunction!(session_expires_at, m)?)?;
    m.add_function(wrap_pyfunction!(session_rotate, m)?)?;
    m.add_function(wrap_pyfunction!(refresh_record_info, m)?)?;
    m.add_function(wrap_pyfunction!(session_error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(session_defaults, m)?)?;
    Ok(())
}
