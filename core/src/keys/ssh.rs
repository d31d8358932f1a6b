//! OpenSSH public key lines (`authorized_keys` format): `ssh-rsa` (RFC 4253 §6.6),
//! `ecdsa-sha2-nistp256` / `ecdsa-sha2-nistp384` (RFC 5656 §3.1) and `ssh-ed25519` (RFC 8709 §4).
//!
//! The line is `<type> <base64 blob> [comment]`; the blob is a sequence of length-prefixed
//! strings repeating the type. PyJWT accepts these lines as verification keys, so a drop-in must
//! too. They are public keys only, so the core's classifier never treats them as HMAC secrets.

use base64ct::{Base64, Encoding};

use super::Key;
use crate::error::{Error, KeyError};

/// The largest blob decoded: an 8192-bit RSA key (the core's limit) takes about 1.05 KiB.
const MAX_BLOB: usize = 2048;

const INVALID: Error = Error::Key(KeyError::Invalid);

/// Reads the RFC 4251 §5 `string` at the front of `rest`.
fn take<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], Error> {
    let (len, tail) = rest.split_first_chunk::<4>().ok_or(INVALID)?;
    let len = usize::try_from(u32::from_be_bytes(*len)).map_err(|_| INVALID)?;
    let (value, tail) = tail.split_at_checked(len).ok_or(INVALID)?;
    *rest = tail;
    Ok(value)
}

/// An `mpint` as a minimal big-endian unsigned integer: the sign byte SSH adds when the top bit
/// is set is dropped; negative values are refused.
#[cfg(any(feature = "rsa", feature = "external-keys"))]
fn unsigned(mpint: &[u8]) -> Result<&[u8], Error> {
    if mpint.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(INVALID);
    }
    Ok(match mpint.split_first() {
        Some((0, tail)) => tail,
        _ => mpint,
    })
}

impl Key {
    /// A public key from an OpenSSH public key line (`ssh-rsa AAAA... comment`).
    ///
    /// `ssh-ed25519` gives an `EdDSA` key, `ecdsa-sha2-nistp256` an `ES256` key,
    /// `ecdsa-sha2-nistp384` an `ES384` key (feature `es384`), `ssh-rsa` an RSA key that
    /// verifies whichever `RS*`/`PS*` algorithm the caller allows, like an RSA PEM without `alg`
    /// (feature `rsa`).
    ///
    /// ```
    /// use jwtcore::{Algorithm, Key};
    /// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDmB5DYn9g/6xBePiUN5GyGlAKiz71y0djpDaGQdN3Z8 me@host";
    /// let key = Key::from_openssh(line)?;
    /// assert_eq!(key.algorithm(), Algorithm::EdDsa);
    /// assert!(!key.is_private());
    /// # Ok::<(), jwtcore::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`KeyError::Unsupported`] for other key types (`ssh-dss`, security keys, P-521, or a
    /// family whose feature is off); [`KeyError::Invalid`] for a malformed line, blob or key.
    pub fn from_openssh(line: &str) -> Result<Key, Error> {
        let mut fields = line.split_ascii_whitespace();
        let kind = fields.next().ok_or(INVALID)?;
        let b64 = fields.next().ok_or(INVALID)?;
        let mut buf = [0u8; MAX_BLOB];
        let blob = Base64::decode(b64, &mut buf).map_err(|_| INVALID)?;
        let mut rest: &[u8] = blob;
        if take(&mut rest)? != kind.as_bytes() {
            return Err(INVALID);
        }
        let key = match kind {
            "ssh-ed25519" => Key::ed25519_public(take(&mut rest)?)?,
            "ecdsa-sha2-nistp256" => {
                if take(&mut rest)? != b"nistp256" {
                    return Err(INVALID);
                }
                Key::es256_public(take(&mut rest)?)?
            }
            #[cfg(any(feature = "es384", feature = "external-keys"))]
            "ecdsa-sha2-nistp384" => {
                if take(&mut rest)? != b"nistp384" {
                    return Err(INVALID);
                }
                Key::es384_public(take(&mut rest)?)?
            }
            #[cfg(feature = "rsa")]
            "ssh-rsa" => {
                let e = unsigned(take(&mut rest)?)?;
                let n = unsigned(take(&mut rest)?)?;
                Key::from_rsa_material(super::rsa_key::RsaMaterial::public(n, e)?, None)?
            }
            #[cfg(all(feature = "external-keys", not(feature = "rsa")))]
            "ssh-rsa" => {
                let e = unsigned(take(&mut rest)?)?;
                let n = unsigned(take(&mut rest)?)?;
                Key::from_rsa_external(super::rsa_external::RsaPublic::parse(n, e)?, None)?
            }
            _ => return Err(Error::Key(KeyError::Unsupported)),
        };
        if !rest.is_empty() {
            return Err(INVALID);
        }
        Ok(key)
    }
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::Algorithm;

