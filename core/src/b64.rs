//! Strict, canonical, unpadded base64url (RFC 4648 §5) into caller buffers.
//!
//! Token segments are public, so they go through a table decoder that is fast
//! but branches on the data. Secret material (JWK `k` and `d`, session IDs,
//! cookie tags) goes through [`decode_secret`], which computes each sextet
//! with arithmetic alone: no branch and no table index depends on a byte.
//!
//! Both decoders accept exactly one spelling per byte string: no padding, no
//! whitespace, no `+`/`/`, no length ≡ 1 (mod 4) and no non-zero unused bits
//! in the last character (RFC 4648 §3.5), so a token has exactly one
//! encoding and denylists keyed on token text cannot be bypassed.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The decoded length of `encoded_len` base64url characters, or `None` when
/// no canonical encoding has that length (≡ 1 mod 4).
pub(crate) const fn decoded_len(encoded_len: usize) -> Option<usize> {
    let full = encoded_len / 4 * 3;
    match encoded_len % 4 {
        0 => Some(full),
        2 => Some(full + 1),
        3 => Some(full + 2),
        _ => None,
    }
}

/// The encoded length of `len` bytes, unpadded.
pub(crate) const fn encoded_len(len: usize) -> usize {
    let full = len / 3 * 4;
    match len % 3 {
        0 => full,
        1 => full + 2,
        _ => full + 3,
    }
}

/// Why a decode failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// Not canonical unpadded base64url.
    Invalid,
    /// The output buffer is too small; the decoded length is attached.
    BufferTooSmall(usize),
}

/// Set in a [`PLACED`] entry for a byte outside the alphabet; above the 24
/// data bits a group of four characters fills, so one test of the OR of
/// every group finds any bad character.
const BAD: u32 = 1 << 31;

/// For each position in a group of four characters, each byte's sextet
/// already shifted into place (`BAD` for bytes outside the alphabet): a group
/// decodes with four lookups and three ORs, no shifts.
// Const evaluation: an out-of-range index here is a compile error, not a panic.
#[allow(clippy::indexing_slicing)]
const PLACED: [[u32; 256]; 4] = {
    let mut t = [[BAD; 256]; 4];
    let mut i = 0;
    while i < 64 {
        let c = ALPHABET[i] as usize;
        let v = i as u32;
        t[0][c] = v << 18;
        t[1][c] = v << 12;
        t[2][c] = v << 6;
        t[3][c] = v;
        i += 1;
    }
    t
};

#[inline(always)]
fn placed(position: usize, c: u8) -> u32 {
    // Both indices are in range (position < 4, a byte < 256), so `get` never misses.
    PLACED.get(position).and_then(|t| t.get(usize::from(c))).copied().unwrap_or(BAD)
}

/// The 24 bits of one group of four characters (`BAD` set if any is bad).
#[inline(always)]
fn group(a: u8, b: u8, c: u8, d: u8) -> u32 {
    placed(0, a) | placed(1, b) | placed(2, c) | placed(3, d)
}

/// Whether the length and the last character of `input` could end a
/// canonical encoding: the length is not ≡ 1 (mod 4), and the last character
/// is in the alphabet with its unused low bits zero. O(1): nothing before the
/// last character is read, so this says only that `input` is not *certainly*
/// malformed; [`decode`] still checks every character.
pub(crate) fn shape_ok(input: &[u8]) -> bool {
    let Some(&last) = input.last() else { return true };
    // Position 3 is the unshifted sextet (`BAD`, above 0x3F, for a byte outside the alphabet).
    let s = placed(3, last);
    let unused_bits = match input.len() % 4 {
        0 => 0,
        2 => 0x0F,
        3 => 0x03,
        _ => return false,
    };
    s <= 0x3F && s & unused_bits == 0
}

