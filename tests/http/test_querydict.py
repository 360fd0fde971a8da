"""QueryDict semantics."""

from __future__ import annotations

import copy
import pickle

import pytest

from framework.core.exceptions import TooManyFieldsSent
from framework.http import QueryDict
from framework.utils.datastructures import MultiValueDictKeyError


def test_parse_and_access():
    """Values parse into lists; [] gives the last value, getlist all of them."""
    q = QueryDict("a=1&a=2&b=&c")
    assert q["a"] == "2"
    assert q.getlist("a") == ["1", "2"]
    assert q["b"] == "" and q["c"] == ""
    assert q.get("missing", "d") == "d"
    assert q.getlist("missing") == []
    assert q.getlist("missing", ["x"]) == ["x"]
    assert list(q.lists()) == [("a", ["1", "2"]), ("b", [""]), ("c", [""])]
    assert q.dict() == {"a": "2", "b": "", "c": ""}
    with pytest.raises(MultiValueDictKeyError):
        q["missing"]


def test_empty_and_none():
    """No query string gives an empty QueryDict."""
    assert len(QueryDict()) == 0
    assert len(QueryDict(None)) == 0
    assert len(QueryDict(b"")) == 0


def test_immutable_by_default():
    """Every mutating method raises AttributeError on an immutable QueryDict."""
    q = QueryDict("a=1")
    for action in (
        lambda: q.__setitem__("a", "2"),
        lambda: q.__delitem__("a"),
        lambda: q.setlist("a", ["2"]),
        lambda: q.appendlist("a", "2"),
        lambda: q.setlistdefault("b"),
        lambda: q.setdefault("b", "x"),
        lambda: q.pop("a"),
        lambda: q.popitem(),
        lambda: q.clear(),
        lambda: q.update({"b": "2"}),
    ):
        with pytest.raises(AttributeError, match="immutable"):
            action()
    assert q.dict() == {"a": "1"}


def test_mutable_and_copy():
    """mutable=True allows changes; copy() is a mutable deep copy."""
    q = QueryDict("a=1")
    c = q.copy()
    c["a"] = "2"
    c.appendlist("a", "3")
    c.update({"b": "x"})
    assert c.getlist("a") == ["2", "3"] and c["b"] == "x"
    assert q["a"] == "1"
    assert copy.copy(q)._mutable and copy.deepcopy(q)._mutable
    m = QueryDict(mutable=True)
    m.setlist("k", [b"bytes", "text"])
    assert m.getlist("k") == ["bytes", "text"]
    assert m.setdefault("z", b"v") == "v"
    assert m.pop("z") == ["v"]  # the whole list, as dict.pop


def test_fromkeys():
    """fromkeys() builds a QueryDict with each key set to value."""
    q = QueryDict.fromkeys(["a", "a", "b"], value="v")
    assert q.getlist("a") == ["v", "v"] and q["b"] == "v"
    assert not q._mutable
    assert QueryDict.fromkeys(["x"], mutable=True)._mutable


def test_urlencode():
    """urlencode() percent-encodes, repeats multi-values and honours safe."""
    q = QueryDict(mutable=True)
    q.setlist("a", ["1", "2"])
    q["next"] = "/a&b/ é"
    assert q.urlencode() == "a=1&a=2&next=%2Fa%26b%2F+%C3%A9"
    assert q.urlencode(safe="/") == "a=1&a=2&next=/a%26b/%20%C3%A9"


def test_encoding():
    """The encoding decodes the query string; bytes that do not decode fall back to latin-1."""
    assert QueryDict("a=%E9", encoding="latin-1")["a"] == "é"
    assert QueryDict(b"a=\xe9", encoding="latin-1")["a"] == "é"
    assert QueryDict(b"a=\xe9")["a"] == "é"
    assert QueryDict("a=1").encoding == "utf-8"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("a=%", {"a": "%"}),
        ("a=%%", {"a": "%%"}),
        ("a=%G1", {"a": "%G1"}),
        ("a=%ff", {"a": "\ufffd"}),
        ("a=%c3%28", {"a": "\ufffd("}),
        ("%ff=1", {"\ufffd": "1"}),
        ("a=1&&&b=2", {"a": "1", "b": "2"}),
        ("a+b=c+d", {"a b": "c d"}),
        ("=novalue", {"": "novalue"}),
        ("a=%00", {"a": "\x00"}),
    ],
)
def test_hostile_query_strings(query, expected):
    """Broken percent-encoding and invalid UTF-8 never raise."""
    assert QueryDict(query).dict() == expected


def test_too_many_fields(settings):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS raise TooManyFieldsSent."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    QueryDict("a=1&b=2")
    with pytest.raises(TooManyFieldsSent):
        QueryDict("a=1&b=2&c=3")
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None
    assert len(QueryDict("&".join(f"k{i}=v" for i in range(5000)))) == 5000


def test_pickle():
    """A QueryDict survives pickling with its lists and mutability."""
    q = QueryDict("a=1&a=2")
    restored = pickle.loads(pickle.dumps(q))
    assert restored.getlist("a") == ["1", "2"]
    assert restored == q