    // `ssh-keygen -t ed25519` output; the EC line is the same key format for P-256.
    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDmB5DYn9g/6xBePiUN5GyGlAKiz71y0djpDaGQdN3Z8 me@host";

    #[test]
    fn ed25519_line_and_its_corruptions() {
        let key = Key::from_openssh(ED).unwrap();
        assert_eq!(key.algorithm(), Algorithm::EdDsa);
        assert!(Key::from_openssh(ED.trim_end_matches(" me@host")).is_ok());
        // The type named outside must be the one inside the blob.
        let renamed = ED.replacen("ssh-ed25519", "ssh-rsa", 1);
        assert_eq!(Key::from_openssh(&renamed).unwrap_err(), INVALID);
        // Truncated blob, bad base64, missing blob.
        assert!(Key::from_openssh("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDmB5DYn9g/6xBePiUN5").is_err());
        assert!(Key::from_openssh("ssh-ed25519 !!!!").is_err());
        assert!(Key::from_openssh("ssh-ed25519").is_err());
        assert!(Key::from_openssh("").is_err());
    }

    #[test]
    fn unknown_types_are_unsupported() {
        // "ssh-dss" blob header only: refused before anything else is read.
        assert_eq!(Key::from_openssh("ssh-dss AAAAB3NzaC1kc3M=").unwrap_err(), Error::Key(KeyError::Unsupported));
    }

    #[test]
    fn a_length_past_the_end_is_invalid_not_a_panic() {
        // string length 0xFFFFFFFF
        assert_eq!(Key::from_openssh("ssh-ed25519 /////w==").unwrap_err(), INVALID);
    }

    // Generated for these tests with `ssh-keygen -t ecdsa|rsa`, private halves as PKCS#8
    // (`ssh-keygen -p -m PKCS8`): a signature of the private key verifies under the line.
    const EC_LINE: &str = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBrk2HFNEKq6sYpA4IlDUlH5hR4ErN+ZQkpIeuJXlIzHHcXyFg7lOQCKMWMrXvYIo0e74sHexFcnyjNGIILqtnQ=";
    const EC_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----\n\
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxYanKSusub8bDDTF\n\
+8aH6jScufXdLdigsK+VWmCaqcmhRANCAAQa5NhxTRCqurGKQOCJQ1JR+YUeBKzf\n\
mUJKSHriV5SMxx3F8hYO5TkAijFjK172CKNHu+LB3sRXJ8ozRiCC6rZ0\n\
-----END PRIVATE KEY-----\n";
    const EC384_LINE: &str = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBDL6yUgmbMKj/D10E3tmrbS9Zo/YC2SPk8VjLTigwvGedAHiRK5KtqSVqW07jilQprXRHyW6ds/gp8Un5/V/v6oEcSiiVbxvgFbcQFE8cxVxdPGoeW7nPUc4nrLGTjiKlw== me@host";
    const RSA_LINE: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDZSeUnhi+EEbbUGonGFfuZuRdk4kg3hIW1Yvo0ui+/w1mkRx52lTNmKbkwfq46ybvRg0e/szKfMMpsO43akAtSPTuIFP5U19x6F7DWbLBXhJOy4C45bWIyVuZr8wOXpsAMoPwBGIvAlOEVqzwfUWtqDeaXAZSIbjzt+A0cPmQinOetd9tyEgO3+z88oVLWryS6Ixmr6USEPlLp8ZujmAtyfBQ3/eF/CgyoGZsxrCFiM2CWj3QNUI4PlhGHScGdqgvGhzYJVtHSa2QmoIwu9IBoPzMipafscC5icARHPriISbtRFhbpXEsI5n538vhn3NLO64eI4bYsB1/Ba4sN0mdP";
    #[cfg(feature = "rsa")]
    const RSA_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----\n\
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZSeUnhi+EEbbU\n\
GonGFfuZuRdk4kg3hIW1Yvo0ui+/w1mkRx52lTNmKbkwfq46ybvRg0e/szKfMMps\n\
O43akAtSPTuIFP5U19x6F7DWbLBXhJOy4C45bWIyVuZr8wOXpsAMoPwBGIvAlOEV\n\
qzwfUWtqDeaXAZSIbjzt+A0cPmQinOetd9tyEgO3+z88oVLWryS6Ixmr6USEPlLp\n\
8ZujmAtyfBQ3/eF/CgyoGZsxrCFiM2CWj3QNUI4PlhGHScGdqgvGhzYJVtHSa2Qm\n\
oIwu9IBoPzMipafscC5icARHPriISbtRFhbpXEsI5n538vhn3NLO64eI4bYsB1/B\n\
a4sN0mdPAgMBAAECggEAE8LQ0yrfbbiPXYkk/X2opOl8iKwRmvGeQrRD2AFqGpus\n\
A9uEmDk9Hu3teHe/kFDMws2YfAUn4JVh22ery3RCgKdZSijKm9xed0C/UDOQnVei\n\
d71D8Zdn5kxukTkHxcYgUiWz4BpONLn1dxsxu7wTs5CcZ3Wj1Kfd5QXO6hd8fi8x\n\
m1W0ibZ64EmqaCSKoAYOo5miEIfD+nIbRhMUvORAG/RcNAfk/3+QAHq2zQpQCN23\n\
anMVlgrhywsuEPzjqTvwLnue7MeLOd6mcb3hSBNjQLnVR1X9oGkTb+JcYwlBZFK5\n\
uz/G1r6EQG7kxmwZCj8noX16M0sArGXk4MhjV1wQIQKBgQDztMvdLvH8nww2oyXX\n\
9+ECk00Giqyh65adwiHGNtQwkPACs6aE235JHI7W+Z28MGFQxjHGmAdTlw6RumCP\n\
Jd07TIBedlqik0xdfu1cbUyjzwmpX5YzDqaJrm4taoGRufOroGsKB8J81djYqJ4g\n\
0gjJNN/dngCaqJdL0+23ApA97wKBgQDkP/Gzy1/qLBL51RSI0APJnTT4PfxvpXj7\n\
H5fC0Ecbyz39U76GE+Bt1TsfLD8ryCX2lGtkWUS9ZffVwQ7hhvGHCE5TNUXRbAow\n\
IwlW+S9leVBPrTqyP640Jk2x5G9575U/i/N/xPGe4gwOg0pp4sZ2fEv51QIU44hO\n\
HNd0zU/MoQKBgHY5wiBl8sy7l6A121j/DnBCZz6CLadLc8DKebn/xUZeOaEF6AVR\n\
udzb9suBQq0Vx0/5JhKSlBNQF6hIgylOlBl9TlUFE4kE7in5Nkr9Vw2slaJOFb5l\n\
IBNwxFBR99NrIzOiWer+wrHuyAirHDMN0WdSuDt5uA9PND577Dk5DCKPAoGBAMII\n\
GdBd8wt+rCL1oJ8tNgsOORlOmGnQoSfZk4loxQo7nFbd+fjArOixe7DkTE9LtfoH\n\
8cM8n9Lh++0aUSwnKus/hFX304JT9dU185qb+k6o8jzJZjxhJhXu+d1f8+QUZyu+\n\
LSFQqpYGU3mC4p9gyJWw1GVtTnezdQvyOLZyUoQBAoGBAJvt1T6gzecVl4n9lyCU\n\
/5iODXLZInAA/vWc4Pdw0ClOoNqD9A6RBw2+L6m4N3TrRUV7Jjze4iv0Q156qQmQ\n\
y2A/YT1E//miCseLB06zaY/3sZn3r28f60HAb5xMckDCmRsVT6ZLGKDfL8cSEaI1\n\
NF0nZkHQeZTJkNci4fJVVBD/\n\
-----END PRIVATE KEY-----\n";

