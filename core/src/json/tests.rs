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

/// Names are compared by length and first eight bytes before their bytes: names that agree
/// there (or only differ past it) and names too close to the end of the text for an eight-byte
/// load are still told apart exactly.
#[test]
fn duplicate_check_sees_past_the_eight_byte_prefix() {
    for ok in [
        r#"{"abcdefghij":1,"abcdefghik":2}"#,
        r#"{"abcdefgh":1,"abcdefghi":2,"abcdefg":3}"#,
        r#"{"a":1,"b":2}"#,
        r#"{"":1,"\u0000":2,"a":3}"#,
        r#"{"x":{"longer-than-eight":1,"longer-than-eighT":2}}"#,
    ] {
        assert!(check(ok).is_ok(), "{ok}");
    }
    for bad in [
        r#"{"abcdefghij":1,"abcdefghij":2}"#,
        r#"{"b":1,"b":2}"#,
        r#"{"":1,"":2}"#,
        r#"{"x":1,"y":{},"longer-than-eight":1,"longer-than-eight":2}"#,
        r#"{"é€🦀é€🦀":1,"é€🦀é€🦀":2}"#,
    ] {
        assert_eq!(check(bad).err(), Some(JsonError::Duplicate), "{bad}");
    }
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

/// A flat object with `n` members `"k0":0,"k1":1,…`, optionally repeating `k0` at the end.
fn many_members(n: usize, repeat_first: bool) -> std::string::String {
    let mut doc = std::string::String::from("{");
    for i in 0..n {
        doc.push_str(&std::format!("\"k{i}\":{i},"));
    }
    if repeat_first {
        doc.push_str("\"k0\":0,");
    }
    doc.pop();
    doc.push('}');
    doc
}

#[test]
fn live_key_limit_is_exact_across_the_small_stack() {
    // Up to MAX_LIVE_KEYS names fit, whether or not the first, small stack held them.
    for n in [1, 31, 32, 33, 100, MAX_LIVE_KEYS] {
        assert!(check(&many_members(n, false)).is_ok(), "{n}");
        // A duplicate is found wherever its twin sits, before or after the small stack ran out.
        assert_eq!(check(&many_members(n, true)).err(), Some(JsonError::Duplicate), "{n}");
    }
    assert_eq!(check(&many_members(MAX_LIVE_KEYS + 1, false)).err(), Some(JsonError::Limit));
    // Names of enclosing objects count: 20 outside and 20 inside are 40 alive at once.
    let inner = many_members(20, false);
    let outer = many_members(20, false);
    let nested = std::format!("{}, \"o\":{inner}}}", outer.trim_end_matches('}'));
    assert!(check(&nested).is_ok());
    let dup_inside = std::format!("{}, \"o\":{}}}", outer.trim_end_matches('}'), many_members(40, true));
    assert_eq!(check(&dup_inside).err(), Some(JsonError::Duplicate));
}

#[test]
fn each_top_level_member_is_reported_once_even_after_a_restart() {
    for n in [5, 32, 33, 40, 200] {
        let doc = many_members(n, false);
        let mut seen = std::vec::Vec::new();
        validate(doc.as_bytes(), &mut |m| seen.push(m.key)).unwrap();
        assert_eq!(seen.len(), n, "{n}");
        for (i, key) in seen.iter().enumerate() {
            assert_eq!(&doc.as_bytes()[key.0..key.1], std::format!("k{i}").as_bytes());
        }
    }
}

#[test]
fn string_scan_finds_specials_at_every_offset() {
    // A quote, backslash escape or control character at each position of a long string: the
    // word-at-a-time skip must stop for each, and the verdict must be the byte loop's.
    for at in 0..40 {
        let mut s = std::vec![b'a'; 40];
        let base = |body: &[u8]| {
            let mut d = std::vec::Vec::from(&b"{\"k\":\""[..]);
            d.extend_from_slice(body);
            d.extend_from_slice(b"\"}");
            d
        };
        s[at] = b'"';
        assert_eq!(validate(&base(&s), &mut |_| {}).err(), Some(JsonError::Invalid), "quote at {at}");
        s[at] = 0x1F;
        assert_eq!(validate(&base(&s), &mut |_| {}).err(), Some(JsonError::Invalid), "control at {at}");
        s[at] = 0x7F; // DEL is not a control character in JSON
        assert!(validate(&base(&s), &mut |_| {}).is_ok(), "DEL at {at}");
        let mut esc = s.clone();
        esc.splice(at..=at, *b"\\n");
        let summary = validate(&base(&esc), &mut |_| {}).unwrap();
        assert!(summary.has_escapes, "escape at {at}");
        let mut bad = s.clone();
        bad.splice(at..=at, *b"\\x");
        assert_eq!(validate(&base(&bad), &mut |_| {}).err(), Some(JsonError::Invalid), "bad escape at {at}");
        let mut utf8 = s.clone();
        utf8.splice(at..=at, "é😀".bytes());
        assert!(validate(&base(&utf8), &mut |_| {}).is_ok(), "UTF-8 at {at}");
    }
}
