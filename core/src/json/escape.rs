//! The one escape table. Every JSON string the crate writes (the header
//! writer, the `serde` serializer, JWK output) and every string the
//! canonicaliser rewrites uses it, so the same text always becomes the same
//! bytes.
//!
//! The forms are the ones serde_json, Python's `json.dumps` and JavaScript's
//! `JSON.stringify` produce: `\"`, `\\`, the short escapes `\b` `\f` `\n`
//! `\r` `\t`, and `\u00xx` (lowercase hex) for the other control characters.
//! Nothing else is escaped (`/` and non-ASCII are written as themselves).

/// For each byte: 0 when it is written as itself, otherwise the character
/// after the backslash (`u` for the `\u00xx` form).
// Const evaluation: an out-of-range index here is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x0C] = b'f';
    t[b'\n' as usize] = b'n';
    t[b'\r' as usize] = b'r';
    t[b'\t' as usize] = b't';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// An escape sequence: two or six bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escape {
    bytes: [u8; 6],
    len: usize,
}

impl Escape {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        // `len` is 2 or 6 by construction; the clamp only makes this total.
        self.bytes.split_at(self.len.min(6)).0
    }
}

/// The escape for `b` inside a JSON string, or `None` when `b` (an ASCII
/// character other than `"`, `\` and controls, or any byte of a multi-byte
/// UTF-8 sequence) is written as itself.
#[inline]
pub(crate) fn escape(b: u8) -> Option<Escape> {
    match TABLE.get(usize::from(b)).copied().unwrap_or(0) {
        0 => None,
        b'u' => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex = |n: u8| HEX.get(usize::from(n & 0xF)).copied().unwrap_or(b'0');
            Some(Escape { bytes: [b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b)], len: 6 })
        }
        short => Some(Escape { bytes: [b'\\', short, 0, 0, 0, 0], len: 2 }),
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    fn esc(b: u8) -> Option<std::vec::Vec<u8>> {
        escape(b).map(|e| e.as_bytes().to_vec())
    }

    #[test]
    fn matches_serde_json_for_every_byte() {
        // serde_json is the reference the Python and JS encoders agree with for these bytes.
        for b in 0u8..=0x7F {
            let s = std::string::String::from(char::from(b));
            let reference = serde_json::to_string(&s).unwrap();
            let inner = &reference.as_bytes()[1..reference.len() - 1];
            let ours = esc(b).unwrap_or_else(|| std::vec![b]);
            assert_eq!(ours, inner, "byte {b:#04x}");
        }
        for b in 0x80u8..=0xFF {
            assert!(esc(b).is_none(), "byte {b:#04x} is part of UTF-8 text");
        }
    }

    #[test]
    fn short_forms_for_b_and_f() {
        assert_eq!(esc(0x08).unwrap(), b"\\b");
        assert_eq!(esc(0x0C).unwrap(), b"\\f");
        assert_eq!(esc(0x1F).unwrap(), b"\\u001f");
        assert!(esc(b'/').is_none());
    }
}
