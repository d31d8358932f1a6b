//! The `serde` deserializer behind `Verified::deserialize`.
//!
//! It reads text that has already passed the strict gate
//! ([`validate`](super::validate)) and [canonicalisation](super::canonicalize_strings),
//! so it does not judge JSON again: the gate has refused duplicates, bad
//! escapes, raw control characters, lone surrogates and invalid UTF-8, and
//! bounded the nesting (which bounds this reader's recursion too). What is
//! left is the part only a typed reader can do, in one forward pass:
//! finding values and handing them to the visitor. A string without a
//! backslash is handed over as a slice of the input (`&str` fields borrow
//! it, and nothing is copied or re-validated); one with an escape left after
//! canonicalisation (a quote, a backslash or a control character) is decoded
//! into a stack buffer first, so such a field needs an owned or `heapless`
//! type. Members the type does not name are stepped over without decoding.
//!
//! The mapping follows serde_json: integers without a fraction or exponent go
//! to `visit_u64` / `visit_i64` (`visit_f64` when they do not fit), other
//! numbers to `visit_f64`; `null` is `None` and `()`; enums are `"Variant"`
//! or `{"Variant": value}`; map keys are strings, parsed as integers for
//! integer key types. On text that did not pass the gate it stops with an
//! error wherever it loses its way; it never panics.

use core::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use super::Unescape;

/// The longest decoded string with escapes this reader accepts (the space on
/// the stack it decodes into; strings without escapes have no limit).
pub(crate) const MAX_UNESCAPED_LEN: usize = 512;

/// Why deserialization failed; the caller reports it as
/// [`Error::Deserialize`](crate::Error::Deserialize), which names no detail
/// (there is nowhere to keep a message without a heap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DeError;

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the claims do not fit the requested type")
    }
}

impl de::StdError for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        DeError
    }
}

/// Deserializes `T` from gated, canonical JSON text; the whole text must be
/// one value (trailing whitespace allowed).
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, DeError> {
    let mut de = Deserializer { text, pos: 0 };
    let value = T::deserialize(&mut de)?;
    de.finish()?;
    Ok(value)
}

struct Deserializer<'de> {
    text: &'de str,
    pos: usize,
}

