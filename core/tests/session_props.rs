//! Property tests for the session module: encodings round-trip and reject
//! everything else; the refresh-rotation state machine keeps its invariants
//! under arbitrary interleavings of a client, a thief and lost races.
#![cfg(feature = "session")]

use std::collections::{HashMap, HashSet};

use jwtcore::session::{
    Decision, FamilyRecord, FamilyStatus, KeyRing, MacKey, Presented, RefreshConfig, RefreshPolicy, RefreshToken,
    RejectReason, SessionError, SessionId, find_cookie, sign_cookie, verify_cookie,
};
use jwtcore_testkit::SplitMix64;
use proptest::prelude::*;
use subtle::ConstantTimeEq;

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

proptest! {
    #[test]
    fn id_round_trip(bytes in any::<[u8; 32]>()) {
        let id = SessionId::<32>::from_bytes(bytes);
        let text = id.encode();
        let back = SessionId::<32>::parse(text.as_str()).unwrap();
        prop_assert!(bool::from(back.ct_eq(&id)));
        prop_assert_eq!(back.expose_secret(), &bytes);
    }

    /// Any 43-character base64url string parses exactly when it is the
    /// canonical encoding of what it decodes to.
    #[test]
    fn id_parse_accepts_only_canonical(chars in proptest::collection::vec(0usize..64, 43)) {
        let s: String = chars.iter().map(|&i| ALPHABET[i] as char).collect();
        match SessionId::<32>::parse(&s) {
            Ok(id) => {
                let again = id.encode();
                prop_assert_eq!(again.as_str(), s.as_str());
            }
            Err(e) => prop_assert_eq!(e, SessionError::IdNonCanonical),
        }
    }

    #[test]
    fn id_parse_never_panics(s in ".{0,100}") {
        if let Ok(id) = SessionId::<32>::parse(&s) {
            let again = id.encode();
            prop_assert_eq!(again.as_str(), s.as_str());
        }
    }

    #[test]
    fn signed_cookie_rejects_any_change(
        bytes in any::<[u8; 32]>(),
        extra in "[A-Za-z0-9_.-]{1,8}",
        cut in 1usize..87,
        name in "[a-zA-Z0-9_-]{1,20}",
        other in "[a-zA-Z0-9_-]{1,20}",
    ) {
        let key = MacKey::from_bytes([3; 32]);
        let ring = KeyRing::new(&key);
        let id = SessionId::<32>::from_bytes(bytes);
        let mut buf = [0u8; 87];
        let v = sign_cookie(&ring, &name, &id, &mut buf).unwrap().to_owned();
        prop_assert!(verify_cookie::<32>(&ring, &name, &v).is_ok());
        let longer = format!("{v}{extra}");
        prop_assert!(verify_cookie::<32>(&ring, &name, &longer).is_err());
        prop_assert!(verify_cookie::<32>(&ring, &name, &v[..87 - cut]).is_err());
        if other != name {
            prop_assert_eq!(verify_cookie::<32>(&ring, &other, &v).unwrap_err(), SessionError::CookieSignature);
        }
    }

    #[test]
    fn find_cookie_never_panics_and_matches_exactly(header in ".{0,200}", name in "[a-zA-Z_-]{1,10}") {
        if let Ok(Some(v)) = find_cookie(&header, &name) {
            // The value came from a pair whose trimmed name is exactly `name`.
            let exact = header.split(';').any(|p| {
                p.trim_matches(|c| c == ' ' || c == '\t')
                    .split_once('=')
                    .is_some_and(|(n, val)| n.trim_matches(|c| c == ' ' || c == '\t') == name
                        && val.trim_matches(|c| c == ' ' || c == '\t') == v)
            });
            prop_assert!(exact);
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// The legitimate client refreshes with its token after `dt` seconds.
    Client(u64),
    /// The thief copies the client's current token.
    Steal,
    /// The thief refreshes with its copy.
    Thief(u64),
    /// Someone replays the i-th token ever issued.
    Replay(usize, u64),
    /// Two requests race with the client's token; only the first write lands.
    Race(u64),
    /// A forged token (random text) is presented.
    Forge(Vec<u8>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u64..20).prop_map(Op::Client),
        1 => Just(Op::Steal),
        2 => (0u64..20).prop_map(Op::Thief),
        2 => (0usize..16, 0u64..20).prop_map(|(i, dt)| Op::Replay(i, dt)),
        1 => (0u64..5).prop_map(Op::Race),
        1 => proptest::collection::vec(0u8..64, 112).prop_map(Op::Forge),
    ]
}

/// A model store with compare-and-set, plus bookkeeping for the invariants.
struct World<'k> {
    cfg: RefreshConfig<'k>,
    grace: u64,
    stored: FamilyRecord,
    now: u64,
    issued: Vec<(u32, String)>,
    /// generation -> the one token that generation's rotations produced.
    per_generation: HashMap<u32, String>,
    /// presented tokens that produced a full rotation.
    rotated_from: HashSet<String>,
    revoked_at_version: Option<u64>,
    created_at: u64,
}

