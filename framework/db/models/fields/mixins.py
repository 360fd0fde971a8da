"""FieldCacheMixin: per-instance cache of related objects in ``_state.fields_cache``."""

from __future__ import annotations

from typing import Any

NOT_PROVIDED = object()


class FieldCacheMixin:
    """Store and read an instance's related object under ``cache_name``."""

    @property
    def cache_name(self) -> str:
        return self.get_cache_name()

    def get_cache_name(self) -> str:
        raise NotImplementedError

    def get_cached_value(self, instance: Any, default: Any = NOT_PROVIDED) -> Any:
        cache_name = self.cache_name
        try:
            return instance._state.fields_cache[cache_name]
        except KeyError:
            if default is NOT_PROVIDED:
                raise
            return default

    def is_cached(self, instance: Any) -> bool:
        return self.cache_name in instance._state.fields_cache

    def set_cached_value(self, instance: Any, value: Any) -> None:
        instance._state.fields_cache[self.cache_name] = value

    def delete_cached_value(self, instance: Any) -> None:
        del instance._state.fields_cache[self.cache_name]
