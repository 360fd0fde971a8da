"""``RequestSite``: a Site-like object built from the request's host (no database)."""

from __future__ import annotations

from typing import Any


class RequestSite:
    """``domain`` and ``name`` are the request's host; ``save()``/``delete()`` refuse."""

    def __init__(self, request: Any):
        self.domain = self.name = request.get_host()

    def __str__(self) -> str:
        return self.domain

    def __repr__(self) -> str:
        return f"<RequestSite: {self.domain}>"

    def save(self, force_insert: bool = False, force_update: bool = False) -> None:
        raise NotImplementedError("RequestSite cannot be saved.")

    def delete(self) -> None:
        raise NotImplementedError("RequestSite cannot be deleted.")
