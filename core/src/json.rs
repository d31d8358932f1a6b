//! A strict JSON gate and a lazy, allocation-free reader.
//!
//! [`validate`] checks that a byte string is exactly one UTF-8 JSON object as
//! RFC 8259 defines it (no BOM, comments, trailing commas, `NaN`, lone
//! surrogates, raw control characters or trailing data), with no duplicate
//! member names in any object (escapes decoded before comparing), within fixed
//! bounds on nesting, live member names and number length. It reports each
//! top-level member to a callback as byte offsets, so the header and the
//! registered claims are found in the same pass.
//!
//! [`canonicalize_strings`] then rewrites, in place, every string that used an
//! escape it did not need (`"\/"`, `"\u0061"`) into its plain form, padding
//! with spaces after the closing quote so offsets and JSON validity survive.
//! After it, equal strings are equal bytes, and most strings can be borrowed
//! as `&str` directly.
//!
//! The reader types ([`Value`], [`ObjectIter`], [`ArrayIter`]) walk text that
//! has already passed [`validate`]; on anything else they stop early rather
//! than panic.

/// Maximum nesting of objects and arrays.
pub(crate) const MAX_DEPTH: usize = 32;
/// Maximum member names alive at once (the current object and its ancestors).
pub(crate) const MAX_LIVE_KEYS: usize = 256;
/// Maximum length of one number literal.
pub(crate) const MAX_NUMBER_LEN: usize = 64;

/// Why validation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not UTF-8, or not a single valid JSON object.
    Invalid,
    /// A member name repeats within one object.
    Duplicate,
    /// A structural bound was exceeded.
    Limit,
}

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// A top-level member, as offsets into the validated input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member {
    /// The key's content, between the quotes (still escaped).
    pub(crate) key: (usize, usize),
    /// Whether the key contains a backslash.
    pub(crate) key_escaped: bool,
    /// The whole value, including quotes or brackets.
    pub(crate) value: (usize, usize),
    /// The value's type.
    pub(crate) kind: Kind,
}

impl Member {
    /// Whether this member's (possibly escaped) name equals `name`.
    pub(crate) fn is(&self, input: &[u8], name: &str) -> bool {
        let Some(raw) = input.get(self.key.0..self.key.1) else {
            return false;
        };
        if self.key_escaped { raw_eq_str(raw, name) } else { raw == name.as_bytes() }
    }
}

/// What [`validate`] learned besides validity.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Summary {
    /// Some string (key or value, at any depth) contains an escape.
    pub(crate) has_escapes: bool,
}

/// Validates `input` as one JSON object, calling `on_member` for each
/// top-level member in order.
pub(crate) fn validate(input: &[u8], on_member: &mut dyn FnMut(&Member)) -> Result<Summary, JsonError> {
    if core::str::from_utf8(input).is_err() || u32::try_from(input.len()).is_err() {
        return Err(JsonError::Invalid);
    }
    let mut p = Parser { s: input, pos: 0, keys: [(0, 0, false); MAX_LIVE_KEYS], live: 0, esc: false };
    p.ws();
    if p.peek() != Some(b'{') {
        return Err(JsonError::Invalid);
    }
    p.object(1, Some(on_member))?;
    p.ws();
    if p.pos != input.len() {
        return Err(JsonError::Invalid);
    }
    Ok(Summary { has_escapes: p.esc })
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    /// Key content spans of the objects currently open (stack discipline).
    keys: [(u32, u32, bool); MAX_LIVE_KEYS],
    live: usize,
    esc: bool,
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
                cb(&Member { key: (key_start, key_end), key_escaped, value: (value_start, self.pos), kind });
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
        let earlier = self.keys.get(first..self.live).ok_or(JsonError::Invalid)?;
        for &(s, e, esc) in earlier {
            let other = self.s.get(s as usize..e as usize).ok_or(JsonError::Invalid)?;
            let same = if escaped || esc { raw_eq_raw(key, other) } else { key == other };
            if same {
                return Err(JsonError::Duplicate);
            }
        }
        let slot = self.keys.get_mut(self.live).ok_or(JsonError::Limit)?;
        // Input length was checked to fit in u32.
        *slot = (start as u32, end as u32, escaped);
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
    rest: &'a [u8],
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
        let mut it = Unescape::new(esc.get(..avail).unwrap_or(&[]));
        let Some(c) = it.next() else { return };
        let consumed = avail.saturating_sub(it.rest.len());
        let mut out = [0u8; 6];
        let text: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\u{8}' => b"\\b",
            '\u{c}' => b"\\f",
            '\n' => b"\\n",
            '\r' => b"\\r",
            '\t' => b"\\t",
            c if (c as u32) < 0x20 => {
                out = control_escape(c as u8);
                &out
            }
            c => c.encode_utf8(&mut out).as_bytes(),
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
    for b in buf.get_mut(w.saturating_add(1)..=end).unwrap_or(&mut []) {
        *b = b' ';
    }
}

/// `\u00XX` for a control character.
fn control_escape(b: u8) -> [u8; 6] {
    let hex = |n: u8| if n < 10 { b'0' + n } else { b'a' + n - 10 };
    [b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xF)]
}