/// A string value as found: a slice of the input, or the raw content of one
/// that still holds escapes.
#[derive(Clone, Copy)]
enum Found<'de> {
    Plain(&'de str),
    Escaped(&'de [u8]),
}

impl<'de> Deserializer<'de> {
    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos = self.pos.saturating_add(1);
        }
    }

    /// After the one value: only whitespace may follow.
    fn finish(&mut self) -> Result<(), DeError> {
        self.ws();
        if self.pos == self.text.len() { Ok(()) } else { Err(DeError) }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    #[inline]
    fn next_token(&mut self) -> Result<u8, DeError> {
        self.ws();
        self.peek().ok_or(DeError)
    }

    fn expect(&mut self, b: u8) -> Result<(), DeError> {
        if self.next_token()? == b {
            self.pos = self.pos.saturating_add(1);
            Ok(())
        } else {
            Err(DeError)
        }
    }

    fn literal(&mut self, lit: &[u8]) -> Result<(), DeError> {
        let end = self.pos.saturating_add(lit.len());
        if self.bytes().get(self.pos..end) == Some(lit) {
            self.pos = end;
            Ok(())
        } else {
            Err(DeError)
        }
    }

    /// Reads the string starting at the current `"`.
    fn string(&mut self) -> Result<Found<'de>, DeError> {
        let start = self.pos.saturating_add(1);
        let mut end = start;
        let mut escaped = false;
        loop {
            end = super::scan::quote_or_backslash(self.bytes(), end);
            match self.bytes().get(end) {
                Some(b'"') => break,
                // The escaped character is never the closing quote.
                Some(_) => {
                    escaped = true;
                    end = end.saturating_add(2);
                }
                None => return Err(DeError),
            }
        }
        self.pos = end.saturating_add(1);
        if escaped {
            self.bytes().get(start..end).map(Found::Escaped).ok_or(DeError)
        } else {
            // Both ends sit next to an ASCII quote, so the slice is on char boundaries: O(1), and
            // the UTF-8 was checked once for the whole text.
            self.text.get(start..end).map(Found::Plain).ok_or(DeError)
        }
    }

    /// The text of the number starting here (the gate checked its grammar).
    fn number_text(&mut self) -> Result<&'de str, DeError> {
        let start = self.pos;
        let mut end = start;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.bytes().get(end) {
            end = end.saturating_add(1);
        }
        self.pos = end;
        self.text.get(start..end).filter(|t| !t.is_empty()).ok_or(DeError)
    }

    /// The text of an integer for the 128-bit types, which serde_json reads
    /// apart from the others: digits only (`-0` is zero), a fraction or an
    /// exponent refused.
    fn integer_text(&mut self) -> Result<&'de str, DeError> {
        if !matches!(self.next_token()?, b'-' | b'0'..=b'9') {
            return Err(DeError);
        }
        let text = self.number_text()?;
        if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) { Err(DeError) } else { Ok(text) }
    }

    /// A number, to the visitor serde_json would call. Integers are summed
    /// as their digits are stepped over; a fraction, an exponent or more
    /// than 64 bits hands the text to the float parser.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, DeError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        let digits_start = start.saturating_add(usize::from(negative));
        let mut end = digits_start;
        let mut n: Option<u64> = Some(0);
        while let Some(&b) = self.bytes().get(end) {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            n = n.and_then(|n| n.checked_mul(10)?.checked_add(u64::from(d)));
            end = end.saturating_add(1);
        }
        if end == digits_start {
            return Err(DeError);
        }
        let integer = !matches!(self.bytes().get(end), Some(b'.' | b'e' | b'E'));
        match n {
            Some(n) if integer && !negative => {
                self.pos = end;
                visitor.visit_u64(n)
            }
            // serde_json reads `-0` as the float -0.0 (an integer has no negative zero).
            Some(0) if integer => {
                self.pos = end;
                visitor.visit_f64(-0.0)
            }
            Some(n) if integer && n <= i64::MIN.unsigned_abs() => {
                self.pos = end;
                visitor.visit_i64(0i64.wrapping_sub_unsigned(n))
            }
            _ => {
                let f: f64 = self.number_text()?.parse().map_err(|_| DeError)?;
                if f.is_finite() { visitor.visit_f64(f) } else { Err(DeError) }
            }
        }
    }

    /// Steps over one value (a member the type does not name).
    fn skip_value(&mut self) -> Result<(), DeError> {
        match self.next_token()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek().ok_or(DeError)? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth = depth.saturating_add(1),
                        b'}' | b']' => {
                            depth = depth.checked_sub(1).ok_or(DeError)?;
                            if depth == 0 {
                                self.pos = self.pos.saturating_add(1);
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                    self.pos = self.pos.saturating_add(1);
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number_text().map(|_| ()),
        }
    }

    /// After a visitor's `visit_map` / `visit_seq`: the container must end
    /// here (a visitor that stopped early leaves members over, an error as in
    /// serde_json).
    fn end(&mut self, close: u8) -> Result<(), DeError> {
        self.expect(close)
    }
}

/// Hands an escaped string to `visitor` decoded (`visit_str`: it cannot
/// borrow from the input).
#[cold]
#[inline(never)]
fn visit_escaped<'de, V: Visitor<'de>>(raw: &[u8], visitor: V, as_bytes: bool) -> Result<V::Value, DeError> {
    let mut buf = [0u8; MAX_UNESCAPED_LEN];
    let mut len = 0usize;
    for c in Unescape::new(raw) {
        let mut utf8 = [0u8; 4];
        let encoded = c.encode_utf8(&mut utf8).as_bytes();
        let end = len.checked_add(encoded.len()).ok_or(DeError)?;
        buf.get_mut(len..end).ok_or(DeError)?.copy_from_slice(encoded);
        len = end;
    }
    let decoded = buf.get(..len).ok_or(DeError)?;
    if as_bytes {
        return visitor.visit_bytes(decoded);
    }
    // Built from whole chars, so this holds; mapped rather than unwrapped all the same.
    visitor.visit_str(core::str::from_utf8(decoded).map_err(|_| DeError)?)
}

