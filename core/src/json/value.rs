//! The lazy reader: values, object members and array elements of text that
//! has passed [`validate`](super::validate), found by offset without
//! building a tree. On anything else the iterators stop early rather than
//! panic.

use super::{Kind, string_end};

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