/// Decodes public data. Returns the written prefix of `out`.
pub(crate) fn decode<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], DecodeError> {
    let len = decoded_len(input.len()).ok_or(DecodeError::Invalid)?;
    let out = match out.get_mut(..len) {
        Some(o) => o,
        None => return Err(DecodeError::BufferTooSmall(len)),
    };
    let mut bad = 0u32;
    let (mut i, mut j) = (0usize, 0usize);
    // Eight characters at a time, written as one eight-byte store of which the first six are
    // the output (the other two are overwritten by the next block), while eight bytes of room
    // remain; token segments are most of what is decoded.
    while let (Some(&[a, b, c, d, e, f, g, h]), Some(dst)) =
        (input.get(i..i.wrapping_add(8)), out.get_mut(j..j.wrapping_add(8)))
    {
        let (hi, lo) = (group(a, b, c, d), group(e, f, g, h));
        bad |= hi | lo;
        let word = (u64::from(hi) << 40) | (u64::from(lo) << 16);
        dst.copy_from_slice(&word.to_be_bytes());
        i += 8;
        j += 6;
    }
    // The last groups of four, three bytes each.
    while let (Some(&[a, b, c, d]), Some(dst)) = (input.get(i..i.wrapping_add(4)), out.get_mut(j..j.wrapping_add(3))) {
        let n = group(a, b, c, d);
        bad |= n;
        if let Some(bytes) = n.to_be_bytes().get(1..) {
            dst.copy_from_slice(bytes);
        }
        i += 4;
        j += 3;
    }
    // Two or three characters: the bits below the last byte written are unused and must be 0
    // (RFC 4648 §3.5), so the encoding is canonical.
    match (input.get(i..).unwrap_or_default(), out.get_mut(j..).unwrap_or_default()) {
        ([], []) => {}
        ([a, b], [o0]) => {
            let n = placed(0, *a) | placed(1, *b);
            bad |= n | (u32::from(n & 0xFFFF != 0) << 31);
            *o0 = (n >> 16) as u8;
        }
        ([a, b, c], [o0, o1]) => {
            let n = placed(0, *a) | placed(1, *b) | placed(2, *c);
            bad |= n | (u32::from(n & 0xFF != 0) << 31);
            *o0 = (n >> 16) as u8;
            *o1 = (n >> 8) as u8;
        }
        _ => return Err(DecodeError::Invalid),
    }
    if bad & 0xFF00_0000 != 0 {
        return Err(DecodeError::Invalid);
    }
    Ok(out)
}

/// The sextet of base64url character `c`, or `u32::MAX` for a byte outside
/// the alphabet, without a branch or a table index that depends on `c`: each
/// range test is the sign of two differences, turned into a mask (the
/// technique of libsodium's and `base64ct`'s constant-time decoders).
#[inline(always)]
fn sextet_ct(c: u8) -> u32 {
    let c = i32::from(c);
    // All ones when lo <= c <= hi (both differences negative), zero otherwise; |c| < 256.
    let within = |lo: u8, hi: u8| ((i32::from(lo) - 1 - c) & (c - i32::from(hi) - 1)) >> 8;
    // Each range adds its sextet plus one; a byte in none leaves -1.
    let v = -1
        + (within(b'A', b'Z') & (c - i32::from(b'A') + 1))
        + (within(b'a', b'z') & (c - i32::from(b'a') + 27))
        + (within(b'0', b'9') & (c - i32::from(b'0') + 53))
        + (within(b'-', b'-') & 63)
        + (within(b'_', b'_') & 64);
    u32::from_ne_bytes(v.to_ne_bytes())
}

/// Decodes secret material in constant time with respect to its content
/// (only its length, which is public, and the final verdict branch), with
/// the same canonical rules as [`decode`].
///
/// Written here rather than taken from `base64ct` (whose decoder this
/// matches, as the tests check) for the verify-only WebAssembly module: the
/// crate's generic decoder and the re-encoding it validates with cost that
/// module about 1.5 kB of its 60 kB download (issue 22).
pub(crate) fn decode_secret<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], DecodeError> {
    let len = decoded_len(input.len()).ok_or(DecodeError::Invalid)?;
    let out = match out.get_mut(..len) {
        Some(o) => o,
        None => return Err(DecodeError::BufferTooSmall(len)),
    };
    // Any bit above the low six is set in `bad` by a byte outside the alphabet.
    let mut bad = 0u32;
    let mut sextets = |chars: &[u8]| {
        chars.iter().fold(0u32, |n, &c| {
            let s = sextet_ct(c);
            bad |= s;
            (n << 6) | (s & 0x3F)
        })
    };
    let mut groups = input.chunks_exact(4);
    let mut bytes = out.chunks_exact_mut(3);
    for (group, dst) in (&mut groups).zip(&mut bytes) {
        let n = sextets(group);
        if let Some(b) = n.to_be_bytes().get(1..) {
            dst.copy_from_slice(b);
        }
    }
    let tail = groups.remainder();
    let n = sextets(tail);
    // The bits below the last byte written must be zero (RFC 4648 §3.5): a canonical encoding.
    match (tail.len(), bytes.into_remainder()) {
        (0, []) => {}
        (2, [o0]) => {
            bad |= (n & 0x0F) << 8;
            *o0 = (n >> 4) as u8;
        }
        (3, [o0, o1]) => {
            bad |= (n & 0x03) << 8;
            *o0 = (n >> 10) as u8;
            *o1 = (n >> 2) as u8;
        }
        _ => return Err(DecodeError::Invalid),
    }
    if bad & !0x3F != 0 {
        return Err(DecodeError::Invalid);
    }
    Ok(out)
}