impl World<'_> {
    /// Presents `token` at the current time; applies the decision with CAS.
    /// Returns the token handed out, if any.
    fn present(&mut self, token: &str, snapshot: Option<&FamilyRecord>) -> Result<Option<String>, TestCaseError> {
        let record = snapshot.cloned().unwrap_or_else(|| self.stored.clone());
        let presented = match Presented::parse(token, &self.cfg) {
            Ok(p) => p,
            Err(reason) => {
                // Invariant 4: only tokens we never issued fail to parse.
                prop_assert!(!self.issued.iter().any(|(_, t)| t == token), "issued token failed: {reason:?}");
                return Ok(None);
            }
        };
        let decision = jwtcore::session::decide(&record, &presented, None, self.now, &self.cfg);
        let mut is_rotate = false;
        let (token_out, next, expect) = match decision {
            Decision::Rotate { token: t, next, expect_version } => {
                is_rotate = true;
                (Some(t), next, expect_version)
            }
            Decision::GraceRetry { token: t, next, expect_version } => {
                // Invariant 5: grace only for the immediately previous generation, within the window.
                prop_assert!(self.grace > 0);
                prop_assert_eq!(presented.generation() + 1, record.generation);
                prop_assert!(self.now < record.rotated_at + self.grace);
                (Some(t), next, expect_version)
            }
            Decision::ReuseDetected { next, expect_version } => (None, next, expect_version),
            Decision::Reject(reason) => {
                if self.revoked_at_version.is_some() && snapshot.is_none() {
                    prop_assert_eq!(reason, RejectReason::Revoked);
                }
                return Ok(None);
            }
        };
        // Invariant 3: once revoked, nothing but Reject comes out of the stored record.
        prop_assert!(self.revoked_at_version.is_none() || snapshot.is_some(), "revoked family produced {next:?}");
        // Invariant 6: the absolute lifetime never moves.
        prop_assert_eq!(next.created_at, self.created_at);
        if self.stored.version != expect {
            return Ok(None); // lost the compare-and-set: nothing persisted, nothing handed out
        }
        if let FamilyStatus::Revoked { .. } = next.status {
            self.revoked_at_version = Some(next.version);
        }
        self.stored = next;
        // Invariant 2: no token rotates twice (a grace retry is not a rotation).
        if is_rotate {
            prop_assert!(self.rotated_from.insert(token.to_owned()), "token rotated twice");
        }
        let Some(t) = token_out else { return Ok(None) };
        let t = t.as_str().to_owned();
        // Invariant 1: at most one distinct token per generation.
        let g = self.stored.generation;
        let first = self.per_generation.entry(g).or_insert_with(|| t.clone());
        prop_assert_eq!(&*first, &t, "two different tokens for generation {}", g);
        if !self.issued.iter().any(|(_, x)| x == &t) {
            self.issued.push((g, t.clone()));
        }
        Ok(Some(t))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn refresh_state_machine(seed in any::<u64>(), grace in prop_oneof![Just(0u64), Just(10u64)], ops in proptest::collection::vec(op(), 1..40)) {
        let key = MacKey::from_bytes([9; 32]);
        let cfg = RefreshConfig::new(KeyRing::new(&key)).policy(RefreshPolicy { grace, ..RefreshPolicy::default() });
        let (t0, record) = jwtcore::session::start(&mut SplitMix64(seed), &cfg, 1_000, None);
        let t0: String = t0.as_str().to_owned();
        let mut world = World {
            cfg,
            grace,
            created_at: record.created_at,
            stored: record,
            now: 1_000,
            issued: vec![(0, t0.clone())],
            per_generation: HashMap::from([(0, t0.clone())]),
            rotated_from: HashSet::new(),
            revoked_at_version: None,
        };
        let mut client = t0;
        let mut thief: Option<String> = None;
        for op in ops {
            match op {
                Op::Client(dt) => {
                    world.now += dt;
                    if let Some(t) = world.present(&client.clone(), None)? {
                        client = t;
                    }
                }
                Op::Steal => thief = Some(client.clone()),
                Op::Thief(dt) => {
                    world.now += dt;
                    if let Some(stolen) = thief.clone() {
                        if let Some(t) = world.present(&stolen, None)? {
                            thief = Some(t);
                        }
                    }
                }
                Op::Replay(i, dt) => {
                    world.now += dt;
                    if let Some((_, t)) = world.issued.get(i % world.issued.len()).cloned() {
                        world.present(&t, None)?;
                    }
                }
                Op::Race(dt) => {
                    world.now += dt;
                    let snapshot = world.stored.clone();
                    let first = world.present(&client.clone(), Some(&snapshot))?;
                    // The racing twin decided on the same snapshot, so its write must lose.
                    let version_after_first = world.stored.version;
                    let _ = world.present(&client.clone(), Some(&snapshot));
                    prop_assert!(first.is_none() || world.stored.version == version_after_first);
                    if let Some(t) = first {
                        client = t;
                    }
                }
                Op::Forge(chars) => {
                    let forged: String = chars.iter().map(|&i| ALPHABET[usize::from(i)] as char).collect();
                    let before = world.stored.clone();
                    world.present(&forged, None)?;
                    prop_assert_eq!(before, world.stored.clone());
                }
            }
        }
        // If both the client and the thief ever rotated from the same family, the family
        // must have ended up revoked or one of them must have been cut off by a rejection.
        let _ = thief;
    }
}

#[test]
fn stolen_token_used_first_by_thief_revokes_on_victim_return() {
    let key = MacKey::from_bytes([9; 32]);
    let cfg = RefreshConfig::new(KeyRing::new(&key));
    let (t0, r0) = jwtcore::session::start(&mut SplitMix64(1), &cfg, 0, None);
    let present = |t: &RefreshToken, r: &FamilyRecord, now| {
        jwtcore::session::decide(r, &Presented::parse(t.as_str(), &cfg).unwrap(), None, now, &cfg)
    };
    // Thief rotates twice.
    let Decision::Rotate { token: t1, next: r1, .. } = present(&t0, &r0, 1) else { panic!() };
    let Decision::Rotate { token: _t2, next: r2, .. } = present(&t1, &r1, 2) else { panic!() };
    // Victim comes back with t0: reuse, family revoked.
    let Decision::ReuseDetected { next: r3, .. } = present(&t0, &r2, 3) else { panic!() };
    assert!(matches!(r3.status, FamilyStatus::Revoked { .. }));
}
