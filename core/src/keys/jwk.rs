//! JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037 §2): parsing without heap,
//! and writing into a caller buffer.

use zeroize::Zeroizing;

use super::{Key, KeyOps, MAX_KID_LEN};
use crate::alg::{Algorithm, Family};
use crate::b64;
use crate::error::{Error, KeyError};
use crate::json::{self, Kind, Value};

/// The largest HMAC secret a JWK `k` may hold.
const MAX_SECRET: usize = 1024;

/// The members of one JWK object that `jwtcore` reads, borrowed from the
/// JSON text. Unknown members are ignored.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields<'a> {
    pub(crate) kty: Option<&'a str>,
    pub(crate) alg: Option<&'a str>,
    /// Raw content; may contain escapes.
    pub(crate) kid: Option<&'a [u8]>,
    pub(crate) use_: Option<&'a str>,
    pub(crate) key_ops: Option<Value<'a>>,
    pub(crate) crv: Option<&'a str>,
    pub(crate) x: Option<&'a str>,
    pub(crate) y: Option<&'a str>,
    pub(crate) d: Option<&'a str>,
    pub(crate) k: Option<&'a str>,
    pub(crate) n: Option<&'a str>,
    pub(crate) e: Option<&'a str>,
    pub(crate) p: Option<&'a str>,
    pub(crate) q: Option<&'a str>,
}

impl<'a> Fields<'a> {
    /// Validates `text` as one JSON object and picks out the JWK members.
    pub(crate) fn parse(text: &'a str) -> Result<Fields<'a>, Error> {
        let bytes = text.as_bytes();
        json::validate(bytes, &mut |_| {}).map_err(|_| Error::Key(KeyError::Invalid))?;
        Fields::from_object(Value { raw: bytes.trim_ascii() })
    }

    /// Picks out the JWK members of an already validated object.
    pub(crate) fn from_object(obj: Value<'a>) -> Result<Fields<'a>, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        if obj.kind() != Some(Kind::Object) {
            return Err(invalid);
        }
        let mut f = Fields::default();
        for (name, value) in obj.members() {
            // Member names of interest have no escapes in practice; compare
            // decoded anyway so "\u006bty" is "kty".
            let is = |n: &str| json::raw_eq_str(name, n);
            // String members must be strings; a wrong type makes the key invalid.
            let text = || -> Result<&'a str, Error> {
                if value.kind() != Some(Kind::String) {
                    return Err(invalid);
                }
                value.as_str().ok_or(invalid)
            };
            if is("kty") {
                f.kty = Some(text()?);
            } else if is("alg") {
                f.alg = Some(text()?);
            } else if is("kid") {
                if value.kind() != Some(Kind::String) {
                    return Err(invalid);
                }
                f.kid = value.str_content();
            } else if is("use") {
                f.use_ = Some(text()?);
            } else if is("key_ops") {
                if value.kind() != Some(Kind::Array) || value.elements().any(|e| e.kind() != Some(Kind::String)) {
                    return Err(invalid);
                }
                f.key_ops = Some(value);
            } else if is("crv") {
                f.crv = Some(text()?);
            } else if is("x") {
                f.x = Some(text()?);
            } else if is("y") {
                f.y = Some(text()?);
            } else if is("d") {
                f.d = Some(text()?);
            } else if is("k") {
                f.k = Some(text()?);
            } else if is("n") {
                f.n = Some(text()?);
            } else if is("e") {
                f.e = Some(text()?);
            } else if is("p") {
                f.p = Some(text()?);
            } else if is("q") {
                f.q = Some(text()?);
            }
        }
        Ok(f)
    }

    /// What `use` and `key_ops` permit (RFC 7517 §4.2, §4.3); both must
    /// agree when both are present.
    fn ops(&self) -> KeyOps {
        let by_use = match self.use_ {
            None => KeyOps::ALL,
            Some("sig") => KeyOps::ALL,
            Some(_) => KeyOps::NONE,
        };
        let by_ops = match &self.key_ops {
            None => KeyOps::ALL,
            Some(list) => {
                let has = |op: &str| list.elements().any(|e| e.str_content().is_some_and(|c| json::raw_eq_str(c, op)));
                KeyOps { sign: has("sign"), verify: has("verify") }
            }
        };
        KeyOps { sign: by_use.sign && by_ops.sign, verify: by_use.verify && by_ops.verify }
    }

