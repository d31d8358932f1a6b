//! JWS signatures over caller-supplied bytes, outside a compact token.
//!
//! The signing input of a JWS is `BASE64URL(header) || '.' || BASE64URL(payload)`; a caller that
//! assembles it itself (PyJWT's `Algorithm.sign`/`verify`, a JSON-serialized JWS, an RFC 7797
//! detached payload) needs the bare signature operation. These functions run the same code as the
//! token path ([`encode_into`](crate::encode_into) and [`verify`](crate::verify)): the same
//! backends, the same key-use (`key_ops`) checks, the same signature-shape checks (ECDSA `r`/`s`
//! range and length, RSA modulus length, strict Ed25519), and HMAC tags compared in constant time.
//! What they cannot check is everything a token carries: the header's `alg`, `crit`, claims. So
//! the algorithm is the caller's explicit argument and must be one the key is bound to.

use crate::error::HeaderError;
use crate::keys::MAX_SIG_LEN;
use crate::{Algorithm, Error, Key, KeyError};

/// Signs `msg` with `key` as `alg`, writing the JWS signature (HMAC tag, ECDSA `r‖s`, RSA
/// signature, Ed25519 signature) into `out`; returns its length.
///
/// ```
/// use jwtcore::{Algorithm, Key, raw};
/// let key = Key::hmac(Algorithm::Hs256, b"an example secret, 32 bytes long")?;
/// let mut sig = [0u8; 64];
/// let n = raw::sign_raw(Algorithm::Hs256, &key, b"header.payload", &mut sig)?;
/// assert_eq!(n, 32);
/// raw::verify_raw(Algorithm::Hs256, &key, b"header.payload", &sig[..n])?;
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`HeaderError::AlgKeyMismatch`] if `key` is not bound to `alg` (bind an RSA key loaded
/// without `alg` first, [`Key::bind_algorithm`]), [`KeyError::NotPrivate`] for a public key,
/// [`KeyError::UseForbidden`] if its `key_ops` exclude signing, [`Error::BufferTooSmall`] if
/// `out` is shorter than the signature.
pub fn sign_raw(alg: Algorithm, key: &Key, msg: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if key.algorithm() != alg || key.is_algorithm_flexible() {
        return Err(Error::Header(HeaderError::AlgKeyMismatch));
    }
    if !key.is_private() {
        return Err(Error::Key(KeyError::NotPrivate));
    }
    let mut sig = [0u8; MAX_SIG_LEN];
    let n = key.sign(msg, &mut sig)?;
    let dst = out.get_mut(..n).ok_or(Error::BufferTooSmall { needed: n })?;
    dst.copy_from_slice(sig.get(..n).ok_or(Error::Serialize)?);
    Ok(n)
}

/// Verifies the JWS signature `sig` over `msg` with `key` as `alg`.
///
/// `alg` must be the key's algorithm, or, for an RSA key loaded without an `alg`, any RSA
/// algorithm (the caller names it explicitly, as an allow-list of one).
///
/// ```
/// use jwtcore::{Algorithm, Error, Key, raw};
/// let key = Key::ed25519_private(&[7u8; 32])?;
/// let mut sig = [0u8; 64];
/// let n = raw::sign_raw(Algorithm::EdDsa, &key, b"msg", &mut sig)?;
/// let public = key.to_public()?;
/// raw::verify_raw(Algorithm::EdDsa, &public, b"msg", &sig[..n])?;
/// assert_eq!(raw::verify_raw(Algorithm::EdDsa, &public, b"other", &sig[..n]), Err(Error::Signature));
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`Error::Signature`] for any signature that does not verify, whatever the reason (wrong
/// length, out-of-range values, wrong key or message); [`HeaderError::AlgKeyMismatch`] if the key
/// does not verify `alg`; [`KeyError::UseForbidden`] if its `key_ops` exclude verifying.
pub fn verify_raw(alg: Algorithm, key: &Key, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
    if !key.accepts(alg, true) {
        return Err(Error::Header(HeaderError::AlgKeyMismatch));
    }
    key.verify_as(alg, msg, sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a 32-byte secret for the tests!!";

    #[test]
    fn hmac_matches_the_token_path_and_rejects_tampering() {
        let key = Key::hmac(Algorithm::Hs256, SECRET).unwrap();
        let mut out = [0u8; 512];
        let token = crate::sign_compact_into(br#"{"alg":"HS256"}"#, b"{}", &key, &mut out).unwrap();
        let (input, sig_b64) = token.rsplit_once('.').unwrap();
        let mut sig = [0u8; 64];
        let n = sign_raw(Algorithm::Hs256, &key, input.as_bytes(), &mut sig).unwrap();
        let mut expected = [0u8; 64];
        let m = crate::b64::decode(sig_b64.as_bytes(), &mut expected).unwrap().len();
        assert_eq!(sig.get(..n), expected.get(..m));
        assert_eq!(verify_raw(Algorithm::Hs256, &key, input.as_bytes(), &sig[..n]), Ok(()));
        let mut bad = sig;
        bad[0] ^= 1;
        assert_eq!(verify_raw(Algorithm::Hs256, &key, input.as_bytes(), &bad[..n]), Err(Error::Signature));
        assert_eq!(verify_raw(Algorithm::Hs256, &key, input.as_bytes(), &sig[..n - 1]), Err(Error::Signature));
    }

    #[test]
    fn the_algorithm_must_be_the_keys() {
        let key = Key::hmac(Algorithm::Hs256, SECRET).unwrap();
        let mut sig = [0u8; 64];
        assert_eq!(sign_raw(Algorithm::Hs384, &key, b"m", &mut sig), Err(Error::Header(HeaderError::AlgKeyMismatch)));
        let n = sign_raw(Algorithm::Hs256, &key, b"m", &mut sig).unwrap();
        assert_eq!(
            verify_raw(Algorithm::Hs512, &key, b"m", &sig[..n]),
            Err(Error::Header(HeaderError::AlgKeyMismatch))
        );
    }

    // Signs with P-256.
    #[cfg(feature = "p256")]
    #[test]
    fn ecdsa_signs_and_a_public_key_cannot() {
        let seed = [7u8; 32];
        let key = Key::es256_private(&seed).unwrap();
        let mut sig = [0u8; 64];
        let n = sign_raw(Algorithm::Es256, &key, b"m", &mut sig).unwrap();
        assert_eq!(n, 64);
        let public = key.to_public().unwrap();
        assert_eq!(verify_raw(Algorithm::Es256, &public, b"m", &sig), Ok(()));
        assert_eq!(verify_raw(Algorithm::Es256, &public, b"n", &sig), Err(Error::Signature));
        // r = s = 0 ("psychic signatures") never verifies.
        assert_eq!(verify_raw(Algorithm::Es256, &public, b"m", &[0u8; 64]), Err(Error::Signature));
        assert_eq!(sign_raw(Algorithm::Es256, &public, b"m", &mut sig), Err(Error::Key(KeyError::NotPrivate)));
    }

    #[test]
    fn a_short_output_buffer_is_reported() {
        let key = Key::hmac(Algorithm::Hs512, &[1u8; 64]).unwrap();
        let mut sig = [0u8; 32];
        assert_eq!(sign_raw(Algorithm::Hs512, &key, b"m", &mut sig), Err(Error::BufferTooSmall { needed: 64 }));
    }

    #[test]
    fn key_ops_apply() {
        let key = Key::hmac(Algorithm::Hs256, SECRET).unwrap().with_ops(crate::KeyOps::VERIFY);
        let mut sig = [0u8; 64];
        assert_eq!(sign_raw(Algorithm::Hs256, &key, b"m", &mut sig), Err(Error::Key(KeyError::UseForbidden)));
    }

    /// A 2048-bit key generated for this test (`openssl genpkey -algorithm RSA`).
    #[cfg(feature = "rsa")]
    const RSA_TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----\n\
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCyeTaP9Q/kN4B9\n\
IpFa6OWETkLQHYJMXtnSj9pYZJcb+W02ZsFEsSR+XYlnxp17wPpN8wALnDMuRMhc\n\
Hky44AKOtx3GoXJD/MHSuJE80eF5PUdWmummruenl4lcEPyMtOEo6XfYTxPVOf24\n\
WWhadbJGYvw74owDEYEh1eT0jOibIhalV8ZRyzzV9pTss7Anl94Yi4xbv9X7VRmT\n\
vLD03Toke+tgrGS2IWFnHGRuGWazsmaHPi28/IcmkDpetrbQF5NdT8faMTLmzhW4\n\
VId0T8ho8oswJenSYF0d27unsVM3dlQBskI39PY8bQm8YyEhggcFwm/PY7d8xp2L\n\
arB2RzUpAgMBAAECggEADiZmGQvI8sMjwMgY1ihY6iB6U53DUuLCSlt1aESxZlpk\n\
OkfzUsropcwstLmeis1GCyAVBNahiC2T5RnR42Z/TWlfRvxN3u4PP/G6MiRByCb/\n\
nPIzTC/Z1gPBtDb0jwNYRrIb+l5qqCEs6IzOJT3noIUAko7nouakYlZfDLSPTJ1J\n\
YWzdLr2WUsI0iX0qIL9CVlK+cBm6DMjEJpsIAYhvhPi3zpPwfB1nEfEfexU9NJVs\n\
70ME+4FkWpmU8m+A7fjI3F80xD8Wvemvd597DcUiJX2WQiAJCTg/3/2gBREfVRv6\n\
gViw5Ym/uijg2ay4ewt9M9oycNFgnJ7F3BNkbjwi8QKBgQDVyh2MVCr8sT9+v35w\n\
gcJIw/efmipn+YtL8NDpBvUnbscrEulmpIkHk0JwuxTUXZjgDI0/GFQpVNce4/uN\n\
e/fvXdadE70P3ywcPwmQ4OuZd2x0HarEo3sHffqCT5AgBkV5I876zTc8MRx6YagW\n\
bw5Rg2WfQrdcK1+1Oa9ecC+8TwKBgQDVthEbRD1EQ9OyeM0D1wjeK4h0/eFlA9E+\n\
/Dxz8p1UdqFmRnuAIqXKyJvNp1rgScBfbLN7bVwbAuV4sePKRBN6wJpqp4Uilhi+\n\
FwEgGM06cQtTMbPxr1M/ilMh9PHh4y7nN5ismn/64uJxqtzVGrS7QcBr5JPZWOvP\n\
i2m04AdBBwKBgQCaOfpi930jWgLCPwbJxvIPaD/ExYR+CYmxuQIceUZ1sfbAXh4+\n\
S8gGzPcLOArowLS+PI/Qyo48WtXtlO4tvRa5eWqPWmPzhT3fCqKt/3Q2++4jPhup\n\
S34/g2QqiZchYyTPJUP1rgGAzLUMnFKUDH251B6Fa623MhsTM5ANgsUNBQKBgELP\n\
UDm984lLyvqYWT9CEjuiUF6Cn9v8fYW7RQraZeTp0Tsv/ZvpOPtUC6EXGInVhJZQ\n\
XSvQ3GJ1XVeGBThOX+iYHa4KAMz3L3T9rBRkrIQAoxG3EBIWRWgvzh1nfdaoNxmB\n\
f/E1u5yrIS93wuG8H5QK0iToqG/iJJYVd05cWugxAoGBAJSyD9zjNl+IkJ7wwuKs\n\
X19eRKYPENWB206C7y1TchiELox2uJjfa6JxKyZZcQJtKtPUe6AndTn6ZnRAGj5s\n\
0ecNso6nv7KeCYE/TN0Ie3Iyzbqh8cO+jI+7A61VE9Q1JkGlIdG7mJMRnZmseXYF\n\
RDUIaUdRMW6uXdcE4qPzHD/H\n\
-----END PRIVATE KEY-----\n";

    #[cfg(feature = "rsa")]
    #[test]
    fn an_unbound_rsa_key_verifies_the_named_rsa_algorithm_only_after_binding_to_sign() {
        let pem = RSA_TEST_KEY;
        let key = Key::from_pem(pem).unwrap();
        assert!(key.is_algorithm_flexible());
        let mut sig = [0u8; 512];
        assert_eq!(sign_raw(Algorithm::Ps256, &key, b"m", &mut sig), Err(Error::Header(HeaderError::AlgKeyMismatch)));
        let bound = key.clone().bind_algorithm(Algorithm::Ps256).unwrap();
        let n = sign_raw(Algorithm::Ps256, &bound, b"m", &mut sig).unwrap();
        assert_eq!(n, 256);
        assert_eq!(verify_raw(Algorithm::Ps256, &key, b"m", &sig[..n]), Ok(()));
        assert_eq!(verify_raw(Algorithm::Rs256, &key, b"m", &sig[..n]), Err(Error::Signature));
    }
}
