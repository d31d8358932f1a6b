//! Whatever claims are encoded verify and come back as the same JSON.
#![no_main]

use std::time::Duration;

use jwtcore::{Algorithm, ClaimSet, EncodeHeader, Key, Validation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|claims: std::collections::BTreeMap<String, (Option<String>, i64, Vec<u16>)>| {
    // serde_json reads a map whose key is its private RawValue token as a raw value, so the
    // reference side (`to_value`) is not plain JSON for it; jwtcore is not what is tested there.
    if claims.keys().any(|k| k.starts_with("$serde_json::private")) {
        return;
    }
    let key = Key::hmac(Algorithm::Hs256, &[1u8; 32]).unwrap();
    let mut out = vec![0u8; 64 * 1024];
    let Ok(token) = jwtcore::encode_into(&EncodeHeader::new(), &claims, &key, &mut out) else {
        return;
    };
    let token = token.to_owned();
    let v = Validation::new().require(ClaimSet::NONE).max_token_len(usize::MAX).skip(ClaimSet::ALL);
    let mut scratch = vec![0u8; jwtcore::scratch_len(&token).max(16)];
    match jwtcore::verify(&token, &key, &v, Duration::from_secs(0), &mut scratch) {
        Ok(t) => {
            let back: serde_json::Value = serde_json::from_str(t.payload_json()).unwrap();
            assert_eq!(back, serde_json::to_value(&claims).unwrap());
        }
        // The encoder writes any map; the verifier bounds nesting/members/numbers.
        Err(e) => assert!(
            ["json_limit", "duplicate_member", "claim_invalid", "audience_mismatch"].contains(&e.code()),
            "{e:?}"
        ),
    }
});