/// A value inside validated JSON text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Value<'a> {
    pub(crate) raw: &'a [u8],
}

impl<'a> Value<'a> {
    pub(crate) fn kind(&self) -> Option<Kind> {
        Some(match self.raw.first()? {
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b'"' => Kind::String,
            b't' | b'f' => Kind::Bool,
            b'n' => Kind::Null,
            _ => Kind::Number,
        })
    }

    /// The raw content of a string value (escapes as written, canonical after
    /// [`canonicalize_strings`]).
    pub(crate) fn str_content(&self) -> Option<&'a [u8]> {
        if self.raw.first() != Some(&b'"') {
            return None;
        }
        let end = string_end(self.raw, 1)?;
        self.raw.get(1..end)
    }

    /// The string as `&str` (escapes as written).
    pub(crate) fn as_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.str_content()?).ok()
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self.raw {
            b"true" => Some(true),
            b"false" => Some(false),
            _ => None,
        }
    }

    pub(crate) fn members(&self) -> ObjectIter<'a> {
        ObjectIter { s: self.raw, pos: 1, done: self.raw.first() != Some(&b'{') }
    }

    pub(crate) fn elements(&self) -> ArrayIter<'a> {
        ArrayIter { s: self.raw, pos: 1, done: self.raw.first() != Some(&b'[') }
    }
}

fn skip_ws(s: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = s.get(pos) {
        pos += 1;
    }
    pos
}

/// The end offset of the validated value starting at `pos`.
fn skip_value(s: &[u8], pos: usize) -> Option<usize> {
    match s.get(pos)? {
        b'"' => string_end(s, pos + 1).map(|e| e + 1),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = pos;
            loop {
                match s.get(j)? {
                    b'"' => j = string_end(s, j + 1)?,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = pos;
            while let Some(c) = s.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            Some(j)
        }
    }
}

/// Members of a validated object: (raw key content, value).
#[derive(Debug, Clone)]
pub(crate) struct ObjectIter<'a> {
    s: &'a [u8],
    pos: usize,
    done: bool,
}

impl<'a> Iterator for ObjectIter<'a> {
    type Item = (&'a [u8], Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut p = skip_ws(self.s, self.pos);
        if self.s.get(p) == Some(&b',') {
            p = skip_ws(self.s, p + 1);
        }
        if self.s.get(p) != Some(&b'"') {
            self.done = true;
            return None;
        }
        let key_end = string_end(self.s, p + 1)?;
        let key = self.s.get(p + 1..key_end)?;
        p = skip_ws(self.s, key_end + 1);
        if self.s.get(p) != Some(&b':') {
            self.done = true;
            return None;
        }
        p = skip_ws(self.s, p + 1);
        let end = skip_value(self.s, p)?;
        let value = Value { raw: self.s.get(p..end)? };
        self.pos = end;
        Some((key, value))
    }
}

/// Elements of a validated array.
#[derive(Debug, Clone)]
pub(crate) struct ArrayIter<'a> {
    s: &'a [u8],
    pos: usize,
    done: bool,
}

impl<'a> Iterator for ArrayIter<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut p = skip_ws(self.s, self.pos);
        if self.s.get(p) == Some(&b',') {
            p = skip_ws(self.s, p + 1);
        }
        if matches!(self.s.get(p), None | Some(b']')) {
            self.done = true;
            return None;
        }
        let end = skip_value(self.s, p)?;
        self.pos = end;
        Some(Value { raw: self.s.get(p..end)? })
    }
}

/// Writes `s` as a JSON string literal (with quotes) into `out` at `*pos`.
pub(crate) fn write_str(out: &mut [u8], pos: &mut usize, s: &str) -> Result<(), usize> {
    put(out, pos, b"\"")?;
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0x00..=0x1F => None,
            _ => continue,
        };
        put(out, pos, bytes.get(run..i).unwrap_or(&[]))?;
        run = i + 1;
        match esc {
            Some(e) => put(out, pos, e)?,
            None => put(out, pos, &control_escape(b))?,
        }
    }
    put(out, pos, bytes.get(run..).unwrap_or(&[]))?;
    put(out, pos, b"\"")
}

