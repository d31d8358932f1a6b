//! Session-ID parsing, signed-cookie verification and Cookie-header parsing
//! on arbitrary text. Accepted IDs re-encode to the input; accepted cookies
//! re-sign to the input.
#![no_main]

use jwtcore::session::{KeyRing, MacKey, SessionId, find_cookie, sign_cookie, verify_cookie};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (&str, &str, &str)| {
    let (a, b, name) = data;
    if let Ok(id) = SessionId::<32>::parse(a) {
        assert_eq!(id.encode().as_str(), a);
    }
    if let Ok(id) = SessionId::<16>::parse(a) {
        assert_eq!(id.encode().as_str(), a);
    }
    let key = MacKey::from_bytes([5; 32]);
    let old = [MacKey::from_bytes([6; 32])];
    let ring = KeyRing::new(&key).with_previous(&old);
    if let Ok((id, used)) = verify_cookie::<32>(&ring, name, b) {
        let signer = match used {
            jwtcore::session::KeyMatch::Current => KeyRing::new(&key),
            jwtcore::session::KeyMatch::Previous(_) => KeyRing::new(&old[0]),
        };
        let mut buf = [0u8; 87];
        assert_eq!(sign_cookie(&signer, name, &id, &mut buf).unwrap(), b);
    }
    if let Ok(Some(v)) = find_cookie(a, name) {
        assert!(a.contains(v));
    }
});
