//! Server-side sessions for JS: IDs, signed cookies, storage keys, cookie
//! headers and refresh-token families, with the core's semantics (the same
//! bytes as the Rust and Python surfaces).

use jwtcore::session::{
    self, CookieSettings, CsrfToken, FamilyRecord, KeyMatch, MacKey, MacKeys, OwnedCookieConfig, OwnedRefreshConfig,
    OwnedRequestPolicy, Presented, RefreshPolicy, RevokeReason, SameSite, SessionError, SessionId, StorageKey,
    StorePepper,
};
use wasm_bindgen::prelude::*;

use crate::session_err;

fn key32(bytes: &[u8]) -> Result<[u8; 32], JsValue> {
    <[u8; 32]>::try_from(bytes).map_err(|_| session_err(SessionError::IdLength))
}

fn keys(current: &[u8], previous: &[u8]) -> Result<MacKeys, JsValue> {
    if !previous.len().is_multiple_of(32) {
        return Err(session_err(SessionError::IdLength));
    }
    let prev = previous.chunks_exact(32).map(|c| key32(c).map(MacKey::from_bytes)).collect::<Result<_, _>>()?;
    Ok(MacKeys::new(MacKey::from_bytes(key32(current)?)).with_previous(prev))
}

fn pepper(bytes: Option<Vec<u8>>) -> Result<Option<StorePepper>, JsValue> {
    bytes.map(|b| key32(&b).map(StorePepper::from_bytes)).transpose()
}

fn secs(s: f64) -> u64 {
    // Saturating float-to-int: NaN and negatives become 0.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = s.max(0.0) as u64;
    v
}

/// A new 256-bit session ID from the platform CSPRNG, base64url (43 chars).
#[wasm_bindgen(js_name = newSessionId)]
pub fn new_session_id() -> Result<String, JsValue> {
    SessionId::<32>::generate_os().map(|id| id.encode().as_str().to_owned()).map_err(session_err)
}

/// The storage key (`s1:` + 64 hex) for a session ID: store records under
/// this, never under the ID itself. `pepper`: 32 secret bytes, optional.
#[wasm_bindgen(js_name = storageKey)]
pub fn storage_key(id: &str, pepper_bytes: Option<Vec<u8>>) -> Result<String, JsValue> {
    let id = SessionId::<32>::parse(id).map_err(session_err)?;
    let p = pepper(pepper_bytes)?;
    let mut out = [0u8; session::STORAGE_KEY_LEN];
    Ok(StorageKey::for_session(&id, p.as_ref()).render(&mut out).to_owned())
}

/// The value of cookie `name` in a `Cookie` request header; a name sent
/// twice is an error (cookie tossing), absent is `undefined`.
#[wasm_bindgen(js_name = findCookie)]
pub fn find_cookie(header: &str, name: &str) -> Result<Option<String>, JsValue> {
    session::find_cookie(header, name).map(|v| v.map(str::to_owned)).map_err(session_err)
}

/// The session MAC keys: signs with `current`, verifies with `current` and
/// every `previous` key (32 bytes each, concatenated).
#[wasm_bindgen]
#[derive(Debug)]
pub struct SessionKeys(MacKeys);

#[wasm_bindgen]
impl SessionKeys {
    /// Keys from secret bytes (32 for `current`, 32·n for `previous`).
    #[wasm_bindgen(constructor)]
    pub fn new(current: &[u8], previous: &[u8]) -> Result<SessionKeys, JsValue> {
        Ok(SessionKeys(keys(current, previous)?))
    }

    /// The signed cookie value `id.tag` for cookie `name`.
    #[wasm_bindgen(js_name = signCookie)]
    pub fn sign_cookie(&self, name: &str, id: &str) -> Result<String, JsValue> {
        let id = SessionId::<32>::parse(id).map_err(session_err)?;
        let mut out = [0u8; 128];
        session::sign_cookie(&self.0.ring(), name, &id, &mut out).map(str::to_owned).map_err(session_err)
    }

