"""Views of the CSRF tests."""

from __future__ import annotations

from framework.http import HttpResponse
from framework.middleware.csrf import get_token, rotate_token
from framework.shortcuts import render
from framework.views.decorators.csrf import (
    csrf_exempt,
    csrf_protect,
    ensure_csrf_cookie,
    requires_csrf_token,
)


def accept(request):
    return HttpResponse(f"accepted {request.method}")


def token(request):
    return HttpResponse(get_token(request))


def rotate(request):
    rotate_token(request)
    return HttpResponse(get_token(request))


def session_token(request):
    # Touch the session so that it is saved with the CSRF secret.
    request.session["visited"] = True
    return HttpResponse(get_token(request))


@csrf_exempt
def exempt(request):
    return HttpResponse("exempt")


@csrf_protect
def protected(request):
    return HttpResponse("protected")


@csrf_protect
def protected_token(request):
    return HttpResponse(get_token(request))


@requires_csrf_token
def requires(request):
    return HttpResponse(get_token(request))


@ensure_csrf_cookie
def ensure(request):
    return HttpResponse("no token in this page")


def failure_view(request, reason=""):
    return HttpResponse(f"custom failure: {reason}", status=403)


def bad_failure_view(request):
    return HttpResponse("takes no reason")


def form(request):
    return render(request, "form.html")
