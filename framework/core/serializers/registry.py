"""The format registry behind ``serializers.serialize()`` / ``deserialize()``."""

from __future__ import annotations

import importlib
from typing import Any

from framework.core.serializers.base import SerializerDoesNotExist

BUILTIN_SERIALIZERS = {
    "python": "framework.core.serializers.python",
    "json": "framework.core.serializers.json_format",
}
_serializers: dict[str, Any] = {}


def _load() -> None:
    if _serializers:
        return
    from framework.conf import settings

    modules = {**BUILTIN_SERIALIZERS, **getattr(settings, "SERIALIZATION_MODULES", {})}
    for name, path in modules.items():
        register_serializer(name, path)


def register_serializer(format: str, serializer_module: str, serializers: Any = None) -> None:
    """Register a module holding ``Serializer`` and ``Deserializer`` for ``format``."""
    module = importlib.import_module(serializer_module)
    (_serializers if serializers is None else serializers)[format] = module


def unregister_serializer(format: str) -> None:
    _load()
    if format not in _serializers:
        raise SerializerDoesNotExist(format)
    del _serializers[format]


def _module(format: str) -> Any:
    _load()
    try:
        return _serializers[format]
    except KeyError:
        raise SerializerDoesNotExist(
            f"Unknown serialization format {format!r}; available: "
            f"{', '.join(sorted(_serializers))}."
        ) from None


def get_serializer(format: str) -> Any:
    return _module(format).Serializer


def get_deserializer(format: str) -> Any:
    return _module(format).Deserializer


def get_serializer_formats() -> list[str]:
    _load()
    return list(_serializers)


def get_public_serializer_formats() -> list[str]:
    _load()
    return [k for k, v in _serializers.items() if not v.Serializer.internal_use_only]


def serialize(format: str, queryset: Any, **options: Any) -> Any:
    """Serialize a queryset (or any iterator of model instances) to ``format``."""
    serializer = get_serializer(format)()
    return serializer.serialize(queryset, **options)


def deserialize(format: str, stream_or_string: Any, **options: Any) -> Any:
    """Yield DeserializedObject instances read from ``stream_or_string`` in ``format``."""
    return get_deserializer(format)(stream_or_string, **options)
