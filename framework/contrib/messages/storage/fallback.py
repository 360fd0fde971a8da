"""``FallbackStorage``: the cookie first, the session for what does not fit."""

from __future__ import annotations

from typing import Any

from framework.utils.functional import cached_property

from .base import BaseStorage, Message
from .cookie import CookieStorage
from .session import SessionStorage

__all__ = ["FallbackStorage"]


class FallbackStorage(BaseStorage):
    """Try each storage in ``storage_classes`` in turn (cookie, then session)."""

    storage_classes: tuple[type[BaseStorage], ...] = (CookieStorage, SessionStorage)

    def __init__(self, request: Any, *args: Any, **kwargs: Any):
        super().__init__(request, *args, **kwargs)
        # Without the request, which the storage only holds weakly (see BaseStorage.request).
        self._storage_args = (args, kwargs)
        self._used_storages: set[BaseStorage] = set()
        if not hasattr(request, "session"):
            # Build now so that SessionStorage's ImproperlyConfigured comes on this request.
            self.storages  # noqa: B018

    @cached_property
    def storages(self) -> list[BaseStorage]:
        """One storage per class, built when messages are first read or stored: a request
        that never touches messages pays for none of them."""
        args, kwargs = self._storage_args
        request = self.request
        return [cls(request, *args, **kwargs) for cls in self.storage_classes]

    def _get(self, *args: Any, **kwargs: Any) -> tuple[list[Message] | None, bool]:
        all_messages: list[Message] = []
        all_retrieved = False
        for storage in self.storages:
            messages, all_retrieved = storage._get()
            # None: the storage was never used, so the later ones were not either.
            if messages is None:
                break
            if messages:
                self._used_storages.add(storage)
            all_messages.extend(messages)
            if all_retrieved:
                break
        return all_messages, all_retrieved

    def _store(self, messages: list, response: Any, *args: Any, **kwargs: Any) -> list:
        for storage in self.storages:
            if messages:
                messages = storage._store(messages, response, remove_oldest=False)
            elif storage in self._used_storages:
                # Clear what an earlier request left in this storage.
                storage._store([], response)
                self._used_storages.remove(storage)
        return messages
