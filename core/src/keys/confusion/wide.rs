//! Key text that the byte-level checks of [`looks_like_asymmetric_key`](super::looks_like_asymmetric_key)
//! would miss: a JWK, PEM or OpenSSH file saved as UTF-16 or UTF-32 (editors on Windows do, with
//! or without a byte-order mark), JWK text nested deeper than the JSON parser's limit, and JWKs
//! inside a container (a JWK Set). All are public keys; as HMAC secrets they would let anyone
//! who has the file forge tokens. PyJWT refuses them since 2.15.

/// The longest narrowed text examined: key files are a few KiB; a longer wide-text "secret" is
/// not read past this (its first 4096 characters decide).
const MAX_TEXT: usize = 4096;

/// Whether `secret` is UTF-16 or UTF-32 text (either byte order, BOM or not) whose ASCII reading
/// is recognised key text.
pub(super) fn is_wide_key_text(secret: &[u8]) -> bool {
    // ASCII text in a wide encoding has a zero byte in every code unit; a secret without any
    // zero byte is not such text (the common case, decided without copying).
    if !secret.contains(&0) {
        return false;
    }
    let mut buf = [0u8; MAX_TEXT];
    [(2, false), (2, true), (4, false), (4, true)].into_iter().any(|(width, big_endian)| {
        let text = narrow(secret, width, big_endian, &mut buf);
        super::is_key_text(strip_bom(text).trim_ascii())
    })
}

/// JSON-shaped text with a `"kty"` member name anywhere: a JWK nested past the JSON parser's
/// depth limit, or inside a container (a JWK Set's `{"keys": [...]}`, an array of JWKs). Member
/// names are compared after unescaping (`"\u006bty"`). A shared secret is never such text.
pub(super) fn is_jwk_like_json(text: &[u8]) -> bool {
    if !matches!(text.first(), Some(b'{' | b'[')) {
        return false;
    }
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        if b != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let Some(end) = crate::json::string_end(text, start) else {
            return false;
        };
        // `string_end` returns the closing quote's index, so both slices exist; if they did not,
        // fail closed: text this guard cannot read is treated as key material.
        let (Some(name), Some(after)) = (text.get(start..end), text.get(end + 1..)) else {
            return true;
        };
        let after = after.trim_ascii_start();
        if after.first() == Some(&b':') && crate::json::raw_eq_str(name, "kty") {
            return true;
        }
        i = end + 1;
    }
    false
}

/// `secret` read as code units of `width` bytes, each ASCII unit as its byte and any other as
/// `?` (so JSON strings with non-ASCII content stay well formed), up to [`MAX_TEXT`] units.
fn narrow<'o>(secret: &[u8], width: usize, big_endian: bool, out: &'o mut [u8; MAX_TEXT]) -> &'o [u8] {
    let mut n = 0;
    for (slot, unit) in out.iter_mut().zip(secret.chunks_exact(width)) {
        let mut value: u32 = 0;
        for i in 0..width {
            let byte = if big_endian { unit.get(i) } else { unit.get(width - 1 - i) };
            value = (value << 8) | u32::from(byte.copied().unwrap_or(0));
        }
        *slot = u8::try_from(value).ok().filter(u8::is_ascii).unwrap_or(b'?');
        n += 1;
    }
    out.split_at(n.min(MAX_TEXT)).0
}

/// The text after a byte-order mark (U+FEFF, narrowed to `?`) if there is one.
fn strip_bom(text: &[u8]) -> &[u8] {
    text.strip_prefix(b"?").unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::super::looks_like_asymmetric_key;
    use super::*;

    const JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    const PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";

    /// `text` as UTF-16/UTF-32 in the given byte order, with a BOM if asked.
    fn wide(text: &str, width: usize, big_endian: bool, bom: bool) -> ([u8; 1024], usize) {
        let mut out = [0u8; 1024];
        let mut n = 0;
        let chars = bom.then_some('\u{feff}').into_iter().chain(text.chars());
        for c in chars {
            let v = u32::from(c);
            for i in 0..width {
                let shift = if big_endian { 8 * (width - 1 - i) } else { 8 * i };
                out[n] = (v >> shift) as u8;
                n += 1;
            }
        }
        (out, n)
    }

    #[test]
    fn wide_key_text_is_recognised_in_every_form() {
        for text in [JWK, PEM, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDmB5DYn9g user@host"] {
            for (width, big_endian, bom) in [
                (2, false, true),
                (2, false, false),
                (2, true, false),
                (4, false, true),
                (4, false, false),
                (4, true, false),
            ] {
                let (buf, n) = wide(text, width, big_endian, bom);
                assert!(looks_like_asymmetric_key(&buf[..n]), "{width} {big_endian} {bom}: {text}");
            }
        }
    }

    #[test]
    fn wide_non_key_text_is_a_secret() {
        let (buf, n) = wide(r#"{"this": "is just a json-shaped secret"}"#, 2, false, true);
        assert!(!looks_like_asymmetric_key(&buf[..n]));
        let (buf, n) = wide("an ordinary passphrase that is long enough", 4, true, false);
        assert!(!looks_like_asymmetric_key(&buf[..n]));
        // Zero bytes alone do not make key text.
        assert!(!looks_like_asymmetric_key(&[0u8; 64]));
    }

    #[test]
    fn jwk_nested_past_the_parser_limit_is_recognised() {
        let mut deep = [0u8; 2300];
        let head = br#"{"kty":"RSA","nested":"#;
        deep[..head.len()].copy_from_slice(head);
        let mut n = head.len();
        for b in core::iter::repeat_n(b'[', 1100).chain([b'0']).chain(core::iter::repeat_n(b']', 1100)).chain([b'}']) {
            deep[n] = b;
            n += 1;
        }
        assert!(looks_like_asymmetric_key(&deep[..n]));
        // The same nesting without a `kty` member is a (strange) secret, as PyJWT also holds.
        deep[2..5].copy_from_slice(b"xyz");
        assert!(!looks_like_asymmetric_key(&deep[..n]));
        assert!(!is_jwk_like_json(br#"{"note":"kty"}"#));
        assert!(!is_jwk_like_json(br#"["kty", "\"kty\":"]"#));
    }

    #[test]
    fn jwks_and_arrays_of_jwks_are_recognised() {
        assert!(looks_like_asymmetric_key(br#"{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b"}]}"#));
        assert!(looks_like_asymmetric_key(br#"[[{"kty":"RSA","n":"a","e":"AQAB"}]]"#));
        assert!(looks_like_asymmetric_key(br#"[{"\u006bty" : "RSA"}]"#));
        // Unterminated strings and lone quotes end the scan without a verdict.
        assert!(!looks_like_asymmetric_key(br#"{"kty"#));
        assert!(!looks_like_asymmetric_key(br#"["\"#));
    }
}