    /// Verifies a signed cookie value in constant time; returns the ID,
    /// prefixed `c` when the current key matched, `p` for a previous key
    /// (re-issue the cookie).
    #[wasm_bindgen(js_name = verifyCookie)]
    pub fn verify_cookie(&self, name: &str, value: &str) -> Result<String, JsValue> {
        let (id, used) = session::verify_cookie::<32>(&self.0.ring(), name, value).map_err(session_err)?;
        let tag = if used == KeyMatch::Current { 'c' } else { 'p' };
        let mut s = String::with_capacity(44);
        s.push(tag);
        s.push_str(id.encode().as_str());
        Ok(s)
    }

    /// A plain CSRF token (64 chars) for the session stored under
    /// `storage_key`, with a fresh nonce unless `nonce` (16 bytes) is given.
    #[wasm_bindgen(js_name = csrfIssue)]
    pub fn csrf_issue(&self, storage_key: &str, nonce: Option<Vec<u8>>) -> Result<String, JsValue> {
        let key = parse_storage_key(storage_key)?;
        let token = match nonce {
            Some(n) => CsrfToken::issue(&self.0.ring(), &key, fixed::<16>(&n)?),
            None => CsrfToken::generate_os(&self.0.ring(), &key).map_err(session_err)?,
        };
        let mut out = [0u8; session::CSRF_TOKEN_LEN];
        token.encode(&mut out).map(str::to_owned).map_err(session_err)
    }

    /// Verifies a CSRF token (either form) in constant time; `true` when a
    /// previous key matched (send a fresh token).
    #[wasm_bindgen(js_name = csrfVerify)]
    pub fn csrf_verify(&self, storage_key: &str, token: &str) -> Result<bool, JsValue> {
        let key = parse_storage_key(storage_key)?;
        let used = session::verify_csrf(&self.0.ring(), &key, token).map_err(session_err)?;
        Ok(used != KeyMatch::Current)
    }
}

/// A rendered storage key; anything else is a programming error.
fn parse_storage_key(text: &str) -> Result<StorageKey, JsValue> {
    StorageKey::parse(text).ok_or_else(|| JsError::new("storageKey must be an s1: storage key").into())
}

fn fixed<const N: usize>(bytes: &[u8]) -> Result<[u8; N], JsValue> {
    <[u8; N]>::try_from(bytes).map_err(|_| JsError::new(&format!("expected exactly {N} bytes")).into())
}

/// The masked form (128 chars) of a CSRF token for one response, with a
/// fresh pad unless `pad` (48 bytes) is given.
#[wasm_bindgen(js_name = csrfMask)]
pub fn csrf_mask(token: &str, pad: Option<Vec<u8>>) -> Result<String, JsValue> {
    let token = CsrfToken::parse(token).map_err(session_err)?;
    let mut out = [0u8; session::MASKED_CSRF_TOKEN_LEN];
    let masked = match pad {
        Some(p) => token.mask(fixed::<48>(&p)?, &mut out),
        None => token.mask_os(&mut out),
    };
    masked.map(str::to_owned).map_err(session_err)
}

/// Whether two CSRF token strings carry the same token (constant time).
#[wasm_bindgen(js_name = csrfSame)]
pub fn csrf_same(a: &str, b: &str) -> Result<bool, JsValue> {
    session::same_csrf_token(a, b).map_err(session_err)
}

/// The request check, parsed and validated once (the core's
/// `OwnedRequestPolicy`): `check` returns the reason code, prefixed `+` when
/// allowed and `-` when refused.
#[wasm_bindgen]
#[derive(Debug)]
pub struct OriginPolicy(OwnedRequestPolicy);

