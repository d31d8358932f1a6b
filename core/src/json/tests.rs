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