/// Appends `bytes` to `out` at `*pos`; on overflow returns the length needed.
pub(crate) fn put(out: &mut [u8], pos: &mut usize, bytes: &[u8]) -> Result<(), usize> {
    let end = pos.checked_add(bytes.len()).ok_or(usize::MAX)?;
    match out.get_mut(*pos..end) {
        Some(dst) => {
            dst.copy_from_slice(bytes);
            *pos = end;
            Ok(())
        }
        None => Err(end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Result<Summary, JsonError> {
        validate(s.as_bytes(), &mut |_| {})
    }

    #[test]
    fn accepts_valid_objects() {
        for ok in [
            "{}",
            " {\"a\":1} ",
            "{\"a\":[1,2,{\"b\":null}],\"c\":\"x\\u00e9\\ud83d\\ude00\",\"d\":-0.5e+3}",
            "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
            "{\"a\":{\"x\":1},\"b\":{\"x\":2}}",
            "{\"a\":true,\"b\":false}",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_invalid_json() {
        for bad in [
            "",
            "[]",
            "\"s\"",
            "1",
            "null",
            "{",
            "{\"a\":1,}",
            "{\"a\":1}x",
            "{\"a\":1}{}",
            "{'a':1}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":1e}",
            "{\"a\":+1}",
            "{/*c*/\"a\":1}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\\x41\"}",
            "\u{feff}{\"a\":1}",
            "{\"a\" 1}",
            "{\"a\":tru}",
        ] {
            assert_eq!(check(bad).err(), Some(JsonError::Invalid), "{bad:?}");
        }
        assert_eq!(validate(b"{\"a\":\"\xff\"}", &mut |_| {}).err(), Some(JsonError::Invalid));
        assert_eq!(validate(b"{\"a\":\"\xc0\xaf\"}", &mut |_| {}).err(), Some(JsonError::Invalid));
    }

    #[test]
    fn rejects_duplicates_including_escaped() {
        for bad in
            ["{\"a\":1,\"a\":2}", "{\"sub\":1,\"\\u0073ub\":2}", "{\"x\":{\"a\":1,\"a\":1}}", "{\"a\\/b\":1,\"a/b\":2}"]
        {
            assert_eq!(check(bad).err(), Some(JsonError::Duplicate), "{bad}");
        }
        assert!(check("{\"a\":{\"a\":1},\"b\":{\"a\":2}}").is_ok());
    }

    #[test]
    fn enforces_limits() {
        let mut deep = [0u8; 100];
        deep[..5].copy_from_slice(b"{\"a\":");
        for b in &mut deep[5..45] {
            *b = b'[';
        }
        for b in &mut deep[45..85] {
            *b = b']';
        }
        deep[85] = b'}';
        assert_eq!(validate(&deep[..86], &mut |_| {}).err(), Some(JsonError::Limit));
        // 31 levels of arrays inside the object is within bounds.
        let mut ok = [0u8; 100];
        ok[..5].copy_from_slice(b"{\"a\":");
        for b in &mut ok[5..36] {
            *b = b'[';
        }
        for b in &mut ok[36..67] {
            *b = b']';
        }
        ok[67] = b'}';
        assert!(validate(&ok[..68], &mut |_| {}).is_ok());
        let long_number = "{\"a\":12345678901234567890123456789012345678901234567890123456789012345}";
        assert_eq!(check(long_number).err(), Some(JsonError::Limit));
    }

    #[test]
    fn reports_top_level_members() {
        let doc = b"{\"alg\":\"HS256\",\"x\":{\"alg\":1},\"\\u0074yp\":\"JWT\"}";
        let mut seen = [None; 4];
        let mut n = 0;
        validate(doc, &mut |m| {
            if n < 4 {
                seen[n] = Some(*m);
            }
            n += 1;
        })
        .unwrap();
        assert_eq!(n, 3);
        assert!(seen[0].unwrap().is(doc, "alg"));
        assert_eq!(seen[1].unwrap().kind, Kind::Object);
        assert!(seen[2].unwrap().is(doc, "typ"));
    }

    #[test]
    fn canonicalizes_in_place() {
        let mut doc = *b"{\"iss\":\"https:\\/\\/a\",\"n\":\"\\u00e9\\\"\\u0001\",\"k\":\"\\ud83d\\ude00\"}";
        validate(&doc, &mut |_| {}).unwrap();
        canonicalize_strings(&mut doc);
        let text = core::str::from_utf8(&doc).unwrap();
        assert!(text.starts_with("{\"iss\":\"https://a\"  ,"), "{text}");
        assert!(text.contains("\"n\":\"é\\\"\\u0001\""), "{text}");
        assert!(text.contains("\"k\":\"😀\""), "{text}");
        assert!(validate(&doc, &mut |_| {}).is_ok());
    }

    #[test]
    fn reader_walks_members() {
        let doc = b"{ \"a\" : [1, \"x\", {\"b\":2}] , \"c\":\"d\"}";
        let v = Value { raw: doc };
        let mut it = v.members();
        let (k, a) = it.next().unwrap();
        assert_eq!(k, b"a");
        let elems: [Option<Kind>; 3] = {
            let mut e = a.elements();
            [e.next().and_then(|v| v.kind()), e.next().and_then(|v| v.kind()), e.next().and_then(|v| v.kind())]
        };
        assert_eq!(elems, [Some(Kind::Number), Some(Kind::String), Some(Kind::Object)]);
        let (k, c) = it.next().unwrap();
        assert_eq!((k, c.as_str()), (&b"c"[..], Some("d")));
        assert!(it.next().is_none());
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = [0u8; 32];
        let mut pos = 0;
        write_str(&mut out, &mut pos, "a\"b\\\n\u{1}").unwrap();
        assert_eq!(&out[..pos], b"\"a\\\"b\\\\\\n\\u0001\"");
        let mut small = [0u8; 2];
        let mut p = 0;
        assert!(write_str(&mut small, &mut p, "abc").is_err());
    }
}
