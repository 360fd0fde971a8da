"""lazy(), SimpleLazyObject and classproperty."""

from __future__ import annotations

import copy

from framework.utils.functional import SimpleLazyObject, classproperty, lazy


def test_lazy_evaluates_on_use_only():
    calls = []

    def compute(x):
        calls.append(x)
        return f"value-{x}"

    lazy_compute = lazy(compute, str)
    proxy = lazy_compute(1)
    assert calls == []
    assert str(proxy) == "value-1"
    assert proxy == "value-1"
    assert proxy + "!" == "value-1!"
    assert "value" in proxy
    assert calls == [1, 1, 1, 1]


def test_simple_lazy_object_builds_once():
    calls = []

    def build():
        calls.append(1)
        return {"a": 1}

    obj = SimpleLazyObject(build)
    assert "Unevaluated" not in repr(obj) and calls == []
    assert obj["a"] == 1
    assert len(obj) == 1 and "a" in obj
    assert isinstance(obj, dict)
    assert calls == [1]
    assert copy.copy(obj) == {"a": 1}


def test_classproperty():
    class Thing:
        @classproperty
        def name(cls):
            return cls.__name__.lower()

    assert Thing.name == "thing"
