//! The strict gate ([`validate`]) and the decoding of string contents
//! ([`Unescape`]) that member-name comparisons use.

use super::{JsonError, Kind, MAX_DEPTH, MAX_LIVE_KEYS, MAX_NUMBER_LEN, Member, Summary};

/// Member names a parse tracks inline before it restarts with room for
/// [`MAX_LIVE_KEYS`]: enough for every token seen in practice (ten-odd claims
/// plus a nested object or two), and small enough that setting up the stack
/// costs nothing next to the parse (the full one is 3 KiB, cleared per call).
const SMALL_LIVE_KEYS: usize = 32;

/// Validates `input` as one JSON object, calling `on_member` for each
/// top-level member in order (each exactly once).
pub(crate) fn validate(input: &[u8], on_member: &mut dyn FnMut(&Member)) -> Result<Summary, JsonError> {
    if core::str::from_utf8(input).is_err() {
        return Err(JsonError::Invalid);
    }
    gate(input, on_member)
}

/// [`validate`] without its UTF-8 check, for callers that check UTF-8 once
/// afterwards on the canonical text ([`canonical_text`]) instead of twice.
/// Bytes that are not UTF-8 read as string content here, so the verdict on
/// such input is only final once that check has run.
pub(crate) fn gate(input: &[u8], on_member: &mut dyn FnMut(&Member)) -> Result<Summary, JsonError> {
    if u32::try_from(input.len()).is_err() {
        return Err(JsonError::Invalid);
    }
    // The small stack behaves exactly like the full one until it runs out of room, so its
    // verdict stands unless it ran out; then the document is parsed again from the start with
    // the full stack, which reports only the top-level members the first pass had not.
    // The stacks are lent to one parser type rather than sized by a const generic: two copies of
    // the parser cost the verify-only WebAssembly module 2 kB, and a slice is as fast here.
    let mut small_keys = [Name::EMPTY; SMALL_LIVE_KEYS];
    let mut small = Parser::new(input, &mut small_keys, 0);
    match small.document(on_member) {
        Err(JsonError::Limit) if small.live_overflow => {
            let reported = small.reported;
            let mut full_keys = [Name::EMPTY; MAX_LIVE_KEYS];
            Parser::new(input, &mut full_keys, reported).document(on_member)
        }
        verdict => verdict,
    }
}

/// Finishes a [`gate`] over `buf`: the verdict [`validate`] would give (text
/// that is not UTF-8 is [`JsonError::Invalid`] whatever else is wrong with
/// it), then the strings canonicalised in place, then the text, its UTF-8
/// checked once (twice only when there were escapes to rewrite).
pub(crate) fn canonical_text(buf: &mut [u8], gated: Result<Summary, JsonError>) -> Result<&str, JsonError> {
    let utf8 = |b: &[u8]| core::str::from_utf8(b).map(|_| ()).map_err(|_| JsonError::Invalid);
    match gated {
        Err(e) => {
            utf8(buf)?;
            return Err(e);
        }
        Ok(summary) if summary.has_escapes => {
            // The rewrite decodes escapes next to raw bytes: let it see only UTF-8.
            utf8(buf)?;
            super::canonicalize_strings(buf);
        }
        Ok(_) => {}
    }
    core::str::from_utf8(buf).map_err(|_| JsonError::Invalid)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    /// Member names of the objects currently open (stack discipline).
    keys: &'a mut [Name],
    live: usize,
    esc: bool,
    /// Set when `keys` was too small (as opposed to any other limit).
    live_overflow: bool,
    /// Top-level members reported to the callback so far, and how many to
    /// pass over silently (already reported by an earlier, smaller parse).
    reported: usize,
    skip: usize,
}

/// A member name on the parser's stack: where its content is, whether it
/// holds an escape, and its first eight bytes (zero-padded) for a quick
/// inequality test.
#[derive(Clone, Copy)]
struct Name {
    start: u32,
    end: u32,
    prefix: u64,
    escaped: bool,
}

impl Name {
    const EMPTY: Name = Name { start: 0, end: 0, prefix: 0, escaped: false };