    /// Whether this JWK is of a type and curve `jwtcore` supports.
    pub(crate) fn is_supported(&self) -> bool {
        matches!((self.kty, self.crv), (Some("oct"), _) | (Some("EC"), Some("P-256")) | (Some("OKP"), Some("Ed25519")))
            || (cfg!(any(feature = "es384", feature = "external-keys"))
                && matches!((self.kty, self.crv), (Some("EC"), Some("P-384"))))
            || (cfg!(any(feature = "rsa", feature = "external-keys")) && self.kty == Some("RSA"))
            || (cfg!(feature = "es512") && matches!((self.kty, self.crv), (Some("EC"), Some("P-521"))))
            || (cfg!(feature = "es256k") && matches!((self.kty, self.crv), (Some("EC"), Some("secp256k1"))))
    }

    /// Builds the key. `bind` is the algorithm to use for an `oct` key that
    /// names none (HS256 when `None`, PyJWK's choice).
    pub(crate) fn to_key(&self, bind: Option<Algorithm>, allow_short_hmac: bool) -> Result<Key, Error> {
        self.to_key_in::<true>(bind, allow_short_hmac)
    }

    /// [`Fields::to_key`], with `oct` keys only when `SECRETS`: a parser of
    /// public keys (`Key::from_public_jwk`, `KeySet::from_jwks`) never builds
    /// an HMAC key, so a build whose exports only read public keys links no
    /// HMAC or SHA-2 code for them (the npm package's verify-only module).
    pub(crate) fn to_key_in<const SECRETS: bool>(
        &self,
        bind: Option<Algorithm>,
        allow_short_hmac: bool,
    ) -> Result<Key, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        let declared = match self.alg {
            None => None,
            Some(name) => Some(Algorithm::from_name(name).ok_or(Error::Key(KeyError::Unsupported))?),
        };
        if let (Some(d), Some(b)) = (declared, bind) {
            if d != b {
                return Err(Error::Key(KeyError::AlgMismatch));
            }
        }
        let key = match self.kty.ok_or(invalid)? {
            "oct" if !SECRETS => return Err(Error::Key(KeyError::Unsupported)),
            "oct" => {
                let alg = declared.or(bind).unwrap_or(Algorithm::Hs256);
                if alg.family() != Family::Hmac {
                    return Err(Error::Key(KeyError::AlgMismatch));
                }
                let mut secret = Zeroizing::new([0u8; MAX_SECRET]);
                let k = self.k.ok_or(invalid)?;
                let secret = b64::decode_secret(k.as_bytes(), secret.as_mut_slice()).map_err(|_| invalid)?;
                if allow_short_hmac { Key::hmac_allowing_short_secret(alg, secret)? } else { Key::hmac(alg, secret)? }
            }
            #[cfg(feature = "es384")]
            "EC" if self.crv == Some("P-384") => {
                check_alg(declared, Algorithm::Es384)?;
                let mut point = [0u8; 97];
                point[0] = 0x04;
                let (xs, ys) = point.get_mut(1..).ok_or(invalid)?.split_at_mut(48);
                decode_exact(self.x, xs)?;
                decode_exact(self.y, ys)?;
                let public = Key::es384_public(&point)?;
                match self.d {
                    None => public,
                    Some(d) => {
                        let mut scalar = Zeroizing::new([0u8; 48]);
                        decode_secret_exact(d, scalar.as_mut_slice())?;
                        let private = Key::es384_private(scalar.as_slice())?;
                        if private.p384_parts().map(|p| p.0) != public.p384_parts().map(|p| p.0) {
                            return Err(invalid);
                        }
                        private
                    }
                }
            }
            // Without the arithmetic: the public key only, for `verify_external`.
            #[cfg(all(feature = "external-keys", not(feature = "es384")))]
            "EC" if self.crv == Some("P-384") => {
                check_alg(declared, Algorithm::Es384)?;
                if self.d.is_some() {
                    return Err(Error::Key(KeyError::ArithmeticDisabled(crate::Feature::Es384)));
                }
                let mut point = [0u8; 97];
                point[0] = 0x04;
                let (xs, ys) = point.get_mut(1..).ok_or(invalid)?.split_at_mut(48);
                decode_exact(self.x, xs)?;
                decode_exact(self.y, ys)?;
                Key::es384_public(&point)?
            }
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            "RSA" => {
                let alg = match declared.or(bind) {
                    Some(a) if a.family() != Family::Rsa => return Err(Error::Key(KeyError::AlgMismatch)),
                    other => other,
                };
                if self.d.is_some() {
                    return Err(Error::Key(KeyError::ArithmeticDisabled(crate::Feature::Rsa)));
                }
                let mut n = [0u8; 1025];
                let mut e = [0u8; 8];
                let n = b64::decode(self.n.ok_or(invalid)?.as_bytes(), &mut n).map_err(|_| invalid)?;
                let e = b64::decode(self.e.ok_or(invalid)?.as_bytes(), &mut e).map_err(|_| invalid)?;
                Key::from_rsa_external(super::rsa_external::RsaPublic::parse(n, e)?, alg)?
            }
            #[cfg(feature = "es512")]
            "EC" if self.crv == Some("P-521") => {
                check_alg(declared, Algorithm::Es512)?;
                self.curve_key::<66>(Key::es512_public, Key::es512_private)?
            }
            #[cfg(feature = "es256k")]
            "EC" if self.crv == Some("secp256k1") => {
                check_alg(declared, Algorithm::Es256k)?;
                self.curve_key::<32>(Key::es256k_public, Key::es256k_private)?
            }
            #[cfg(feature = "rsa")]
            "RSA" => {
                let alg = match declared.or(bind) {
                    Some(a) if a.family() != Family::Rsa => return Err(Error::Key(KeyError::AlgMismatch)),
                    other => other,
                };
                let mut n = [0u8; 1025];
                let mut e = [0u8; 8];
                let n = b64::decode(self.n.ok_or(invalid)?.as_bytes(), &mut n).map_err(|_| invalid)?;
                let e = b64::decode(self.e.ok_or(invalid)?.as_bytes(), &mut e).map_err(|_| invalid)?;
                let material = match (self.d, self.p, self.q) {
                    (None, _, _) => super::rsa_key::RsaMaterial::public(n, e)?,
                    (Some(d), Some(p), Some(q)) => {
                        let mut d_buf = Zeroizing::new([0u8; 1025]);
                        let mut p_buf = Zeroizing::new([0u8; 1025]);
                        let mut q_buf = Zeroizing::new([0u8; 1025]);
                        let d = b64::decode_secret(d.as_bytes(), d_buf.as_mut_slice()).map_err(|_| invalid)?;
                        let p = b64::decode_secret(p.as_bytes(), p_buf.as_mut_slice()).map_err(|_| invalid)?;
                        let q = b64::decode_secret(q.as_bytes(), q_buf.as_mut_slice()).map_err(|_| invalid)?;
                        super::rsa_key::RsaMaterial::private_components(n, e, d, p, q)?
                    }
                    // A private key without its primes (RFC 7518 §6.3.2 makes them optional) is not supported.
                    _ => return Err(Error::Key(KeyError::Unsupported)),
                };
                Key::from_rsa_material(material, alg)?
            }
            "EC" => {
                if self.crv != Some("P-256") {
                    return Err(Error::Key(KeyError::Unsupported));
                }
                check_alg(declared, Algorithm::Es256)?;
                let mut point = [0u8; 65];
                point[0] = 0x04;
                let (xs, ys) = point.get_mut(1..).ok_or(invalid)?.split_at_mut(32);
                decode_exact(self.x, xs)?;
                decode_exact(self.y, ys)?;
                let public = Key::es256_public(&point)?;
                match self.d {
                    None => public,
                    Some(d) => {
                        let mut scalar = Zeroizing::new([0u8; 32]);
                        decode_secret_exact(d, scalar.as_mut_slice())?;
                        let private = Key::es256_private(scalar.as_slice())?;
                        if private.es256_point() != public.es256_point() {
                            return Err(invalid);
                        }
                        private
                    }
                }
            }
            "OKP" => {
                if self.crv != Some("Ed25519") {
                    return Err(Error::Key(KeyError::Unsupported));
                }
                check_alg(declared, Algorithm::EdDsa)?;
                let mut x = [0u8; 32];
                decode_exact(self.x, &mut x)?;
                let public = Key::ed25519_public(&x)?;
                match self.d {
                    None => public,
                    Some(d) => {
                        let mut seed = Zeroizing::new([0u8; 32]);
                        decode_secret_exact(d, seed.as_mut_slice())?;
                        let private = Key::ed25519_private(seed.as_slice())?;
                        if private.ed25519_public_bytes() != public.ed25519_public_bytes() {
                            return Err(invalid);
                        }
                        private
                    }
                }
            }
            _ => return Err(Error::Key(KeyError::Unsupported)),
        };
        let key = key.with_ops(self.ops());
        match self.kid {
            None => Ok(key),
            Some(raw) => {
                let mut kid = [0u8; MAX_KID_LEN];
                let mut cur = json::Cursor::new(&mut kid);
                for c in json::Unescape::new(raw) {
                    let mut utf8 = [0u8; 4];
                    cur.put(c.encode_utf8(&mut utf8).as_bytes()).map_err(|_| invalid)?;
                }
                key.with_kid(core::str::from_utf8(cur.written()).map_err(|_| invalid)?)
            }
        }
    }
}

