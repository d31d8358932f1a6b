//! The public key of an X.509 certificate (jose's `importX509`, PEM
//! `CERTIFICATE` blocks as identity providers publish them).
//!
//! Only the `subjectPublicKeyInfo` is read: the certificate's signature,
//! validity and chain are **not** checked (as in jose, which uses the
//! platform's parser the same way). Trusting the certificate is the
//! caller's decision; this only saves converting it to SPKI by hand.

use super::Key;
use crate::error::{Error, KeyError};

/// The largest certificate accepted, in DER bytes (an RSA 8192 certificate
/// with the usual extensions is about 2.5 KiB).
const MAX_CERT_DER: usize = 8 * 1024;

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const VERSION: u8 = 0xa0; // [0] EXPLICIT, constructed

fn invalid() -> Error {
    Error::Key(KeyError::Invalid)
}

/// One DER element: its tag, all its bytes (tag and length included), its
/// content, and what follows it.
struct Element<'a> {
    tag: u8,
    whole: &'a [u8],
    content: &'a [u8],
    rest: &'a [u8],
}

/// The DER element at the front of `input`. Definite lengths only (DER),
/// in at most four length bytes.
fn element(input: &[u8]) -> Option<Element<'_>> {
    let tag = *input.first()?;
    let first = *input.get(1)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = input.get(2..2 + n)?;
        // DER: the shortest length form, no leading zero byte.
        if bytes.first() == Some(&0) {
            return None;
        }
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if len < 0x80 {
            return None;
        }
        (len, 2 + n)
    };
    let end = head.checked_add(len)?;
    let whole = input.get(..end)?;
    Some(Element { tag, whole, content: whole.get(head..)?, rest: input.get(end..)? })
}

/// The `subjectPublicKeyInfo` element (tag and length included) of a DER
/// certificate.
fn spki_of(cert: &[u8]) -> Option<&[u8]> {
    let certificate = element(cert)?;
    if certificate.tag != SEQUENCE || !certificate.rest.is_empty() {
        return None;
    }
    let tbs = element(certificate.content)?;
    if tbs.tag != SEQUENCE {
        return None;
    }
    let mut at = tbs.content;
    if at.first() == Some(&VERSION) {
        at = element(at)?.rest;
    }
    let serial = element(at)?;
    if serial.tag != INTEGER {
        return None;
    }
    at = serial.rest;
    // signature AlgorithmIdentifier, issuer, validity, subject: four SEQUENCEs.
    for _ in 0..4 {
        let e = element(at)?;
        if e.tag != SEQUENCE {
            return None;
        }
        at = e.rest;
    }
    let spki = element(at)?;
    (spki.tag == SEQUENCE).then_some(spki.whole)
}

impl Key {
    /// The public key of a DER X.509 certificate. Its signature, validity
    /// period and chain are not checked: decide whether to trust the
    /// certificate before using its key.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] when `der` is not a certificate, and the errors
    /// of [`Key::from_spki_der`] for its key (unsupported curves, RSA below
    /// 2048 bits, ...).
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// # let pem = "-----BEGIN CERTIFICATE-----\nMIIBhjCCASugAwIBAgIUEoIm59HKps7w1uMNlqTZpti7qf8wCgYIKoZIzj0EAwIw\nFzEVMBMGA1UEAwwMand0Y29yZSB0ZXN0MCAXDTI2MTIwMjAxMzAxNVoYDzIxMjYx\nMTA4MDEzMDE1WjAXMRUwEwYDVQQDDAxqd3Rjb3JlIHRlc3QwWTATBgcqhkjOPQIB\nBggqhkjOPQMBBwNCAATYCJ+Qmhv0fGYAM/ltCWG2j9h/nt2qyGnKVPXPix7vsz8T\n25H44qsr/TS2sz8UJ+RbcRF5kmSsxtjrk6kKtF+jo1MwUTAdBgNVHQ4EFgQUlPTq\nsx3wYxdrj/QE7QBxrwdTkZQwHwYDVR0jBBgwFoAUlPTqsx3wYxdrj/QE7QBxrwdT\nkZQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAgBFDDoIhoxeT\nw6lZ3At/42ze7Qv2OHu9sL6O19F9DqoCIQD0X3gDqYGJjah3eBS53XrLJzrKcVQJ\ndM+99XkAFGEFww==\n-----END CERTIFICATE-----\n";
    /// let key = Key::from_x509_pem(pem)?; // a self-signed P-256 certificate
    /// assert_eq!(key.algorithm(), Algorithm::Es256);
    /// assert!(!key.is_private());
    /// assert!(Key::from_x509_der(&[0x30, 0x00]).is_err()); // not a certificate
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    pub fn from_x509_der(der: &[u8]) -> Result<Key, Error> {
        Key::from_spki_der(spki_of(der).ok_or(invalid())?)
    }