#[wasm_bindgen]
impl OriginPolicy {
    /// Builds and validates the policy (`session_origin_config` for an
    /// allowed origin that is not `scheme://host[:port]`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        allowed: Vec<String>,
        allow_same_site: bool,
        allow_missing_origin: bool,
        allow_null_origin: bool,
    ) -> Result<OriginPolicy, JsValue> {
        let policy = OwnedRequestPolicy::new(&allowed).map_err(session_err)?;
        Ok(OriginPolicy(
            policy
                .allow_same_site(allow_same_site)
                .allow_missing_origin(allow_missing_origin)
                .allow_null_origin(allow_null_origin),
        ))
    }

    /// The verdict for one request's headers (`undefined` when absent).
    pub fn check(
        &self,
        method: &str,
        sec_fetch_site: Option<String>,
        origin: Option<String>,
        referer: Option<String>,
    ) -> String {
        let v = self.0.check(method, sec_fetch_site.as_deref(), origin.as_deref(), referer.as_deref());
        format!("{}{}", if v.is_allowed() { '+' } else { '-' }, v.code())
    }
}

/// A validated cookie configuration (`__Host-` prefix rules, `SameSite=None`
/// needs `Secure`, `Max-Age` cap, name/value characters): the core's
/// `OwnedCookieConfig`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CookieOptions(OwnedCookieConfig);

#[wasm_bindgen]
impl CookieOptions {
    /// Builds and validates the configuration.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &str,
        path: &str,
        domain: Option<String>,
        secure: bool,
        http_only: bool,
        same_site: &str,
        max_age: Option<f64>,
        partitioned: bool,
    ) -> Result<CookieOptions, JsValue> {
        let Some(same_site) = SameSite::from_name(same_site) else {
            return Err(session_err(SessionError::CookieMalformed));
        };
        let (domain, max_age) = (domain.as_deref(), max_age.map(secs));
        let settings = CookieSettings { name, path, domain, secure, http_only, same_site, max_age, partitioned };
        OwnedCookieConfig::from_settings(settings).map(CookieOptions).map_err(session_err)
    }

    /// The `Set-Cookie` header value that sends `value`.
    #[wasm_bindgen(js_name = setCookie)]
    pub fn set_cookie(&self, value: &str) -> Result<String, JsValue> {
        self.0.set_cookie(value).map_err(session_err)
    }

    /// The `Set-Cookie` header value that deletes the cookie.
    #[wasm_bindgen(js_name = clearCookie)]
    pub fn clear_cookie(&self) -> Result<String, JsValue> {
        self.0.clear_cookie().map_err(session_err)
    }
}

/// What a refresh-token operation tells the caller to do.
#[wasm_bindgen]
#[derive(Debug)]
pub struct RefreshOutcome {
    kind: &'static str,
    token: Option<String>,
    record: Option<Vec<u8>>,
    family: String,
    expect_version: Option<f64>,
    reason: Option<&'static str>,
}

#[wasm_bindgen]
impl RefreshOutcome {
    /// `start`, `rotate`, `grace_retry`, `reuse_detected` or `reject`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.kind.to_owned()
    }
    /// The token to send to the client (start, rotate, grace_retry).
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> Option<String> {
        self.token.clone()
    }
    /// The 160-byte record to persist (compare-and-set on `expectVersion`).
    #[wasm_bindgen(getter)]
    pub fn record(&self) -> Option<Vec<u8>> {
        self.record.clone()
    }
    /// The family's store key (`r1:` + 32 hex), empty for a malformed token.
    #[wasm_bindgen(getter)]
    pub fn family(&self) -> String {
        self.family.clone()
    }
    /// The version the stored record must still have.
    #[wasm_bindgen(getter, js_name = expectVersion)]
    pub fn expect_version(&self) -> Option<f64> {
        self.expect_version
    }
    /// Why a token was rejected (the core's code).
    #[wasm_bindgen(getter)]
    pub fn reason(&self) -> Option<String> {
        self.reason.map(str::to_owned)
    }
}

