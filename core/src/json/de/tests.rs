//! The deserializer against serde_json (the field's reference reader) on the
//! same gated, canonical text: same values, same refusals.

use std::collections::BTreeMap;
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use super::{DeError, Index, MAX_UNESCAPED_LEN, from_indexed, from_str};

/// Runs `text` through the gate and canonicalisation, as `verify` does.
fn gated(text: &str) -> String {
    let mut buf = text.as_bytes().to_vec();
    let summary = crate::json::validate(&buf, &mut |_| {}).expect("test input passes the gate");
    if summary.has_escapes {
        crate::json::canonicalize_strings(&mut buf);
    }
    String::from_utf8(buf).unwrap()
}

/// As [`gated`], with the index `claims::check` builds on the way.
fn gated_indexed(text: &str) -> (String, Index) {
    let mut buf = text.as_bytes().to_vec();
    let mut index = Index::new();
    let gated = crate::json::gate(&buf, &mut |m| index.record(m));
    let index = index.seal(gated.expect("test input passes the gate").has_escapes);
    let text = crate::json::canonical_text(&mut buf, gated).unwrap().to_string();
    (text, index)
}

/// The indexed reader gives the ordinary reader's verdict on `text`.
fn indexed_agrees<T: for<'a> Deserialize<'a> + PartialEq + core::fmt::Debug>(text: &str) {
    let (canonical, index) = gated_indexed(text);
    let plain = from_str::<T>(&canonical);
    let indexed = from_indexed::<T>(&canonical, &index);
    assert_eq!(plain, indexed, "{text} ({index:?})");
}

/// Ours and serde_json's verdict on the same canonical text.
fn both<'a, T: Deserialize<'a>>(canonical: &'a str) -> (Result<T, DeError>, Result<T, serde_json::Error>) {
    (from_str::<T>(canonical), serde_json::from_str::<T>(canonical))
}

fn agree<T: for<'a> Deserialize<'a> + PartialEq + core::fmt::Debug>(text: &str) {
    indexed_agrees::<T>(text);
    let canonical = gated(text);
    if cfg!(miri) {
        // serde_json's error positions go through memchr's SSE2 loads, which Miri's symbolic
        // alignment check (scripts/miri.sh) flags; under Miri only our reader runs.
        let _ = from_str::<T>(&canonical);
        return;
    }
    let (ours, theirs) = both::<T>(&canonical);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{text}: ours {a:?}, serde_json {b:?}"),
    }
}

#[derive(Debug, PartialEq, Deserialize)]
struct Claims<'a> {
    sub: &'a str,
    exp: u64,
    nbf: Option<i64>,
    aud: Vec<&'a str>,
    scope: String,
    #[serde(default)]
    ratio: f64,
}

#[test]
fn borrows_plain_strings_and_skips_unknown_members() {
    let text = gated(
        r#"{"sub":"alice","extra":{"a":[1,{"b":"\"}]"}],"c":null},"exp":2000000000,"nbf":null,
           "aud":["api","billing"],"scope":"read write","ratio":0.25,"tail":[[],{}]}"#,
    );
    let c: Claims<'_> = from_str(&text).unwrap();
    assert_eq!(
        c,
        Claims {
            sub: "alice",
            exp: 2_000_000_000,
            nbf: None,
            aud: vec!["api", "billing"],
            scope: "read write".to_string(),
            ratio: 0.25
        }
    );
    // Borrowed: the slice points into the text.
    let at = text.find("alice").unwrap();
    assert!(core::ptr::eq(c.sub.as_ptr(), text[at..].as_ptr()));
}

