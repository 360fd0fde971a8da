"""The "json" format: the python format's dicts as a JSON list (dumpdata/loaddata)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from framework.core.serializers import python
from framework.core.serializers.base import DeserializationError, DeserializedObject
from framework.core.serializers.json import FrameworkJSONEncoder


class Serializer(python.Serializer):
    """Write objects as a JSON list; ``indent`` pretty-prints one object per block."""

    internal_use_only = False

    def getvalue(self) -> Any:
        indent = self.options.get("indent")
        text = json.dumps(
            self.objects,
            cls=FrameworkJSONEncoder,
            indent=indent,
            ensure_ascii=False,
            separators=(",", ": ") if indent is not None else (", ", ": "),
        )
        if self.stream is not None:
            self.stream.write(text + ("\n" if indent is not None else ""))
            return None
        return text


def Deserializer(stream_or_string: Any, **options: Any) -> Iterator[DeserializedObject]:  # noqa: N802
    """Read a JSON list (text, bytes or a file) and yield deserialized objects."""
    if not isinstance(stream_or_string, (bytes, str)):
        stream_or_string = stream_or_string.read()
    if isinstance(stream_or_string, bytes):
        stream_or_string = stream_or_string.decode()
    try:
        objects = json.loads(stream_or_string)
    except json.JSONDecodeError as exc:
        raise DeserializationError(f"Invalid JSON fixture: {exc}") from exc
    if not isinstance(objects, list):
        raise DeserializationError("A JSON fixture must be a list of objects.")
    yield from python.Deserializer(objects, **options)
