"""framework.utils.datastructures."""

from __future__ import annotations

import copy
import pickle

import pytest

from framework.utils.datastructures import (
    CaseInsensitiveMapping,
    DictWrapper,
    ImmutableList,
    MultiValueDict,
    MultiValueDictKeyError,
    OrderedSet,
)


class TestMultiValueDict:
    def test_access(self):
        """[] gives the last value, getlist all, get a default for missing or empty."""
        d = MultiValueDict({"name": ["Adrian", "Simon"], "empty": []})
        assert d["name"] == "Simon"
        assert d.getlist("name") == ["Adrian", "Simon"]
        assert d["empty"] == []
        assert d.get("empty", "default") == "default"
        assert d.get("missing") is None
        with pytest.raises(MultiValueDictKeyError) as info:
            d["missing"]
        assert isinstance(info.value, KeyError)
        assert "MultiValueDict: {'name'" in repr(d)

    def test_mutation(self):
        """setitem replaces, appendlist/setlistdefault extend, update appends."""
        d = MultiValueDict()
        d["a"] = 1
        d.appendlist("a", 2)
        assert d.getlist("a") == [1, 2]
        d["a"] = 3
        assert d.getlist("a") == [3]
        assert d.setlistdefault("b", [9]) == [9]
        assert d.setdefault("c", 5) == 5
        d.update({"a": 4}, c=6)
        d.update(MultiValueDict({"b": [10, 11]}))
        d.update([("d", 1)])
        assert d.getlist("a") == [3, 4] and d.getlist("b") == [9, 10, 11]
        assert d.getlist("c") == [5, 6] and d["d"] == 1
        with pytest.raises(TypeError):
            d.update({}, {})

    def test_views(self):
        """items()/values() use the last value; lists() the lists; dict() a plain dict."""
        d = MultiValueDict({"a": [1, 2], "b": [3]})
        assert list(d.items()) == [("a", 2), ("b", 3)]
        assert list(d.values()) == [2, 3]
        assert list(d.lists()) == [("a", [1, 2]), ("b", [3])]
        assert d.dict() == {"a": 2, "b": 3}

    def test_copies(self):
        """copy() copies the lists; deepcopy the values; pickling keeps everything."""
        d = MultiValueDict({"a": [[1]]})
        shallow = d.copy()
        shallow.appendlist("a", [2])
        assert d.getlist("a") == [[1]]
        deep = copy.deepcopy(d)
        deep["a"].append(5)
        assert d["a"] == [1]
        assert pickle.loads(pickle.dumps(d)).getlist("a") == [[1]]

    def test_getlist_returns_copy(self):
        """Changing the list from getlist() does not change the dict."""
        d = MultiValueDict({"a": [1]})
        d.getlist("a").append(2)
        assert d.getlist("a") == [1]


def test_immutable_list():
    """ImmutableList refuses changes with its warning."""
    items = ImmutableList([1, 2], warning="Frozen!")
    assert items[0] == 1 and len(items) == 2
    for action in (lambda: items.append(3), lambda: items.__setitem__(0, 5), items.sort):
        with pytest.raises(AttributeError, match="Frozen!"):
            action()


def test_ordered_set():
    """OrderedSet keeps insertion order and ignores duplicates."""
    s = OrderedSet([3, 1, 3, 2])
    assert list(s) == [3, 1, 2]
    s.add(1)
    s.discard(9)
    s.remove(3)
    assert list(s) == [1, 2] and list(reversed(s)) == [2, 1]
    assert 1 in s and len(s) == 2 and bool(s)
    assert repr(s) == "OrderedSet([1, 2])"
    assert repr(OrderedSet()) == "OrderedSet()"
    with pytest.raises(KeyError):
        s.remove(9)


class TestCaseInsensitiveMapping:
    def test_lookup(self):
        """Look-ups ignore case; iteration keeps the original spelling."""
        m = CaseInsensitiveMapping({"Accept": "text/html", "X-Thing": "1"})
        assert m["accept"] == m["ACCEPT"] == "text/html"
        assert "x-thing" in m and len(m) == 2
        assert list(m) == ["Accept", "X-Thing"]
        assert m == {"ACCEPT": "text/html", "x-thing": "1"}
        assert m != {"Accept": "other"}
        assert repr(m) == "{'Accept': 'text/html', 'X-Thing': '1'}"
        assert m.copy() is m

    def test_from_pairs_and_errors(self):
        """Pairs are accepted; wrong lengths and non-string keys are refused."""
        assert CaseInsensitiveMapping([("A", 1)])["a"] == 1
        with pytest.raises(ValueError, match="length 3"):
            CaseInsensitiveMapping([("A", 1, 2)])
        with pytest.raises(ValueError, match="only strings"):
            CaseInsensitiveMapping([(1, 2)])

    def test_read_only(self):
        """The mapping cannot be changed."""
        m = CaseInsensitiveMapping({"a": 1})
        with pytest.raises(TypeError):
            m["a"] = 2  # type: ignore[index]


def test_dict_wrapper():
    """Keys with the prefix give func(value); others the plain value."""
    d = DictWrapper({"a": "x"}, lambda v: f"<{v}>", "q_")
    assert d["q_a"] == "<x>" and d["a"] == "x"
    assert "%(a)s %(q_a)s" % d == "x <x>"  # noqa: UP031 (the use case is %-formatting)