    /// The name whose content is `s[start..end]`.
    fn new(s: &[u8], start: usize, end: usize, escaped: bool) -> Name {
        let len = end.saturating_sub(start);
        // One eight-byte load where the text has room (a name is followed by at least `":` and
        // a value), the bytes past the name masked off; byte by byte otherwise.
        let prefix = match s.get(start..start.saturating_add(8)).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            Some(word) if len >= 8 => u64::from_le_bytes(word),
            Some(word) => u64::from_le_bytes(word) & ((1u64 << (8 * len)) - 1),
            None => s.get(start..end).unwrap_or_default().iter().rev().fold(0, |p, &b| (p << 8) | u64::from(b)),
        };
        // The input length was checked to fit in u32, so both offsets do.
        Name { start: start as u32, end: end as u32, prefix, escaped }
    }
}

impl<'a> Parser<'a> {
    fn new(s: &'a [u8], keys: &'a mut [Name], skip: usize) -> Self {
        Parser { s, pos: 0, keys, live: 0, esc: false, live_overflow: false, reported: 0, skip }
    }

    fn document(&mut self, on_member: &mut dyn FnMut(&Member)) -> Result<Summary, JsonError> {
        self.ws();
        if self.peek() != Some(b'{') {
            return Err(JsonError::Invalid);
        }
        self.object(1, Some(on_member))?;
        self.ws();
        if self.pos != self.s.len() {
            return Err(JsonError::Invalid);
        }
        Ok(Summary { has_escapes: self.esc })
    }
}

impl Parser<'_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    #[inline]
    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.bump();
            Ok(())
        } else {
            Err(JsonError::Invalid)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Kind, JsonError> {
        match self.peek() {
            Some(b'{') => self.object(depth.saturating_add(1), None).map(|()| Kind::Object),
            Some(b'[') => self.array(depth.saturating_add(1)).map(|()| Kind::Array),
            Some(b'"') => self.string().map(|_| Kind::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(|()| Kind::Number),
            Some(b't') => self.literal(b"true").map(|()| Kind::Bool),
            Some(b'f') => self.literal(b"false").map(|()| Kind::Bool),
            Some(b'n') => self.literal(b"null").map(|()| Kind::Null),
            _ => Err(JsonError::Invalid),
        }
    }

    fn literal(&mut self, lit: &[u8]) -> Result<(), JsonError> {
        let end = self.pos.saturating_add(lit.len());
        if self.s.get(self.pos..end) == Some(lit) {
            self.pos = end;
            Ok(())
        } else {
            Err(JsonError::Invalid)
        }
    }

    fn object(&mut self, depth: usize, mut on_member: Option<&mut dyn FnMut(&Member)>) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::Limit);
        }
        self.expect(b'{')?;
        let first_key = self.live;
        self.ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(());
        }
        loop {
            self.ws();
            let key_start = self.pos.saturating_add(1);
            let key_escaped = self.string()?;
            let key_end = self.pos.saturating_sub(1);
            self.check_duplicate(first_key, key_start, key_end, key_escaped)?;
            self.ws();
            self.expect(b':')?;
            self.ws();
            let value_start = self.pos;
            let kind = self.value(depth)?;
            if let Some(cb) = on_member.as_deref_mut() {
                if self.reported >= self.skip {
                    cb(&Member { key: (key_start, key_end), key_escaped, value: (value_start, self.pos), kind });
                }
                self.reported = self.reported.saturating_add(1);
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    // Pop this object's keys: siblings may reuse its names.
                    self.live = first_key;
                    return Ok(());
                }
                _ => return Err(JsonError::Invalid),
            }
        }
    }

    fn check_duplicate(&mut self, first: usize, start: usize, end: usize, escaped: bool) -> Result<(), JsonError> {
        let key = self.s.get(start..end).ok_or(JsonError::Invalid)?;
        let name = Name::new(self.s, start, end, escaped);
        let earlier = self.keys.get(first..self.live).ok_or(JsonError::Invalid)?;
        for other in earlier {
            // Two names without escapes are equal only if their lengths and first eight bytes
            // are: most distinct names differ there, so the byte comparison is rarely reached.
            let same = if escaped || other.escaped {
                raw_eq_raw(key, self.s.get(other.start as usize..other.end as usize).ok_or(JsonError::Invalid)?)
            } else {
                other.end - other.start == name.end - name.start
                    && other.prefix == name.prefix
                    && self.s.get(other.start as usize..other.end as usize) == Some(key)
            };
            if same {
                return Err(JsonError::Duplicate);
            }
        }
        let Some(slot) = self.keys.get_mut(self.live) else {
            self.live_overflow = self.keys.len() < MAX_LIVE_KEYS;
            return Err(JsonError::Limit);
        };
        *slot = name;
        self.live = self.live.saturating_add(1);
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::Limit);
        }
        self.expect(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(());
        }
        loop {
            self.ws();
            self.value(depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(());
                }
                _ => return Err(JsonError::Invalid),
            }
        }
    }

    /// Parses a string; returns whether it contained an escape.
    fn string(&mut self) -> Result<bool, JsonError> {
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            self.skip_plain();
            let b = self.peek().ok_or(JsonError::Invalid)?;
            self.bump();
            match b {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    let e = self.peek().ok_or(JsonError::Invalid)?;
                    self.bump();
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let unit = self.hex4()?;
                            if (0xD800..0xDC00).contains(&unit) {
                                // A high surrogate must be followed by a low one.
                                self.expect(b'\\')?;
                                self.expect(b'u')?;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(JsonError::Invalid);
                                }
                            } else if (0xDC00..0xE000).contains(&unit) {
                                return Err(JsonError::Invalid);
                            }
                        }
                        _ => return Err(JsonError::Invalid),
                    }
                }
                0x00..=0x1F => return Err(JsonError::Invalid),
                _ => {}
            }
        }
        self.esc |= escaped;
        Ok(escaped)
    }

    /// Steps over string content up to the first `"`, `\\` or control
    /// character (the only bytes [`string`] acts on; the input is checked to
    /// be UTF-8 before the parse starts).
    ///
    /// [`string`]: Self::string
    #[inline]
    fn skip_plain(&mut self) {
        self.pos = super::scan::plain_end(self.s, self.pos);
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let end = self.pos.saturating_add(4);
        let digits = self.s.get(self.pos..end).ok_or(JsonError::Invalid)?;
        let v = hex4(digits).ok_or(JsonError::Invalid)?;
        self.pos = end;
        Ok(v)
    }

    fn number(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(JsonError::Invalid),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(JsonError::Invalid);
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(JsonError::Invalid);
            }
            self.digits();
        }
        if self.pos.saturating_sub(start) > MAX_NUMBER_LEN {
            return Err(JsonError::Limit);
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.bump();
        }
    }
}

