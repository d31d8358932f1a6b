//! Finding the end of a run of plain string content, shared by the gate and
//! the deserializer: strings are most of a token's bytes, so both step over
//! them eight bytes at a time.

/// The index of the first byte at or after `pos` that a string reader must
/// act on: `"`, `\` or a control character (below 0x20); `s.len()` if there
/// is none. Bytes with the high bit set count as plain, so UTF-8 sequences
/// are stepped over whole.
#[inline]
pub(super) fn plain_end(s: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // "Some byte is below n" (n <= 0x80), the classic borrow test: it never misses, may also
    // flag bytes above a flagged one but never below it, so the lowest flag is the first special
    // byte. Bytes with the high bit set never trigger it.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !w & HIGH;
    while let Some(word) = s.get(pos..pos.saturating_add(8)).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(word);
        let special = below(w, 0x20) | below(w ^ ONES.wrapping_mul(0x22), 1) | below(w ^ ONES.wrapping_mul(0x5C), 1);
        if special != 0 {
            // Little-endian load: byte i is bits 8i..8i+8, flagged at bit 8i+7.
            return pos.saturating_add((special.trailing_zeros() / 8) as usize);
        }
        pos = pos.saturating_add(8);
    }
    while let Some(&b) = s.get(pos) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return pos;
        }
        pos = pos.saturating_add(1);
    }
    pos
}

/// The index of the first `"` or `\\` at or after `pos` (`s.len()` if
/// none): the end of plain content in text the gate has passed, where raw
/// control characters cannot occur, so one test fewer per word than
/// [`plain_end`].
#[inline]
pub(super) fn quote_or_backslash(s: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The zero-byte test on the word XORed with each target byte; as in `plain_end`, the lowest
    // flag is exact.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = s.get(pos..pos.saturating_add(8)).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(word);
        let found = zero(w ^ ONES.wrapping_mul(0x22)) | zero(w ^ ONES.wrapping_mul(0x5C));
        if found != 0 {
            return pos.saturating_add((found.trailing_zeros() / 8) as usize);
        }
        pos = pos.saturating_add(8);
    }
    while let Some(&b) = s.get(pos) {
        if b == b'"' || b == b'\\' {
            return pos;
        }
        pos = pos.saturating_add(1);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::{plain_end, quote_or_backslash};

    /// The word test against the byte-by-byte definition, for every special byte at every
    /// offset of a 20-byte run (both the word loop and the tail loop), with plain ASCII and
    /// UTF-8 around it.
    #[test]
    fn finds_the_first_special_byte_at_every_offset() {
        let naive = |s: &[u8], from: usize| {
            (from..s.len()).find(|&i| s[i] == b'"' || s[i] == b'\\' || s[i] < 0x20).unwrap_or(s.len())
        };
        for fill in [b'a', 0xC3, 0x7F, b'!', b'#', b'[', b']', 0x20] {
            for special in [b'"', b'\\', 0x00, 0x1F, 0x0A] {
                for at in 0..20 {
                    let mut s = [fill; 20];
                    s[at] = special;
                    for from in 0..=20 {
                        assert_eq!(
                            plain_end(&s, from),
                            naive(&s, from),
                            "fill {fill:#x} special {special:#x} at {at} from {from}"
                        );
                    }
                }
            }
            let s = [fill; 13];
            assert_eq!(plain_end(&s, 0), 13);
            assert_eq!(plain_end(&s, 99), 99);
            assert_eq!(quote_or_backslash(&s, 0), 13);
        }
    }

    #[test]
    fn finds_the_first_quote_or_backslash_at_every_offset() {
        let naive = |s: &[u8], from: usize| (from..s.len()).find(|&i| s[i] == b'"' || s[i] == b'\\').unwrap_or(s.len());
        for fill in [b'a', 0xC3, 0x7F, b'!', b'#', b'[', b']', 0x5D, 0x21, 0x23, 0xA2, 0xDC] {
            for special in [b'"', b'\\'] {
                for at in 0..20 {
                    let mut s = [fill; 20];
                    s[at] = special;
                    s[(at * 7 + 3) % 20] = special;
                    for from in 0..=20 {
                        assert_eq!(quote_or_backslash(&s, from), naive(&s, from), "{fill:#x} {special:#x} {at} {from}");
                    }
                }
            }
        }
    }
}
