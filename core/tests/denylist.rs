//! The JWT revocation hook: a denylist keyed on (iss, jti) is consulted after
//! the signature and claims, reports a distinct error, and requires `jti`.

use core::time::Duration;
use std::collections::HashSet;
use std::sync::Mutex;

use jwtcore::{Algorithm, Claim, Denylist, EncodeHeader, Error, Key, Reason, Validation, encode_into, verify};
use serde::Serialize;

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    exp: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<&'a str>,
}

struct Revoked {
    entries: HashSet<(String, String)>,
    calls: Mutex<Vec<(Option<String>, String)>>,
}

impl Denylist for Revoked {
    fn is_revoked(&self, iss: Option<&str>, jti: &str) -> bool {
        self.calls.lock().unwrap().push((iss.map(str::to_owned), jti.to_owned()));
        self.entries.contains(&(iss.unwrap_or("").to_owned(), jti.to_owned()))
    }
}

fn token(key: &Key, claims: &Claims<'_>) -> String {
    let mut out = [0u8; 512];
    encode_into(&EncodeHeader::new(), claims, key, &mut out).unwrap().to_owned()
}

#[test]
fn revoked_tokens_get_their_own_error() {
    let key = Key::hmac(Algorithm::Hs256, &[1; 32]).unwrap();
    let now = Duration::from_secs(1_000);
    let list =
        Revoked { entries: HashSet::from([("https://a".to_owned(), "t-1".to_owned())]), calls: Mutex::new(Vec::new()) };
    let validation = Validation::new().denylist(&list);
    let mut scratch = [0u8; 512];

    let revoked = token(&key, &Claims { iss: "https://a", exp: 2_000, jti: Some("t-1") });
    let err = verify(&revoked, &key, &validation, now, &mut scratch).unwrap_err();
    assert_eq!(err, Error::Revoked);
    assert_eq!(err.code(), "revoked");

    // Same jti from another issuer is a different token.
    let other_iss = token(&key, &Claims { iss: "https://b", exp: 2_000, jti: Some("t-1") });
    assert!(verify(&other_iss, &key, &validation, now, &mut scratch).is_ok());
    assert_eq!(list.calls.lock().unwrap().last(), Some(&(Some("https://b".to_owned()), "t-1".to_owned())));

    // With a denylist, a token without jti cannot be checked, so it is refused.
    let no_jti = token(&key, &Claims { iss: "https://a", exp: 2_000, jti: None });
    assert_eq!(
        verify(&no_jti, &key, &validation, now, &mut scratch).unwrap_err(),
        Error::Claim { claim: Claim::Jti, reason: Reason::Missing }
    );

    // The denylist is consulted only after the claims passed: an expired revoked token
    // reports expiry, and the list is not called for it.
    let calls_before = list.calls.lock().unwrap().len();
    let expired = token(&key, &Claims { iss: "https://a", exp: 500, jti: Some("t-1") });
    assert_eq!(verify(&expired, &key, &validation, now, &mut scratch).unwrap_err().code(), "expired");
    assert_eq!(list.calls.lock().unwrap().len(), calls_before);
}
