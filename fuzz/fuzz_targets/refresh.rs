//! The refresh-token state machine under fuzzed sequences: presentations of
//! issued, superseded, mutated and random tokens at fuzzed times, persisted
//! with compare-and-set. A rotated token never rotates twice; reuse always
//! revokes; forged tokens never change state.
#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use jwtcore::session::{
    Decision, FamilyStatus, KeyRing, MacKey, Presented, RefreshConfig, RefreshPolicy, decide, start,
};
use jwtcore_testkit::SplitMix64 as Rng;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Step {
    Issued(u8, u8),
    Mutated(u8, u8, u8),
    Random(String),
}


fuzz_target!(|input: (u64, bool, Vec<Step>)| {
    let (seed, grace, steps) = input;
    let key = MacKey::from_bytes([3; 32]);
    let cfg = RefreshConfig::new(KeyRing::new(&key))
        .policy(RefreshPolicy { grace: if grace { 10 } else { 0 }, ..RefreshPolicy::default() });
    let (t0, mut stored) = start(&mut Rng(seed), &cfg, 1_000, None);
    let mut issued = vec![t0.as_str().to_owned()];
    let mut rotated_from = HashSet::new();
    let mut now = 1_000u64;
    for step in steps.iter().take(64) {
        let (token, dt) = match step {
            Step::Issued(i, dt) => (issued[usize::from(*i) % issued.len()].clone(), *dt),
            Step::Mutated(i, at, to) => {
                let mut t = issued[usize::from(*i) % issued.len()].clone().into_bytes();
                let at = usize::from(*at) % t.len();
                t[at] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[usize::from(*to) % 64];
                (String::from_utf8(t).unwrap(), 0)
            }
            Step::Random(s) => (s.clone(), 0),
        };
        now += u64::from(dt);
        let presented = match Presented::parse(&token, &cfg) {
            Ok(p) => p,
            Err(_) => {
                assert!(!issued.contains(&token), "an issued token failed to parse");
                continue;
            }
        };
        let was_revoked = matches!(stored.status, FamilyStatus::Revoked { .. });
        match decide(&stored, &presented, None, now, &cfg) {
            Decision::Rotate { token: next_token, next, expect_version } => {
                assert!(!was_revoked);
                assert_eq!(expect_version, stored.version);
                assert!(rotated_from.insert(token.clone()), "a token rotated twice");
                assert_eq!(next.created_at, stored.created_at);
                stored = next;
                let t = next_token.as_str().to_owned();
                if !issued.contains(&t) {
                    issued.push(t);
                }
            }
            Decision::GraceRetry { token: again, next, .. } => {
                assert!(grace && !was_revoked);
                assert!(issued.contains(&again.as_str().to_owned()), "grace retry minted a new token");
                stored = next;
            }
            Decision::ReuseDetected { next, .. } => {
                assert!(!was_revoked);
                assert!(matches!(next.status, FamilyStatus::Revoked { .. }));
                stored = next;
            }
            Decision::Reject(_) => {}
        }
    }
});
