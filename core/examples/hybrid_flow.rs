//! The hybrid pattern end to end, against an in-memory store:
//! login creates a cookie session; an API client gets a short JWT access
//! token and a rotating refresh token; the refresh token is rotated twice; a
//! stolen old refresh token is replayed, the family is revoked, and the
//! family's access tokens stop verifying through the denylist.
//!
//! `cargo run -p jwtcore --example hybrid_flow --features std`

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use jwtcore::session::{
    self, CookieConfig, Decision, FamilyRecord, KeyRing, Liveness, MacKey, Presented, RefreshConfig, RefreshPolicy,
    SessionId, SessionTimes, StorageKey, Timeouts,
};
use jwtcore::{Algorithm, Denylist, EncodeHeader, Key, Validation, encode_into, verify};
use serde::Serialize;

/// The caller's store: sessions by storage key, families by id (with the
/// compare-and-set the refresh state machine needs), revoked access-token
/// sessions by `sid`.
#[derive(Default)]
struct Store {
    sessions: HashMap<StorageKey, (String, SessionTimes)>,
    families: HashMap<[u8; 16], [u8; session::RECORD_LEN]>,
    revoked_sids: Mutex<HashSet<String>>,
}

impl Store {
    /// `UPDATE families SET record = ? WHERE id = ? AND version = ?`
    fn compare_and_set(&mut self, next: &FamilyRecord, expect_version: u64) -> bool {
        let id = *next.family.as_bytes();
        let current = self.families.get(&id).and_then(|b| FamilyRecord::from_bytes(b).ok());
        match current {
            Some(r) if r.version == expect_version => {
                self.families.insert(id, next.to_bytes());
                true
            }
            _ => false,
        }
    }
    fn family(&self, id: &[u8; 16]) -> Option<FamilyRecord> {
        self.families.get(id).and_then(|b| FamilyRecord::from_bytes(b).ok())
    }
}

/// Access tokens carry the refresh family as `sid`; revoking the family
/// denies them. (Keyed on `jti` per token in general; here one entry per
/// family covers all its tokens.)
struct FamilyDenylist<'s>(&'s Store, &'s str);
impl Denylist for FamilyDenylist<'_> {
    fn is_revoked(&self, _iss: Option<&str>, _jti: &str) -> bool {
        self.0.revoked_sids.lock().unwrap().contains(self.1)
    }
}