fn check_alg(declared: Option<Algorithm>, implied: Algorithm) -> Result<(), Error> {
    match declared {
        Some(a) if a != implied => Err(Error::Key(KeyError::AlgMismatch)),
        _ => Ok(()),
    }
}

impl Fields<'_> {
    /// An EC key on a curve with `N`-byte coordinates (P-521, secp256k1):
    /// the point from `x` and `y` at exactly that length, and with `d` the
    /// private key, whose own public point must be that one.
    #[cfg(any(feature = "es512", feature = "es256k"))]
    fn curve_key<const N: usize>(
        &self,
        public: fn(&[u8]) -> Result<Key, Error>,
        private: fn(&[u8]) -> Result<Key, Error>,
    ) -> Result<Key, Error> {
        let invalid = Error::Key(KeyError::Invalid);
        // 0x04 || x || y, at most 1 + 2 * 66 bytes.
        let mut point = [0u8; 133];
        point[0] = 0x04;
        let point = point.get_mut(..1 + 2 * N).ok_or(invalid)?;
        let (xs, ys) = point.get_mut(1..).ok_or(invalid)?.split_at_mut(N);
        decode_exact(self.x, xs)?;
        decode_exact(self.y, ys)?;
        let public = public(point)?;
        let Some(d) = self.d else { return Ok(public) };
        let mut scalar = Zeroizing::new([0u8; N]);
        decode_secret_exact(d, scalar.as_mut_slice())?;
        let private = private(scalar.as_slice())?;
        let (mine, theirs) = (private.curve_parts(false).ok_or(invalid)?, public.curve_parts(false).ok_or(invalid)?);
        if mine.x() != theirs.x() || mine.y() != theirs.y() {
            return Err(invalid);
        }
        Ok(private)
    }
}

