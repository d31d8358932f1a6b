//! PEM and DER key files: SPKI public keys, PKCS#8 and SEC1 private keys,
//! for P-256 and Ed25519, parsed without heap through RustCrypto's `der`
//! stack.

use der::Decode;
use der::asn1::{ObjectIdentifier, OctetStringRef};
use pkcs8::PrivateKeyInfoRef;
use sec1::EcPrivateKey;
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::Key;
use crate::error::{Error, KeyError};

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Largest PEM body decoded (an RSA-8192 private key is about 4.8 KB DER).
const MAX_DER: usize = 6144;

/// RSA from PKCS#1 DER (feature `rsa`; without it, RSA keys are unsupported).
#[cfg(feature = "rsa")]
fn rsa_public_pkcs1(der: &[u8]) -> Result<Key, Error> {
    use rsa::pkcs1::DecodeRsaPublicKey as _;
    let public = rsa::RsaPublicKey::from_pkcs1_der(der).map_err(|_| invalid())?;
    Key::from_rsa_material(super::rsa_key::RsaMaterial::from_public(public)?, None)
}
#[cfg(feature = "rsa")]
fn rsa_private_pkcs1(der: &[u8]) -> Result<Key, Error> {
    use rsa::pkcs1::DecodeRsaPrivateKey as _;
    let secret = rsa::RsaPrivateKey::from_pkcs1_der(der).map_err(|_| invalid())?;
    Key::from_rsa_material(super::rsa_key::RsaMaterial::from_private(secret)?, None)
}
/// RSA public keys without the arithmetic (`external-keys`): the same DER,
/// kept as checked bytes for `verify_external`; private keys need `rsa`.
#[cfg(all(feature = "external-keys", not(feature = "rsa")))]
fn rsa_public_pkcs1(der: &[u8]) -> Result<Key, Error> {
    Key::from_rsa_external(super::rsa_external::RsaPublic::from_pkcs1_der(der)?, None)
}
#[cfg(all(feature = "external-keys", not(feature = "rsa")))]
fn rsa_private_pkcs1(der: &[u8]) -> Result<Key, Error> {
    super::rsa_external::refuse_pkcs1_private(der)
}
#[cfg(not(any(feature = "rsa", feature = "external-keys")))]
fn rsa_public_pkcs1(_: &[u8]) -> Result<Key, Error> {
    Err(Error::Key(KeyError::Unsupported))
}
#[cfg(not(any(feature = "rsa", feature = "external-keys")))]
fn rsa_private_pkcs1(_: &[u8]) -> Result<Key, Error> {
    Err(Error::Key(KeyError::Unsupported))
}

/// P-384 (feature `es384`, or `external-keys` for the public key alone).
#[cfg(any(feature = "es384", feature = "external-keys"))]
fn p384_public(point: &[u8]) -> Result<Key, Error> {
    Key::es384_public(point)
}
#[cfg(not(any(feature = "es384", feature = "external-keys")))]
fn p384_public(_: &[u8]) -> Result<Key, Error> {
    Err(Error::Key(KeyError::Unsupported))
}

/// The first PEM block in `text`, as users paste it: after a UTF-8
/// byte-order mark, comment lines or `openssl -text` output, and before any
/// trailing text.
fn pem_block(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")?;
    let from_begin = text.get(start..)?;
    let end_marker = from_begin.find("-----END ")?;
    let after_end = from_begin.get(end_marker + "-----END ".len()..)?;
    let label_end = after_end.find("-----")?;
    from_begin.get(..end_marker + "-----END ".len() + label_end + "-----".len())
}

const fn invalid() -> Error {
    Error::Key(KeyError::Invalid)
}

