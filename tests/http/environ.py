"""Helpers building real WSGI environs and multipart bodies for the HTTP tests."""

from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

from framework.http import WSGIRequest


def make_environ(
    path: str = "/",
    method: str = "GET",
    query: str = "",
    body: bytes = b"",
    content_type: str | None = None,
    content_length: int | str | None = None,
    **extra: str,
) -> dict:
    """A PEP 3333 environ (wsgiref's testing defaults) for one request.

    ``path`` and ``query`` may hold raw bytes as latin-1 characters, as servers do.
    """
    environ: dict = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
    }
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if content_length is None and body:
        content_length = len(body)
    if content_length is not None:
        environ["CONTENT_LENGTH"] = str(content_length)
    environ.update(extra)
    setup_testing_defaults(environ)
    return environ


def make_request(*args, **kwargs) -> WSGIRequest:
    """A WSGIRequest built from ``make_environ(*args, **kwargs)``."""
    return WSGIRequest(make_environ(*args, **kwargs))


BOUNDARY = "BoUnDaRy1234"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(*parts: tuple, boundary: str = BOUNDARY, close: bool = True) -> bytes:
    """Encode ``(name, value)`` fields and ``(name, filename, content[, headers])`` files."""
    out = []
    for part in parts:
        out.append(f"--{boundary}\r\n".encode())
        if len(part) == 2:
            name, value = part
            out.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            out.append(value if isinstance(value, bytes) else value.encode())
        else:
            name, filename, content, *rest = part
            headers = rest[0] if rest else "Content-Type: application/octet-stream\r\n"
            out.append(
                f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
            )
            out.append(headers.encode() + b"\r\n")
            out.append(content)
        out.append(b"\r\n")
    if close:
        out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def multipart_request(body: bytes, content_type: str = MULTIPART, **kwargs) -> WSGIRequest:
    """A POST WSGIRequest carrying a multipart ``body``."""
    return make_request(method="POST", body=body, content_type=content_type, **kwargs)
