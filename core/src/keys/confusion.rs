//! The algorithm-confusion guard: recognising asymmetric key material in
//! bytes offered as an HMAC secret, in every encoding users paste.
//!
//! A verifier that MACs with a public key's bytes lets anyone who has the
//! public key forge tokens (CVE-2015-9235, CVE-2022-29217, CVE-2024-33663).
//! Users paste keys with a byte-order mark, a comment line, `openssl -text`
//! output around the PEM block, a trailing newline after DER, as bare base64
//! (Keycloak's realm keys), as JWK text with escaped member names, as an
//! OpenSSH line separated by a tab, as UTF-16/UTF-32 text, as JWK text nested
//! past the JSON parser's limit. All of those are recognised here.
//!
//! RFC 7518 §3.2 also requires accepting any secret of sufficient length, so
//! only *unambiguous* encodings are recognised: a random secret matches one
//! with negligible probability. A compressed elliptic-curve point (33 bytes
//! starting 02/03, of which about 0.4 % of random 33-byte strings are valid
//! P-256 points) or a raw 32-byte Ed25519 key is indistinguishable from a
//! random secret and is therefore accepted.

use crate::json::{self, Value};

mod wide;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// OpenSSH public-key types; a line is `<type><whitespace><base64>…`.
const OPENSSH_TYPES: &[&[u8]] = &[
    b"ssh-rsa",
    b"ssh-ed25519",
    b"ssh-dss",
    b"ecdsa-sha2-nistp256",
    b"ecdsa-sha2-nistp384",
    b"ecdsa-sha2-nistp521",
    b"sk-ecdsa-sha2-nistp256@openssh.com",
    b"sk-ssh-ed25519@openssh.com",
];

/// Whether `secret` is recognisably asymmetric key material: PEM armor
/// anywhere (after a BOM, comments or `openssl -text` output), an OpenSSH
/// public-key line, JWK JSON (member names compared after unescaping), a
/// DER structure of the shape every key and certificate format has (SPKI,
/// PKCS#8, PKCS#1, SEC1, X.509; trailing whitespace tolerated), the same DER
/// as bare base64, or an uncompressed SEC1 point on P-256 (and P-384,
/// P-521, secp256k1 with the `es384`, `es512`, `es256k` features). Such bytes must never become an HMAC secret;
/// [`Key::hmac`](crate::Key::hmac) refuses them, and bindings use this to
/// decide whether bytes they were handed are a key to parse or a secret.
///
/// ```
/// use jwtcore::keys::looks_like_asymmetric_key;
/// assert!(looks_like_asymmetric_key(b"ssh-ed25519\tAAAAC3NzaC1lZDI1NTE5AAAAIA user@host"));
/// assert!(looks_like_asymmetric_key(b"\xEF\xBB\xBF-----BEGIN PUBLIC KEY-----\n..."));
/// assert!(!looks_like_asymmetric_key(b"a perfectly ordinary shared secret value"));
/// ```
pub fn looks_like_asymmetric_key(secret: &[u8]) -> bool {
    let text = secret.strip_prefix(UTF8_BOM).unwrap_or(secret).trim_ascii();
    is_key_text(text)
        || is_key_der_with_trailing_whitespace(secret)
        || is_uncompressed_point(secret)
        || wide::is_wide_key_text(secret)
}

/// The checks on key material as (ASCII) text, shared with the wide-encoding reading.
fn is_key_text(text: &[u8]) -> bool {
    contains(text, b"-----BEGIN ")
        || is_openssh_line(text)
        || is_jwk_text(text)
        || wide::is_jwk_like_json(text)
        || is_base64_key_der(text)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn is_openssh_line(text: &[u8]) -> bool {
    OPENSSH_TYPES.iter().any(|t| {
        text.strip_prefix(*t)
            .and_then(|rest| rest.split_first())
            .is_some_and(|(sep, rest)| sep.is_ascii_whitespace() && rest.trim_ascii_start().starts_with(b"AAAA"))
    })
}

fn is_jwk_text(text: &[u8]) -> bool {
    if text.first() != Some(&b'{') || json::validate(text, &mut |_| {}).is_err() {
        return false;
    }
    Value { raw: text }.members().any(|(name, _)| json::raw_eq_str(name, "kty"))
}

/// One DER tag-length header: `(tag, header length, content length)`.
fn der_header(der: &[u8]) -> Option<(u8, usize, usize)> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    if first < 0x80 {
        return Some((tag, 2, usize::from(first)));
    }
    // Long form: 1–3 length octets, minimal (DER), covering at least 128.
    let n = usize::from(first & 0x7F);
    if !(1..=3).contains(&n) {
        return None;
    }
    let octets = rest.get(..n)?;
    if octets.first() == Some(&0) {
        return None;
    }
    let len = octets.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    (len >= 0x80).then_some((tag, 2 + n, len))
}