impl Key {
    /// Parses a PEM key: `PUBLIC KEY` (SPKI), `PRIVATE KEY` (PKCS#8) or
    /// `EC PRIVATE KEY` (SEC1), for P-256 (`ES256`) and Ed25519 (`EdDSA`);
    /// with the `es384` feature P-384, with `es512` P-521 (`ES512`), with
    /// `es256k` secp256k1 (`ES256K`), and with the `rsa` feature RSA
    /// (also PKCS#1 `RSA PUBLIC KEY` / `RSA PRIVATE KEY`). PEM carries no
    /// algorithm, so RSA keys default to `RS256` and also verify any other
    /// RSA algorithm an explicit allow-list names
    /// ([`Key::bind_algorithm`] pins one).
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// let pem = "-----BEGIN PUBLIC KEY-----\n\
    ///            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
    ///            -----END PUBLIC KEY-----\n";
    /// let key = Key::from_pem(pem)?;
    /// assert_eq!(key.algorithm(), Algorithm::EdDsa);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Encrypted`] for encrypted keys, [`KeyError::Unsupported`]
    /// for RSA, P-384, P-521 or secp256k1 without their features, other curves and other labels
    /// (certificates), [`KeyError::TooSmall`] for RSA below 2048 bits,
    /// [`KeyError::Invalid`] for anything malformed.
    pub fn from_pem(pem: &str) -> Result<Key, Error> {
        let text = pem_block(pem).ok_or(invalid())?;
        if text.contains("Proc-Type: 4,ENCRYPTED") {
            return Err(Error::Key(KeyError::Encrypted));
        }
        let mut buf = Zeroizing::new([0u8; MAX_DER]);
        let label = pem_rfc7468::decode_label(text.as_bytes()).map_err(|_| invalid())?;
        match label {
            "ENCRYPTED PRIVATE KEY" => return Err(Error::Key(KeyError::Encrypted)),
            "PUBLIC KEY" | "PRIVATE KEY" | "EC PRIVATE KEY" | "RSA PUBLIC KEY" | "RSA PRIVATE KEY" => {}
            _ => return Err(Error::Key(KeyError::Unsupported)),
        }
        let (_, der) = pem_rfc7468::decode(text.as_bytes(), buf.as_mut_slice()).map_err(|_| invalid())?;
        match label {
            "PUBLIC KEY" => Key::from_spki_der(der),
            "PRIVATE KEY" => Key::from_pkcs8_der(der),
            "RSA PUBLIC KEY" => rsa_public_pkcs1(der),
            "RSA PRIVATE KEY" => rsa_private_pkcs1(der),
            _ => Key::from_sec1_der(der),
        }
    }

    /// Parses a DER key of any of the forms [`Key::from_pem`] accepts,
    /// trying SPKI, then PKCS#8, then SEC1.
    ///
    /// # Errors
    /// As [`Key::from_pem`].
    pub fn from_der(der: &[u8]) -> Result<Key, Error> {
        if SubjectPublicKeyInfoRef::from_der(der).is_ok() {
            return Key::from_spki_der(der);
        }
        if PrivateKeyInfoRef::from_der(der).is_ok() {
            return Key::from_pkcs8_der(der);
        }
        if EcPrivateKey::from_der(der).is_ok() {
            return Key::from_sec1_der(der);
        }
        // PKCS#1 RSA keys, the forms `openssl rsa -outform DER` writes.
        if cfg!(feature = "rsa") {
            if let Ok(key) = rsa_private_pkcs1(der) {
                return Ok(key);
            }
            return rsa_public_pkcs1(der);
        }
        if cfg!(feature = "external-keys") {
            // Public first: without the arithmetic a private key is an error
            // either way, and one that says so (`ArithmeticDisabled`).
            return rsa_public_pkcs1(der).or_else(|_| rsa_private_pkcs1(der));
        }
        Err(invalid())
    }

    /// Parses a DER `SubjectPublicKeyInfo`.
    ///
    /// # Errors
    /// As [`Key::from_pem`].
    pub fn from_spki_der(der: &[u8]) -> Result<Key, Error> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| invalid())?;
        let key_bytes = spki.subject_public_key.as_bytes().ok_or(invalid())?;
        let oid = spki.algorithm.oid;
        if oid == EC_PUBLIC_KEY {
            match spki.algorithm.parameters_oid().map_err(|_| invalid())? {
                P256 => Key::es256_public(key_bytes),
                P384 => p384_public(key_bytes),
                other => {
                    super::curve_parts::spki_public(other, key_bytes).unwrap_or(Err(Error::Key(KeyError::Unsupported)))
                }
            }
        } else if oid == RSA_ENCRYPTION {
            rsa_public_pkcs1(key_bytes)
        } else if oid == ED25519 {
            if spki.algorithm.parameters.is_some() {
                return Err(invalid());
            }
            Key::ed25519_public(key_bytes)
        } else {
            Err(Error::Key(KeyError::Unsupported))
        }
    }

    /// Parses a DER PKCS#8 `PrivateKeyInfo` (v1 or v2, unencrypted).
    ///
    /// # Errors
    /// As [`Key::from_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Key, Error> {
        let info = PrivateKeyInfoRef::from_der(der).map_err(|_| invalid())?;
        let oid = info.algorithm.oid;
        let key = if oid == EC_PUBLIC_KEY {
            match info.algorithm.parameters_oid().map_err(|_| invalid())? {
                P256 => Key::from_sec1_der(info.private_key.as_bytes())?,
                P384 => p384_private_sec1(info.private_key.as_bytes())?,
                other => super::curve_parts::sec1_private(other, info.private_key.as_bytes())
                    .unwrap_or(Err(Error::Key(KeyError::Unsupported)))?,
            }
        } else if oid == RSA_ENCRYPTION {
            rsa_private_pkcs1(info.private_key.as_bytes())?
        } else if oid == ED25519 {
            let seed = <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(|_| invalid())?;
            let key = Key::ed25519_private(seed.as_bytes())?;
            if let Some(public) = info.public_key.and_then(|p| p.as_bytes()) {
                if key.ed25519_public_bytes().as_ref().map(|p| p.as_slice()) != Some(public) {
                    return Err(invalid());
                }
            }
            key
        } else {
            return Err(Error::Key(KeyError::Unsupported));
        };
        Ok(key)
    }

    /// Parses a DER SEC1 `ECPrivateKey` (P-256; P-384, P-521 and secp256k1
    /// with their features, when the file names its curve).
    ///
    /// # Errors
    /// As [`Key::from_pem`].
    pub fn from_sec1_der(der: &[u8]) -> Result<Key, Error> {
        let ec = EcPrivateKey::from_der(der).map_err(|_| invalid())?;
        if let Some(params) = ec.parameters {
            if params.named_curve() == Some(P384) {
                return p384_private_sec1(der);
            }
            if let Some(key) = params.named_curve().and_then(|curve| super::curve_parts::sec1_private(curve, der)) {
                return key;
            }
            if params.named_curve() != Some(P256) {
                return Err(Error::Key(KeyError::Unsupported));
            }
        }
        let key = Key::es256_private(ec.private_key)?;
        if let Some(public) = ec.public_key {
            if key.es256_point().as_ref().map(|p| p.as_slice()) != Some(public) {
                return Err(invalid());
            }
        }
        Ok(key)
    }
}

