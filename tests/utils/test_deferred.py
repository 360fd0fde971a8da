"""framework.utils.deferred: regexes, modules and class attributes resolved on first use."""

from __future__ import annotations

import copy
import pickle
import re
import sys
import threading

import pytest

from framework.core.validators import RegexValidator
from framework.utils.deferred import LazyImport, LazyModule, LazyRegex, lazy_module, lazy_re_compile


def _is_compiled(lazy: LazyRegex) -> bool:
    return isinstance(object.__getattribute__(lazy, "_compiled"), re.Pattern)


def test_lazy_regex_compiles_on_first_use_only() -> None:
    """Building the object compiles nothing; the first match compiles, once."""
    lazy = lazy_re_compile(r"^a+\Z", re.IGNORECASE)
    assert not _is_compiled(lazy)
    assert lazy.match("AAA")
    first = lazy.compiled()
    assert lazy.search("b") is None
    assert lazy.compiled() is first


def test_lazy_regex_behaves_as_the_pattern() -> None:
    """pattern, flags, sub, equality and hashing are those of re.compile's result."""
    lazy = lazy_re_compile(r"(\d+)")
    real = re.compile(r"(\d+)")
    assert lazy.pattern == r"(\d+)"
    assert lazy.flags == real.flags
    assert lazy.sub(r"<\1>", "a1b22") == "a<1>b<22>"
    assert lazy == real and real == lazy
    assert lazy == lazy_re_compile(r"(\d+)")
    assert lazy != re.compile(r"\d")
    assert hash(lazy) == hash(real)
    assert "LazyRegex" in repr(lazy)


def test_lazy_regex_copies_and_pickles_as_a_pattern() -> None:
    """copy/deepcopy/pickle (model fields are deep-copied) give real compiled patterns."""
    lazy = lazy_re_compile(r"x+", re.IGNORECASE)
    for result in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
        assert isinstance(result, re.Pattern)
        assert result == re.compile(r"x+", re.IGNORECASE)


def test_lazy_regex_from_many_threads() -> None:
    """Concurrent first uses all see a working pattern."""
    lazy = lazy_re_compile(r"^[a-z]+\Z")
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(bool(lazy.match("abc")))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 8


def test_regex_validator_with_string_is_lazy_and_equal() -> None:
    """RegexValidator compiles a string regex on first call; equality is unchanged."""
    validator = RegexValidator(r"^\d+\Z", flags=re.ASCII)
    assert isinstance(validator.regex, LazyRegex)
    assert not _is_compiled(validator.regex)
    validator("123")
    assert validator == RegexValidator(re.compile(r"^\d+\Z", re.ASCII))
    assert validator != RegexValidator(r"^\d+\Z")


def test_lazy_module_imports_on_first_attribute() -> None:
    """The module is imported when an attribute is read, and is the real module's."""
    name = "tests.utils._deferred_target"
    sys.modules.pop(name, None)
    proxy = lazy_module(name)
    assert isinstance(proxy, LazyModule)
    assert name not in sys.modules
    assert "not imported yet" in repr(proxy)
    assert proxy.VALUE == 42
    assert name in sys.modules
    assert proxy.VALUE is sys.modules[name].VALUE
    with pytest.raises(AttributeError):
        proxy.missing  # noqa: B018


def test_lazy_module_missing_module_raises_on_use() -> None:
    """A wrong name fails at first use with ImportError naming it."""
    proxy = lazy_module("tests.utils.no_such_module_here")
    with pytest.raises(ImportError, match="no_such_module_here"):
        proxy.anything  # noqa: B018


def test_lazy_import_class_attribute() -> None:
    """Read on the class or an instance it is the imported object; subclasses override it."""

    class Base:
        decoder = LazyImport("json.JSONDecoder")

    class Child(Base):
        decoder = dict

    import json

    assert Base.decoder is json.JSONDecoder
    assert Base().decoder is json.JSONDecoder
    assert Child.decoder is dict
    instance = Base()
    instance.decoder = list
    assert instance.decoder is list
    assert "json.JSONDecoder" in repr(Base.__dict__["decoder"])
