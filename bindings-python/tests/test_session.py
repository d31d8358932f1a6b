"""jwtcore.session through the installed wheel: IDs, signed cookies, storage keys, cookie headers,
lifetime checks, ID rotation, refresh families, the error contract, and the documented byte
formats recomputed independently here (the same construction the Rust core and the npm package
use, so equal bytes here mean equal bytes there)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import inspect
import re
import struct

import pytest
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jwtcore
from jwtcore import session as s

KEY = bytes(range(32))
OLD = bytes([7]) * 32
PEPPER = bytes([9]) * 32
ID_RE = re.compile(r"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$")
SETTINGS = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def unb64(t: str) -> bytes:
    return base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))


def expected_cookie(key: bytes, name: str, raw_id: bytes) -> str:
    """The documented construction: HMAC-SHA256(key, label ‖ u16be(len name) ‖ name ‖ id)."""
    msg = b"jwtcore/signed-cookie/v1\0" + struct.pack(">H", len(name.encode())) + name.encode() + raw_id
    return b64(raw_id) + "." + b64(hmac.new(key, msg, hashlib.sha256).digest())


def expected_storage_key(raw_id: bytes, pepper: bytes | None = None) -> str:
    label = b"jwtcore/session-storage-key/v1\0"
    if pepper is None:
        digest = hashlib.sha256(label + raw_id).digest()
    else:
        digest = hmac.new(pepper, label + raw_id, hashlib.sha256).digest()
    return "s1:" + digest.hex()


# --- IDs, storage keys, signed cookies ---------------------------------------------------------


def test_new_ids_are_256_bit_canonical_and_distinct():
    ids = {s.new_session_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(ID_RE.match(i) for i in ids)


def test_cross_surface_bytes_fixed_key_and_id():
    raw = bytes([7]) * 32
    sid = b64(raw)
    keys = s.SessionKeys(KEY)
    value = keys.sign_cookie("__Host-id", sid)
    assert value == expected_cookie(KEY, "__Host-id", raw)
    assert len(value) == 87 and value[43] == "."
    assert keys.sign_cookie("__Host-id", sid) == value  # deterministic
    assert s.storage_key(sid) == expected_storage_key(raw)
    assert s.storage_key(sid, PEPPER) == expected_storage_key(raw, PEPPER)
    assert s.storage_key(sid) != s.storage_key(sid, PEPPER)
    # bytes input is the same ID
    assert s.storage_key(sid.encode()) == s.storage_key(sid)


def test_round_trip_and_wrong_name():
    keys = s.SessionKeys(KEY)
    sid = s.new_session_id()
    value = keys.sign_cookie("sid", sid)
    assert keys.verify_cookie("sid", value) == (sid, False)
    with pytest.raises(s.InvalidCookieError) as e:
        keys.verify_cookie("other", value)
    assert e.value.code == "session_cookie_signature"
    with pytest.raises(s.InvalidCookieError):
        keys.verify_cookie("sid\0", value)


def test_key_rotation_reissue():
    sid = s.new_session_id()
    old_value = s.SessionKeys(OLD).sign_cookie("sid", sid)
    ring = s.SessionKeys(KEY, previous=[OLD])
    assert ring.verify_cookie("sid", old_value) == (sid, True)
    fresh = ring.sign_cookie("sid", sid)
    assert fresh == expected_cookie(KEY, "sid", unb64(sid))  # signs with current only
    assert ring.verify_cookie("sid", fresh) == (sid, False)
    # once the old key is retired, the old cookie is dead
    with pytest.raises(s.InvalidCookieError):
        s.SessionKeys(KEY).verify_cookie("sid", old_value)


@pytest.mark.parametrize(
    "mutate,code",
    [
        (lambda v: v + "A", "session_cookie_malformed"),
        (lambda v: v[:-1], "session_cookie_malformed"),
        (lambda v: v.replace(".", "~"), "session_cookie_malformed"),
        (lambda v: v[:50] + ("A" if v[50] != "A" else "B") + v[51:], "session_cookie_signature"),
        (lambda v: ("B" if v[0] != "B" else "C") + v[1:], "session_cookie_signature"),
        (lambda v: " " + v[1:], "session_cookie_malformed"),
        (lambda v: "", "session_cookie_malformed"),
        (lambda v: v[:43] + "." + "A" * 43, "session_cookie_signature"),
    ],
)
def test_tampered_and_forged_cookies(mutate, code):
    keys = s.SessionKeys(KEY)
    value = keys.sign_cookie("sid", b64(bytes(32)))
    with pytest.raises(s.InvalidCookieError) as e:
        keys.verify_cookie("sid", mutate(value))
    assert e.value.code == code
    assert isinstance(e.value, jwtcore.PyJWTError)


def test_forged_with_another_key_and_transplanted_id():
    keys = s.SessionKeys(KEY)
    forged = s.SessionKeys(bytes(32)).sign_cookie("sid", s.new_session_id())
    with pytest.raises(s.InvalidCookieError):
        keys.verify_cookie("sid", forged)
    a = keys.sign_cookie("sid", s.new_session_id())
    other = s.new_session_id()
    with pytest.raises(s.InvalidCookieError):
        keys.verify_cookie("sid", other + a[43:])


@pytest.mark.parametrize(
    "bad,code",
    [
        ("short", "session_id_length"),
        ("A" * 44, "session_id_length"),
        ("+" + "A" * 42, "session_id_alphabet"),
        ("A" * 42 + "B", "session_id_non_canonical"),
        ("A" * 42 + "\ud800", "session_id_length"),
        (None, "session_id_alphabet"),
        (12, "session_id_alphabet"),
    ],
)
def test_bad_ids(bad, code):
    with pytest.raises(s.InvalidSessionIdError) as e:
        s.storage_key(bad)
    assert e.value.code == code
    with pytest.raises(s.InvalidSessionIdError):
        s.SessionKeys(KEY).sign_cookie("sid", bad)


def test_key_configuration_errors_are_value_or_type_errors():
    with pytest.raises(ValueError):
        s.SessionKeys(b"short")
    with pytest.raises(ValueError):
        s.SessionKeys(KEY, [b"x" * 31])
    with pytest.raises(TypeError):
        s.SessionKeys("a" * 32)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.SessionKeys(KEY, OLD)  # one key, not a list
    with pytest.raises(ValueError):
        s.storage_key(s.new_session_id(), b"p" * 16)


# --- cookie headers ----------------------------------------------------------------------------


def test_cookie_defaults_and_clear():
    c = s.SessionCookie()
    assert c.serialize("abc") == "__Host-id=abc; Path=/; Secure; HttpOnly; SameSite=Lax"
    assert c.clear() == (
        "__Host-id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"
    )
    full = s.SessionCookie(
        name="__Secure-sid", domain="example.com", same_site="Strict", max_age=3600, partitioned=True, http_only=False
    )
    assert full.serialize("v") == (
        "__Secure-sid=v; Path=/; Domain=example.com; Max-Age=3600; Secure; SameSite=Strict; Partitioned"
    )
    assert s.SessionCookie(name="sid", secure=False, same_site="strict").serialize("v") == (
        "sid=v; Path=/; HttpOnly; SameSite=Strict"
    )


@pytest.mark.parametrize(
    "kwargs,rule",
    [
        ({"secure": False}, "prefix_needs_secure"),
        ({"path": "/app"}, "host_prefix_needs_root_path"),
        ({"domain": "example.com"}, "host_prefix_forbids_domain"),
        ({"name": "__host-x", "domain": "example.com"}, "host_prefix_forbids_domain"),
        ({"name": "__Secure-x", "secure": False}, "prefix_needs_secure"),
        ({"name": "sid", "secure": False, "same_site": "None"}, "same_site_none_needs_secure"),
        ({"name": ""}, "invalid_name"),
        ({"name": "a b"}, "invalid_name"),
        ({"name": "a;b"}, "invalid_name"),
        ({"name": "sid\ud800"}, "invalid_name"),
        ({"max_age": 400 * 86400 + 1}, "max_age_too_long"),
        ({"max_age": 10**30}, "max_age_too_long"),
        ({"name": "sid", "path": "/a;Domain=evil"}, "invalid_attribute"),
    ],
)
def test_cookie_rules(kwargs, rule):
    with pytest.raises(s.CookieConfigError) as e:
        s.SessionCookie(**kwargs)
    assert e.value.code == "session_cookie_config"
    assert e.value.rule == rule


def test_cookie_value_rules_and_same_site_none():
    assert "SameSite=None" in s.SessionCookie(same_site="None").serialize("v")
    for bad in ("a;b", "a b", 'a"b', "é", "\ud800", None):
        with pytest.raises(s.CookieConfigError) as e:
            s.SessionCookie().serialize(bad)
        if bad is not None:
            assert e.value.rule == "invalid_value"
    with pytest.raises(ValueError):
        s.SessionCookie(same_site="Sometimes")  # type: ignore[arg-type]


def test_find_cookie():
    h = "a=1; __Host-id=xyz;\tb=2"
    assert s.find_cookie(h, "__Host-id") == "xyz"
    assert s.find_cookie(h, "b") == "2"
    assert s.find_cookie(h, "missing") is None
    assert s.find_cookie("__%48ost-id=evil", "__Host-id") is None
    assert s.find_cookie("\u2000__Host-id=evil", "__Host-id") is None
    assert s.find_cookie("__host-id=evil", "__Host-id") is None
    assert s.find_cookie(b"x=1", "x") == "1"
    assert s.find_cookie("", "x") is None


@pytest.mark.parametrize("header", ["x=1; x=2", "x=1;x=1", "x=; y=2; x=3", " x=a ;\tx=b"])
def test_duplicate_cookie_names(header):
    with pytest.raises(s.DuplicateCookieError) as e:
        s.find_cookie(header, "x")
    assert e.value.code == "session_cookie_duplicate"
    assert isinstance(e.value, s.InvalidCookieError)


def test_full_cookie_flow():
    keys, cookie = s.SessionKeys(KEY), s.SessionCookie()
    sid = s.new_session_id()
    set_cookie = cookie.serialize(keys.sign_cookie(cookie.name, sid))
    value = set_cookie.split(";")[0].split("=", 1)[1]
    presented = s.find_cookie(f"theme=dark; {cookie.name}={value}", cookie.name)
    assert presented is not None
    back, reissue = keys.verify_cookie(cookie.name, presented)
    assert back == sid and not reissue
    assert s.storage_key(back) == s.storage_key(sid)


# --- lifetimes and rotation --------------------------------------------------------------------


def test_check_timeouts():
    t = s.Timeouts(idle=100, absolute=1000, touch_after=10, renew_after=300)
    times = s.SessionTimes.new(now=0)
    assert s.check(times, t, now=0) == s.Liveness("active", False, False)
    assert s.check(times, t, now=99) == s.Liveness("active", True, False)
    assert s.check(times, t, now=100).status == "idle_expired"
    later = s.SessionTimes(0, 950, 0)
    assert s.check(later, t, now=960) == s.Liveness("active", True, True)
    assert s.check(later, t, now=1000).status == "absolute_expired"
    assert s.check(later, t, now=900).status == "clock_skew"
    assert not s.check(later, t, now=900).active
    assert s.expires_at(later, t) == 1000
    assert s.expires_at(s.SessionTimes(0, 100, 0), t) == 200
    assert s.check(s.SessionTimes(10, 5, 10), t, now=20).status == "clock_skew"


def test_check_reads_the_clock_each_call():
    with freeze_time("2030-01-01 00:00:00") as frozen:
        times = s.SessionTimes.new()
        assert s.check(times).active
        frozen.tick(31 * 60)
        assert s.check(times).status == "idle_expired"
        assert s.check(s.SessionTimes.new(), s.Timeouts()).active


def test_rotate_id():
    old = s.new_session_id()
    r = s.rotate_id(old, PEPPER)
    assert ID_RE.match(r.new_id) and r.new_id != old
    assert r.delete == s.storage_key(old, PEPPER)
    assert r.create == s.storage_key(r.new_id, PEPPER)
    times = s.Rotation.times(s.SessionTimes(5, 50, 5), now=60)
    assert times == s.SessionTimes(5, 60, 60)
    with pytest.raises(s.InvalidSessionIdError):
        s.rotate_id("nope")


# --- refresh families --------------------------------------------------------------------------


def fam(**kw):
    return s.RefreshFamilies(KEY, **kw)


def test_refresh_rotation_and_reuse_detection():
    f = fam()
    t0 = f.start(now=100)
    assert t0.kind == "start" and len(t0.token) == 112 and len(t0.record) == 160
    assert re.fullmatch(r"r1:[0-9a-f]{32}", t0.family)
    assert f.family_of(t0.token) == t0.family
    r1 = f.decide(t0.record, t0.token, now=110)
    assert r1.kind == "rotate" and r1.expect_version == 0 and r1.ok
    assert s.record_info(r1.record).generation == 1 and s.record_info(r1.record).version == 1
    r2 = f.decide(r1.record, r1.token, now=120)
    assert r2.kind == "rotate" and r2.expect_version == 1
    # the thief replays t0 two generations later: detected, family revoked
    reuse = f.decide(r2.record, t0.token, now=130)
    assert reuse.kind == "reuse_detected" and reuse.reason == "refresh_reuse_detected"
    assert reuse.expect_version == 2 and reuse.token is None and not reuse.ok
    info = s.record_info(reuse.record)
    assert info.revoked == "reuse" and info.revoked_at == 130
    # and now even the legitimate current token is dead
    dead = f.decide(reuse.record, r2.token, now=140)
    assert (dead.kind, dead.reason) == ("reject", "refresh_revoked")


def test_refresh_grace_retry_is_idempotent_one_generation_only():
    f = fam(grace=10)
    t0 = f.start(now=100)
    r1 = f.decide(t0.record, t0.token, now=100)
    retry = f.decide(r1.record, t0.token, now=105)
    assert retry.kind == "grace_retry" and retry.token == r1.token
    assert f.decide(r1.record, t0.token, now=110).kind == "reuse_detected"
    r2 = f.decide(r1.record, r1.token, now=106)
    assert f.decide(r2.record, t0.token, now=107).kind == "reuse_detected"
    # the core caps grace at 300 s
    g = fam(grace=10_000)
    a = g.start(now=0)
    b = g.decide(a.record, a.token, now=0)
    assert g.decide(b.record, a.token, now=299).kind == "grace_retry"
    assert g.decide(b.record, a.token, now=300).kind == "reuse_detected"


def test_refresh_rejections_change_nothing():
    f = fam(absolute=1000, idle=100)
    t0 = f.start(now=0, binding="client-a")
    assert f.decide(t0.record, t0.token, now=1, binding="client-b").reason == "refresh_binding_mismatch"
    assert f.decide(t0.record, t0.token, now=1).reason == "refresh_binding_mismatch"
    assert f.decide(t0.record, t0.token, now=100, binding=b"client-a").reason == "refresh_idle"
    assert f.decide(t0.record, t0.token, now=1, binding=b"client-a").kind == "rotate"
    other = f.start(now=0)
    assert f.decide(other.record, t0.token, now=1).reason == "refresh_wrong_family"
    stranger = s.RefreshFamilies(OLD)
    assert stranger.decide(t0.record, t0.token, now=1).reason == "refresh_not_authentic"
    assert f.decide(t0.record, t0.token[1:], now=1).reason == "refresh_malformed"
    flipped = t0.token[:30] + ("A" if t0.token[30] != "A" else "B") + t0.token[30:][1:]
    assert f.decide(t0.record, flipped, now=1).reason == "refresh_not_authentic"
    assert f.decide(t0.record, None, now=1).reason == "refresh_malformed"  # type: ignore[arg-type]
    with pytest.raises(s.RefreshTokenError) as e:
        f.family_of(flipped)
    assert e.value.code == "refresh_not_authentic"
    with pytest.raises(s.RefreshTokenError) as e:
        f.family_of("x")
    assert e.value.code == "refresh_malformed"


def test_refresh_expiry_is_absolute():
    f = fam(absolute=1000, idle=500)
    t = f.start(now=0)
    rec, tok = t.record, t.token
    for now in (400, 800):
        o = f.decide(rec, tok, now=now)
        assert o.kind == "rotate"
        rec, tok = o.record, o.token
    assert s.record_info(rec).created_at == 0
    assert f.decide(rec, tok, now=1000).reason == "refresh_expired"


def test_refresh_revoke():
    f = fam()
    t = f.start(now=0)
    revoked = f.revoke(t.record, "logout", now=5)
    info = s.record_info(revoked)
    assert (info.revoked, info.revoked_at, info.version) == ("logout", 5, 1)
    assert f.decide(revoked, t.token, now=6).reason == "refresh_revoked"
    with pytest.raises(ValueError):
        f.revoke(t.record, "because", now=5)  # type: ignore[arg-type]
    with pytest.raises(s.RecordError):
        f.revoke(b"\x00" * 160, "logout")


def test_refresh_key_rotation_keeps_tokens_valid():
    old = s.RefreshFamilies(OLD)
    t = old.start(now=0)
    new = s.RefreshFamilies(KEY, previous=[OLD])
    r = new.decide(t.record, t.token, now=1)
    assert r.kind == "rotate"
    assert s.RefreshFamilies(KEY).family_of(r.token) == t.family


def test_refresh_token_format_matches_the_documented_construction():
    f = fam()
    t = f.start(now=0)
    raw = unb64(t.token)
    family, gen, secret, tag = raw[:16], raw[16:20], raw[20:52], raw[52:]
    assert t.family == "r1:" + family.hex() and gen == bytes(4)
    assert tag == hmac.new(KEY, b"jwtcore/refresh-token/v1\0" + family + gen + secret, hashlib.sha256).digest()
    # the record holds the secret's hash only, never the token
    assert t.record[0] == 1 and t.record[1:17] == family
    stored = hashlib.sha256(b"jwtcore/refresh-storage-key/v1\0" + secret).digest()
    assert t.record[21:53] == stored and secret not in t.record
    # the successor secret is derived: HMAC(key, label ‖ family ‖ next gen ‖ secret)
    r = f.decide(t.record, t.token, now=1)
    succ = hmac.new(KEY, b"jwtcore/refresh-successor/v1\0" + family + struct.pack(">I", 1) + secret, hashlib.sha256)
    assert unb64(r.token)[20:52] == succ.digest()


@pytest.mark.parametrize("bad", [b"", b"\x00" * 160, b"\x01" * 159, "text", None, 5])
def test_bad_records(bad):
    with pytest.raises(s.RecordError) as e:
        fam().decide(bad, "x" * 112)
    assert e.value.code == "session_record_malformed"


def test_refresh_reads_the_clock():
    f = fam(idle=60)
    with freeze_time("2030-01-01") as frozen:
        t = f.start()
        frozen.tick(61)
        assert f.decide(t.record, t.token).reason == "refresh_idle"


def test_error_codes_cover_the_classes():
    codes = s.error_codes()
    assert "session_cookie_signature" in codes and "refresh_future_generation" in codes
    for code in codes:
        assert issubclass(s._class_for(code), s.SessionError)


# --- arbitrary input raises only SessionError --------------------------------------------------

anything = st.one_of(
    st.text(max_size=200),
    st.text(alphabet="ABCDEFabcdef0123456789-_.=; ", max_size=120),
    st.binary(max_size=200),
    st.none(),
    st.integers(),
    st.lists(st.integers(), max_size=3),
    st.from_regex(r"[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_-]{112}", fullmatch=True),
)
SIGNED = s.SessionKeys(KEY).sign_cookie("sid", b64(bytes(32)))
FAM = fam()
START = FAM.start(now=0)


@SETTINGS
@given(anything, anything)
def test_arbitrary_input_only_raises_session_error(a, b):
    keys = s.SessionKeys(KEY, [OLD])
    calls = [
        lambda: keys.verify_cookie("sid", a),
        lambda: keys.sign_cookie("sid", a),
        lambda: s.storage_key(a),
        lambda: s.find_cookie(a, "sid"),
        lambda: s.find_cookie(f"sid={a}; x=1", "sid"),
        lambda: s.rotate_id(a),
        lambda: FAM.family_of(a),
        lambda: FAM.decide(a, START.token, now=1),
        lambda: FAM.decide(START.record, a, now=1),
        lambda: s.record_info(a),
        lambda: s.SessionCookie().serialize(a),
        lambda: s.find_cookie(a, b) if isinstance(b, str) else None,
    ]
    for call in calls:
        try:
            call()
        except s.SessionError as e:
            assert e.code in s.error_codes()


@SETTINGS
@given(st.binary(min_size=160, max_size=160))
def test_arbitrary_records(record):
    try:
        out = FAM.decide(record, START.token, now=1)
    except s.RecordError:
        return
    assert out.kind in ("reject", "rotate", "grace_retry", "reuse_detected")
    # a random record never lets the token rotate: its hash cannot match
    assert out.kind != "rotate" and out.kind != "grace_retry"


@SETTINGS
@given(st.integers(min_value=0, max_value=86), st.sampled_from("AZaz09-_+/=. "))
def test_one_character_edits_never_verify(pos, ch):
    keys = s.SessionKeys(KEY)
    edited = SIGNED[:pos] + ch + SIGNED[pos + 1 :]
    if edited == SIGNED:
        return
    with pytest.raises(s.InvalidCookieError):
        keys.verify_cookie("sid", edited)


def test_public_surface_is_annotated():
    from jwtcore import stores

    items = [(n, getattr(s, n)) for n in s.__all__] + [(n, getattr(stores, n)) for n in stores.__all__]
    checked = 0
    for name, obj in items:
        members = [(name, obj)] if inspect.isfunction(obj) else [
            (f"{name}.{m}", f) for m, f in vars(obj).items() if inspect.isfunction(f) and (not m.startswith("_") or m == "__init__")
        ] if inspect.isclass(obj) else []
        for label, fn in members:
            sig = inspect.signature(fn)
            missing = [p.name for p in sig.parameters.values() if p.name != "self" and p.annotation is inspect.Parameter.empty]
            assert not missing, f"{label}: {missing}"
            assert sig.return_annotation is not inspect.Signature.empty, label
            checked += 1
    assert checked > 40
