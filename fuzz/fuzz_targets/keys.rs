//! Key loaders on arbitrary bytes: JWK, JWKS, PEM, DER. Never panic; a key
//! that loads exports to a JWK that loads back with the same thumbprint.
#![no_main]

use jwtcore::Key;
use jwtcore::keys::KeySet;
use libfuzzer_sys::fuzz_target;

fn thumb(k: &Key) -> String {
    let mut b = [0u8; 43];
    k.thumbprint(&mut b).map(str::to_owned).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(k) = Key::from_jwk(text) {
            if let Ok(jwk) = k.to_jwk(!k.is_algorithm_flexible() && k.is_private()) {
                let back = Key::from_jwk(&jwk).expect("exported JWK must load");
                assert_eq!(thumb(&back), thumb(&k));
            }
        }
        let _ = KeySet::<8>::from_jwks(text);
        let _ = Key::from_pem(text);
        let mut buf = [0u8; 43];
        let _ = jwtcore::keys::jwk_thumbprint(text, &mut buf);
    }
    let _ = Key::from_der(data);
    let _ = Key::from_spki_der(data);
    let _ = Key::from_pkcs8_der(data);
    let _ = Key::from_sec1_der(data);
    let _ = Key::hmac(jwtcore::Algorithm::Hs256, data);
});
