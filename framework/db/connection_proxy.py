"""The process-wide ``connections``, ``router`` and the ``connection`` proxy."""

from __future__ import annotations

from typing import Any

from framework.core import signals
from framework.db.utils import DEFAULT_DB_ALIAS, ConnectionHandler, ConnectionRouter
from framework.dispatch.dispatcher import ignores_arguments

connections = ConnectionHandler()
router = ConnectionRouter()


class ConnectionProxy:
    """``connection``: the default alias's wrapper for the current thread."""

    def __init__(self, handler: ConnectionHandler, alias: str):
        object.__setattr__(self, "_handler", handler)
        object.__setattr__(self, "_alias", alias)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handler[self._alias], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._handler[self._alias], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._handler[self._alias], name)

    def __eq__(self, other: object) -> bool:
        return self._handler[self._alias] == other

    def __hash__(self) -> int:
        return hash(self._handler[self._alias])

    def __repr__(self) -> str:
        return repr(self._handler[self._alias])


connection = ConnectionProxy(connections, DEFAULT_DB_ALIAS)


@ignores_arguments
def reset_queries(**kwargs: Any) -> None:
    """Empty ``queries_log`` of every open connection (connected to request_started)."""
    for conn in connections.initialized():
        conn.queries_log.clear()


@ignores_arguments
def close_old_connections(**kwargs: Any) -> None:
    """Close connections that are broken or older than CONN_MAX_AGE (request boundaries)."""
    for conn in connections.initialized():
        conn.close_if_unusable_or_obsolete()


def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "DATABASES":
        connections.reset()
    elif setting == "DATABASE_ROUTERS":
        router.reset()


signals.request_started.connect(reset_queries)
signals.request_started.connect(close_old_connections)
signals.request_finished.connect(close_old_connections)
signals.setting_changed.connect(_settings_changed)