/// Decodes a public coordinate that must be exactly `out.len()` bytes
/// (RFC 7518 §6.2.1.2: leading zeros are kept, so the length is fixed).
fn decode_exact(text: Option<&str>, out: &mut [u8]) -> Result<(), Error> {
    let invalid = Error::Key(KeyError::Invalid);
    let text = text.ok_or(invalid)?;
    let n = b64::decode(text.as_bytes(), out).map_err(|_| invalid)?.len();
    if n == out.len() { Ok(()) } else { Err(invalid) }
}

fn decode_secret_exact(text: &str, out: &mut [u8]) -> Result<(), Error> {
    let invalid = Error::Key(KeyError::Invalid);
    if b64::decoded_len(text.len()) != Some(out.len()) {
        return Err(invalid);
    }
    b64::decode_secret(text.as_bytes(), out).map(|_| ()).map_err(|_| invalid)
}

/// Public parts for JWK export, uniform whether or not the features are on.
impl Key {
    #[cfg(feature = "rsa")]
    fn rsa_jwk_parts(&self) -> Option<super::rsa_key::ModulusExponent> {
        self.rsa_material().map(|r| (r.n_bytes(), r.e_bytes()))
    }
    #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
    fn rsa_jwk_parts(&self) -> Option<super::rsa_external::ModulusExponent> {
        self.rsa_external_parts()
    }
    #[cfg(not(any(feature = "rsa", feature = "external-keys")))]
    fn rsa_jwk_parts(&self) -> Option<([u8; 0], [u8; 0])> {
        None
    }
    #[cfg(feature = "es384")]
    #[allow(clippy::type_complexity)]
    fn p384_jwk_parts(&self, private: bool) -> Option<([u8; 48], [u8; 48], Option<Zeroizing<[u8; 48]>>)> {
        let (public, secret) = self.p384_parts()?;
        let point = public.to_sec1_point(false);
        let mut x = [0u8; 48];
        let mut y = [0u8; 48];
        x.copy_from_slice(point.x()?);
        y.copy_from_slice(point.y()?);
        let d = match (private, secret) {
            (true, Some(sk)) => {
                let mut d = Zeroizing::new([0u8; 48]);
                d.copy_from_slice(&sk.to_bytes());
                Some(d)
            }
            _ => None,
        };
        Some((x, y, d))
    }
    #[cfg(not(feature = "es384"))]
    #[allow(clippy::type_complexity)]
    fn p384_jwk_parts(&self, _: bool) -> Option<([u8; 48], [u8; 48], Option<Zeroizing<[u8; 48]>>)> {
        let point = self.p384_external_point()?;
        let (x, y) = point.get(1..)?.split_at(48);
        Some((x.try_into().ok()?, y.try_into().ok()?, None))
    }
}

