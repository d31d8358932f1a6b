//! An ECDSA signature's JOSE form (`r || s`, RFC 7518 §3.4) as the DER
//! `SEQUENCE { INTEGER r, INTEGER s }` (RFC 3279 §2.2.3) that OpenSSL reads
//! natively: handed to `node:crypto` with the raw form, it saves Node's own
//! conversion and its options object on every verification (about 1 µs of
//! an ES256 verify here). Only a conversion: the core has checked the
//! signature's length and `0 < r, s < n` before it is called.

/// `raw` (`r || s`, two equal halves of at most 66 bytes) in DER, or None
/// for a length no ECDSA algorithm has.
pub(crate) fn ecdsa_der(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.is_empty() || !raw.len().is_multiple_of(2) || raw.len() > 2 * 66 {
        return None;
    }
    let (r, s) = raw.split_at_checked(raw.len() / 2)?;
    let mut body = Vec::with_capacity(raw.len() + 6);
    push_integer(&mut body, r)?;
    push_integer(&mut body, s)?;
    let mut out = Vec::with_capacity(body.len() + 3);
    out.push(0x30);
    push_len(&mut out, body.len())?;
    out.extend_from_slice(&body);
    Some(out)
}

/// A non-negative big-endian integer as a DER INTEGER: leading zeros
/// dropped (one kept for zero), a zero byte prepended when the top bit is set.
fn push_integer(out: &mut Vec<u8>, be: &[u8]) -> Option<()> {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    let digits = be.get(first..).filter(|d| !d.is_empty()).unwrap_or(&[0]);
    let pad = digits.first().is_some_and(|&b| b & 0x80 != 0);
    out.push(0x02);
    push_len(out, digits.len() + usize::from(pad))?;
    if pad {
        out.push(0);
    }
    out.extend_from_slice(digits);
    Some(())
}

/// A DER length below 256 (all this module writes): short form below 128,
/// else `0x81` and one byte.
fn push_len(out: &mut Vec<u8>, len: usize) -> Option<()> {
    let l = u8::try_from(len).ok()?;
    if l >= 0x80 {
        out.push(0x81);
    }
    out.push(l);
    Some(())
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
        assert_eq!(ecdsa_der(&raw), Some(vec![0x30, 6, 0x02, 1, 1, 0x02, 1, 0x7f]));
    }

    #[test]
    fn top_bit_gets_a_zero_byte() {
        // r = 0x80 00 .. 00 (32 bytes), s = 0x00 ff (as 32 bytes: 30 zeros, 0x00, 0xff).
        let mut raw = [0u8; 64];
        raw[0] = 0x80;
        raw[63] = 0xff;
        let der = ecdsa_der(&raw).expect("valid length");
        let mut want = vec![0x30, 2 + 33 + 2 + 2, 0x02, 33, 0x00, 0x80];
        want.extend_from_slice(&[0u8; 31]);
        want.extend_from_slice(&[0x02, 2, 0x00, 0xff]);
        assert_eq!(der, want);
    }

    #[test]
    fn es512_uses_the_long_length_form() {
        // Two 66-byte halves with the top bit set: 2 * (2 + 67) = 138 bytes of body.
        let raw = [0xffu8; 132];
        let der = ecdsa_der(&raw).expect("valid length");
        assert_eq!(der.get(..3), Some(&[0x30, 0x81, 138][..]));
        assert_eq!(der.len(), 3 + 138);
        assert_eq!(der.get(3..6), Some(&[0x02, 67, 0x00][..]));
    }

    #[test]
    fn lengths_no_ecdsa_algorithm_has_are_refused() {
        assert_eq!(ecdsa_der(&[]), None);
        assert_eq!(ecdsa_der(&[1u8; 63]), None);
        assert_eq!(ecdsa_der(&[1u8; 134]), None);
    }
}