/// Encodes into `out`, returning the written prefix as `&str`.
pub(crate) fn encode<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o str, usize> {
    let n = encode_to(input, out)?;
    let written = out.get(..n).ok_or(n)?;
    // The alphabet is ASCII, so this cannot fail; map defensively anyway.
    core::str::from_utf8(written).map_err(|_| n)
}

/// Encodes one full 3-byte group.
#[inline]
pub(crate) fn encode_block(a: u8, b: u8, c: u8) -> [u8; 4] {
    let sym = |v: u32| ALPHABET.get((v & 0x3F) as usize).copied().unwrap_or(b'A');
    let n = (u32::from(a) << 16) | (u32::from(b) << 8) | u32::from(c);
    [sym(n >> 18), sym(n >> 12), sym(n >> 6), sym(n)]
}

/// Encodes into the start of `out`, returning the number of bytes written, or
/// the number needed when `out` is too small.
pub(crate) fn encode_to(input: &[u8], out: &mut [u8]) -> Result<usize, usize> {
    let len = encoded_len(input.len());
    let out = out.get_mut(..len).ok_or(len)?;
    let mut in_chunks = input.chunks_exact(3);
    let mut out_chunks = out.chunks_exact_mut(4);
    let sym = |v: u32| ALPHABET.get((v & 0x3F) as usize).copied().unwrap_or(b'A');
    for (i, o) in (&mut in_chunks).zip(&mut out_chunks) {
        if let ([a, b, c], [o0, o1, o2, o3]) = (i, o) {
            let n = (u32::from(*a) << 16) | (u32::from(*b) << 8) | u32::from(*c);
            *o0 = sym(n >> 18);
            *o1 = sym(n >> 12);
            *o2 = sym(n >> 6);
            *o3 = sym(n);
        }
    }
    match (in_chunks.remainder(), out_chunks.into_remainder()) {
        ([a], [o0, o1]) => {
            let n = u32::from(*a) << 16;
            *o0 = sym(n >> 18);
            *o1 = sym(n >> 12);
        }
        ([a, b], [o0, o1, o2]) => {
            let n = (u32::from(*a) << 16) | (u32::from(*b) << 8);
            *o0 = sym(n >> 18);
            *o1 = sym(n >> 12);
            *o2 = sym(n >> 6);
        }
        _ => {}
    }
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Result<([u8; 64], usize), DecodeError> {
        let mut buf = [0u8; 64];
        let n = decode(s.as_bytes(), &mut buf)?.len();
        Ok((buf, n))
    }

    #[test]
    fn rfc4648_vectors() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (raw, enc) in cases {
            let mut out = [0u8; 16];
            assert_eq!(encode(raw, &mut out).unwrap(), enc);
            let (buf, n) = dec(enc).unwrap();
            assert_eq!(&buf[..n], raw);
            let mut s = [0u8; 16];
            assert_eq!(decode_secret(enc.as_bytes(), &mut s).unwrap(), raw);
        }
    }

    #[test]
    fn url_alphabet_only() {
        assert_eq!(dec("-_-_").unwrap().1, 3);
        for bad in ["+/+/", "Zg==", "Zm9v ", " Zm9v", "Zm\n9v", "Z", "Zm9vY", "Zm9v=", "Z!9v"] {
            assert_eq!(dec(bad), Err(DecodeError::Invalid), "{bad:?}");
            let mut s = [0u8; 16];
            assert!(decode_secret(bad.as_bytes(), &mut s).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn non_canonical_trailing_bits() {
        // "Zg" is canonical for "f"; "Zh".."Zv" set unused bits.
        assert!(dec("Zg").is_ok());
        for bad in ["Zh", "Zi", "Zv", "Zm9", "Zm8"] {
            let r = dec(bad);
            if bad == "Zm8" {
                assert!(r.is_ok());
            } else if bad == "Zm9" {
                assert_eq!(r, Err(DecodeError::Invalid));
            } else {
                assert_eq!(r, Err(DecodeError::Invalid), "{bad}");
            }
        }
    }

    #[test]
    fn small_buffer_reports_needed() {
        let mut out = [0u8; 2];
        assert_eq!(decode(b"Zm9v", &mut out), Err(DecodeError::BufferTooSmall(3)));
        assert_eq!(encode_to(b"foo", &mut out), Err(4));
    }

    #[test]
    fn every_length_and_every_bad_position_agrees_with_base64ct() {
        // The eight-character blocks and the four-character tail must give base64ct's verdict
        // and bytes for every length (all block/tail splits) and a bad character anywhere.
        let data: [u8; 40] = core::array::from_fn(|i| (i as u8).wrapping_mul(73).wrapping_add(11));
        for n in 0..=data.len() {
            let mut enc = [0u8; 64];
            let e = encode_to(&data[..n], &mut enc).unwrap();
            let mut d = [0u8; 64];
            assert_eq!(decode(&enc[..e], &mut d).unwrap(), &data[..n], "length {n}");
            for at in 0..e {
                for bad in [b'=', b'+', b'/', b' ', 0x80, b'.'] {
                    let mut t = enc;
                    t[at] = bad;
                    assert_eq!(decode(&t[..e], &mut d), Err(DecodeError::Invalid), "{n} {at} {bad}");
                }
            }
            // A non-zero unused bit in the last character is refused, as base64ct does.
            if !e.is_multiple_of(4) {
                let mut t = enc;
                t[e - 1] = ALPHABET[ALPHABET.iter().position(|&a| a == t[e - 1]).unwrap() | 1];
                let mut s = [0u8; 64];
                assert_eq!(decode(&t[..e], &mut d).is_ok(), decode_secret(&t[..e], &mut s).is_ok(), "{n}");
                assert!(decode(&t[..e], &mut d).is_err(), "{n}");
            }
        }
    }

    #[test]
    fn the_constant_time_sextet_is_the_alphabet_position_for_every_byte() {
        for c in 0..=255u8 {
            let expected = ALPHABET.iter().position(|&a| a == c).map_or(u32::MAX, |i| i as u32);
            assert_eq!(sextet_ct(c), expected, "byte {c}");
        }
    }

    #[test]
    fn the_secret_decoder_gives_base64cts_verdict_and_bytes() {
        use base64ct::{Base64UrlUnpadded, Encoding};
        // Every length (every tail), a bad byte at every position, every last character; under
        // Miri (scripts/miri.sh) the short lengths and two bad bytes, which still reach every
        // branch, as the whole grid takes minutes there.
        // (Every 13th last character: A, N, a, n, 0, with both zero and non-zero unused bits.)
        let (lengths, bad_bytes, last_step): (usize, &[u8], usize) = if cfg!(miri) {
            (9, &[b'=', 0x80], 13)
        } else {
            (40, &[b'=', b'+', b'/', b' ', 0x80, 0xFF, 0, b'.', b'@', b'[', b'`', b'{', b':'], 1)
        };
        let data: [u8; 40] = core::array::from_fn(|i| (i as u8).wrapping_mul(151).wrapping_add(7));
        let (mut ours, mut theirs) = ([0u8; 64], [0u8; 64]);
        let mut agree = |t: &[u8]| {
            let a = decode_secret(t, &mut ours).map(<[u8]>::to_vec);
            let b = Base64UrlUnpadded::decode(t, &mut theirs).map(<[u8]>::to_vec);
            assert_eq!(a.ok(), b.ok(), "{:?}", core::str::from_utf8(t));
        };
        for n in 0..=lengths {
            let mut enc = [0u8; 64];
            let e = encode_to(&data[..n], &mut enc).unwrap();
            agree(&enc[..e]);
            for at in 0..e {
                for &bad in bad_bytes {
                    let mut t = enc;
                    t[at] = bad;
                    agree(&t[..e]);
                }
            }
            if e > 0 {
                for last in ALPHABET.iter().step_by(last_step) {
                    let mut t = enc;
                    t[e - 1] = *last;
                    agree(&t[..e]);
                }
            }
        }
        let mut small = [0u8; 2];
        assert_eq!(decode_secret(b"Zm9v", &mut small), Err(DecodeError::BufferTooSmall(3)));
    }

    #[test]
    fn shape_check_is_the_decoders_verdict_on_the_last_character() {
        // With every other character valid, the O(1) shape check and the full decoder must agree
        // for every length and every possible last byte; so the shape check never refuses a
        // canonical segment, and refuses exactly what the tail alone proves malformed.
        for len in 1..=9usize {
            for last in 0..=255u8 {
                let mut input = [b'A'; 9];
                input[len - 1] = last;
                let mut d = [0u8; 16];
                let decodes = decode(&input[..len], &mut d).is_ok();
                assert_eq!(shape_ok(&input[..len]), decodes, "length {len}, last byte {last}");
            }
        }
        assert!(shape_ok(b""));
        // Only the tail is read: a bad character before it is the decoder's to find.
        assert!(shape_ok(b"A=AA"));
    }

    #[test]
    fn exhaustive_two_byte_round_trip() {
        for a in 0..=255u8 {
            for b in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut e = [0u8; 4];
                let n = encode_to(&[a, b], &mut e).unwrap();
                let mut d = [0u8; 4];
                assert_eq!(decode(&e[..n], &mut d).unwrap(), &[a, b]);
            }
        }
    }
}
