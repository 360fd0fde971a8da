"""Views used by the middleware tests."""

from __future__ import annotations

from framework.http import HttpResponse, StreamingHttpResponse
from framework.views.decorators.common import no_append_slash

LONG = b"Content worth compressing. " * 40


def plain(request):
    return HttpResponse("plain")


def long_body(request):
    return HttpResponse(LONG)


def long_with_etag(request):
    response = HttpResponse(LONG)
    response.headers["ETag"] = '"abc"'
    return response


def already_encoded(request):
    response = HttpResponse(LONG)
    response.headers["Content-Encoding"] = "br"
    return response


def incompressible(request):
    import os

    return HttpResponse(os.urandom(1000), content_type="application/octet-stream")


def stream(request):
    return StreamingHttpResponse(LONG[i : i + 100] for i in range(0, len(LONG), 100))


def stream_with_length(request):
    response = StreamingHttpResponse(iter([LONG]))
    response.headers["Content-Length"] = str(len(LONG))
    return response


def no_store(request):
    response = HttpResponse("secret")
    response.headers["Cache-Control"] = "no-store"
    return response


def with_last_modified(request):
    response = HttpResponse("dated")
    response.headers["Last-Modified"] = "Tue, 02 Jan 2024 03:04:05 GMT"
    return response


def not_found_view(request):
    return HttpResponse("explicit 404", status=404)


def referrer_header(request):
    response = HttpResponse("referrer")
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def frame_header(request):
    response = HttpResponse("framed")
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@no_append_slash
def no_slash(request):
    return HttpResponse("no slash view")
