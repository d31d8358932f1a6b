//! ES256K keys: ECDSA on secp256k1 with SHA-256 (RFC 8812 §3.2), through
//! RustCrypto `k256` (feature `es256k`). Coordinates and scalars are 32
//! bytes, JOSE signatures `r || s` are 64 bytes.

use k256::ecdsa::Signature;

use super::ecdsa_curve::ecdsa_curve_material;

ecdsa_curve_material! {
    /// A secp256k1 verifying key and, for a private key, its signing key.
    K256Material {
        curve: k256,
        crv: "secp256k1",
        coord_len: 32,
        prepare: normalize_low_s,
        variant: K256,
        alg: Es256k,
    }
    /// An `ES256K` public key from a SEC1 point (65 bytes uncompressed or 33
    /// compressed), checked to be on secp256k1. Needs the `es256k` feature.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// // secp256k1's generator point, compressed (SEC 2 §2.4.1).
    /// let hex = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    /// let point: Vec<u8> = (0..33).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
    /// let key = Key::es256k_public(&point)?;
    /// assert_eq!(key.algorithm(), Algorithm::Es256k);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`](crate::KeyError::Invalid) if the bytes are not a valid secp256k1 point.
    #[cfg_attr(docsrs, doc(cfg(feature = "es256k")))]
    public: es256k_public,
    /// An `ES256K` private key from its 32-byte big-endian scalar. Needs the
    /// `es256k` feature.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// let key = Key::es256k_private(&[7u8; 32])?;
    /// assert_eq!(key.algorithm(), Algorithm::Es256k);
    /// assert!(Key::es256k_private(&[0xff; 32]).is_err()); // not below the group order
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`](crate::KeyError::Invalid) if the scalar is not 32 bytes, is zero, or is
    /// not below the group order.
    #[cfg_attr(docsrs, doc(cfg(feature = "es256k")))]
    private: es256k_private,
}

/// k256 signs with low S (s ≤ n/2), which every verifier accepts, but it
/// also refuses a high S when verifying (Bitcoin's malleability rule). RFC
/// 8812 does not require low S and OpenSSL — so PyJWT, jose on Node — makes
/// one half the time. (r, n - s) verifies exactly when (r, s) does, so
/// normalising first gives RFC 8812's verdict; an ES256 or ES384 signature is
/// just as malleable.
fn normalize_low_s(sig: Signature) -> Signature {
    sig.normalize_s()
}

#[cfg(test)]
mod tests {
    use crate::keys::ecdsa_curve::tests::*;

    // Made with `openssl ecparam -name secp256k1 -genkey -noout` and converted with
    // `openssl pkcs8 -topk8 -nocrypt` / `openssl ec -pubout`: one key in three files.
    const SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MHQCAQEEIFGQqIwkLSgPS/FsQKBH+pWWoLwHlRQ4ILF3IKh4QicioAcGBSuBBAAK
oUQDQgAEIz7rvXznCYTgigLW5/yvSFusRZi95GQ5uxiv3/u+CwvsVizDbHIpRBcT
J1MrfTvsBDa1MN+TxIg+3bRbnlV6qA==
-----END EC PRIVATE KEY-----";
    const PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgUZCojCQtKA9L8WxAoEf6
lZagvAeVFDggsXcgqHhCJyKhRANCAAQjPuu9fOcJhOCKAtbn/K9IW6xFmL3kZDm7
GK/f+74LC+xWLMNscilEFxMnUyt9O+wENrUw35PEiD7dtFueVXqo
-----END PRIVATE KEY-----";
    const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEIz7rvXznCYTgigLW5/yvSFusRZi95GQ5
uxiv3/u+CwvsVizDbHIpRBcTJ1MrfTvsBDa1MN+TxIg+3bRbnlV6qA==
-----END PUBLIC KEY-----";

    /// secp256k1's group order n (SEC 2 §2.4.1), big-endian.
    const ORDER: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae,
        0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    #[test]
    fn the_three_key_files_are_one_key() {
        three_files_are_one_key([SEC1, PKCS8, SPKI], Algorithm::Es256k, 64);
    }

    #[test]
    fn high_s_verifies_as_rfc_8812_allows() {
        let key = Key::from_pem(PKCS8).unwrap();
        let mut sig = [0u8; MAX_SIG_LEN];
        let n = key.sign(b"message", &mut sig).unwrap();
        // (r, n - s): the other valid signature, high S, as OpenSSL makes half the time.
        let mut high = [0u8; 64];
        high[..32].copy_from_slice(&sig[..32]);
        let mut borrow = 0u16;
        for i in (0..32).rev() {
            let d = u16::from(ORDER[i]).wrapping_sub(u16::from(sig[32 + i])).wrapping_sub(borrow);
            high[32 + i] = d as u8;
            borrow = u16::from(d > 0xff);
        }
        assert_ne!(&high[32..], &sig[32..n]);
        key.verify(b"message", &high).unwrap();
        assert_eq!(key.verify(b"messagf", &high), Err(Error::Signature));
        // s = n itself is out of range, not "high".
        high[32..].copy_from_slice(&ORDER);
        assert_eq!(key.verify(b"message", &high), Err(Error::Signature));
    }

    #[test]
    fn jwk_round_trip_and_rfc_8812_names() {
        let key = Key::from_pem(SEC1).unwrap();
        let mut out = [0u8; 256];
        let private = key.to_jwk_into(true, &mut out).unwrap();
        assert!(private.starts_with(r#"{"kty":"EC","crv":"secp256k1","x":""#), "{private}");
        assert!(private.contains(r#""alg":"ES256K""#));
        let back = Key::from_jwk(private).unwrap();
        assert!(back.is_private());
        assert_eq!(thumbprint(&back), thumbprint(&key));
        let fields = crate::keys::jwk::Fields::parse(private).unwrap();
        let (x, y) = (fields.x.unwrap(), fields.y.unwrap());
        // A secp256k1 point named P-256 is off that curve (or another key), never ES256K.
        let as_p256 = std::format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#);
        assert!(Key::from_jwk(&as_p256).is_err());
        let declared_es256 = std::format!(r#"{{"kty":"EC","crv":"secp256k1","x":"{x}","y":"{y}","alg":"ES256"}}"#);
        assert_eq!(Key::from_jwk(&declared_es256).unwrap_err(), Error::Key(KeyError::AlgMismatch));
    }

    #[test]
    fn tokens_verify_only_as_es256k() {
        let start = tokens_verify_only_as_own_alg(&Key::from_pem(PKCS8).unwrap(), &Key::from_pem(SPKI).unwrap());
        assert_eq!(&start, b"eyJhbGciOiJFUzI1NksiL"); // {"alg":"ES256K",
    }
}