impl Key {
    /// Parses a JWK (`oct`, `EC` P-256 or `OKP` Ed25519; public or private).
    ///
    /// The key is bound to the JWK's `alg`; without one, `EC`/`OKP` keys take
    /// the algorithm of their curve and `oct` keys `HS256`. `use` and
    /// `key_ops` are honoured. Nothing is allocated.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// // RFC 7515 A.3's P-256 key.
    /// let jwk = r#"{"kty":"EC","crv":"P-256",
    ///   "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    ///   "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    /// let key = Key::from_jwk(jwk)?;
    /// assert_eq!(key.algorithm(), Algorithm::Es256);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Invalid`] (malformed, off-curve, wrong coordinate
    /// length, private and public halves that disagree),
    /// [`KeyError::Unsupported`] (X25519, unknown `alg`; RSA, P-384, P-521,
    /// secp256k1 without their features — RSA and P-384 public keys load
    /// with `external-keys`), [`KeyError::ArithmeticDisabled`] (a private
    /// key whose arithmetic this build leaves out),
    /// [`KeyError::AlgMismatch`] (`alg` contradicts the key type),
    /// [`KeyError::Weak`] (short `oct` secret).
    pub fn from_jwk(jwk: &str) -> Result<Key, Error> {
        Fields::parse(jwk)?.to_key(None, false)
    }

    /// Parses a JWK of an asymmetric key (public, or private kept whole),
    /// refusing secrets: `oct` is [`KeyError::Unsupported`]. For verifiers
    /// handed keys from elsewhere, which must never turn one into an HMAC
    /// secret; otherwise as [`Key::from_jwk`].
    ///
    /// ```
    /// use jwtcore::{Algorithm, Error, Key, KeyError};
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// assert_eq!(Key::from_public_jwk(jwk)?.algorithm(), Algorithm::EdDsa);
    /// let secret = r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYnk"}"#;
    /// assert_eq!(Key::from_public_jwk(secret).unwrap_err(), Error::Key(KeyError::Unsupported));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Key::from_jwk`]; [`KeyError::Unsupported`] for `oct`.
    pub fn from_public_jwk(jwk: &str) -> Result<Key, Error> {
        Fields::parse(jwk)?.to_key_in::<false>(None, false)
    }