fn hex4(d: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    if d.len() != 4 {
        return None;
    }
    for &c in d {
        let n = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        v = (v << 4) | u32::from(n);
    }
    Some(v)
}

/// Decodes the characters of a validated JSON string's content.
#[derive(Clone)]
pub(crate) struct Unescape<'a> {
    pub(super) rest: &'a [u8],
}

impl<'a> Unescape<'a> {
    pub(crate) fn new(content: &'a [u8]) -> Self {
        Unescape { rest: content }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }
}

impl Iterator for Unescape<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let &first = self.rest.first()?;
        if first != b'\\' {
            let width = match first {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let bytes = self.take(width)?;
            return core::str::from_utf8(bytes).ok()?.chars().next();
        }
        let esc = self.take(2)?;
        let c = match esc.get(1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex4(self.take(4)?)?;
                if (0xD800..0xDC00).contains(&unit) {
                    let _ = self.take(2)?;
                    let low = hex4(self.take(4)?)?;
                    let c = 0x10000 + ((unit - 0xD800) << 10) + low.checked_sub(0xDC00)?;
                    return char::from_u32(c);
                }
                return char::from_u32(unit);
            }
            _ => return None,
        };
        Some(c)
    }
}

/// Whether two raw (escaped) string contents denote the same string.
pub(crate) fn raw_eq_raw(a: &[u8], b: &[u8]) -> bool {
    Unescape::new(a).eq(Unescape::new(b))
}

/// Whether a raw (escaped) string content denotes `s`.
pub(crate) fn raw_eq_str(raw: &[u8], s: &str) -> bool {
    if !raw.contains(&b'\\') {
        return raw == s.as_bytes();
    }
    Unescape::new(raw).eq(s.chars())
}