/// Tags that appear directly inside the outer SEQUENCE of SPKI, PKCS#8,
/// PKCS#1, SEC1 and X.509 structures.
fn is_key_structure_tag(tag: u8) -> bool {
    matches!(tag, 0x02..=0x06 | 0x30 | 0xA0..=0xA3)
}

/// `der` is exactly one SEQUENCE holding at least two elements with the
/// tags key structures use, each well-formed and together filling it.
/// DER followed by whitespace an editor or `echo` appended. The DER's own last bytes may be
/// whitespace values too (a key ending in 0x20 or 0x0a), so each split point within the trailing
/// whitespace is tried, not only the fully trimmed one: trimming all of it cut such keys short,
/// and about 2 % of P-256 SPKI keys saved with a newline were then taken for HMAC secrets.
fn is_key_der_with_trailing_whitespace(secret: &[u8]) -> bool {
    let trailing = secret.len() - secret.trim_ascii_end().len();
    // A few bytes of line ending suffice; the bound keeps this linear in the input.
    (0..=trailing.min(8)).any(|cut| secret.get(..secret.len() - cut).is_none_or(is_key_der))
        || is_key_der(secret.trim_ascii_end())
}

fn is_key_der(der: &[u8]) -> bool {
    let Some((0x30, header, len)) = der_header(der) else { return false };
    if der.len() < 24 || header.checked_add(len) != Some(der.len()) {
        return false;
    }
    // `header + len == der.len()`, so this exists; if not, calling the bytes key material keeps
    // them from ever becoming an HMAC secret (the safe side of this guard).
    let Some(mut content) = der.get(header..) else { return true };
    let mut elements = 0;
    while !content.is_empty() {
        let Some((tag, h, l)) = der_header(content) else { return false };
        if !is_key_structure_tag(tag) {
            return false;
        }
        let Some(rest) = h.checked_add(l).and_then(|end| content.get(end..)) else { return false };
        content = rest;
        elements += 1;
    }
    elements >= 2
}

/// Bare base64 (standard or URL-safe, whitespace allowed) whose decoding
/// starts like a key structure and whose outer length matches the length of
/// the whole text. Only the first 64 characters are decoded, so this needs
/// no buffer the size of a key.
fn is_base64_key_der(text: &[u8]) -> bool {
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    let mut count = 0usize;
    let mut padding = 0usize;
    let mut head = [0u8; 64];
    for &b in text {
        if b.is_ascii_whitespace() {
            continue;
        }
        if b == b'=' {
            padding += 1;
            continue;
        }
        if padding > 0 || !alphabet(&b) {
            return false;
        }
        if let Some(slot) = head.get_mut(count) {
            *slot = b;
        }
        count += 1;
    }
    if count < 32 || padding > 2 {
        return false;
    }
    let total = count * 3 / 4;
    let mut decoded = [0u8; 48];
    // Both cuts are at most `head.len()`; the clamps only make them total.
    let head = head.split_at(count.min(64).min(head.len())).0;
    // `head` is a multiple of four characters long unless it is the whole text.
    let head = if count > 64 { head } else { head.split_at((count - count % 4).min(head.len())).0 };
    let Some(bytes) = decode_head(head, &mut decoded) else { return false };
    let Some((0x30, header, len)) = der_header(bytes) else { return false };
    header.checked_add(len) == Some(total)
        && bytes.get(header..).and_then(der_header).is_some_and(|(tag, _, _)| is_key_structure_tag(tag))
}

/// Decodes whole groups of four characters of one base64 alphabet (standard
/// or URL-safe, not both) into `out`; `None` for a character of neither or
/// for mixed alphabets. Its own few lines rather than `base64ct`: the text
/// is at most 64 characters, the verdict is not constant-time anyway (the
/// checks around it branch on the bytes), and two more `base64ct` alphabets
/// cost the verify-only WebAssembly module about 4 kB.
fn decode_head<'o>(head: &[u8], out: &'o mut [u8; 48]) -> Option<&'o [u8]> {
    let standard = head.iter().any(|b| matches!(b, b'+' | b'/'));
    let url_safe = head.iter().any(|b| matches!(b, b'-' | b'_'));
    if standard && url_safe {
        return None;
    }
    let sextet = |c: u8| -> Option<u32> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        Some(u32::from(v))
    };
    let mut written = 0;
    for (group, dst) in head.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let mut n = 0u32;
        for &c in group {
            n = (n << 6) | sextet(c)?;
        }
        dst.copy_from_slice(n.to_be_bytes().get(1..)?);
        written += 3;
    }
    out.get(..written)
}

