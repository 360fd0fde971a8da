"""CaptureQueriesContext: record the SQL a block runs (Django's test utility)."""

from __future__ import annotations

from typing import Any


class CaptureQueriesContext:
    """``with CaptureQueriesContext(connection) as ctx:`` then ``ctx.captured_queries``.

    Forces query logging on the connection for the block, whatever DEBUG says.
    """

    def __init__(self, connection: Any):
        self.connection = connection

    def __iter__(self):
        return iter(self.captured_queries)

    def __getitem__(self, index):
        return self.captured_queries[index]

    def __len__(self) -> int:
        return len(self.captured_queries)

    @property
    def captured_queries(self) -> list[dict]:
        return list(self.connection.queries_log)[self.initial_queries : self.final_queries]

    def __enter__(self):
        from framework.core.signals import request_started
        from framework.db import reset_queries

        self.force_debug_cursor = self.connection.force_debug_cursor
        self.connection.force_debug_cursor = True
        # Open the connection first so that its set-up queries are not captured.
        self.connection.ensure_connection()
        self.initial_queries = len(self.connection.queries_log)
        self.final_queries = None
        self._reset_connected = request_started.disconnect(reset_queries)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        from framework.core.signals import request_started
        from framework.db import reset_queries

        self.connection.force_debug_cursor = self.force_debug_cursor
        if self._reset_connected:
            request_started.connect(reset_queries)
        if exc_type is not None:
            return
        self.final_queries = len(self.connection.queries_log)