    fn signed_by(private_pem: &str, alg: Algorithm, public: &Key) -> bool {
        let private = Key::from_pem(private_pem).unwrap().bind_algorithm(alg).unwrap();
        let mut sig = [0u8; 512];
        let n = crate::raw::sign_raw(alg, &private, b"m", &mut sig).unwrap();
        crate::raw::verify_raw(alg, public, b"m", sig.get(..n).unwrap()).is_ok()
    }

    // Compares with a private P-256 key.
    #[cfg(feature = "p256")]
    #[test]
    fn p256_line_is_the_private_keys_public_half() {
        let key = Key::from_openssh(EC_LINE).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Es256);
        assert!(signed_by(EC_PRIVATE, Algorithm::Es256, &key));
        // The curve named in the blob must be the type's.
        assert!(Key::from_openssh(&EC_LINE.replacen("nistp256", "nistp384", 1)).is_err());
    }

    #[test]
    fn p384_line_needs_its_feature() {
        let key = Key::from_openssh(EC384_LINE);
        if cfg!(any(feature = "es384", feature = "external-keys")) {
            assert_eq!(key.unwrap().algorithm(), Algorithm::Es384);
        } else {
            assert_eq!(key.unwrap_err(), Error::Key(KeyError::Unsupported));
        }
    }

    #[test]
    fn rsa_line_verifies_any_rsa_algorithm_allowed() {
        let key = Key::from_openssh(RSA_LINE);
        #[cfg(feature = "rsa")]
        {
            let key = key.unwrap();
            assert!(key.is_algorithm_flexible());
            assert!(signed_by(RSA_PRIVATE, Algorithm::Rs256, &key));
            assert!(signed_by(RSA_PRIVATE, Algorithm::Ps384, &key));
        }
        // Read without the arithmetic (verified only through `verify_external`).
        #[cfg(all(not(feature = "rsa"), feature = "external-keys"))]
        assert!(key.unwrap().is_algorithm_flexible());
        #[cfg(not(any(feature = "rsa", feature = "external-keys")))]
        assert_eq!(key.unwrap_err(), Error::Key(KeyError::Unsupported));
    }
}
