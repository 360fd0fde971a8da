"""Read-your-writes for primary/replica set-ups: the request-scoped "pinned to primary" flag.

``PrimaryReplicaRouter`` (framework.db.routers) sends reads to a replica unless the
current request is *pinned*. A request is pinned when it:

- writes through the ORM (``db_for_write``, and the pre_save/post_save/post_delete/
  m2m_changed signals) or through a raw cursor on the primary while ``PinPrimaryMiddleware``
  (or ``pin_primary_view``) is active (an ``execute_wrapper`` spots INSERT/UPDATE/...);
- reads inside ``transaction.atomic()`` on the primary, or uses ``select_for_update()``;
- is an unsafe method (POST, PUT, PATCH, DELETE) or is served by the admin, under the
  middleware;
- carries the pin cookie that the middleware set on a response that wrote, for
  ``DATABASE_PIN_SECONDS``, so that the redirect after a POST reads its own write.

The flag lives in a ``ContextVar`` (one per thread under mod_wsgi) and is cleared at
``request_started`` and ``request_finished``. Outside a request (shell, management
commands) a write pins until ``unpin_primary()``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from framework.core import signals as request_signals
from framework.db.models import signals as model_signals
from framework.dispatch.dispatcher import ignores_arguments

#: Name of the cookie that keeps a client on the primary for a few seconds after a write.
PIN_COOKIE_NAME = "dbpin"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Requests resolved into these URL namespaces (app_name) always read from the primary.
PINNED_APP_NAMES = frozenset({"admin"})

_pinned: ContextVar[bool] = ContextVar("framework_db_pinned", default=False)
# Set only by writes: the middleware then sets the cookie (an unsafe method alone does not).
_wrote: ContextVar[bool] = ContextVar("framework_db_wrote", default=False)

# Statements that change data or schema; a WITH ... INSERT is not recognised (use the ORM
# or call pin_primary() yourself).
_WRITE = re.compile(
    r"\s*(INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|CREATE|ALTER|DROP|TRUNCATE|COPY|"
    r"GRANT|REVOKE|LOCK)\b",
    re.IGNORECASE,
).match


def is_pinned() -> bool:
    """True when reads of the current request (or thread) must go to the primary."""
    return _pinned.get()


def pin_primary() -> None:
    """Send the reads of the rest of this request to the primary."""
    _pinned.set(True)


def record_write() -> None:
    """Note a write: pins to the primary and makes the middleware set the pin cookie."""
    if not _wrote.get():
        _wrote.set(True)
        _pinned.set(True)


def wrote() -> bool:
    """True when the current request (or thread) wrote to the primary."""
    return _wrote.get()


@ignores_arguments
def unpin_primary(**kwargs: Any) -> None:
    """Clear the pin (connected to request_started and request_finished)."""
    _pinned.set(False)
    _wrote.set(False)


@contextlib.contextmanager
def use_primary() -> Iterator[None]:
    """Within the block reads go to the primary; the previous state comes back after it."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def detect_raw_writes(execute: Callable, sql: Any, params: Any, many: bool, context: dict):
    """An ``execute_wrapper`` that records a write when a statement changes data."""
    if not _wrote.get() and isinstance(sql, str) and _WRITE(sql):
        record_write()
    return execute(sql, params, many, context)


@ignores_arguments
def _on_model_write(**kwargs: Any) -> None:
    record_write()


for _signal in (
    model_signals.pre_save,
    model_signals.post_save,
    model_signals.pre_delete,
    model_signals.post_delete,
    model_signals.m2m_changed,
):
    _signal.connect(_on_model_write, weak=False, dispatch_uid="framework.db.pinning")
request_signals.request_started.connect(unpin_primary, dispatch_uid="framework.db.pinning")
request_signals.request_finished.connect(unpin_primary, dispatch_uid="framework.db.pinning")


def _pin_seconds() -> int:
    from framework.conf import settings

    return int(getattr(settings, "DATABASE_PIN_SECONDS", 5))


def _pin_request(request: Any) -> None:
    if request.method in UNSAFE_METHODS or PIN_COOKIE_NAME in request.COOKIES:
        pin_primary()


def _finish(request: Any, response: Any) -> Any:
    if _wrote.get():
        seconds = _pin_seconds()
        if seconds > 0:
            response.set_cookie(
                PIN_COOKIE_NAME, "1", max_age=seconds, httponly=True, samesite="Lax"
            )
    return response


def _primary_connection() -> Any:
    from framework.db import DEFAULT_DB_ALIAS, connections

    return connections[DEFAULT_DB_ALIAS]


class PinPrimaryMiddleware:
    """Pin unsafe methods, admin pages and recent writers (cookie) to the primary database.

    Put it near the top of MIDDLEWARE (above SessionMiddleware, whose session save then
    counts as a write of this request).
    """

    def __init__(self, get_response: Callable[[Any], Any]):
        self.get_response = get_response

    def __repr__(self) -> str:
        return f"<PinPrimaryMiddleware get_response={self.get_response!r}>"

    def __call__(self, request: Any) -> Any:
        _pin_request(request)
        with _primary_connection().execute_wrapper(detect_raw_writes):
            response = self.get_response(request)
        return _finish(request, response)

    def process_view(self, request: Any, view_func: Any, view_args: Any, view_kwargs: Any):
        match = getattr(request, "resolver_match", None)
        if match is not None and PINNED_APP_NAMES.intersection(match.app_names):
            pin_primary()
        return None


def pin_primary_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """View decorator: the middleware's pinning for one view (the whole view on the primary
    when the request is unsafe or carries the pin cookie; the cookie set when it writes)."""

    @functools.wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        _pin_request(request)
        with _primary_connection().execute_wrapper(detect_raw_writes):
            response = view(request, *args, **kwargs)
        return _finish(request, response)

    return wrapper
