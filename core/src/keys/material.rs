//! A key from whichever encoding it arrives in. Users paste keys as PEM, as an
//! OpenSSH line, as JWK text or as DER bytes; every binding hands such bytes
//! here, so the choice of parser is made once, in the core.

use super::Key;
use crate::error::Error;

impl Key {
    /// Parses key material in any encoding the core reads, the parser chosen
    /// from its first characters: PEM armour anywhere in UTF-8 text
    /// ([`Key::from_pem`]), an OpenSSH public-key line starting `ssh-` or
    /// `ecdsa-sha2-` ([`Key::from_openssh`]), JWK text starting `{` after an
    /// optional byte-order mark and whitespace ([`Key::from_jwk`], given the
    /// text from the `{`), and
    /// anything else as DER ([`Key::from_der`]).
    ///
    /// The result is always an asymmetric key: HMAC secrets are
    /// [`Key::hmac`]'s, and [`looks_like_asymmetric_key`](crate::keys::looks_like_asymmetric_key)
    /// tells the two apart without parsing.
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// let pem = "-----BEGIN PUBLIC KEY-----\n\
    ///            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
    ///            -----END PUBLIC KEY-----\n";
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}"#;
    /// let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm/RAlphM3+hUG6wWfcO5bIUIaqMLa2ywxcOK1wMWbh me@host";
    /// let (mut a, mut b, mut c) = ([0; 43], [0; 43], [0; 43]);
    /// let from_pem = Key::from_key_material(pem.as_bytes())?;
    /// assert_eq!(from_pem.algorithm(), Algorithm::EdDsa);
    /// // The same public key, whichever way it was written down.
    /// assert_eq!(from_pem.thumbprint(&mut a)?, Key::from_key_material(jwk.as_bytes())?.thumbprint(&mut b)?);
    /// assert_eq!(from_pem.thumbprint(&mut a)?, Key::from_key_material(ssh.as_bytes())?.thumbprint(&mut c)?);
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// Those of the parser chosen; bytes that are none of these encodings
    /// fail as DER with [`KeyError::Invalid`](crate::KeyError::Invalid).
    pub fn from_key_material(data: &[u8]) -> Result<Key, Error> {
        match core::str::from_utf8(data) {
            Ok(text) if text.contains("-----BEGIN") => Key::from_pem(text),
            Ok(text) if text.trim_start().starts_with("ssh-") || text.trim_start().starts_with("ecdsa-sha2-") => {
                Key::from_openssh(text)
            }
            Ok(text) => {
                // A byte-order mark before JSON (editors on Windows save one) is not part of the JWK.
                let json = text.trim_start_matches('\u{feff}').trim_start();
                if json.starts_with('{') { Key::from_jwk(json) } else { Key::from_der(data) }
            }
            Err(_) => Key::from_der(data),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KeyError;
    use crate::keys::THUMBPRINT_LEN;

    // One Ed25519 public key in each encoding.
    const DER: [u8; 44] = [
        48, 42, 48, 5, 6, 3, 43, 101, 112, 3, 33, 0, 25, 191, 68, 9, 105, 132, 205, 254, 133, 65, 186, 193, 103, 220,
        59, 150, 200, 80, 134, 170, 48, 182, 182, 203, 12, 92, 56, 173, 112, 49, 102, 225,
    ];
    const PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    const JWK: &str =
        "\u{feff} \n{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE\"}";
    const SSH: &str = "  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm/RAlphM3+hUG6wWfcO5bIUIaqMLa2ywxcOK1wMWbh me@host";

    fn thumbprint(data: &[u8]) -> Result<[u8; THUMBPRINT_LEN], Error> {
        let mut out = [0; THUMBPRINT_LEN];
        Key::from_key_material(data)?.thumbprint(&mut out)?;
        Ok(out)
    }

    #[test]
    fn every_encoding_gives_the_same_key() {
        let expected = thumbprint(&DER).unwrap();
        let with_text_before = "ED25519 Public-Key:\n-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        for form in [PEM.as_bytes(), with_text_before.as_bytes(), JWK.as_bytes(), SSH.as_bytes()] {
            assert_eq!(thumbprint(form), Ok(expected), "{:?}", core::str::from_utf8(form));
        }
    }

    #[test]
    fn anything_else_is_read_as_der_and_refused() {
        for junk in [&b"not a key"[..], b"", b"\xff\xfe\x00", b"[1,2]", &DER[..43]] {
            assert_eq!(thumbprint(junk), Err(Error::Key(KeyError::Invalid)), "{junk:?}");
        }
        // A JWK that is not one is a JWK error, not a DER one: the parser is chosen by the start.
        assert!(thumbprint(b"{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}").is_err());
    }
}
