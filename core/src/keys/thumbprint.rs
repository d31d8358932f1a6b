//! RFC 7638 JWK thumbprints (SHA-256, base64url).

use sha2::{Digest, Sha256};

use super::Key;
use crate::b64;
use crate::error::{Error, KeyError};

/// Length of a base64url SHA-256 thumbprint.
pub const THUMBPRINT_LEN: usize = 43;

struct Hasher(Sha256);

impl Hasher {
    fn text(&mut self, s: &[u8]) {
        self.0.update(s);
    }

    /// Feeds the base64url encoding of `bytes` without a buffer for the
    /// whole encoding (keys can be large).
    fn b64(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(48) {
            let mut out = [0u8; 64];
            // 48 bytes are exactly 64 characters, so the encoding always fits and `n <= 64`.
            if let Ok(n) = b64::encode_to(chunk, &mut out) {
                self.0.update(out.split_at(n.min(out.len())).0);
            }
        }
    }

    fn finish(self, out: &mut [u8; THUMBPRINT_LEN]) -> Result<&str, Error> {
        let digest = self.0.finalize();
        b64::encode(&digest, out).map_err(|_| Error::Key(KeyError::Invalid))
    }
}

impl Key {
    /// The RFC 7638 thumbprint of the key's public part (for HMAC keys, of
    /// the secret, as RFC 7638 §3.2 defines for `oct`).
    ///
    /// ```
    /// use jwtcore::Key;
    /// // RFC 8037 A.1/A.3: the Ed25519 example key's thumbprint.
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let key = Key::from_jwk(jwk)?;
    /// let mut buf = [0u8; 43];
    /// assert_eq!(key.thumbprint(&mut buf)?, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for an HMAC secret too long to have been
    /// kept (over 128 bytes).
    pub fn thumbprint<'o>(&self, out: &'o mut [u8; THUMBPRINT_LEN]) -> Result<&'o str, Error> {
        let mut h = Hasher(Sha256::new());
        if let Some(point) = self.es256_point() {
            let (x, y) = point.get(1..).ok_or(Error::Key(KeyError::Invalid))?.split_at(32);
            h.text(b"{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"");
            h.b64(x);
            h.text(b"\",\"y\":\"");
            h.b64(y);
            h.text(b"\"}");
        } else if let Some(parts) = self.curve_parts(false) {
            // RFC 7638 §3.2: the required members in lexicographic order.
            h.text(b"{\"crv\":\"");
            h.text(parts.crv.as_bytes());
            h.text(b"\",\"kty\":\"EC\",\"x\":\"");
            h.b64(parts.x());
            h.text(b"\",\"y\":\"");
            h.b64(parts.y());
            h.text(b"\"}");
        } else if let Some((x, y)) = self.p384_coordinates() {
            h.text(b"{\"crv\":\"P-384\",\"kty\":\"EC\",\"x\":\"");
            h.b64(&x);
            h.text(b"\",\"y\":\"");
            h.b64(&y);
            h.text(b"\"}");
        } else if let Some((n, e)) = self.rsa_modulus_exponent() {
            h.text(b"{\"e\":\"");
            h.b64(&e);
            h.text(b"\",\"kty\":\"RSA\",\"n\":\"");
            h.b64(&n);
            h.text(b"\"}");
        } else if let Some(public) = self.ed25519_public_bytes() {
            h.text(b"{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"");
            h.b64(&public);
            h.text(b"\"}");
        } else {
            let secret = self.hmac_secret().ok_or(Error::Key(KeyError::Unsupported))?;
            h.text(b"{\"k\":\"");
            h.b64(secret);
            h.text(b"\",\"kty\":\"oct\"}");
        }
        h.finish(out)
    }
}

/// The RFC 7638 thumbprint of any JWK given as JSON text, including key
/// types `jwtcore` cannot use (RSA), computed from the required members.
///
/// ```
/// // RFC 7638 §3.1's RSA example.
/// let jwk = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
/// let mut buf = [0u8; 43];
/// assert_eq!(jwtcore::keys::jwk_thumbprint(jwk, &mut buf)?, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
/// # Ok::<(), jwtcore::Error>(())
/// ```
///
/// # Errors
/// [`KeyError::Invalid`] if the JSON is not a JWK with the members its
/// `kty` requires; [`KeyError::Unsupported`] for an unknown `kty`.
pub fn jwk_thumbprint<'o>(jwk: &str, out: &'o mut [u8; THUMBPRINT_LEN]) -> Result<&'o str, Error> {
    let fields = super::jwk::Fields::parse(jwk)?;
    let mut h = Hasher(Sha256::new());
    let member = |name: &[u8], value: Option<&str>, h: &mut Hasher, first: bool| -> Result<(), Error> {
        let v = value.ok_or(Error::Key(KeyError::Invalid))?;
        h.text(if first { b"{\"" } else { b",\"" });
        h.text(name);
        h.text(b"\":\"");
        h.text(v.as_bytes());
        h.text(b"\"");
        Ok(())
    };
    match fields.kty {
        Some("EC") => {
            member(b"crv", fields.crv, &mut h, true)?;
            member(b"kty", Some("EC"), &mut h, false)?;
            member(b"x", fields.x, &mut h, false)?;
            member(b"y", fields.y, &mut h, false)?;
        }
        Some("OKP") => {
            member(b"crv", fields.crv, &mut h, true)?;
            member(b"kty", Some("OKP"), &mut h, false)?;
            member(b"x", fields.x, &mut h, false)?;
        }
        Some("RSA") => {
            member(b"e", fields.e, &mut h, true)?;
            member(b"kty", Some("RSA"), &mut h, false)?;
            member(b"n", fields.n, &mut h, false)?;
        }
        Some("oct") => {
            member(b"k", fields.k, &mut h, true)?;
            member(b"kty", Some("oct"), &mut h, false)?;
        }
        Some(_) => return Err(Error::Key(KeyError::Unsupported)),
        None => return Err(Error::Key(KeyError::Invalid)),
    }
    h.text(b"}");
    h.finish(out)
}

impl Key {
    #[cfg(feature = "es384")]
    fn p384_coordinates(&self) -> Option<([u8; 48], [u8; 48])> {
        let point = self.p384_parts()?.0.to_sec1_point(false);
        let mut x = [0u8; 48];
        let mut y = [0u8; 48];
        x.copy_from_slice(point.x()?);
        y.copy_from_slice(point.y()?);
        Some((x, y))
    }
    #[cfg(not(feature = "es384"))]
    fn p384_coordinates(&self) -> Option<([u8; 48], [u8; 48])> {
        let point = self.p384_external_point()?;
        let (x, y) = point.get(1..)?.split_at(48);
        Some((x.try_into().ok()?, y.try_into().ok()?))
    }
    #[cfg(feature = "rsa")]
    fn rsa_modulus_exponent(&self) -> Option<super::rsa_key::ModulusExponent> {
        self.rsa_material().map(|r| (r.n_bytes(), r.e_bytes()))
    }
    #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
    fn rsa_modulus_exponent(&self) -> Option<super::rsa_external::ModulusExponent> {
        self.rsa_external_parts()
    }
    #[cfg(not(any(feature = "rsa", feature = "external-keys")))]
    fn rsa_modulus_exponent(&self) -> Option<([u8; 0], [u8; 0])> {
        None
    }
}