    /// The public key of a PEM `CERTIFICATE`, as [`Key::from_x509_der`]
    /// (text around the block, as `openssl x509 -text` prints it, is
    /// ignored).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] when the text holds no certificate block or
    /// the block is malformed, and the errors of [`Key::from_x509_der`].
    ///
    /// ```
    /// use jwtcore::Key;
    /// let not_a_cert = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    /// assert!(Key::from_x509_pem(not_a_cert).is_err());
    /// ```
    pub fn from_x509_pem(pem: &str) -> Result<Key, Error> {
        let start = pem.find("-----BEGIN CERTIFICATE-----").ok_or(invalid())?;
        let block = pem.get(start..).ok_or(invalid())?;
        let end = block.find("-----END CERTIFICATE-----").ok_or(invalid())? + "-----END CERTIFICATE-----".len();
        let block = block.get(..end).ok_or(invalid())?;
        // Public data: no zeroizing buffer needed.
        let mut buf = [0u8; MAX_CERT_DER];
        let (label, der) = pem_rfc7468::decode(block.as_bytes(), &mut buf).map_err(|_| invalid())?;
        if label != "CERTIFICATE" {
            return Err(invalid());
        }
        Key::from_x509_der(der)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Algorithm;

    const CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUEoIm59HKps7w1uMNlqTZpti7qf8wCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMand0Y29yZSB0ZXN0MCAXDTI2MTIwMjAxMzAxNVoYDzIxMjYx
MTA4MDEzMDE1WjAXMRUwEwYDVQQDDAxqd3Rjb3JlIHRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAATYCJ+Qmhv0fGYAM/ltCWG2j9h/nt2qyGnKVPXPix7vsz8T
25H44qsr/TS2sz8UJ+RbcRF5kmSsxtjrk6kKtF+jo1MwUTAdBgNVHQ4EFgQUlPTq
sx3wYxdrj/QE7QBxrwdTkZQwHwYDVR0jBBgwFoAUlPTqsx3wYxdrj/QE7QBxrwdT
kZQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAgBFDDoIhoxeT
w6lZ3At/42ze7Qv2OHu9sL6O19F9DqoCIQD0X3gDqYGJjah3eBS53XrLJzrKcVQJ
dM+99XkAFGEFww==
-----END CERTIFICATE-----
";
    // `openssl x509 -pubkey -noout` of CERT.
    const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2AifkJob9HxmADP5bQlhto/Yf57d
qshpylT1z4se77M/E9uR+OKrK/00trM/FCfkW3EReZJkrMbY65OpCrRfow==
-----END PUBLIC KEY-----
";

    #[test]
    fn the_certificate_key_is_its_spki() {
        let from_cert = Key::from_x509_pem(&std::format!("subject=CN = jwtcore test\n{CERT}")).unwrap();
        let from_spki = Key::from_pem(SPKI).unwrap();
        assert_eq!(from_cert.algorithm(), Algorithm::Es256);
        let (mut a, mut b) = ([0u8; 256], [0u8; 256]);
        assert_eq!(from_cert.to_jwk_into(false, &mut a).unwrap(), from_spki.to_jwk_into(false, &mut b).unwrap());
    }

    #[test]
    fn malformed_certificates_are_invalid_never_a_panic() {
        let mut buf = [0u8; 2048];
        let der = pem_rfc7468::decode(CERT.as_bytes(), &mut buf).unwrap().1.to_vec();
        for n in 0..der.len() {
            assert!(Key::from_x509_der(&der[..n]).is_err(), "truncated at {n}");
        }
        for i in 0..der.len() {
            let mut bad = der.clone();
            bad[i] ^= 0xff;
            let _ = Key::from_x509_der(&bad); // any verdict, no panic
        }
        assert_eq!(Key::from_x509_pem(SPKI).err(), Some(invalid()));
        assert_eq!(Key::from_x509_pem("").err(), Some(invalid()));
    }
}
