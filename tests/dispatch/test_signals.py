"""Signals: connect, send, senders, weak references, dispatch_uid, send_robust."""

from __future__ import annotations

import functools
import gc

import pytest

from framework.dispatch import Signal, ignores_arguments, receiver


def test_send_calls_receivers_in_order_with_arguments():
    sig = Signal()
    calls = []

    def first(sender, **kwargs):
        calls.append(("first", sender, kwargs["value"]))
        return 1

    def second(signal, sender, **kwargs):
        calls.append(("second", signal is sig))
        return 2

    sig.connect(first)
    sig.connect(second)
    result = sig.send(sender="s", value=5)
    assert calls == [("first", "s", 5), ("second", True)]
    assert [r for _, r in result] == [1, 2]


def test_sender_filter_and_disconnect():
    sig = Signal()
    calls = []

    class A:
        pass

    class B:
        pass

    def on_a(sender, **kwargs):
        calls.append(sender)

    sig.connect(on_a, sender=A)
    sig.send(sender=B)
    sig.send(sender=A)
    assert calls == [A]
    assert sig.disconnect(on_a, sender=A) is True
    assert sig.disconnect(on_a, sender=A) is False
    sig.send(sender=A)
    assert calls == [A]


def test_weak_receiver_goes_away_with_its_owner():
    sig = Signal()

    def make():
        def temporary(sender, **kwargs):
            return "alive"

        return temporary

    func = make()
    sig.connect(func)
    assert sig.has_listeners()
    del func
    gc.collect()
    assert not sig.has_listeners()
    assert sig.send(sender=None) == []


def test_bound_method_receivers_are_weak_too():
    sig = Signal()

    class Listener:
        def on(self, sender, **kwargs):
            return "ok"

    listener = Listener()
    sig.connect(listener.on)
    assert sig.send(sender=None)[0][1] == "ok"
    del listener
    gc.collect()
    assert sig.send(sender=None) == []


def test_dispatch_uid_prevents_duplicates():
    sig = Signal()

    def handler(sender, **kwargs):
        return None

    sig.connect(handler, dispatch_uid="once")
    sig.connect(lambda sender, **kw: None, dispatch_uid="once", weak=False)
    assert len(sig.receivers) == 1


def test_send_propagates_and_send_robust_collects_errors():
    sig = Signal()

    def broken(sender, **kwargs):
        raise ValueError("boom")

    sig.connect(broken)
    with pytest.raises(ValueError, match="boom"):
        sig.send(sender=None)
    [(func, err)] = sig.send_robust(sender=None)
    assert func is broken and isinstance(err, ValueError)


def test_receiver_decorator_connects_to_several_signals():
    one, two = Signal(), Signal()

    @receiver([one, two], weak=False)
    def handler(sender, **kwargs):
        return sender

    assert one.send(sender="a")[0][1] == "a"
    assert two.send(sender="b")[0][1] == "b"


def test_receivers_must_be_callable():
    with pytest.raises(TypeError, match="must be callable"):
        Signal().connect("not callable")


def test_each_receiver_gets_its_own_keyword_arguments():
    """A receiver changing its kwargs leaves the next receiver's untouched."""
    sig = Signal()
    seen = []

    def greedy(**kwargs):
        kwargs["value"] = "changed"
        kwargs.pop("sender")
        seen.append("greedy")

    def polite(signal, sender, value, **kwargs):
        seen.append((signal is sig, sender, value, kwargs))

    sig.connect(greedy)
    sig.connect(polite)
    sig.send(sender="s", value=1, extra=2)
    assert seen == ["greedy", (True, "s", 1, {"extra": 2})]


def test_senders_that_are_classes_bound_methods_or_cached_instances():
    """A receiver limited to one sender hears that sender only, on repeated sends (served
    from the per-sender cache) as on the first, whatever kind of object the sender is."""

    class Sender:
        def method(self):
            pass

    one, other = Sender(), Sender()
    cached = Signal(use_caching=True)
    plain = Signal()
    heard = []
    for sig in (cached, plain):
        sig.connect(
            lambda sender, **kw: heard.append(("class", kw["signal"])), sender=Sender, weak=False
        )
        sig.connect(
            lambda sender, **kw: heard.append(("one", kw["signal"])), sender=one, weak=False
        )
        sig.connect(
            lambda sender, **kw: heard.append(("method", kw["signal"])),
            sender=one.method,
            weak=False,
        )
    for sig in (cached, plain):
        for _ in range(2):
            heard.clear()
            sig.send(sender=Sender)
            sig.send(sender=one)
            sig.send(sender=other)
            sig.send(sender=one.method)
            sig.send(sender=other.method)
            sig.send(sender=None)
            assert heard == [("class", sig), ("one", sig), ("method", sig)]


def test_a_receiver_marked_ignores_arguments_is_called_without_them():
    sig = Signal()
    calls = []

    @ignores_arguments
    def bare(*args, **kwargs):
        calls.append(("bare", args, kwargs))
        return "b"

    @functools.wraps(bare)
    def wrapper(*args, **kwargs):
        # functools.wraps copies the mark; the wrapper still gets the arguments.
        calls.append(("wrapper", args, kwargs))
        return "w"

    sig.connect(bare)
    sig.connect(wrapper)
    result = sig.send(sender="s", value=1)
    assert calls == [
        ("bare", (), {}),
        ("wrapper", (), {"value": 1, "signal": sig, "sender": "s"}),
    ]
    assert result == [(bare, "b"), (wrapper, "w")]
    # send_robust keeps the full protocol: a marked receiver still accepts the arguments.
    calls.clear()
    sig.send_robust(sender="s", value=2)
    assert calls[0] == ("bare", (), {"value": 2, "signal": sig, "sender": "s"})


def test_the_request_boundary_receivers_still_accept_the_signal_arguments():
    from framework.core.cache import close_caches
    from framework.core.handlers.base import reset_urlconf
    from framework.core.signals import request_finished, request_started
    from framework.db.connection_proxy import close_old_connections, reset_queries
    from framework.urls import get_urlconf, set_urlconf

    set_urlconf("some.urls")
    reset_urlconf(sender=None, signal=request_finished)
    assert get_urlconf() is None
    for func in (close_caches, close_old_connections, reset_queries, reset_urlconf):
        assert func(signal=request_started, sender=None) is None
        assert func() is None