#[test]
fn the_index_is_used_when_exact_and_gives_the_same_values() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct Mine<'a> {
        sub: &'a str,
        exp: u64,
        roles: [&'a str; 2],
        #[serde(borrow)]
        extra: Option<BTreeMap<&'a str, Value>>,
    }
    let (text, index) = gated_indexed(r#"{"sub":"alice","exp":2000000000,"roles":["a","b"],"x":{"y":[1]}}"#);
    assert_eq!(std::format!("{index:?}"), "Index { members: 4, complete: true }");
    let mine: Mine<'_> = from_indexed(&text, &index).unwrap();
    assert_eq!((mine.sub, mine.exp, mine.roles, mine.extra), ("alice", 2_000_000_000, ["a", "b"], None));
    assert!(core::ptr::eq(mine.sub.as_ptr(), text[8..].as_ptr()), "borrowed from the text");
    assert_eq!(from_str::<Mine<'_>>(&text).unwrap(), from_indexed::<Mine<'_>>(&text, &index).unwrap());

    // An escape anywhere, or more members than it holds: the index stands aside.
    let (_, index) = gated_indexed(r#"{"sub":"a\"b","exp":1}"#);
    assert_eq!(std::format!("{index:?}"), "Index { members: 2, complete: false }");
    let many: String = (0..=super::index::MAX_INDEXED).map(|i| std::format!(r#""k{i}":{i},"#)).collect();
    let (_, index) = gated_indexed(&std::format!("{{{many}\"last\":0}}"));
    assert!(std::format!("{index:?}").ends_with("complete: false }"));

    // Every top-level shape reads as the ordinary reader reads it.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Wrap(BTreeMap<String, u8>);
    #[derive(Debug, PartialEq, Deserialize)]
    enum Top {
        A { n: u8 },
        B(String),
    }
    #[derive(Debug, PartialEq, Deserialize)]
    struct Strs {
        s: String,
        c: char,
        b: Vec<u8>,
        o: Option<String>,
        e: Top,
        i: Option<i128>,
    }
    for text in [
        r#"{"a":1,"b":2}"#,
        r#"{"A":{"n":3}}"#,
        r#"{"B":"x"}"#,
        r#"{"A":{"n":3},"B":"x"}"#,
        r#"{"s":"x","c":"y","b":[1,2],"o":"z","e":{"B":"w"},"i":null}"#,
        r#"{"s":"x","c":"yy","b":[1,2],"o":null,"e":{"B":"w"},"i":5}"#,
        r#"{"s":1,"c":"y","b":"ab","o":"z","e":"A","i":"5"}"#,
        r#"{ "a" : 1 , "b" : 300 }"#,
        r#"{}"#,
    ] {
        indexed_agrees::<BTreeMap<String, Value>>(text);
        indexed_agrees::<Option<BTreeMap<String, u8>>>(text);
        indexed_agrees::<Wrap>(text);
        indexed_agrees::<Top>(text);
        indexed_agrees::<Strs>(text);
        indexed_agrees::<Value>(text);
        indexed_agrees::<Vec<u8>>(text);
        indexed_agrees::<()>(text);
        indexed_agrees::<String>(text);
        indexed_agrees::<i128>(text);
        indexed_agrees::<serde::de::IgnoredAny>(text);
    }
}

#[test]
fn escaped_strings_decode_into_owned_fields_only() {
    #[derive(Debug, Deserialize)]
    struct Owned {
        s: String,
    }
    #[derive(Debug, Deserialize)]
    struct Borrowed<'a> {
        #[allow(dead_code)]
        s: &'a str,
    }
    // Needless escapes are removed by canonicalisation, so these borrow.
    let text = gated(r#"{"s":"\u0061\/b"}"#);
    assert_eq!(from_str::<Borrowed<'_>>(&text).unwrap().s, "a/b");
    // A quote, a backslash and a newline stay escaped: decoded, not borrowable.
    let text = gated(r#"{"s":"q\"b\\n\nc\u0001é🦀"}"#);
    assert_eq!(from_str::<Owned>(&text).unwrap().s, "q\"b\\n\nc\u{1}é🦀");
    assert_eq!(from_str::<Borrowed<'_>>(&text).unwrap_err(), DeError);
    // The decode space is bounded; plain strings are not.
    let long = |n: usize, escaped: bool| {
        let body = "x".repeat(n);
        if escaped { format!(r#"{{"s":"\n{body}"}}"#) } else { format!(r#"{{"s":"{body}"}}"#) }
    };
    assert!(from_str::<Owned>(&gated(&long(MAX_UNESCAPED_LEN - 1, true))).is_ok());
    assert_eq!(from_str::<Owned>(&gated(&long(MAX_UNESCAPED_LEN, true))).unwrap_err(), DeError);
    assert!(from_str::<Borrowed<'_>>(&gated(&long(4 * MAX_UNESCAPED_LEN, false))).is_ok());
}

#[test]
fn numbers_map_as_in_serde_json() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct N<T> {
        v: T,
    }
    for v in [
        "0",
        "1",
        "-1",
        "255",
        "256",
        "-129",
        "1.0",
        "1e2",
        "-0",
        "-0.0",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1.5e308",
        "4.9e-324",
        "123456789012345678901234567890",
    ] {
        let text = format!(r#"{{"v":{v}}}"#);
        agree::<N<u8>>(&text);
        agree::<N<i8>>(&text);
        agree::<N<u64>>(&text);
        agree::<N<i64>>(&text);
        agree::<N<u128>>(&text);
        agree::<N<i128>>(&text);
        agree::<N<f64>>(&text);
        agree::<N<f32>>(&text);
        agree::<N<Option<u32>>>(&text);
        agree::<N<Value>>(&text);
        agree::<N<String>>(&text);
    }
}

#[test]
fn shapes_and_refusals_match_serde_json() {
    #[derive(Debug, PartialEq, Deserialize)]
    enum E {
        Unit,
        New(u8),
        Tup(u8, u8),
        Rec { a: bool },
    }
    #[derive(Debug, PartialEq, Deserialize)]
    struct Shapes {
        e: Vec<E>,
        t: (u8, String),
        arr: [u16; 3],
        m: BTreeMap<u32, bool>,
        c: char,
        b: bool,
        u: (),
        o: Option<Option<u8>>,
    }
    let good = r#"{"e":["Unit",{"New":1},{"Tup":[1,2]},{"Rec":{"a":true}},{"Unit":null}],"t":[7,"z"],"arr":[1,2,3],
                   "m":{"1":true,"20":false},"c":"é","b":false,"u":null,"o":5}"#;
    agree::<Shapes>(good);
    assert!(from_str::<Shapes>(&gated(good)).is_ok());
    for bad in [
        good.replace("[1,2,3]", "[1,2,3,4]"),
        good.replace("[1,2,3]", "[1,2]"),
        good.replace("[1,2,3]", "[1,2,70000]"),
        good.replace(r#""Unit","#, r#""Nope","#),
        good.replace(r#"{"New":1}"#, r#"{"New":1,"Unit":null}"#),
        good.replace(r#""1":true"#, r#""x":true"#),
        good.replace(r#""c":"é""#, r#""c":"ab""#),
        good.replace(r#""b":false"#, r#""b":0"#),
        good.replace(r#""u":null"#, r#""u":{}"#),
        good.replace(r#""t":[7,"z"]"#, r#""t":{"0":7}"#),
    ] {
        assert!(from_str::<Shapes>(&gated(&bad)).is_err(), "{bad}");
        agree::<Shapes>(&bad);
    }
}

#[test]
fn text_that_skipped_the_gate_is_refused_without_panicking() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Any<'a> {
        a: Option<&'a str>,
        #[serde(borrow)]
        b: Option<Vec<&'a str>>,
    }
    for bad in [
        "",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":\"x",
        "{\"a\":\"x\\",
        "{\"b\":[\"x\",",
        "{\"a\":\"x\"} x",
        "{\"c\":{[}",
        "{\"c\":]",
        "{\"c\":tru}",
        "{,}",
        "{\"b\":[,]}",
        "{\"a\":1,}",
    ] {
        assert!(from_str::<Any<'_>>(bad).is_err(), "{bad:?}");
        assert!(from_str::<Value>(bad).is_err(), "{bad:?}");
        if !cfg!(miri) {
            assert!(serde_json::from_str::<Value>(bad).is_err(), "{bad:?}");
        }
    }
}

/// JSON values whose numbers serde_json and `core` parse to the same `f64`
/// (dyadic fractions: both readers are exact on them).
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (any::<i32>(), 0u32..8).prop_map(|(m, e)| Value::from(f64::from(m) / f64::from(1u32 << e))),
        "[ -~é🦀\"\\\\\u{1}\n/]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z\"\\\\é]{0,4}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config())]

    /// Any value, as serde_json writes it (with needless escapes added, which the gate's
    /// canonicalisation removes), reads back the same through both readers.
    #[test]
    fn any_value_reads_as_serde_json_reads_it(v in value(), slash_escapes in any::<bool>()) {
        let mut text = serde_json::json!({ "v": v, "w": [v] }).to_string();
        if slash_escapes {
            // Only inside strings: `é` and `/` appear nowhere else.
            text = text.replace('é', "\\u00e9").replace('/', "\\/");
        }
        let canonical = gated(&text);
        let ours: BTreeMap<String, Value> = from_str(&canonical).unwrap();
        let theirs: BTreeMap<String, Value> = serde_json::from_str(&canonical).unwrap();
        prop_assert_eq!(&ours, &theirs);
        prop_assert_eq!(&ours["v"], &v);
        let (canonical, index) = gated_indexed(&text);
        let indexed: BTreeMap<String, Value> = from_indexed(&canonical, &index).unwrap();
        prop_assert_eq!(&indexed, &ours);
    }
}