fn is_uncompressed_point(secret: &[u8]) -> bool {
    match secret.len() {
        // On the curve with the arithmetic built in; without it, the
        // encoding checks `Key::es256_public` makes (keys/external.rs).
        #[cfg(not(feature = "es256k"))]
        65 => crate::Key::es256_public(secret).is_ok(),
        #[cfg(feature = "es256k")]
        65 => crate::Key::es256_public(secret).is_ok() || k256::ecdsa::VerifyingKey::from_sec1_bytes(secret).is_ok(),
        // Checked on the curve in every build that reads P-384 keys (`Key::es384_public`).
        #[cfg(any(feature = "es384", feature = "external-keys"))]
        97 => crate::Key::es384_public(secret).is_ok(),
        #[cfg(feature = "es512")]
        133 => p521::ecdsa::VerifyingKey::from_sec1_bytes(secret).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
// Some tests need the P-256 or Ed25519 arithmetic and are left out without it
// (`--no-default-features --features external-keys,...`); their helpers with them.
#[cfg_attr(not(all(feature = "p256", feature = "ed25519")), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::keys::Key;
    use base64ct::{Base64, Base64Url, Encoding};

    const ED_PUB_PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    const ED_SPKI_B64: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";

    #[test]
    fn the_head_decoder_agrees_with_base64ct_and_refuses_mixed_alphabets() {
        // Bytes whose encodings use every character, '+' '/' and '-' '_' included.
        let mut bytes = [0u8; 48];
        for round in 0u8..=255 {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = round.wrapping_mul(31).wrapping_add((i as u8).wrapping_mul(97)) ^ (i as u8) << 3;
            }
            let (mut std_text, mut url_text) = ([0u8; 64], [0u8; 64]);
            let std_text = Base64::encode(&bytes, &mut std_text).unwrap().as_bytes();
            let url_text = Base64Url::encode(&bytes, &mut url_text).unwrap().as_bytes();
            let mut out = [0u8; 48];
            assert_eq!(decode_head(std_text, &mut out), Some(&bytes[..]));
            assert_eq!(decode_head(url_text, &mut out), Some(&bytes[..]));
            let std_at = std_text.iter().position(|b| matches!(b, b'+' | b'/'));
            let url_at = url_text.iter().position(|b| matches!(b, b'-' | b'_'));
            if let (Some(_), Some(j)) = (std_at, url_at) {
                let mut mixed = [0u8; 64];
                mixed.copy_from_slice(std_text);
                mixed[j] = url_text[j];
                if std_text.iter().enumerate().any(|(i, b)| i != j && matches!(b, b'+' | b'/')) {
                    assert_eq!(decode_head(&mixed, &mut out), None);
                }
            }
        }
        let mut out = [0u8; 48];
        assert_eq!(decode_head(b"AAA*", &mut out), None);
        assert_eq!(decode_head(b"AAA=", &mut out), None);
    }

    fn spki_der() -> ([u8; 44], usize) {
        let mut out = [0u8; 44];
        let n = Base64::decode(ED_SPKI_B64, &mut out).map(<[u8]>::len).unwrap_or(0);
        (out, n)
    }

    #[test]
    fn der_ending_in_a_whitespace_byte_is_still_a_key_with_a_newline() {
        // A real P-256 SPKI whose point ends in 0x20: trimming all trailing whitespace cut it short.
        let hex = b"3059301306072a8648ce3d020106082a8648ce3d030107034200040815e65d5b181f78e4a33c6a7a9782d2\
                    5d8ad015779915fa8178f8a8f6a82b01c6ec22392ffd2496ff71e9a3bfa747458ec23d3d76d1a507aef4217d\
                    5d698f20";
        let nibble = |c: u8| (c as char).to_digit(16).unwrap() as u8;
        let mut buf = [0u8; 96];
        for (i, pair) in hex.chunks_exact(2).enumerate() {
            buf[i] = nibble(pair[0]) << 4 | nibble(pair[1]);
        }
        let n = hex.len() / 2;
        assert_eq!((n, buf[n - 1]), (91, 0x20));
        for ending in [&b""[..], b"\n", b"\r\n", b" \n", b"\n\n"] {
            buf[n..n + ending.len()].copy_from_slice(ending);
            assert!(looks_like_asymmetric_key(&buf[..n + ending.len()]), "{ending:?}");
        }
    }

    // Makes its P-256 point from a private key.
    #[cfg(feature = "p256")]
    #[test]
    fn pasted_encodings_are_recognised() {
        let (der, n) = spki_der();
        let der = &der[..n];
        let mut with_newline = [0u8; 45];
        with_newline[..44].copy_from_slice(der);
        with_newline[44] = b'\n';
        let mut bom = std::vec::Vec::from(UTF8_BOM);
        bom.extend_from_slice(ED_PUB_PEM.as_bytes());
        let commented = std::format!("# the signing key, rotated 2026-11\n{ED_PUB_PEM}");
        let openssl_text = std::format!("ED25519 Public-Key:\npub:\n    19:bf:44:09\n{ED_PUB_PEM}");
        let k = Key::es256_private(&[5u8; 32]).unwrap();
        let point = k.es256_point().unwrap();
        for (what, bytes) in [
            ("PEM", ED_PUB_PEM.as_bytes()),
            ("PEM after a BOM", &bom),
            ("PEM after a comment", commented.as_bytes()),
            ("openssl -text output", openssl_text.as_bytes()),
            ("SPKI DER", der),
            ("SPKI DER and a newline", &with_newline),
            ("bare base64 SPKI", ED_SPKI_B64.as_bytes()),
            ("bare base64 SPKI, wrapped", b"MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrB\nZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"),
            ("OpenSSH line", b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA user@host"),
            ("OpenSSH line with a tab", b"ssh-ed25519\tAAAAC3NzaC1lZDI1NTE5AAAAIA"),
            ("JWK text", br#"{"kty":"EC","crv":"P-256"}"#),
            ("JWK text, escaped kty", br#"{"\u006bty":"OKP"}"#),
            ("uncompressed P-256 point", &point),
            // PKCS#1 RSAPublicKey: SEQUENCE { INTEGER n (65 bytes), INTEGER e }.
            ("PKCS#1 DER", &pkcs1_like()),
        ] {
            assert!(looks_like_asymmetric_key(bytes), "{what}");
        }
    }

    fn pkcs1_like() -> [u8; 74] {
        let mut d = [0u8; 74];
        d[..4].copy_from_slice(&[0x30, 72, 0x02, 65]);
        d[4] = 0x00;
        d[5] = 0xC3;
        d[69..74].copy_from_slice(&[0x02, 0x03, 0x01, 0x00, 0x01]);
        d
    }

    /// A public point pasted as an HMAC secret is refused in every build that reads such keys, the
    /// arithmetic-free ones included; 0x04 and two field elements off the curve is a secret.
    #[test]
    fn points_are_key_material_only_on_their_curve() {
        let p256 = p256::ecdsa::SigningKey::from_slice(&[3; 32]).unwrap();
        let p256 = p256.verifying_key().to_sec1_point(false).as_bytes().to_vec();
        let p384 = p384::ecdsa::SigningKey::from_slice(&[3; 48]).unwrap();
        let p384 = p384.verifying_key().to_sec1_point(false).as_bytes().to_vec();
        assert!(looks_like_asymmetric_key(&p256));
        let reads_p384 = cfg!(any(feature = "es384", feature = "external-keys"));
        assert_eq!(looks_like_asymmetric_key(&p384), reads_p384);
        for mut point in [p256, p384] {
            *point.last_mut().unwrap() ^= 1;
            assert!(!looks_like_asymmetric_key(&point), "{} bytes off the curve", point.len());
        }
    }

    #[test]
    fn secrets_are_not_key_material() {
        for secret in [
            &b"a perfectly ordinary shared secret value"[..],
            &[0x42; 32],
            b"MyVeryLongSecretPasswordThatIsValidBase64Text1234",
            b"ssh-ed25519-is-my-favourite-passphrase-for-hmac",
            br#"{"secret":"value","note":"kty mentioned only in a value"}"#,
        ] {
            assert!(!looks_like_asymmetric_key(secret), "{:?}", core::str::from_utf8(secret));
        }
        // A compressed point is ambiguous with a random secret: accepted (F13).
        #[cfg(feature = "p256")]
        {
            let k = Key::es256_private(&[5u8; 32]).unwrap();
            let compressed = k.p256_parts().unwrap().0.to_sec1_point(true);
            assert!(!looks_like_asymmetric_key(compressed.as_bytes()));
        }
    }

    #[test]
    fn random_secrets_are_accepted() {
        // A deterministic xorshift stream: 100 000 secrets of 32–80 bytes.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut buf = [0u8; 80];
        for i in 0..100_000usize {
            let len = 32 + i % 49;
            for b in buf.iter_mut().take(len) {
                *b = next() as u8;
            }
            assert!(!looks_like_asymmetric_key(&buf[..len]), "random secret {i} refused");
        }
    }
}
