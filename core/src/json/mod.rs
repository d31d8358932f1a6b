//! JSON, in serde_json's layout: [`read`] (the strict gate and string
//! decoding), [`value`] (the lazy reader over validated text), [`canonical`]
//! (in-place removal of needless escapes), [`escape`] (the one escape table
//! every writer uses), [`write`] (the output cursor and string writer),
//! [`ser`] (the `serde` serializer behind `encode`), [`de`] (the `serde`
//! deserializer behind `deserialize`, over text the gate has passed) and
//! [`scan`] (the word-at-a-time string scan both readers share).
//!
//! # Reading
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

mod canonical;
mod de;
mod escape;
mod read;
mod scan;
pub(crate) mod ser;
mod value;
mod write;

pub(crate) use canonical::{canonicalize_strings, string_end};
pub(crate) use de::{Index, from_indexed};
pub(crate) use read::{Unescape, canonical_text, gate, raw_eq_raw, raw_eq_str, validate};
pub(crate) use value::{ArrayIter, Value};
pub(crate) use write::Cursor;

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

#[cfg(test)]
mod tests;