#[derive(Serialize)]
struct Access<'a> {
    sub: &'a str,
    iss: &'a str,
    exp: u64,
    iat: u64,
    jti: String,
    sid: &'a str,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::default();
    let mut now = jwtcore::now().as_secs();
    // Server secrets (from a secrets manager in real life).
    let cookie_key = MacKey::generate_os()?;
    let refresh_key = MacKey::generate_os()?;
    let access_key = Key::generate_os(Algorithm::EdDsa)?;
    let ring = KeyRing::new(&cookie_key);
    let cookie = CookieConfig::new();
    let refresh =
        RefreshConfig::new(KeyRing::new(&refresh_key)).policy(RefreshPolicy { grace: 5, ..Default::default() });

    println!("== 1. browser login: cookie session");
    let anonymous = SessionId::<32>::generate_os()?;
    // Login is a privilege change: rotate the ID (fixation defence).
    let rotation = session::Rotation::new_os(&anonymous, None)?;
    store.sessions.insert(rotation.create, ("alice".into(), SessionTimes::new(now)));
    let mut value = [0u8; 87];
    let value = session::sign_cookie(&ring, cookie.cookie_name(), &rotation.new_id, &mut value)?;
    let mut header = [0u8; 256];
    println!("Set-Cookie: {}", cookie.set_cookie(value, &mut header)?);
    println!("store key:  {} (the raw ID is never stored)", rotation.create);

    now += 30;
    let request = format!("lang=en; {}={}", cookie.cookie_name(), value);
    let presented = session::find_cookie(&request, cookie.cookie_name())?.ok_or("no cookie")?;
    let (id, _) = session::verify_cookie::<32>(&ring, cookie.cookie_name(), presented)?;
    let (user, times) = store.sessions.get(&StorageKey::for_session(&id, None)).ok_or("no session")?;
    println!("request 30 s later: user={user} liveness={:?}", session::check(times, &Timeouts::default(), now));
    assert!(matches!(session::check(times, &Timeouts::default(), now), Liveness::Active { .. }));

    println!("\n== 2. API client: access token + refresh family");
    let (mut refresh_token, record) = session::start_os(&refresh, now, None)?;
    store.families.insert(*record.family.as_bytes(), record.to_bytes());
    let mut sid_buf = [0u8; 35];
    let sid = record.family.render(&mut sid_buf).to_owned();
    let issue_access = |now: u64| -> Result<String, jwtcore::Error> {
        let claims = Access {
            sub: "alice",
            iss: "https://auth.example",
            exp: now + 900,
            iat: now,
            jti: SessionId::<16>::generate_os().map(|j| j.encode().as_str().to_owned()).unwrap_or_default(),
            sid: &sid,
        };
        let mut out = [0u8; 512];
        Ok(encode_into(&EncodeHeader::new(), &claims, &access_key, &mut out)?.to_owned())
    };
    let mut access = issue_access(now)?;
    println!("access token ({} chars), refresh token gen 0: …{}", access.len(), &refresh_token.as_str()[100..]);
    let stolen = refresh_token.clone();
    println!("(an attacker copies the generation-0 refresh token)");

    for round in 1..=2 {
        now += 600;
        let p = Presented::parse(refresh_token.as_str(), &refresh).map_err(|r| r.to_string())?;
        let record = store.family(p.family_id().as_bytes()).ok_or("no family")?;
        match session::decide(&record, &p, None, now, &refresh) {
            Decision::Rotate { token, next, expect_version } => {
                if !store.compare_and_set(&next, expect_version) {
                    return Err("lost the compare-and-set".into());
                }
                access = issue_access(now)?;
                println!(
                    "refresh #{round}: rotated to generation {} (…{}), new access token",
                    next.generation,
                    &token.as_str()[100..]
                );
                refresh_token = token;
            }
            other => return Err(format!("unexpected {other:?}").into()),
        }
    }

    println!("\n== 3. the stolen generation-0 token is replayed");
    now += 60;
    let p = Presented::parse(stolen.as_str(), &refresh).map_err(|r| r.to_string())?;
    let record = store.family(p.family_id().as_bytes()).ok_or("no family")?;
    match session::decide(&record, &p, None, now, &refresh) {
        Decision::ReuseDetected { next, expect_version } => {
            store.compare_and_set(&next, expect_version);
            store.revoked_sids.lock().unwrap().insert(sid.clone());
            println!("reuse detected: family {:?} is now {:?}", next.family, next.status);
        }
        other => return Err(format!("reuse not detected: {other:?}").into()),
    }
    let p = Presented::parse(refresh_token.as_str(), &refresh).map_err(|r| r.to_string())?;
    let record = store.family(p.family_id().as_bytes()).ok_or("no family")?;
    let verdict = session::decide(&record, &p, None, now, &refresh);
    println!("the legitimate client's current token: {verdict:?}");
    assert!(matches!(verdict, Decision::Reject(session::RejectReason::Revoked)));

    let denylist = FamilyDenylist(&store, &sid);
    let issuers = ["https://auth.example"];
    let validation = Validation::new().issuer(&issuers).denylist(&denylist);
    let mut scratch = [0u8; 512];
    let err =
        verify(&access, &access_key, &validation, Duration::from_secs(now), &mut scratch).err().ok_or("accepted")?;
    println!("the family's access token: {} ({})", err.code(), err);
    assert_eq!(err.code(), "revoked");
    Ok(())
}
