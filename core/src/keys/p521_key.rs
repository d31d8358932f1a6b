//! ES512 keys: ECDSA on P-521 with SHA-512 (RFC 7518 §3.4), through
//! RustCrypto `p521` (feature `es512`). Coordinates and scalars are 66
//! bytes (521 bits rounded up), JOSE signatures `r || s` are 132 bytes.

use super::ecdsa_curve::ecdsa_curve_material;

ecdsa_curve_material! {
    /// A P-521 verifying key and, for a private key, its signing key.
    P521Material {
        curve: p521,
        crv: "P-521",
        coord_len: 66,
        prepare: core::convert::identity,
        variant: P521,
        alg: Es512,
    }
    /// An `ES512` public key from a SEC1 point (133 bytes uncompressed or 67
    /// compressed), checked to be on P-521. Needs the `es512` feature.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// // The uncompressed SEC1 encoding of P-521's generator point.
    /// let mut point = [0u8; 133];
    /// point[0] = 0x04;
    /// let gx = "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66";
    /// let gy = "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650";
    /// for (i, b) in point[1..].iter_mut().enumerate() {
    ///     let hex = if i < 66 { &gx[2 * i..2 * i + 2] } else { &gy[2 * (i - 66)..2 * (i - 66) + 2] };
    ///     *b = u8::from_str_radix(hex, 16).unwrap();
    /// }
    /// let key = Key::es512_public(&point)?;
    /// assert_eq!(key.algorithm(), Algorithm::Es512);
    /// point[132] ^= 1; // off the curve
    /// assert!(Key::es512_public(&point).is_err());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`](crate::KeyError::Invalid) if the bytes are not a valid P-521 point.
    #[cfg_attr(docsrs, doc(cfg(feature = "es512")))]
    public: es512_public,
    /// An `ES512` private key from its 66-byte big-endian scalar. Needs the
    /// `es512` feature.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// let mut scalar = [7u8; 66];
    /// scalar[0] = 1; // below the group order, which starts 0x01ff
    /// let key = Key::es512_private(&scalar)?;
    /// assert_eq!(key.algorithm(), Algorithm::Es512);
    /// assert!(key.is_private());
    /// assert!(Key::es512_private(&[0u8; 66]).is_err()); // zero is no key
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`](crate::KeyError::Invalid) if the scalar is not 66 bytes, is zero, or is
    /// not below the group order.
    #[cfg_attr(docsrs, doc(cfg(feature = "es512")))]
    private: es512_private,
}

#[cfg(test)]
mod tests {
    use crate::keys::ecdsa_curve::tests::*;

    // Made with `openssl ecparam -name secp521r1 -genkey -noout` and converted with
    // `openssl pkcs8 -topk8 -nocrypt` / `openssl ec -pubout`: one key in three files.
    const SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MIHcAgEBBEIBQ+Q1zUFLvNpJW72Fy1nCCRHJu3vscu0IriXSY1boep0/0dNsmUWB
XSkuODpbrME44W8c1vthKqPyrmf045aPP9OgBwYFK4EEACOhgYkDgYYABAASni50
GUrzJyrY7mGgjODSeFK/LIvzfDJtbf/gwnEsPOe9yRS2yz7G8aLf9vOwlgKox1uM
Dva9OHztYE/2VZl71wC5PhJ+VUUFVTRWlveve36IBeFEw6YRVMTHblEM990I5+Nw
fLIg55RRAOTstEgoKpIQ7I5326lGpAgQzdQfTC4RCg==
-----END EC PRIVATE KEY-----";
    const PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIBQ+Q1zUFLvNpJW72F
y1nCCRHJu3vscu0IriXSY1boep0/0dNsmUWBXSkuODpbrME44W8c1vthKqPyrmf0
45aPP9OhgYkDgYYABAASni50GUrzJyrY7mGgjODSeFK/LIvzfDJtbf/gwnEsPOe9
yRS2yz7G8aLf9vOwlgKox1uMDva9OHztYE/2VZl71wC5PhJ+VUUFVTRWlveve36I
BeFEw6YRVMTHblEM990I5+NwfLIg55RRAOTstEgoKpIQ7I5326lGpAgQzdQfTC4R
Cg==
-----END PRIVATE KEY-----";
    const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQAEp4udBlK8ycq2O5hoIzg0nhSvyyL
83wybW3/4MJxLDznvckUtss+xvGi3/bzsJYCqMdbjA72vTh87WBP9lWZe9cAuT4S
flVFBVU0Vpb3r3t+iAXhRMOmEVTEx25RDPfdCOfjcHyyIOeUUQDk7LRIKCqSEOyO
d9upRqQIEM3UH0wuEQo=
-----END PUBLIC KEY-----";

    #[test]
    fn the_three_key_files_are_one_key() {
        three_files_are_one_key([SEC1, PKCS8, SPKI], Algorithm::Es512, 132);
    }

    /// RFC 7515 Appendix A.4: the ES512 example key and signature over `{"alg":"ES512"}` and
    /// the non-JSON payload `Payload`.
    #[test]
    fn rfc_7515_a4_example_verifies() {
        let jwk = r#"{"kty":"EC","crv":"P-521",
            "x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",
            "y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2",
            "d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}"#;
        let signature = "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
        let key = Key::from_jwk(jwk).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Es512);
        let mut sig = [0u8; 132];
        assert_eq!(crate::b64::decode(signature.as_bytes(), &mut sig).unwrap().len(), 132);
        let signing_input = b"eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA";
        key.to_public().unwrap().verify(signing_input, &sig).unwrap();
        assert_eq!(key.verify(b"eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZB", &sig), Err(Error::Signature));
    }

    #[test]
    fn signatures_of_any_other_shape_are_refused() {
        let key = Key::from_pem(PKCS8).unwrap();
        let mut sig = [0u8; MAX_SIG_LEN];
        let n = key.sign(b"m", &mut sig).unwrap();
        // Truncated, extended, DER-like lengths, all-zero r and s.
        assert_eq!(key.verify(b"m", &sig[..n - 1]), Err(Error::Signature));
        assert_eq!(key.verify(b"m", &sig[..n + 1]), Err(Error::Signature));
        assert_eq!(key.verify(b"m", &sig[..96]), Err(Error::Signature));
        assert_eq!(key.verify(b"m", &[0u8; 132]), Err(Error::Signature));
        assert_eq!(key.check_produced_signature(&[0u8; 132]), Err(Error::Signature));
        assert_eq!(key.check_produced_signature(&sig[..n]), Ok(()));
    }

    #[test]
    fn jwk_round_trip_keeps_66_byte_members() {
        let key = Key::from_pem(SEC1).unwrap();
        let mut out = [0u8; 512];
        let private = key.to_jwk_into(true, &mut out).unwrap();
        assert!(private.starts_with(r#"{"kty":"EC","crv":"P-521","x":""#), "{private}");
        assert!(private.contains(r#""alg":"ES512""#));
        let fields = crate::keys::jwk::Fields::parse(private).unwrap();
        // 66 bytes are 88 base64url characters; a leading zero byte is kept.
        assert_eq!([fields.x, fields.y, fields.d].map(|m| m.map(str::len)), [Some(88); 3]);
        let back = Key::from_jwk(private).unwrap();
        assert!(back.is_private());
        assert_eq!(thumbprint(&back), thumbprint(&key));
        let mut out = [0u8; 512];
        let public = key.to_jwk_into(false, &mut out).unwrap();
        assert!(!public.contains("\"d\""));
        assert!(!Key::from_jwk(public).unwrap().is_private());
    }

    #[test]
    fn jwk_with_wrong_lengths_or_mismatched_halves_is_refused() {
        let key = Key::from_pem(SEC1).unwrap();
        let mut out = [0u8; 512];
        let jwk = key.to_jwk_into(true, &mut out).unwrap();
        let fields = crate::keys::jwk::Fields::parse(jwk).unwrap();
        let (x, y, d) = (fields.x.unwrap(), fields.y.unwrap(), fields.d.unwrap());
        let with = |x: &str, y: &str, d: &str, alg: &str| {
            std::format!(r#"{{"kty":"EC","crv":"P-521","x":"{x}","y":"{y}","d":"{d}","alg":"{alg}"}}"#)
        };
        Key::from_jwk(&with(x, y, d, "ES512")).unwrap();
        // A coordinate with its leading zero byte dropped (65 bytes).
        assert!(Key::from_jwk(&with(&x[..87], y, d, "ES512")).is_err());
        // A different scalar than the point's.
        let mut other = std::string::String::from(d).into_bytes();
        other[80] = if other[80] == b'A' { b'B' } else { b'A' };
        let other = std::string::String::from_utf8(other).unwrap();
        assert_eq!(Key::from_jwk(&with(x, y, &other, "ES512")).unwrap_err(), Error::Key(KeyError::Invalid));
        // The curve decides the algorithm.
        assert_eq!(Key::from_jwk(&with(x, y, d, "ES256")).unwrap_err(), Error::Key(KeyError::AlgMismatch));
    }

    #[test]
    fn tokens_verify_only_as_es512() {
        let start = tokens_verify_only_as_own_alg(&Key::from_pem(PKCS8).unwrap(), &Key::from_pem(SPKI).unwrap());
        assert_eq!(&start, b"eyJhbGciOiJFUzUxMiIsI"); // {"alg":"ES512",
        // An ES512 public key in DER is never an HMAC secret either.
        let mut der = [0u8; 256];
        let (_, der) = pem_rfc7468::decode(SPKI.as_bytes(), &mut der).unwrap();
        assert!(crate::keys::looks_like_asymmetric_key(der));
    }
}
