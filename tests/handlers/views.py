"""Views used by the handler tests."""

from __future__ import annotations

import os

from framework.core.exceptions import (
    BadRequest,
    DisallowedHost,
    PermissionDenied,
    SuspiciousOperation,
)
from framework.db import transaction
from framework.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse


def hello(request):
    return HttpResponse("hello")


def echo(request):
    """Touch every parsed part of the request, as a real view would."""
    parts = [
        f"path={request.path}",
        f"path_info={request.path_info}",
        f"GET={sorted(request.GET.lists())}",
        f"POST={sorted(request.POST.lists())}",
        f"FILES={sorted(request.FILES)}",
        f"COOKIES={sorted(request.COOKIES.items())}",
    ]
    return HttpResponse("\n".join(parts), content_type="text/plain; charset=utf-8")


def host(request):
    return HttpResponse(request.get_host())


def returns_none(request):
    return None


def raises_404(request):
    raise Http404("No widget matches the given query.")


def raises_403(request):
    raise PermissionDenied("not yours")


def raises_400(request):
    raise BadRequest("The 'page' parameter must be a number.")


def raises_suspicious(request):
    raise SuspiciousOperation("tampered signature in field 'x'")


def raises_disallowed_host(request):
    raise DisallowedHost("Invalid HTTP_HOST header: 'evil.example'.")


def raises_error(request):
    secret_token = "s3cr3t-value"  # noqa: F841 - shown (or not) in the debug page
    raise ZeroDivisionError("boom in the view")


def sets_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oatmeal", max_age=60, httponly=True)
    response.set_cookie("second", "two")
    return response


def streaming(request):
    return StreamingHttpResponse(iter([b"chunk-1,", b"chunk-2"]))


def file_view(request):
    return FileResponse(open(os.path.abspath(__file__), "rb"))


def teapot(request):
    return HttpResponse("short and stout", status=418)


def deferred(request):
    from tests.handlers.middleware import DeferredResponse

    return DeferredResponse("rendered late")


def whoami(request, pk):
    match = request.resolver_match
    return HttpResponse(f"{match.url_name} {match.kwargs}")


def article(request, year):
    return HttpResponse(f"article {year}")


def in_atomic_block(request):
    return HttpResponse(str(transaction.get_connection().in_atomic_block))


@transaction.non_atomic_requests
def non_atomic_view(request):
    return in_atomic_block(request)