/// Refresh-token families with rotation and reuse detection.
#[wasm_bindgen]
#[derive(Debug)]
pub struct RefreshFamilies(OwnedRefreshConfig);

fn family_text(record: &FamilyRecord) -> String {
    let mut out = [0u8; 35];
    record.family.render(&mut out).to_owned()
}

#[allow(clippy::cast_precision_loss)] // versions stay far below 2^53
fn version(v: u64) -> Option<f64> {
    Some(v as f64)
}

#[wasm_bindgen]
impl RefreshFamilies {
    /// Keys (as [`SessionKeys`]), optional store pepper, and lifetimes in
    /// seconds (absolute, idle, grace; the core caps grace).
    #[wasm_bindgen(constructor)]
    pub fn new(
        current: &[u8],
        previous: &[u8],
        pepper_bytes: Option<Vec<u8>>,
        absolute: f64,
        idle: f64,
        grace: f64,
    ) -> Result<RefreshFamilies, JsValue> {
        let policy = RefreshPolicy { absolute: secs(absolute), idle: secs(idle), grace: secs(grace) };
        let config = OwnedRefreshConfig::new(keys(current, previous)?).policy(policy);
        Ok(RefreshFamilies(match pepper(pepper_bytes)? {
            Some(p) => config.pepper(p),
            None => config,
        }))
    }

    /// Starts a family at login: the first token and the record to insert.
    pub fn start(&self, now: f64, binding: Option<Vec<u8>>) -> Result<RefreshOutcome, JsValue> {
        let (token, record) =
            session::start_os(&self.0.config(), secs(now), binding.as_deref()).map_err(session_err)?;
        Ok(RefreshOutcome {
            kind: "start",
            token: Some(token.as_str().to_owned()),
            family: family_text(&record),
            record: Some(record.to_bytes().to_vec()),
            expect_version: None,
            reason: None,
        })
    }

    /// The family store key of a presented token (authenticated first), so
    /// the caller can load its record; throws for a forged or malformed token.
    #[wasm_bindgen(js_name = familyOf)]
    pub fn family_of(&self, token: &str) -> Result<String, JsValue> {
        let p = Presented::parse(token, &self.0.config()).map_err(reject_err)?;
        let mut out = [0u8; 35];
        Ok(p.family_id().render(&mut out).to_owned())
    }

    /// Decides what `token` does to the family whose stored `record` is
    /// given.
    pub fn decide(
        &self,
        record: &[u8],
        token: &str,
        binding: Option<Vec<u8>>,
        now: f64,
    ) -> Result<RefreshOutcome, JsValue> {
        let record = FamilyRecord::from_bytes(record).map_err(session_err)?;
        let family = family_text(&record);
        let config = self.0.config();
        let d = match Presented::parse(token, &config) {
            Ok(presented) => session::decide(&record, &presented, binding.as_deref(), secs(now), &config),
            Err(r) => session::Decision::Reject(r),
        };
        let (next, expect_version) = d.persist().unzip();
        Ok(RefreshOutcome {
            kind: d.code(),
            token: d.token().map(|t| t.as_str().to_owned()),
            record: next.map(|r| r.to_bytes().to_vec()),
            family,
            expect_version: expect_version.and_then(version),
            reason: d.refusal_code(),
        })
    }

    /// The record revoked (logout, credential change, admin), to persist.
    pub fn revoke(&self, record: &[u8], reason: &str, now: f64) -> Result<Vec<u8>, JsValue> {
        let record = FamilyRecord::from_bytes(record).map_err(session_err)?;
        let Some(reason) = RevokeReason::from_code(reason) else {
            return Err(session_err(SessionError::RecordMalformed));
        };
        Ok(record.revoked(reason, secs(now)).to_bytes().to_vec())
    }
}

fn reject_err(r: session::RejectReason) -> JsValue {
    JsValue::from_str(&format!("{}\u{1}\u{1}{}", r.code(), r))
}
