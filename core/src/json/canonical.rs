//! In-place canonicalisation of validated JSON strings: every escape that
//! was not needed (`"\/"`, `"\u0061"`) becomes its plain form, and the ones
//! that are needed take the form of the one [escape table](super::escape).

use super::Unescape;
use super::escape::escape;

/// Rewrites every escaped string in a validated document into its shortest
/// form, in place. Strings keep their start offset; the bytes freed at the
/// end become spaces after the closing quote, so the document stays valid
/// and means the same.
pub(crate) fn canonicalize_strings(buf: &mut [u8]) {
    let mut i = 0;
    while let Some(&b) = buf.get(i) {
        if b != b'"' {
            i = i.saturating_add(1);
            continue;
        }
        let start = i.saturating_add(1);
        let Some(end) = string_end(buf, start) else {
            return;
        };
        let has_escape = buf.get(start..end).is_some_and(|c| c.contains(&b'\\'));
        if has_escape {
            rewrite_string(buf, start, end);
        }
        i = end.saturating_add(1);
    }
}

/// Index of the closing quote of the string whose content starts at `start`.
pub(crate) fn string_end(buf: &[u8], start: usize) -> Option<usize> {
    let mut j = start;
    loop {
        match buf.get(j)? {
            b'"' => return Some(j),
            b'\\' => j = j.checked_add(2)?,
            _ => j = j.checked_add(1)?,
        }
    }
}

fn rewrite_string(buf: &mut [u8], start: usize, end: usize) {
    let mut r = start;
    let mut w = start;
    while r < end {
        let Some(&b) = buf.get(r) else { return };
        if b != b'\\' {
            if let Some(slot) = buf.get_mut(w) {
                *slot = b;
            }
            r += 1;
            w += 1;
            continue;
        }
        // Decode one escape (a surrogate pair counts as one) from a copy of
        // at most 12 bytes, then write its canonical form, which is never
        // longer than the escape it replaces.
        let mut esc = [0u8; 12];
        let avail = end.saturating_sub(r).min(12);
        if let (Some(dst), Some(src)) = (esc.get_mut(..avail), buf.get(r..r.saturating_add(avail))) {
            dst.copy_from_slice(src);
        }
        let Some(escape_text) = esc.get(..avail) else { return };
        let mut it = Unescape::new(escape_text);
        let Some(c) = it.next() else { return };
        let consumed = avail.saturating_sub(it.rest.len());
        let mut utf8 = [0u8; 4];
        // ASCII goes through the one escape table (needed escapes keep its form); anything else
        // is written as UTF-8, which is never longer than the escape it replaces.
        let escaped = u8::try_from(c).ok().and_then(escape);
        let text: &[u8] = match &escaped {
            Some(e) => e.as_bytes(),
            None => c.encode_utf8(&mut utf8).as_bytes(),
        };
        if let Some(dst) = buf.get_mut(w..w.saturating_add(text.len())) {
            dst.copy_from_slice(text);
        }
        r = r.saturating_add(consumed);
        w = w.saturating_add(text.len());
    }
    if let Some(q) = buf.get_mut(w) {
        *q = b'"';
    }
    if let Some(freed) = buf.get_mut(w.saturating_add(1)..=end) {
        freed.fill(b' ');
    }
}
