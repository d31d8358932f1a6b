//! An ECDSA signature's JOSE form (`r || s`, RFC 7518 §3.4) as the DER
//! `SEQUENCE { INTEGER r, INTEGER s }` (RFC 3279 §2.2.3) that OpenSSL reads
//! natively: handed to `node:crypto` with the raw form, it saves Node's own
//! conversion and its options object on every verification (about 1 µs of
//! an ES256 verify here). Only a conversion: the core has checked the
//! signature's length and `0 < r, s < n` before it is called.

/// The longest DER form written here: ES512's two 66-byte halves, each an
/// INTEGER of 2 header bytes, a zero pad byte and 66 digits, in a SEQUENCE
/// with a 3-byte header (long length form).
const MAX_DER: usize = 3 + 2 * (2 + 1 + 66);

/// An ECDSA signature in DER, written into a fixed buffer: the one-call
/// verify converts one per token, and two heap allocations per verification
/// cost more than the conversion.
pub(crate) struct Der {
    bytes: [u8; MAX_DER],
    len: usize,
}

impl Der {
    /// The DER bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    fn push(&mut self, b: u8) -> Option<()> {
        *self.bytes.get_mut(self.len)? = b;
        self.len += 1;
        Some(())
    }

    fn extend(&mut self, s: &[u8]) -> Option<()> {
        self.bytes.get_mut(self.len..self.len.checked_add(s.len())?)?.copy_from_slice(s);
        self.len += s.len();
        Some(())
    }

    /// A DER length below 256 (all this module writes): short form below
    /// 128, else `0x81` and one byte.
    fn push_len(&mut self, len: usize) -> Option<()> {
        let l = u8::try_from(len).ok()?;
        if l >= 0x80 {
            self.push(0x81)?;
        }
        self.push(l)
    }

    /// A non-negative big-endian integer as a DER INTEGER (see [`Integer`]).
    fn push_integer(&mut self, i: &Integer<'_>) -> Option<()> {
        self.push(0x02)?;
        self.push_len(i.content_len())?;
        if i.pad {
            self.push(0)?;
        }
        self.extend(i.digits)
    }
}

/// A non-negative big-endian integer's DER content: leading zeros dropped
/// (one kept for zero), a zero byte prepended when the top bit is set.
struct Integer<'a> {
    digits: &'a [u8],
    pad: bool,
}

impl<'a> Integer<'a> {
    fn of(be: &'a [u8]) -> Self {
        let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
        let digits = be.get(first..).filter(|d| !d.is_empty()).unwrap_or(&[0]);
        Integer { digits, pad: digits.first().is_some_and(|&b| b & 0x80 != 0) }
    }

    fn content_len(&self) -> usize {
        self.digits.len() + usize::from(self.pad)
    }

    /// The whole INTEGER: tag, one length byte (content is at most 67), content.
    fn der_len(&self) -> usize {
        2 + self.content_len()
    }
}

/// `raw` (`r || s`, two equal halves of at most 66 bytes) in DER, or None
/// for a length no ECDSA algorithm has.
pub(crate) fn ecdsa_der(raw: &[u8]) -> Option<Der> {
    if raw.is_empty() || !raw.len().is_multiple_of(2) || raw.len() > 2 * 66 {
        return None;
    }
    let (r, s) = raw.split_at_checked(raw.len() / 2)?;
    let (r, s) = (Integer::of(r), Integer::of(s));
    let mut out = Der { bytes: [0; MAX_DER], len: 0 };
    out.push(0x30)?;
    out.push_len(r.der_len() + s.der_len())?;
    out.push_integer(&r)?;
    out.push_integer(&s)?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::ecdsa_der;

    #[test]
    fn small_integers_are_minimal() {
        // r = 1, s = 0x7f: no padding, leading zeros dropped.
        let mut raw = [0u8; 64];
        raw[31] = 1;
        raw[63] = 0x7f;
        assert_eq!(ecdsa_der(&raw).map(|d| d.as_bytes().to_vec()), Some(vec![0x30, 6, 0x02, 1, 1, 0x02, 1, 0x7f]));
    }

    #[test]
    fn top_bit_gets_a_zero_byte() {
        // r = 0x80 00 .. 00 (32 bytes), s = 0x00 ff (as 32 bytes: 30 zeros, 0x00, 0xff).
        let mut raw = [0u8; 64];
        raw[0] = 0x80;
        raw[63] = 0xff;
        let der = ecdsa_der(&raw).expect("valid length");
        let der = der.as_bytes();
        let mut want = vec![0x30, 2 + 33 + 2 + 2, 0x02, 33, 0x00, 0x80];
        want.extend_from_slice(&[0u8; 31]);
        want.extend_from_slice(&[0x02, 2, 0x00, 0xff]);
        assert_eq!(der, want.as_slice());
    }

    #[test]
    fn es512_uses_the_long_length_form() {
        // Two 66-byte halves with the top bit set: 2 * (2 + 67) = 138 bytes of body.
        let raw = [0xffu8; 132];
        let der = ecdsa_der(&raw).expect("valid length");
        let der = der.as_bytes();
        assert_eq!(der.get(..3), Some(&[0x30, 0x81, 138][..]));
        assert_eq!(der.len(), 3 + 138);
        assert_eq!(der.get(3..6), Some(&[0x02, 67, 0x00][..]));
    }

    #[test]
    fn lengths_no_ecdsa_algorithm_has_are_refused() {
        assert!(ecdsa_der(&[]).is_none());
        assert!(ecdsa_der(&[1u8; 63]).is_none());
        assert!(ecdsa_der(&[1u8; 134]).is_none());
    }
}
