"""Signal: synchronous observer registry with Django's semantics."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("framework.dispatch")


def _make_id(target: Any) -> Any:
    if target is None or type(target) is type:
        # The usual senders (None, a class): spares hasattr's failed lookup per send.
        return id(target)
    if hasattr(target, "__func__"):
        return (id(target.__self__), id(target.__func__))
    return id(target)


_NONE_ID = _make_id(None)


def ignores_arguments(func: Callable) -> Callable:
    """Mark a receiver that reads none of a signal's keyword arguments.

    ``send()`` then calls it with no arguments, sparing the keyword dict built for each
    call (the framework's request-boundary receivers run twice per request). The mark
    names the function itself, so a wrapper made with ``functools.wraps``, which copies
    the attribute, is still called with the arguments.
    """
    func._ignores_signal_arguments = func  # type: ignore[attr-defined]
    return func


class Signal:
    """A signal that receivers connect to; ``send()`` calls them in connection order.

    Receivers are held by weak reference unless ``weak=False``; they must accept
    ``**kwargs``. ``sender`` limits a receiver to one sender.
    """

    def __init__(self, use_caching: bool = False):
        # (lookup key, reference, is weak, called without arguments)
        self.receivers: list[tuple[tuple[Any, Any], Any, bool, bool]] = []
        self.lock = threading.Lock()
        self.use_caching = use_caching
        # sender id -> (reference, is weak, bare) of its receivers; cleared whenever the
        # receivers change.
        self._cache: dict[Any, list[tuple[Any, bool, bool]]] = {}
        self._dead_receivers = False

    def __repr__(self) -> str:
        return f"<Signal: {len(self.receivers)} receivers>"

    def connect(
        self,
        receiver: Callable,
        sender: Any = None,
        weak: bool = True,
        dispatch_uid: Any = None,
    ) -> None:
        """Connect ``receiver`` (a callable taking ``sender`` and ``**kwargs``)."""
        if not callable(receiver):
            raise TypeError(f"Signal receivers must be callable, not {receiver!r}.")
        lookup_key = (dispatch_uid or _make_id(receiver), _make_id(sender))
        ref: Any = receiver
        is_weak = weak
        bare = getattr(receiver, "_ignores_signal_arguments", None) is receiver
        if weak:
            if hasattr(receiver, "__self__") and hasattr(receiver, "__func__"):
                ref = weakref.WeakMethod(receiver, self._flag_dead)
            else:
                ref = weakref.ref(receiver, self._flag_dead)
        with self.lock:
            self._clear_dead()
            if not any(entry[0] == lookup_key for entry in self.receivers):
                self.receivers.append((lookup_key, ref, is_weak, bare))
            self._cache.clear()

    def disconnect(
        self, receiver: Callable | None = None, sender: Any = None, dispatch_uid: Any = None
    ) -> bool:
        """Disconnect a receiver; return True if one was connected."""
        lookup_key = (dispatch_uid or _make_id(receiver), _make_id(sender))
        with self.lock:
            self._clear_dead()
            for index, entry in enumerate(self.receivers):
                if entry[0] == lookup_key:
                    del self.receivers[index]
                    self._cache.clear()
                    return True
        return False

    def has_listeners(self, sender: Any = None) -> bool:
        return bool(self._live_receivers(sender))

    def send(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Call every receiver; an exception propagates and stops the rest."""
        if not self.receivers:
            return []
        # Request boundaries send twice per request: read the per-sender cache inline and
        # dereference each receiver as it is called, rather than building a list first.
        # The cache is keyed by _make_id(sender), which is id(sender) for every sender but
        # a bound method (rare): those miss here and are matched by _matching() each time.
        matching = None if self._dead_receivers else self._cache.get(id(sender))
        if matching is None:
            matching = self._matching(sender)
        # One keyword dict for every receiver, rather than one merged per call.
        named["signal"] = self
        named["sender"] = sender
        responses = []
        for ref, is_weak, bare in matching:
            receiver = ref() if is_weak else ref
            if receiver is not None:
                responses.append((receiver, receiver() if bare else receiver(**named)))
        return responses

    def send_robust(self, sender: Any, **named: Any) -> list[tuple[Callable, Any]]:
        """Call every receiver; an exception is logged and returned in place of a result."""
        if not self.receivers:
            return []
        responses = []
        for receiver in self._live_receivers(sender):
            try:
                response = receiver(signal=self, sender=sender, **named)
            except Exception as err:
                logger.error(
                    "Error calling %s in Signal.send_robust() (%s)",
                    getattr(receiver, "__qualname__", receiver),
                    err,
                    exc_info=err,
                )
                responses.append((receiver, err))
            else:
                responses.append((receiver, response))
        return responses

    def _flag_dead(self, _ref: Any = None) -> None:
        self._dead_receivers = True

    def _clear_dead(self) -> None:
        if self._dead_receivers:
            self._dead_receivers = False
            self.receivers = [r for r in self.receivers if not (r[2] and r[1]() is None)]

    def _matching(self, sender: Any) -> list[tuple[Any, bool, bool]]:
        """The (reference, is_weak, bare) of the receivers for ``sender``, cached when safe."""
        sender_id = _make_id(sender)
        with self.lock:
            self._clear_dead()
            matching = [
                (ref, is_weak, bare)
                for (_, r_sender), ref, is_weak, bare in self.receivers
                if r_sender == _NONE_ID or r_sender == sender_id
            ]
            # Caching by sender id is only safe for senders that live as long as the
            # process (classes, None); for others an id may be reused after collection.
            # The cache holds references as stored (weak ones stay weak).
            if self.use_caching or sender is None or isinstance(sender, type):
                self._cache[sender_id] = matching
        return matching

    def _live_receivers(self, sender: Any) -> list[Callable]:
        matching = None
        if not self._dead_receivers:
            matching = self._cache.get(_make_id(sender))
        if matching is None:
            matching = self._matching(sender)
        live = []
        for ref, is_weak, _ in matching:
            receiver = ref() if is_weak else ref
            if receiver is not None:
                live.append(receiver)
        return live


def receiver(signal: Signal | list[Signal] | tuple[Signal, ...], **kwargs: Any):
    """Decorator connecting a function to one signal or several."""

    def _decorator(func: Callable) -> Callable:
        signals = signal if isinstance(signal, (list, tuple)) else (signal,)
        for s in signals:
            s.connect(func, **kwargs)
        return func

    return _decorator