    /// Parses a JWK and binds it to `alg`, which must agree with the JWK's
    /// own `alg` if it has one. Use it for `oct` keys without `alg`.
    ///
    /// # Errors
    /// As [`Key::from_jwk`].
    pub fn from_jwk_for(jwk: &str, alg: Algorithm, allow_short_hmac: bool) -> Result<Key, Error> {
        Fields::parse(jwk)?.to_key(Some(alg), allow_short_hmac)
    }

    /// Writes the key as a JWK into `out`. Private members (`d`, `k`) are
    /// written only when `include_private` is set; an HMAC key has nothing
    /// public, so it needs `include_private`.
    ///
    /// ```
    /// use jwtcore::Key;
    /// let key = Key::ed25519_private(&[7u8; 32])?.with_kid("k1")?;
    /// let mut out = [0u8; 256];
    /// let jwk = key.to_jwk_into(false, &mut out)?;
    /// assert!(jwk.starts_with(r#"{"kty":"OKP","crv":"Ed25519","x":""#));
    /// assert!(!jwk.contains("\"d\""));
    /// let back = Key::from_jwk(jwk)?;
    /// assert_eq!(back.kid(), Some("k1"));
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`]; [`KeyError::NotPrivate`] for an HMAC key
    /// without `include_private`; [`KeyError::Unsupported`] for an HMAC
    /// secret over 128 bytes.
    pub fn to_jwk_into<'o>(&self, include_private: bool, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let mut cur = json::Cursor::new(out);
        let member = |cur: &mut json::Cursor<'_>, name: &[u8], bytes: &[u8]| -> Result<(), Error> {
            cur.put(b",\"")?;
            cur.put(name)?;
            cur.put(b"\":\"")?;
            cur.put_b64(bytes)?;
            cur.put(b"\"")
        };
        if let Some(point) = self.es256_point() {
            cur.put(b"{\"kty\":\"EC\",\"crv\":\"P-256\"")?;
            let (x, y) = point.get(1..).ok_or(Error::Key(KeyError::Invalid))?.split_at(32);
            member(&mut cur, b"x", x)?;
            member(&mut cur, b"y", y)?;
            if let (true, Some(d)) = (include_private, self.es256_scalar()) {
                member(&mut cur, b"d", d.as_slice())?;
            }
        } else if let Some(public) = self.ed25519_public_bytes() {
            cur.put(b"{\"kty\":\"OKP\",\"crv\":\"Ed25519\"")?;
            member(&mut cur, b"x", &public)?;
            if let (true, Some(seed)) = (include_private, self.ed25519_seed()) {
                member(&mut cur, b"d", seed.as_slice())?;
            }
        } else if let Some(rsa) = self.rsa_jwk_parts() {
            if include_private && self.is_private() {
                // Exporting RSA private keys as JWK is not offered.
                return Err(Error::Key(KeyError::Unsupported));
            }
            cur.put(b"{\"kty\":\"RSA\"")?;
            member(&mut cur, b"n", &rsa.0)?;
            member(&mut cur, b"e", &rsa.1)?;
        } else if let Some(parts) = self.curve_parts(include_private) {
            cur.put(b"{\"kty\":\"EC\",\"crv\":\"")?;
            cur.put(parts.crv.as_bytes())?;
            cur.put(b"\"")?;
            member(&mut cur, b"x", parts.x())?;
            member(&mut cur, b"y", parts.y())?;
            if let Some(d) = parts.d() {
                member(&mut cur, b"d", d)?;
            }
        } else if let Some((x, y, d)) = self.p384_jwk_parts(include_private) {
            cur.put(b"{\"kty\":\"EC\",\"crv\":\"P-384\"")?;
            member(&mut cur, b"x", &x)?;
            member(&mut cur, b"y", &y)?;
            if let Some(d) = d {
                member(&mut cur, b"d", d.as_slice())?;
            }
        } else {
            if !include_private {
                return Err(Error::Key(KeyError::NotPrivate));
            }
            let secret = self.hmac_secret().ok_or(Error::Key(KeyError::Unsupported))?;
            cur.put(b"{\"kty\":\"oct\"")?;
            member(&mut cur, b"k", secret)?;
        }
        // An RSA key loaded without `alg` stays without one.
        if !self.is_algorithm_flexible() {
            cur.put(b",\"alg\":\"")?;
            cur.put(self.algorithm().as_str().as_bytes())?;
            cur.put(b"\"")?;
        }
        if let Some(kid) = self.kid() {
            cur.put(b",\"kid\":")?;
            cur.put_json_str(kid)?;
        }
        if self.ops() == KeyOps::ALL || self.ops() == KeyOps::VERIFY {
            cur.put(b",\"use\":\"sig\"")?;
        }
        cur.put(b"}")?;
        let out: &'o [u8] = cur.into_written();
        core::str::from_utf8(out).map_err(|_| Error::Serialize)
    }

    /// The key as a JWK `String`.
    ///
    /// # Errors
    /// As [`Key::to_jwk_into`], minus [`Error::BufferTooSmall`].
    #[cfg(feature = "alloc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
    pub fn to_jwk(&self, include_private: bool) -> Result<alloc::string::String, Error> {
        let mut buf = alloc::vec![0u8; 4096];
        self.to_jwk_into(include_private, &mut buf).map(alloc::string::String::from)
    }
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use std::format;

    const RFC7515_A3: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;

    // A private P-256 key needs the arithmetic.
    #[cfg(feature = "p256")]
    #[test]
    fn ec_private_round_trip() {
        let key = Key::from_jwk(RFC7515_A3).unwrap();
        assert!(key.is_private());
        let mut out = [0u8; 512];
        let text = key.to_jwk_into(true, &mut out).unwrap();
        assert!(text.contains("\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\""), "{text}");
        let again = Key::from_jwk(text).unwrap();
        let mut a = [0u8; 43];
        let mut b = [0u8; 43];
        assert_eq!(key.thumbprint(&mut a).unwrap(), again.thumbprint(&mut b).unwrap());
    }

    #[test]
    fn rejections() {
        // Without the arithmetic, `external-keys` still reads (and checks) RSA and P-384 public keys.
        let p384 = if cfg!(any(feature = "es384", feature = "external-keys")) {
            KeyError::Invalid
        } else {
            KeyError::Unsupported
        };
        let rsa = if cfg!(any(feature = "rsa", feature = "external-keys")) {
            KeyError::TooSmall
        } else {
            KeyError::Unsupported
        };
        let cases: [(&str, KeyError); 9] = [
            (r#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#, p384),
            (r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#, KeyError::Unsupported),
            (r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, rsa),
            (r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#, KeyError::Invalid),
            // Off-curve point: y altered.
            (
                r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a1"}"#,
                KeyError::Invalid,
            ),
            (r#"{"kty":"oct","k":"c2hvcnQ"}"#, KeyError::Weak),
            (r#"{"kty":"oct","k":""}"#, KeyError::Invalid),
            (r#"{"kty":"oct","alg":"ES256","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#, KeyError::AlgMismatch),
            (
                r#"{"kty":"OKP","crv":"Ed25519","alg":"ES256","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
                KeyError::AlgMismatch,
            ),
        ];
        for (jwk, err) in cases {
            assert_eq!(Key::from_jwk(jwk).err(), Some(Error::Key(err)), "{jwk}");
        }
        assert!(Key::from_jwk("[1]").is_err());
        assert!(Key::from_jwk(r#"{"kty":"oct","kty":"oct"}"#).is_err());
    }

    #[test]
    fn use_and_key_ops() {
        let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
        let enc = Key::from_jwk(&format!(r#"{{"kty":"OKP","crv":"Ed25519","use":"enc","x":"{x}"}}"#)).unwrap();
        assert!(!enc.ops().can_verify());
        let sign_only =
            Key::from_jwk(&format!(r#"{{"kty":"OKP","crv":"Ed25519","key_ops":["sign"],"x":"{x}"}}"#)).unwrap();
        assert!(!sign_only.ops().can_verify());
        let ok =
            Key::from_jwk(&format!(r#"{{"kty":"OKP","crv":"Ed25519","key_ops":["verify"],"kid":"a\/b","x":"{x}"}}"#))
                .unwrap();
        assert!(ok.ops().can_verify());
        assert_eq!(ok.kid(), Some("a/b"));
    }
}
