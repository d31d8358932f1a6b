//! Server-side sessions: random IDs compared in constant time, signed cookie
//! values bound to their cookie name, one-way storage keys, `Set-Cookie`
//! headers with secure defaults, lifetime checks, and refresh-token rotation
//! with reuse detection — all storage-agnostic and allocation-free.
//!
//! Behind the `session` cargo feature (`jwtcore = { features = ["session"] }`;
//! both bindings turn it on): a JWT-only build neither compiles nor ships it.
//! Its functions return [`SessionError`], which converts into
//! [`jwtcore::Error`](crate::Error) (as `Error::Session`) for code that mixes
//! sessions and tokens behind one `?`.
//!
//! The hybrid pattern this supports: web clients get a session cookie
//! (`__Host-id`, an [`SessionId`] signed with [`sign_cookie`]); the server
//! stores the session under [`StorageKey::for_session`] (never the raw ID)
//! and checks [`check`] on every request. API clients get a short-lived JWT
//! access token plus a rotating refresh token ([`start`], [`decide`]);
//! access tokens of a revoked family are refused through
//! [`Validation::denylist`](crate::Validation::denylist).
//!
//! What is constant-time: ID equality, base64url decoding of IDs, tags and
//! refresh secrets, HMAC tag checks across the whole key ring, and refresh
//! hash comparisons. What may branch: lengths fixed by the formats, cookie
//! names, timestamps, generation numbers and the final decision.
//!
//! # Time: `u64` seconds here, `Duration` on the JWT side
//!
//! Session functions take `now` as whole Unix seconds (`u64`); the JWT
//! functions ([`verify`](crate::verify) and friends) take a
//! [`Duration`](core::time::Duration) since the epoch. The difference is
//! deliberate: a JWT's `exp`/`nbf`/`iat` may be fractional (RFC 7519
//! NumericDate) and are compared exactly against a sub-second clock, while
//! every session timestamp is stored by the caller (in a
//! [`FamilyRecord`], a session row) as integer seconds, and comparing in the
//! unit that is stored avoids a rounding step on each side. Convert with
//! `now.as_secs()` (from [`crate::now`] under `std`).
//!
//! ```
//! use jwtcore::session::{CookieConfig, KeyRing, MacKey, SessionId, StorageKey, find_cookie, sign_cookie, verify_cookie};
//!
//! let key = MacKey::from_bytes([42; 32]); // from your secrets manager
//! let ring = KeyRing::new(&key);
//! let config = CookieConfig::new();
//!
//! // Login: a fresh ID (use SessionId::generate / generate_os), stored under its storage key.
//! let id = SessionId::<32>::from_bytes([7; 32]);
//! let store_key = StorageKey::for_session(&id, None);
//! let mut value = [0u8; 87];
//! let value = sign_cookie(&ring, config.cookie_name(), &id, &mut value)?;
//! let mut header = [0u8; 200];
//! let set_cookie = config.set_cookie(value, &mut header)?;
//! assert!(set_cookie.starts_with("__Host-id="));
//!
//! // Next request: find, verify, look up by storage key.
//! let request_header = format!("theme=dark; __Host-id={value}");
//! let presented = find_cookie(&request_header, config.cookie_name())?.expect("cookie present");
//! let (id_again, _key_used) = verify_cookie::<32>(&ring, config.cookie_name(), presented)?;
//! assert_eq!(StorageKey::for_session(&id_again, None), store_key);
//! # Ok::<(), jwtcore::session::SessionError>(())
//! ```

mod cookie;
mod csrf;
mod ct;
mod id;
mod keyring;
mod lifecycle;
mod origin;
#[cfg(feature = "alloc")]
mod origin_owned;
#[cfg(feature = "getrandom")]
mod os_rng;
#[cfg(feature = "alloc")]
mod owned_cookie;
mod refresh;
mod signed;
mod storage;

pub use crate::error::{CookieRule, SessionError};
pub use cookie::{CookieConfig, MAX_AGE_CAP, SameSite, find_cookie};
pub use csrf::{CSRF_TOKEN_LEN, CsrfToken, MASKED_CSRF_TOKEN_LEN, same_csrf_token, verify_csrf};
pub use ct::ct_eq;
pub use id::{EncodedId, MAX_ENCODED_ID_LEN, SessionId};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use keyring::MacKeys;
pub use keyring::{KeyMatch, KeyRing, MacKey};
pub use lifecycle::{Liveness, Rotation, SessionTimes, Timeouts, check, expires_at};
pub use origin::{Allowed, Refused, RequestPolicy, RequestVerdict};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use origin_owned::OwnedRequestPolicy;
#[cfg(feature = "getrandom")]
#[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
pub use os_rng::start_os;
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use owned_cookie::{CookieSettings, OwnedCookieConfig};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use refresh::OwnedRefreshConfig;
pub use refresh::{
    Decision, FamilyId, FamilyRecord, FamilyStatus, MAX_GRACE, Presented, RECORD_LEN, REFRESH_TOKEN_LEN, RefreshConfig,
    RefreshPolicy, RefreshToken, RejectReason, RevokeReason, decide, start,
};
pub use signed::{sign_cookie, signed_value_len, verify_cookie};
pub use storage::{STORAGE_KEY_LEN, StorageKey, StorePepper};
/// `subtle`'s constant-time comparison, re-exported so that comparing
/// [`SessionId`]s and [`MacKey`]s needs no extra dependency (and never a
/// second, mismatched version of `subtle`).
pub use subtle::{Choice, ConstantTimeEq};