/// A SEC1 P-384 private key (feature `es384`).
#[cfg(feature = "es384")]
fn p384_private_sec1(der: &[u8]) -> Result<Key, Error> {
    let ec = EcPrivateKey::from_der(der).map_err(|_| invalid())?;
    if ec.parameters.is_some_and(|p| p.named_curve() != Some(P384)) {
        return Err(Error::Key(KeyError::Unsupported));
    }
    let key = Key::es384_private(ec.private_key)?;
    if let Some(public) = ec.public_key {
        let derived = key.p384_parts().map(|p| p.0.to_sec1_point(false));
        if derived.as_ref().map(|p| p.as_bytes()) != Some(public) {
            return Err(invalid());
        }
    }
    Ok(key)
}
#[cfg(not(feature = "es384"))]
fn p384_private_sec1(_: &[u8]) -> Result<Key, Error> {
    let missing = if cfg!(feature = "external-keys") {
        KeyError::ArithmeticDisabled(crate::Feature::Es384)
    } else {
        KeyError::Unsupported
    };
    Err(Error::Key(missing))
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::alg::Algorithm;

    const ED_PUB: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    const ED_PRIV: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";

    // A private Ed25519 key needs the arithmetic.
    #[cfg(feature = "ed25519")]
    #[test]
    fn ed25519_pair_from_pem() {
        let public = Key::from_pem(ED_PUB).unwrap();
        let private = Key::from_pem(ED_PRIV).unwrap();
        assert_eq!(public.algorithm(), Algorithm::EdDsa);
        assert!(private.is_private());
        // RFC 8410 §10.3's example pair belongs together.
        let mut a = [0u8; 43];
        let mut b = [0u8; 43];
        assert_eq!(public.thumbprint(&mut a).unwrap(), private.thumbprint(&mut b).unwrap());
    }

    #[test]
    fn pasted_pem_parses() {
        let expect = Key::from_pem(ED_PUB).unwrap();
        let mut a = [0u8; 43];
        let want = expect.thumbprint(&mut a).unwrap();
        let crlf = ED_PUB.replace('\n', "\r\n");
        for pasted in [
            std::format!("\u{feff}{ED_PUB}"),
            std::format!("# comment line\n{ED_PUB}"),
            std::format!("ED25519 Public-Key:\npub:\n    19:bf:44\n{ED_PUB}trailing notes\n"),
            crlf,
            std::format!("  \n{ED_PUB}\n\n"),
        ] {
            let key = Key::from_pem(&pasted).unwrap_or_else(|e| panic!("{pasted:?}: {e}"));
            let mut b = [0u8; 43];
            assert_eq!(key.thumbprint(&mut b).unwrap(), want);
        }
    }

    #[test]
    fn refusals() {
        let enc = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(Key::from_pem(enc).err(), Some(Error::Key(KeyError::Encrypted)));
        let cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(Key::from_pem(cert).err(), Some(Error::Key(KeyError::Unsupported)));
        assert_eq!(Key::from_pem("garbage").err(), Some(Error::Key(KeyError::Invalid)));
        assert_eq!(Key::from_der(&[0x30, 0x03, 0x02, 0x01, 0x00]).err(), Some(Error::Key(KeyError::Invalid)));
    }
}
