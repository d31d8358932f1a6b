"""CSRF tokens and the request check through the public API: fresh randomness per call, the
error classes, and configuration mistakes."""

import pytest

from jwtcore import session as s

KEY = bytes(range(32))


def test_fresh_tokens_and_masks_differ_and_all_verify():
    keys = s.SessionKeys(KEY)
    sk = s.storage_key(s.new_session_id())
    a, b = keys.csrf_token(sk), keys.csrf_token(sk)
    assert a != b and len(a) == 64
    pages = {s.mask_csrf_token(a) for _ in range(20)}
    assert len(pages) == 20 and all(len(p) == 128 for p in pages)
    for p in pages:
        assert keys.verify_csrf(sk, p) is False
        assert s.same_csrf_token(a, p) and not s.same_csrf_token(b, p)


def test_token_is_bound_to_the_session_and_key():
    keys = s.SessionKeys(KEY)
    sk, other = s.storage_key(s.new_session_id()), s.storage_key(s.new_session_id())
    token = s.mask_csrf_token(keys.csrf_token(sk))
    with pytest.raises(s.CsrfError) as e:
        keys.verify_csrf(other, token)
    assert e.value.code == "session_csrf_mismatch"
    assert isinstance(e.value, s.SessionError)
    with pytest.raises(s.CsrfError):
        s.SessionKeys(bytes(32)).verify_csrf(sk, token)
    rotated = s.SessionKeys(bytes(32), [KEY])
    assert rotated.verify_csrf(sk, token) is True


@pytest.mark.parametrize("bad", [None, "", "x" * 64, b"\xff" * 128, 42])
def test_missing_or_garbage_token(bad):
    keys = s.SessionKeys(KEY)
    with pytest.raises(s.CsrfError) as e:
        keys.verify_csrf(s.storage_key(s.new_session_id()), bad)
    assert e.value.code in ("session_csrf_malformed", "session_csrf_mismatch")
    assert "session_csrf_malformed" in s.error_codes() and "session_csrf_mismatch" in s.error_codes()


def test_configuration_mistakes():
    keys = s.SessionKeys(KEY)
    with pytest.raises(ValueError):
        keys.csrf_token("not a storage key")
    with pytest.raises(TypeError):
        keys.csrf_token(b"s1:" + b"0" * 64)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        keys.csrf_token(s.storage_key(s.new_session_id()), nonce=b"short")
    with pytest.raises(ValueError):
        s.mask_csrf_token(keys.csrf_token(s.storage_key(s.new_session_id())), pad=b"short")
    for bad in (["https://app.example/"], ["app.example"], ["https://*.example"]):
        with pytest.raises(ValueError):
            s.RequestPolicy(bad)
    with pytest.raises(TypeError):
        s.RequestPolicy("https://app.example")


def test_request_policy_reads_framework_style_headers():
    policy = s.RequestPolicy(["https://app.example"])
    assert not policy.check_headers("POST", {"Sec-Fetch-Site": "cross-site"})
    assert policy.check_headers("POST", {"Origin": "https://app.example"}).reason == "origin_listed"
    assert policy.check_headers("DELETE", {}).reason == "origin_missing"
    assert policy.check("POST", origin=b"https://app.example").allowed
