"""Views for the test client's tests."""

from __future__ import annotations

import json

from framework.http import HttpResponse, HttpResponseRedirect, JsonResponse
from framework.shortcuts import render


def echo(request):
    """Report what the request carried, as JSON."""
    multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
    body = "" if multipart else request.body.decode("utf-8", "replace")
    files = {name: f.read().decode() for name, f in request.FILES.items()}
    return JsonResponse(
        {
            "method": request.method,
            "path": request.path,
            "GET": {k: request.GET.getlist(k) for k in request.GET},
            "POST": {k: request.POST.getlist(k) for k in request.POST},
            "FILES": files,
            "body": body,
            "content_type": request.META.get("CONTENT_TYPE", ""),
            "secure": request.is_secure(),
            "host": request.get_host(),
            "x_custom": request.headers.get("X-Custom"),
            "cookies": request.COOKIES,
        }
    )


def page(request):
    return render(request, "testkit/page.html", {"title": request.GET.get("title", "Page")})


def redirect_to(request, status):
    response = HttpResponseRedirect(request.GET.get("to", "/echo/"))
    response.status_code = status
    return response


def loop(request):
    return HttpResponseRedirect("/loop/")


def set_cookie(request):
    response = HttpResponse("set")
    response.set_cookie("flavour", request.GET.get("value", "oatmeal"))
    return response


def delete_cookie(request):
    response = HttpResponse("deleted")
    response.delete_cookie("flavour")
    return response


def boom(request):
    raise ValueError("boom from the view")


def json_list(request):
    return HttpResponse(json.dumps([1, 2]), content_type="application/json")


def layered(request):
    """A template that extends a base, imports macros and includes partials."""
    return render(request, "testkit/child.html", {"title": "Layers", "site": "example"})
