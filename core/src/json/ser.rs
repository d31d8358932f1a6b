//! A `serde` serializer writing compact JSON into a caller buffer.
//!
//! It replaces `serde_json_core::to_slice` on the encode path: that one
//! writes strings a character at a time, which was the largest cost of an
//! HS256 encode. This one copies runs of bytes that need no escaping in one
//! go. Output is RFC 8259 JSON: strings escaped by the one
//! [escape table](super::escape), non-finite floats refused, map keys must be
//! strings. Everything is appended through the crate's [`Cursor`].

use core::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

use super::Cursor;

/// Why serialization failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SerError {
    /// The buffer is full.
    BufferFull,
    /// Not representable as JSON (non-string map key, NaN/infinity, custom error).
    Unsupported,
}

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SerError::BufferFull => "buffer full",
            SerError::Unsupported => "value not representable as JSON",
        })
    }
}

impl core::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        SerError::Unsupported
    }
}

type Result<T = ()> = core::result::Result<T, SerError>;

/// Serializes `value` into `buf`, returning the number of bytes written.
pub(crate) fn to_slice<T: Serialize + ?Sized>(value: &T, buf: &mut [u8]) -> Result<usize> {
    let mut s = Serializer { out: Cursor::new(buf) };
    value.serialize(&mut s)?;
    Ok(s.out.pos())
}

pub(crate) struct Serializer<'b> {
    out: Cursor<'b>,
}

impl Serializer<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) -> Result {
        self.out.put(bytes).map_err(|_| SerError::BufferFull)
    }

    #[inline]
    fn byte(&mut self, b: u8) -> Result {
        self.put(&[b])
    }

    fn string(&mut self, s: &str) -> Result {
        self.out.put_json_str(s).map_err(|_| SerError::BufferFull)
    }

    fn unsigned(&mut self, mut v: u64) -> Result {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 {
                break;
            }
        }
        // `i` stays within the 20 digits a u64 has; the clamp only makes this total.
        self.put(digits.split_at(i.min(digits.len())).1)
    }

    fn signed(&mut self, v: i64) -> Result {
        if v < 0 {
            self.byte(b'-')?;
        }
        self.unsigned(v.unsigned_abs())
    }

    fn float(&mut self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(SerError::Unsupported);
        }
        // Display prints the shortest representation that round-trips, never
        // with an exponent, which is valid JSON (e.g. "1e20" as
        // "100000000000000000000").
        let mut w = FmtWriter { ser: self, failed: None };
        write!(w, "{v}").map_err(|_| w.failed.unwrap_or(SerError::Unsupported))
    }
}

struct FmtWriter<'s, 'b> {
    ser: &'s mut Serializer<'b>,
    failed: Option<SerError>,
}

impl fmt::Write for FmtWriter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.ser.put(s.as_bytes()).map_err(|e| {
            self.failed = Some(e);
            fmt::Error
        })
    }
}

/// A sequence or map in progress: whether a comma is due.
pub(crate) struct Compound<'s, 'b> {
    ser: &'s mut Serializer<'b>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) -> Result {
        if self.first {
            self.first = false;
            Ok(())
        } else {
            self.ser.byte(b',')
        }
    }
}

