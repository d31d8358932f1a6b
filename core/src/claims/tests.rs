//! The registered claims read once from the canonical text: the same values
//! and verdicts whether or not strings were shortened by canonicalisation.

use core::time::Duration;

use super::check;
use crate::error::{Claim, Error, Reason};
use crate::validation::Validation;

const NOW: Duration = Duration::from_secs(1_700_000_000);

fn run(payload: &str, v: &Validation<'_>) -> Result<(std::string::String, [Option<std::string::String>; 4]), Error> {
    let mut buf = payload.as_bytes().to_vec();
    let c = check(&mut buf, v, NOW)?;
    let own = |s: Option<&str>| s.map(std::string::ToString::to_string);
    let aud = c.claims.aud.as_ref().map(|a| a.iter().collect::<std::vec::Vec<_>>().join("|"));
    Ok((c.text.into(), [own(c.claims.iss), own(c.claims.sub), aud, own(c.claims.jti)]))
}

#[test]
fn escaped_strings_read_as_their_canonical_text_after_shortening() {
    let issuers = ["https://id.example"];
    let audiences = ["a/b"];
    let v = Validation::new().issuer(&issuers).audience(&audiences);
    // Every string is shortened by canonicalisation, so spaces pad each one after its quote.
    let payload = r#"{"iss":"https:\/\/id.example","sub":"\u0061\"b\u0001","aud":["x\/","a\/b"],"jti":"\u00e9","exp":1800000000}"#;
    let (text, [iss, sub, aud, jti]) = run(payload, &v).unwrap();
    assert_eq!(iss.as_deref(), Some("https://id.example"));
    assert_eq!(sub.as_deref(), Some(r#"a\"b\u0001"#));
    assert_eq!(aud.as_deref(), Some("x/|a/b"));
    assert_eq!(jti.as_deref(), Some("é"));
    assert!(text.starts_with(r#"{"iss":"https://id.example"  ,"sub":"a\"b\u0001"     ,"#), "{text}");
    // A string audience, shortened, still matches; a different one does not.
    let (_, [_, _, aud, _]) = run(r#"{"aud":"a\/b","exp":1800000000,"iss":"https://id.example"}"#, &v).unwrap();
    assert_eq!(aud.as_deref(), Some("a/b"));
    assert_eq!(
        run(r#"{"aud":"a\/c","exp":1800000000,"iss":"https://id.example"}"#, &v).unwrap_err(),
        Error::Claim { claim: Claim::Aud, reason: Reason::Mismatch }
    );
}

#[test]
fn a_member_of_the_wrong_type_is_invalid_when_checked_and_none_when_not() {
    let v = Validation::new();
    for (payload, claim) in [
        (r#"{"exp":"soon"}"#, Claim::Exp),
        (r#"{"exp":1800000000,"nbf":true}"#, Claim::Nbf),
        (r#"{"exp":1800000000,"iat":[1]}"#, Claim::Iat),
        (r#"{"exp":1800000000,"iss":1}"#, Claim::Iss),
        (r#"{"exp":1800000000,"sub":{}}"#, Claim::Sub),
        (r#"{"exp":1800000000,"jti":null}"#, Claim::Jti),
    ] {
        assert_eq!(run(payload, &v).unwrap_err(), Error::Claim { claim, reason: Reason::Invalid }, "{payload}");
    }
    let unchecked = Validation::new().skip(crate::validation::ClaimSet::ISS);
    let (_, [iss, ..]) = run(r#"{"exp":1800000000,"iss":1}"#, &unchecked).unwrap();
    assert_eq!(iss, None);
}
