//! What a session store needs from the core besides IDs and cookies: the
//! liveness verdict on stored times, the store TTL, and a refresh record's
//! public fields (its version for compare-and-set). `jwtcore/redis` and the
//! memory store in `js/stores.js` call these; the verdicts stay the core's.

use jwtcore::session::{self, FamilyRecord, FamilyStatus, Liveness, SessionTimes, Timeouts};
use wasm_bindgen::prelude::*;

use crate::session_err;

/// The core's session defaults in seconds (`Timeouts::DEFAULT`,
/// `RefreshPolicy::DEFAULT`) as JSON:
/// `{"session":{idle,absolute,touch_after,renew_after},"refresh":{absolute,idle,grace}}`.
/// The JS session classes take their defaults from here. Numbers and `null`
/// only, so `format!` is the whole encoding.
#[wasm_bindgen(js_name = sessionDefaults)]
pub fn session_defaults() -> String {
    let t = Timeouts::DEFAULT;
    let r = session::RefreshPolicy::DEFAULT;
    let renew = t.renew_after.map_or_else(|| "null".to_owned(), |n| n.to_string());
    format!(
        r#"{{"session":{{"idle":{},"absolute":{},"touch_after":{},"renew_after":{renew}}},"refresh":{{"absolute":{},"idle":{},"grace":{}}}}}"#,
        t.idle, t.absolute, t.touch_after, r.absolute, r.idle, r.grace
    )
}

fn secs(s: f64) -> u64 {
    // Saturating float-to-int: NaN and negatives become 0.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = s.max(0.0) as u64;
    v
}

#[allow(clippy::cast_precision_loss)] // Unix seconds and versions stay far below 2^53
fn num(v: u64) -> f64 {
    v as f64
}

/// The core's `check` on a session's stored times: `"<status> <touch> <renew>"`
/// with status `active`, `idle_expired`, `absolute_expired` or `clock_skew`
/// and the flags as `0`/`1`. A negative `renew_after` means "never renew".
///
/// ```
/// use jwtcore_wasm::session_check;
/// // Created at 1000, seen at 1000; idle 600, absolute 3600, touch after 60, renew after 300.
/// assert_eq!(session_check(1000.0, 1000.0, 1000.0, 600.0, 3600.0, 60.0, 300.0, 1400.0), "active 1 1");
/// assert_eq!(session_check(1000.0, 1000.0, 1000.0, 600.0, 3600.0, 60.0, -1.0, 1700.0), "idle_expired 0 0");
/// ```
#[wasm_bindgen(js_name = sessionCheck)]
#[allow(clippy::too_many_arguments)]
pub fn session_check(
    created_at: f64,
    last_seen_at: f64,
    id_issued_at: f64,
    idle: f64,
    absolute: f64,
    touch_after: f64,
    renew_after: f64,
    now: f64,
) -> String {
    let times = SessionTimes {
        created_at: secs(created_at),
        last_seen_at: secs(last_seen_at),
        id_issued_at: secs(id_issued_at),
    };
    let renew_after = if renew_after < 0.0 { None } else { Some(secs(renew_after)) };
    let timeouts = Timeouts { idle: secs(idle), absolute: secs(absolute), touch_after: secs(touch_after), renew_after };
    let (status, touch, renew) = match session::check(&times, &timeouts, secs(now)) {
        Liveness::Active { touch, renew_id } => ("active", touch, renew_id),
        Liveness::IdleExpired => ("idle_expired", false, false),
        Liveness::AbsoluteExpired => ("absolute_expired", false, false),
        Liveness::ClockSkew => ("clock_skew", false, false),
    };
    format!("{status} {} {}", u8::from(touch), u8::from(renew))
}

/// The core's `expires_at`: the earlier of the idle and absolute deadlines
/// (the store TTL is this minus now).
///
/// ```
/// use jwtcore_wasm::session_expires_at;
/// assert_eq!(session_expires_at(1000.0, 2000.0, 600.0, 3600.0), 2600.0); // idle first
/// assert_eq!(session_expires_at(1000.0, 4500.0, 600.0, 3600.0), 4600.0); // then absolute
/// ```
#[wasm_bindgen(js_name = sessionExpiresAt)]
pub fn session_expires_at(created_at: f64, last_seen_at: f64, idle: f64, absolute: f64) -> f64 {
    let times = SessionTimes {
        created_at: secs(created_at),
        last_seen_at: secs(last_seen_at),
        id_issued_at: secs(last_seen_at),
    };
    num(session::expires_at(&times, &Timeouts { idle: secs(idle), absolute: secs(absolute), ..Timeouts::default() }))
}

/// A stored refresh record's public fields, as numbers:
/// `[version, generation, created_at, rotated_at, last_used_at, revoked_at]`
/// (`revoked_at` is -1 while the family is active). Malformed records are
/// the core's `RecordError`.
#[wasm_bindgen(js_name = refreshRecordInfo)]
pub fn refresh_record_info(record: &[u8]) -> Result<Vec<f64>, JsValue> {
    let r = FamilyRecord::from_bytes(record).map_err(session_err)?;
    let revoked_at = match r.status {
        FamilyStatus::Active => -1.0,
        FamilyStatus::Revoked { at, .. } => num(at),
    };
    Ok(vec![
        num(r.version),
        f64::from(r.generation),
        num(r.created_at),
        num(r.rotated_at),
        num(r.last_used_at),
        revoked_at,
    ])
}