impl<'s, 'b> ser::Serializer for &'s mut Serializer<'b> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = Compound<'s, 'b>;
    type SerializeTuple = Compound<'s, 'b>;
    type SerializeTupleStruct = Compound<'s, 'b>;
    type SerializeTupleVariant = Compound<'s, 'b>;
    type SerializeMap = Compound<'s, 'b>;
    type SerializeStruct = Compound<'s, 'b>;
    type SerializeStructVariant = Compound<'s, 'b>;

    fn serialize_bool(self, v: bool) -> Result {
        self.put(if v { b"true" } else { b"false" })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.signed(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.signed(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.signed(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.signed(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.unsigned(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.unsigned(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.unsigned(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.unsigned(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result {
        let mut b = [0u8; 4];
        self.string(v.encode_utf8(&mut b))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result {
        self.put(b"null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.put(b"null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.put(b"null")
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.byte(b'{')?;
        self.string(variant)?;
        self.byte(b':')?;
        value.serialize(&mut *self)?;
        self.byte(b'}')
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'b>> {
        self.byte(b'[')?;
        Ok(Compound { ser: self, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'s, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>> {
        self.byte(b'{')?;
        self.string(variant)?;
        self.put(b":[")?;
        Ok(Compound { ser: self, first: true, close: b"]}" })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'b>> {
        self.byte(b'{')?;
        Ok(Compound { ser: self, first: true, close: b"}" })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'s, 'b>> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>> {
        self.byte(b'{')?;
        self.string(variant)?;
        self.put(b":{")?;
        Ok(Compound { ser: self, first: true, close: b"}}" })
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result {
        // Format into the buffer after an opening quote, then escape in a
        // second pass only if needed: Display output of claims is rarely
        // special. Simplest correct route: format to a small stack buffer.
        let mut tmp = [0u8; 256];
        let mut text = Cursor::new(&mut tmp);
        write!(text, "{value}").map_err(|_| SerError::Unsupported)?;
        let s = core::str::from_utf8(text.written()).map_err(|_| SerError::Unsupported)?;
        self.string(s)
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.comma()?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        self.ser.put(self.close)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.comma()?;
        key.serialize(KeySerializer { ser: &mut *self.ser })?;
        self.ser.byte(b':')
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        self.ser.put(self.close)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.comma()?;
        self.ser.string(key)?;
        self.ser.byte(b':')?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result {
        self.ser.put(self.close)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result {
        self.ser.put(self.close)
    }
}

/// Map keys: strings only (and chars, and unit variants, which are strings
/// in JSON); anything else is not representable as a JSON object key.
struct KeySerializer<'s, 'b> {
    ser: &'s mut Serializer<'b>,
}

macro_rules! refuse {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, _v: $ty) -> Result { Err(SerError::Unsupported) })*
    };
}

impl ser::Serializer for KeySerializer<'_, '_> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = ser::Impossible<(), SerError>;
    type SerializeTuple = ser::Impossible<(), SerError>;
    type SerializeTupleStruct = ser::Impossible<(), SerError>;
    type SerializeTupleVariant = ser::Impossible<(), SerError>;
    type SerializeMap = ser::Impossible<(), SerError>;
    type SerializeStruct = ser::Impossible<(), SerError>;
    type SerializeStructVariant = ser::Impossible<(), SerError>;

    fn serialize_str(self, v: &str) -> Result {
        self.ser.string(v)
    }
    fn serialize_char(self, v: char) -> Result {
        let mut b = [0u8; 4];
        self.ser.string(v.encode_utf8(&mut b))
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.ser.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result {
        ser::Serializer::collect_str(&mut *self.ser, value)
    }
    refuse!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8]);
    fn serialize_none(self) -> Result {
        Err(SerError::Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result {
        Err(SerError::Unsupported)
    }
    fn serialize_unit(self) -> Result {
        Err(SerError::Unsupported)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(SerError::Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(SerError::Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(SerError::Unsupported)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(SerError::Unsupported)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(SerError::Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(SerError::Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(SerError::Unsupported)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(SerError::Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(SerError::Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::string::String;

    fn json<T: Serialize>(v: &T) -> String {
        let mut buf = [0u8; 512];
        let n = to_slice(v, &mut buf).unwrap();
        String::from_utf8(buf[..n].to_vec()).unwrap()
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tup(u8, u8),
        Rec { a: bool },
    }

    #[derive(Serialize)]
    struct S<'a> {
        s: &'a str,
        n: i64,
        u: u64,
        f: f64,
        o: Option<u8>,
        v: [&'a str; 2],
        e: [E; 4],
        t: (u8, &'a str),
    }

    #[test]
    fn matches_serde_json_core_and_escapes() {
        let s = S {
            s: "a\"b\\c\n\u{1}é🦀",
            n: -42,
            u: u64::MAX,
            f: 1.5,
            o: None,
            v: ["x", "y"],
            e: [E::Unit, E::New(1), E::Tup(1, 2), E::Rec { a: true }],
            t: (7, "z"),
        };
        let got = json(&s);
        assert_eq!(
            got,
            r#"{"s":"a\"b\\c\n\u0001é🦀","n":-42,"u":18446744073709551615,"f":1.5,"o":null,"v":["x","y"],"e":["Unit",{"New":1},{"Tup":[1,2]},{"Rec":{"a":true}}],"t":[7,"z"]}"#
        );
        // Whatever it writes is strict JSON by our own validator.
        assert!(crate::json::validate(got.as_bytes(), &mut |_| {}).is_ok());
    }

    #[test]
    fn refusals_and_limits() {
        assert_eq!(to_slice(&f64::NAN, &mut [0u8; 16]), Err(SerError::Unsupported));
        assert_eq!(to_slice(&"long string", &mut [0u8; 4]), Err(SerError::BufferFull));
        let mut m = std::collections::BTreeMap::new();
        m.insert(1u8, 2u8);
        assert_eq!(to_slice(&m, &mut [0u8; 16]), Err(SerError::Unsupported));
        assert_eq!(json(&0u64), "0");
        assert_eq!(json(&i64::MIN), "-9223372036854775808");
        assert_eq!(json(&1e20f64), "100000000000000000000");
    }
}