fn visit_found<'de, V: Visitor<'de>>(found: Found<'de>, visitor: V) -> Result<V::Value, DeError> {
    match found {
        Found::Plain(s) => visitor.visit_borrowed_str(s),
        Found::Escaped(raw) => visit_escaped(raw, visitor, false),
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.next_token()? {
            b'"' => {
                let found = self.string()?;
                visit_found(found, visitor)
            }
            b'{' => {
                self.pos = self.pos.saturating_add(1);
                let value = visitor.visit_map(Members { de: &mut *self, first: true })?;
                self.end(b'}')?;
                Ok(value)
            }
            b'[' => {
                self.pos = self.pos.saturating_add(1);
                let value = visitor.visit_seq(Elements { de: &mut *self, first: true })?;
                self.end(b']')?;
                Ok(value)
            }
            b't' => self.literal(b"true").and_then(|()| visitor.visit_bool(true)),
            b'f' => self.literal(b"false").and_then(|()| visitor.visit_bool(false)),
            b'n' => self.literal(b"null").and_then(|()| visitor.visit_unit()),
            b'-' | b'0'..=b'9' => self.number(visitor),
            _ => Err(DeError),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.next_token()? == b'n' {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.next_token()? {
            b'"' => {
                let found = self.string()?;
                visitor.visit_enum(UnitVariant { found })
            }
            b'{' => {
                self.pos = self.pos.saturating_add(1);
                let value = visitor.visit_enum(Variant { de: &mut *self })?;
                self.end(b'}')?;
                Ok(value)
            }
            _ => Err(DeError),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.next_token()? != b'"' {
            return self.deserialize_any(visitor);
        }
        match self.string()? {
            Found::Plain(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            Found::Escaped(raw) => visit_escaped(raw, visitor, true),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_i128(self.integer_text()?.parse().map_err(|_| DeError)?)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_u128(self.integer_text()?.parse().map_err(|_| DeError)?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    // Every other type is decided by what the text holds; the visitor refuses what it cannot take
    // (and range-checks integers).
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// The members of an object, for `visit_map`.
struct Members<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.de.next_token()? {
            b'}' => return Ok(None),
            b',' if !self.first => {
                self.de.pos = self.de.pos.saturating_add(1);
                self.de.ws();
            }
            b'"' if self.first => {}
            _ => return Err(DeError),
        }
        self.first = false;
        if self.de.peek() != Some(b'"') {
            return Err(DeError);
        }
        let found = self.de.string()?;
        let key = seed.deserialize(MapKey { found })?;
        self.de.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(&mut *self.de)
    }
}

/// The elements of an array, for `visit_seq`.
struct Elements<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.de.next_token()? {
            b']' => return Ok(None),
            b',' if !self.first => self.de.pos = self.de.pos.saturating_add(1),
            _ if self.first => {}
            _ => return Err(DeError),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// A member name: always a string, read as an integer for integer key types.
struct MapKey<'de> {
    found: Found<'de>,
}

impl MapKey<'_> {
    fn integer_text(&self) -> Result<&str, DeError> {
        match self.found {
            Found::Plain(s) => Ok(s),
            // An integer needs no escapes; canonicalisation removed any it had.
            Found::Escaped(_) => Err(DeError),
        }
    }
}

macro_rules! integer_key {
    ($($method:ident $visit:ident $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit(self.integer_text()?.parse::<$ty>().map_err(|_| DeError)?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for MapKey<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visit_found(self.found, visitor)
    }

    integer_key! {
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16, deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64, deserialize_u128 visit_u128 u128,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(UnitVariant { found: self.found })
    }

    serde::forward_to_deserialize_any! {
        bool f32 f64 char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// `"Variant"`: a unit variant named by a string.
struct UnitVariant<'de> {
    found: Found<'de>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let value = seed.deserialize(MapKey { found: self.found })?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, DeError> {
        Err(DeError)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, DeError> {
        Err(DeError)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        Err(DeError)
    }
}

/// `{"Variant": value}`: the object's one member names the variant.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        if self.de.next_token()? != b'"' {
            return Err(DeError);
        }
        let found = self.de.string()?;
        let value = seed.deserialize(MapKey { found })?;
        self.de.expect(b':')?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(&mut *self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(&mut *self.de, visitor)
    }
}

mod index;

pub(crate) use index::{Index, from_indexed};

#[cfg(test)]
mod tests;
