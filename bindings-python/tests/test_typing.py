"""The typed surface: the wheel ships ``py.typed``, every public function and method is fully
annotated, and the annotations resolve (a typo in a forward reference would only show up in a
user's type checker otherwise)."""

import inspect
import sys
import typing
from importlib import resources

import pytest

import jwtcore
from jwtcore import jwks_client

FUNCTIONS = ["encode", "decode", "decode_complete", "get_unverified_header", "register_algorithm",
             "unregister_algorithm", "get_algorithm_by_name"]
CLASSES = [jwtcore.PyJWT, jwtcore.PyJWS, jwtcore.PyJWK, jwtcore.PyJWKSet, jwtcore.PyJWKClient, jwks_client.JWKSetCache]
DUNDERS = {"__init__", "__getitem__", "__iter__"}


def public_callables():
    for name in FUNCTIONS:
        yield name, getattr(jwtcore, name)
    for cls in CLASSES:
        for name, member in vars(cls).items():
            if name.startswith("_") and name not in DUNDERS:
                continue
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if isinstance(member, property):
                member = member.fget
            if callable(member):
                yield f"{cls.__name__}.{name}", member


CALLABLES = list(public_callables())


def test_package_is_marked_typed():
    assert resources.files("jwtcore").joinpath("py.typed").is_file()
    assert resources.files("jwtcore").joinpath("_core.pyi").is_file()


def test_public_names_are_exported():
    for name in FUNCTIONS + ["PyJWS", "PyJWT", "PyJWK", "PyJWKSet", "PyJWKClient"]:
        assert name in jwtcore.__all__ and hasattr(jwtcore, name)


@pytest.mark.parametrize("name,fn", CALLABLES, ids=[n for n, _ in CALLABLES])
def test_fully_annotated(name, fn):
    sig = inspect.signature(fn)
    missing = [p.name for p in sig.parameters.values() if p.name != "self" and p.annotation is inspect.Parameter.empty]
    assert not missing, f"{name}: parameters without annotations: {missing}"
    assert sig.return_annotation is not inspect.Signature.empty, f"{name}: no return annotation"


@pytest.mark.skipif(sys.version_info < (3, 10), reason="`X | Y` annotations evaluate from Python 3.10")
@pytest.mark.parametrize("name,fn", CALLABLES, ids=[n for n, _ in CALLABLES])
def test_annotations_resolve(name, fn):
    hints = typing.get_type_hints(fn)
    assert "return" in hints


def test_docstrings_document_every_parameter_and_the_exceptions():
    # issue 19: help(jwtcore.decode) as useful as PyJWT's: each parameter, what is raised.
    import jwtcore as jwt

    documented = [jwt.decode, jwt.decode_complete, jwt.encode, jwt.PyJWS.encode, jwt.PyJWS.decode_complete,
                  jwt.PyJWS.decode, jwt.get_unverified_header, jwt.PyJWK, jwt.PyJWKClient]
    for fn in documented:
        doc = inspect.getdoc(fn) or ""
        assert ":raises" in doc, f"{fn.__qualname__}: no exceptions documented"
        if fn in (jwt.decode_complete, jwt.PyJWS.decode):
            continue  # they refer to decode / decode_complete for the details
        target = fn.__init__ if isinstance(fn, type) else fn
        for name in inspect.signature(target).parameters:
            if name in ("self", "kwargs"):
                continue
            assert f":param {name}:" in doc, f"{fn.__qualname__}: parameter {name} undocumented"
    assert "RFC 8725" in inspect.getdoc(jwt.decode) and "Security" in inspect.getdoc(jwt.get_unverified_header)
