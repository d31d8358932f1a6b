//! The gate's map of a claims object, kept for the deserializer.
//!
//! The gate already finds every top-level member's name and value. When the
//! object had no escapes anywhere (so canonicalisation moved nothing) and at
//! most [`MAX_INDEXED`] members, [`Index`] keeps those spans, and
//! [`from_indexed`] hands the member names and string values to the visitor
//! as slices of the text without scanning them again; numbers, arrays and
//! objects are read by the ordinary reader, started at the value. Anything
//! else reads as before.

use core::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use super::{DeError, Deserializer, Found, MapKey, UnitVariant, from_str};
use crate::json::Member;

/// Top-level members an [`Index`] holds: a registered-claims token with a
/// handful of custom claims fits.
pub(crate) const MAX_INDEXED: usize = 16;

/// One member: its name's content and its value, as offsets into the text
/// (two bytes each: an indexed payload is at most 64 KiB).
#[derive(Clone, Copy, Default)]
struct Span {
    key: (u16, u16),
    value: (u16, u16),
}

/// The top-level members of a gated object, in document order, or nothing
/// when they cannot be trusted to be exact.
#[derive(Clone, Copy)]
pub(crate) struct Index {
    spans: [Span; MAX_INDEXED],
    len: u8,
    /// Every member is recorded and the text they point into is final.
    complete: bool,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index").field("members", &self.len).field("complete", &self.complete).finish()
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::new()
    }
}

impl Index {
    /// An empty index, ready to [`record`](Self::record) members.
    pub(crate) const fn new() -> Self {
        Index { spans: [Span { key: (0, 0), value: (0, 0) }; MAX_INDEXED], len: 0, complete: true }
    }

    /// Notes a member the gate reported (call in document order).
    #[inline]
    pub(crate) fn record(&mut self, m: &Member) {
        let offset = |o: usize| u16::try_from(o).ok();
        let span = match (offset(m.key.0), offset(m.key.1), offset(m.value.0), offset(m.value.1)) {
            (Some(k0), Some(k1), Some(v0), Some(v1)) => Span { key: (k0, k1), value: (v0, v1) },
            _ => {
                self.complete = false;
                return;
            }
        };
        match self.spans.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = span;
                self.len = self.len.saturating_add(1);
            }
            None => self.complete = false,
        }
    }

    /// Seals the index once the gate has passed: it is used only if no
    /// string had an escape (canonicalisation, which shortens such strings,
    /// then left every offset exact).
    pub(crate) fn seal(mut self, had_escapes: bool) -> Self {
        self.complete &= !had_escapes;
        self
    }

    /// An index that is never used (for text read without one).
    pub(crate) const fn unused() -> Self {
        let mut index = Index::new();
        index.complete = false;
        index
    }
}

/// Deserializes `T` from gated, canonical `text` with its `index`; without a
/// complete index this is [`from_str`].
pub(crate) fn from_indexed<'de, T: de::Deserialize<'de>>(text: &'de str, index: &Index) -> Result<T, DeError> {
    if !index.complete {
        return from_str(text);
    }
    T::deserialize(Object { text, index })
}

/// The whole object, read through its index.
struct Object<'a, 'de> {
    text: &'de str,
    index: &'a Index,
}

impl<'de> Object<'_, 'de> {
    fn plain(self) -> Deserializer<'de> {
        Deserializer { text: self.text, pos: 0 }
    }
}

/// Shapes the index does not help with go to the ordinary reader over the
/// whole text, with its end check.
macro_rules! by_reader {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, DeError> {
            let mut de = self.plain();
            let value = de::Deserializer::$method(&mut de, $($arg,)* visitor)?;
            de.finish()?;
            Ok(value)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Object<'_, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let spans = self.index.spans.get(..usize::from(self.index.len)).unwrap_or_default();
        let mut members = Members { text: self.text, spans, next: 0 };
        let value = visitor.visit_map(&mut members)?;
        // As the ordinary reader: a visitor that stopped before the last member is an error.
        if members.next == spans.len() { Ok(value) } else { Err(DeError) }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    by_reader! {
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_bytes(), deserialize_byte_buf(), deserialize_ignored_any(), deserialize_i128(), deserialize_u128(),
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// The members, for `visit_map`.
struct Members<'a, 'de> {
    text: &'de str,
    spans: &'a [Span],
    next: usize,
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(span) = self.spans.get(self.next) else {
            return Ok(None);
        };
        let name = self.text.get(usize::from(span.key.0)..usize::from(span.key.1)).ok_or(DeError)?;
        seed.deserialize(MapKey { found: Found::Plain(name) }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let span = self.spans.get(self.next).ok_or(DeError)?;
        self.next = self.next.saturating_add(1);
        let (start, end) = (usize::from(span.value.0), usize::from(span.value.1));
        let raw = self.text.get(start..end).ok_or(DeError)?;
        // No escapes anywhere: a string value is its quotes around plain content.
        if let Some(content) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            return seed.deserialize(StrValue { s: content });
        }
        let mut de = Deserializer { text: self.text, pos: start };
        let value = seed.deserialize(&mut de)?;
        if de.pos == end { Ok(value) } else { Err(DeError) }
    }
}

/// A string value known from the index, handed over as the ordinary reader
/// hands over a string without escapes.
struct StrValue<'de> {
    s: &'de str,
}

impl<'de> de::Deserializer<'de> for StrValue<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(self.s)
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
        visitor.visit_enum(UnitVariant { found: Found::Plain(self.s) })
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_bytes(self.s.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_bytes(self.s.as_bytes())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    // The ordinary reader refuses a string for a 128-bit integer before asking the visitor.
    fn deserialize_i128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DeError> {
        Err(DeError)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DeError> {
        Err(DeError)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}
