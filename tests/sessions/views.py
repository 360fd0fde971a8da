"""Views of the session middleware tests."""

from __future__ import annotations

import os

from framework.http import HttpResponse


def set_value(request):
    request.session["value"] = request.GET.get("value", "set")
    return HttpResponse("set")


def get_value(request):
    return HttpResponse(str(request.session.get("value")))


def untouched(request):
    return HttpResponse("untouched")


def flush(request):
    request.session.flush()
    return HttpResponse("flushed")


def browser_close(request):
    request.session["value"] = "until close"
    request.session.set_expiry(0)
    return HttpResponse("browser close")


def cycle(request):
    request.session.cycle_key()
    return HttpResponse(request.session.session_key or "")


def server_error(request):
    request.session["value"] = "lost"
    return HttpResponse("boom", status=500)


def deleted_meanwhile(request):
    request.session.get("value")
    # Another request (a logout) deletes this session while this one runs.
    os.unlink(request.session._key_to_file())
    request.session["value"] = "too late"
    return HttpResponse("modified")
