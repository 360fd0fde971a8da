"""The parsers fuzzed with atheris, their seed inputs and the exceptions they may raise.

Each target takes the fuzzer's bytes and feeds one parser. An exception listed in
``ALLOWED`` is a documented refusal of bad input (the handler answers it with a 400 or
404); any other exception, or an input slower than ``TIME_BOUND_S``, is a crash.
tests/reliability/fuzzing.py runs each target in its own process.
"""

from __future__ import annotations

import io
import uuid

from framework.core.exceptions import BadRequest, SuspiciousOperation
from framework.http import HttpResponse, QueryDict
from framework.http.cookie import parse_cookie
from framework.http.multipartparser import MultiPartParser, MultiPartParserError
from framework.urls import include, path, re_path, register_converter
from framework.urls.exceptions import Resolver404
from framework.urls.resolvers import get_resolver
from framework.utils.http import parse_header_parameters

# One input may take this long at most (the slowest seen is recorded).
TIME_BOUND_S = 1.0
BOUNDARY = "fuzzBoundary7MA4YWxk"


def query_string(data: bytes) -> None:
    """QueryDict over raw bytes and over their text; urlencode() parses back the same."""
    parsed = QueryDict(data)
    QueryDict(data.decode("utf-8", "replace"))
    again = QueryDict(parsed.urlencode())
    assert list(again.lists()) == list(parsed.lists()), (parsed, again)


def cookie(data: bytes) -> None:
    """parse_cookie() over any header text returns a dict of str (it never refuses)."""
    result = parse_cookie(data.decode("latin-1"))
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in result.items())


def header_parameters(data: bytes) -> None:
    """parse_header_parameters() for Content-Type/Content-Disposition lines."""
    line = data.decode("latin-1")
    try:
        key, params = parse_header_parameters(line)
    except ValueError:
        # The documented refusal: a line over MAX_HEADER_LENGTH.
        return
    assert isinstance(key, str) and all(isinstance(v, str) for v in params.values())
    parse_header_parameters("form-data; " + line, max_length=None)
    # The same line as a request's Content-Type: its charset picks the body's encoding.
    request = post_request(line, b"a=%E2%82%AC&b=2")
    request.POST, request.encoding, request.content_params  # noqa: B018


def multipart(data: bytes) -> None:
    """MultiPartParser over a body with a fixed boundary and a Content-Length that may lie."""
    from framework.core.files.uploadhandler import (
        MemoryFileUploadHandler,
        TemporaryFileUploadHandler,
    )

    # The first byte picks the declared length: exact, short, long, or zero.
    selector, body = (data[0], data[1:]) if data else (0, b"")
    length = (len(body), max(len(body) - selector, 0), len(body) + selector, 0)[selector % 4]
    meta = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(length),
    }
    handlers = [MemoryFileUploadHandler(), TemporaryFileUploadHandler()]
    parser = MultiPartParser(meta, io.BytesIO(body), handlers, "utf-8")
    post, files = parser.parse()
    for _name, uploads in files.lists():
        for upload in uploads:
            upload.close()
    assert isinstance(post, QueryDict)


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(FourDigitYear, "yyyy")


def _view(request, *args, **kwargs):
    return HttpResponse()


_nested = [
    path("<slug:slug>/", _view, name="nested-slug"),
    re_path(r"^(?P<page>[0-9]+)/edit/$", _view, name="nested-edit"),
]
urlpatterns = [
    path("", _view, name="home"),
    path("i/<int:n>/", _view, name="int"),
    path("s/<str:s>/<slug:g>/", _view, name="str-slug"),
    path("u/<uuid:u>/", _view, name="uuid"),
    path("p/<path:p>/end/", _view, name="path"),
    path("y/<yyyy:year>/", _view, name="year"),
    re_path(r"^r/(?P<y>[0-9]{4})/(?:page-(?P<page>[0-9]+)/)?$", _view, name="re"),
    re_path(r"^a/([a-z]+)/([0-9]+)/$", _view, name="positional"),
    path("n/<int:section>/", include((_nested, "nested"), namespace="nested")),
    re_path(r"^x/", include((_nested, "x"), namespace="x")),
]


def url_resolver(data: bytes) -> None:
    """resolve() of any path over converters, regexes and includes: a match or Resolver404."""
    text = "/" + data.decode("utf-8", "replace")
    try:
        match = get_resolver(__name__).resolve(text)
    except Resolver404:
        return
    assert match.func is _view, match


TARGETS = {
    "query_string": query_string,
    "cookie": cookie,
    "header_parameters": header_parameters,
    "multipart": multipart,
    "url_resolver": url_resolver,
}

# Documented refusals: answered 400 (SuspiciousOperation and its subclasses such as
# TooManyFieldsSent, RequestDataTooBig, SuspiciousMultipartForm; BadRequest;
# MultiPartParserError) or 404 (Resolver404, caught in the target).
ALLOWED: tuple[type[BaseException], ...] = (
    SuspiciousOperation,
    BadRequest,
    MultiPartParserError,
)


def _part(headers: str, body: bytes) -> bytes:
    return f"--{BOUNDARY}\r\n{headers}\r\n\r\n".encode() + body + b"\r\n"


SEEDS: dict[str, list[bytes]] = {
    "query_string": [
        b"a=1&b=2&a=3",
        b"q=%E2%82%AC&empty=&flag",
        b"x=%zz&y=%&z=+%20;w=1",
        b"next=%2F%2Fevil.example&k%00=v%0d%0a",
    ],
    "cookie": [
        b"sessionid=abc; csrftoken=def",
        b'a="quoted\\"value\\073"; b=; =c; d',
        b'x=1;;  y = 2 ; z="\\377"',
    ],
    "header_parameters": [
        b'form-data; name="file"; filename="a.txt"',
        b"attachment; filename*=UTF-8''na%C3%AFve.txt; filename=\"fallback\"",
        b'text/html; charset="utf-8"; q=0.5',
        b'form-data; name="a;b"; filename="\\"x\\"\\\\"',
        b"application/x-www-form-urlencoded; charset*=utf-8''latin-1",
        b"multipart/form-data; boundary=xyz; charset=utf-16",
    ],
    "multipart": [
        b"\x00"
        + _part('Content-Disposition: form-data; name="a"', b"1")
        + _part(
            'Content-Disposition: form-data; name="f"; filename="../x.txt"\r\n'
            "Content-Type: text/plain",
            b"hello",
        )
        + f"--{BOUNDARY}--\r\n".encode(),
        b"\x00"
        + _part(
            'Content-Disposition: form-data; name="b"; filename="b.bin"\r\n'
            "Content-Transfer-Encoding: base64",
            b"aGVs bG8=\r\n",
        )
        + f"--{BOUNDARY}--\r\n".encode(),
        b"\x01" + _part('Content-Disposition: form-data; name="c"', b"unterminated"),
    ],
    "url_resolver": [
        b"i/42/",
        b"s/hello/a-slug/",
        f"u/{uuid.UUID(int=1)}/".encode(),
        b"p/a/b/c/end/",
        b"y/2024/",
        b"r/2024/page-3/",
        b"a/abc/12/",
        b"n/3/a-slug/",
        b"x/12/edit/",
    ],
}


def post_request(content_type: str, body: bytes):
    """A WSGIRequest for a POST of ``body`` with the given Content-Type."""
    from framework.core.handlers.wsgi import WSGIRequest

    return WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(body)),
        }
    )
