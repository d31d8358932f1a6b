//! The output cursor every writer in the crate appends through, and the
//! JSON string writer on top of it.

use core::fmt;

use super::escape::escape;
use crate::error::Error;

/// Appends to a caller's buffer. A write that does not fit fails with
/// [`Error::BufferTooSmall`] naming the length the whole output needs so
/// far, and leaves the cursor where it was; the written part is only ever
/// the prefix the cursor has vouched for.
#[derive(Debug)]
pub(crate) struct Cursor<'o> {
    out: &'o mut [u8],
    pos: usize,
}

impl<'o> Cursor<'o> {
    pub(crate) fn new(out: &'o mut [u8]) -> Self {
        Cursor { out, pos: 0 }
    }

    /// Bytes written so far.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Appends `bytes`.
    pub(crate) fn put(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let end = self.pos.checked_add(bytes.len()).ok_or(Error::BufferTooSmall { needed: usize::MAX })?;
        let dst = self.out.get_mut(self.pos..end).ok_or(Error::BufferTooSmall { needed: end })?;
        dst.copy_from_slice(bytes);
        self.pos = end;
        Ok(())
    }

    /// Appends `bytes` base64url-encoded (unpadded).
    pub(crate) fn put_b64(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let pos = self.pos;
        let n = crate::b64::encode_to(bytes, self.unwritten())
            .map_err(|k| Error::BufferTooSmall { needed: pos.saturating_add(k) })?;
        self.advance(n)
    }

    /// The space after the written part, for a writer that reports how much
    /// it used through [`advance`](Self::advance).
    pub(crate) fn unwritten(&mut self) -> &mut [u8] {
        let pos = self.pos.min(self.out.len());
        self.out.split_at_mut(pos).1
    }

    /// The whole buffer, for in-place transforms of the written part and
    /// what follows it.
    pub(crate) fn buffer(&mut self) -> &mut [u8] {
        self.out
    }

    /// Marks `n` more bytes as written (after a writer filled them).
    pub(crate) fn advance(&mut self, n: usize) -> Result<(), Error> {
        let end = self.pos.checked_add(n).ok_or(Error::BufferTooSmall { needed: usize::MAX })?;
        if end > self.out.len() {
            return Err(Error::BufferTooSmall { needed: end });
        }
        self.pos = end;
        Ok(())
    }

    /// The written part.
    pub(crate) fn written(&self) -> &[u8] {
        self.out.split_at(self.pos.min(self.out.len())).0
    }

    /// The written part, for the buffer's whole lifetime.
    pub(crate) fn into_written(self) -> &'o mut [u8] {
        let pos = self.pos.min(self.out.len());
        self.out.split_at_mut(pos).0
    }

    /// Appends `s` as a JSON string literal, quotes included, escaped by the
    /// one [escape table](super::escape).
    pub(crate) fn put_json_str(&mut self, s: &str) -> Result<(), Error> {
        self.put(b"\"")?;
        let mut rest = s.as_bytes();
        while let Some(i) = rest.iter().position(|&b| escape(b).is_some()) {
            let (run, tail) = rest.split_at(i);
            self.put(run)?;
            let Some((&b, tail)) = tail.split_first() else { break };
            if let Some(e) = escape(b) {
                self.put(e.as_bytes())?;
            }
            rest = tail;
        }
        self.put(rest)?;
        self.put(b"\"")
    }
}

/// `write!` into a cursor (numbers, `Display` values).
impl fmt::Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.put(s.as_bytes()).map_err(|_| fmt::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_fails_without_moving() {
        let mut buf = [0u8; 4];
        let mut c = Cursor::new(&mut buf);
        c.put(b"ab").unwrap();
        assert_eq!(c.put(b"cde"), Err(Error::BufferTooSmall { needed: 5 }));
        assert_eq!(c.written(), b"ab");
        c.put(b"cd").unwrap();
        assert_eq!(c.into_written(), b"abcd");
    }

    #[test]
    fn advance_is_bounded() {
        let mut buf = [0u8; 4];
        let mut c = Cursor::new(&mut buf);
        assert_eq!(c.advance(5), Err(Error::BufferTooSmall { needed: 5 }));
        assert_eq!(c.pos(), 0);
        c.unwritten()[..2].copy_from_slice(b"xy");
        c.advance(2).unwrap();
        assert_eq!(c.written(), b"xy");
    }

    #[test]
    fn b64_reports_the_total_needed() {
        let mut buf = [0u8; 4];
        let mut c = Cursor::new(&mut buf);
        c.put(b"..").unwrap();
        assert_eq!(c.put_b64(b"abc"), Err(Error::BufferTooSmall { needed: 6 }));
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = [0u8; 40];
        let mut c = Cursor::new(&mut out);
        c.put_json_str("a\"b\\\n\u{1}\u{8}é").unwrap();
        assert_eq!(c.written(), "\"a\\\"b\\\\\\n\\u0001\\bé\"".as_bytes());
        let mut small = [0u8; 2];
        assert!(Cursor::new(&mut small).put_json_str("abc").is_err());
    }
}
