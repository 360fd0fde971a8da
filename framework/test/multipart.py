"""Request bodies for the test client: multipart/form-data and JSON encoding."""

from __future__ import annotations

import json
import mimetypes
import os
from collections.abc import Mapping
from typing import Any

BOUNDARY = "BoUnDaRyStRiNg"
MULTIPART_CONTENT = f"multipart/form-data; boundary={BOUNDARY}"
_JSON_CONTENT_TYPE = ("application/json", "+json")


def _to_bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _is_file(value: Any) -> bool:
    return hasattr(value, "read") and callable(value.read)


def encode_multipart(boundary: str, data: Mapping[str, Any]) -> bytes:
    """Encode ``data`` (values: strings, files, or lists of them) as multipart/form-data.

    Raises TypeError for a None value, which has no form encoding.
    """
    lines: list[bytes] = []
    for key, value in data.items():
        if value is None:
            raise TypeError(
                f"Cannot encode None for key {key!r} as POST data. Did you mean to pass an "
                f"empty string or omit the value?"
            )
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if _is_file(item):
                lines += encode_file(boundary, key, item)
            else:
                lines += [
                    _to_bytes(f"--{boundary}"),
                    _to_bytes(f'Content-Disposition: form-data; name="{key}"'),
                    b"",
                    _to_bytes(item),
                ]
    lines += [_to_bytes(f"--{boundary}--"), b""]
    return b"\r\n".join(lines)


def encode_file(boundary: str, key: str, file: Any) -> list[bytes]:
    """The multipart lines of one uploaded file (name and content type guessed)."""
    filename = os.path.basename(getattr(file, "name", "") or "")
    content_type = getattr(file, "content_type", None)
    if content_type is None and filename:
        content_type = mimetypes.guess_type(filename)[0]
    content_type = content_type or "application/octet-stream"
    if hasattr(file, "seek"):
        file.seek(0)
    return [
        _to_bytes(f"--{boundary}"),
        _to_bytes(f'Content-Disposition: form-data; name="{key}"; filename="{filename}"'),
        _to_bytes(f"Content-Type: {content_type}"),
        b"",
        _to_bytes(file.read()),
    ]


def is_json_content_type(content_type: str | None) -> bool:
    """True for application/json and the ``+json`` media types."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == _JSON_CONTENT_TYPE[0] or media.endswith(_JSON_CONTENT_TYPE[1])


def encode_body(data: Any, content_type: str | None, json_encoder: type) -> bytes:
    """The request body for ``data`` under ``content_type`` (multipart, JSON or raw)."""
    if content_type == MULTIPART_CONTENT:
        return encode_multipart(BOUNDARY, data or {})
    if is_json_content_type(content_type) and isinstance(data, (dict, list, tuple)):
        return json.dumps(data, cls=json_encoder).encode("utf-8")
    if data is None:
        return b""
    return _to_bytes(data)
