"""Views of the message tests."""

from __future__ import annotations

import secrets

from markupsafe import Markup

from framework.contrib import messages
from framework.contrib.messages.views import SuccessMessageMixin
from framework.http import HttpResponse, HttpResponseRedirect
from framework.shortcuts import render

LEVELS = {
    "debug": messages.debug,
    "info": messages.info,
    "success": messages.success,
    "warning": messages.warning,
    "error": messages.error,
}


def add(request, level):
    """Add each ``m`` query value at ``level``; redirect to /show/."""
    for text in request.GET.getlist("m"):
        LEVELS[level](request, text)
    return HttpResponseRedirect("/show/")


def add_markup(request):
    """Add a message marked safe."""
    messages.info(request, Markup("<b>bold</b>"))
    return HttpResponseRedirect("/show/")


def add_big(request):
    """Add ``n`` messages of ``size`` random (incompressible) characters."""
    size = int(request.GET.get("size", "3000"))
    count = int(request.GET.get("n", "1"))
    for index in range(count):
        messages.info(request, f"{index}:" + secrets.token_hex(size // 2))
    return HttpResponse("added")


def add_and_show(request):
    """Add a message and render it in the same request."""
    messages.warning(request, "now", extra_tags="urgent")
    return render(request, "messages.html")


def show(request):
    """Render the messages through Jinja2 and the context processor."""
    return render(request, "messages.html")


def count(request):
    """Say how many messages are stored, without consuming them."""
    return HttpResponse(str(len(messages.get_messages(request))))


def level(request):
    """Lower the level to DEBUG for this request, then add a debug message."""
    messages.set_level(request, messages.DEBUG)
    messages.debug(request, "debugging")
    return HttpResponse(str(messages.get_level(request)))


class FormViewBase:
    """Just the part of FormView that SuccessMessageMixin relies on."""

    def __init__(self, request):
        self.request = request

    def form_valid(self, form):
        return HttpResponseRedirect("/show/")


class _Form:
    def __init__(self, data):
        self.cleaned_data = data


class Saved(SuccessMessageMixin, FormViewBase):
    success_message = "%(name)s was saved"


def form(request):
    """Run SuccessMessageMixin.form_valid with a cleaned name."""
    return Saved(request).form_valid(_Form({"name": request.GET["name"]}))
