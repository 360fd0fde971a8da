"""Every answer names the node (and, for reads, the database alias) that produced it."""

import time

from framework.core.cache import cache
from framework.db import connections
from framework.http import HttpResponse, HttpResponseBadRequest
from framework.shortcuts import redirect
from mnsite.models import PAGE_KEY, Note
from mnsite.node import NODE


def health(request):
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse(f"ok node={NODE}")


def login(request):
    name = request.POST.get("name", "")
    if not name:
        return HttpResponseBadRequest("name is required")
    request.session.cycle_key()
    request.session["user"] = name
    return HttpResponse(f"logged in node={NODE}")


def whoami(request):
    return HttpResponse(f"user={request.session.get('user', '')} node={NODE}")


def notes(request):
    queryset = Note.objects.all()
    titles = ",".join(note.title for note in queryset)
    return HttpResponse(f"node={NODE} db={queryset.db} titles={titles}")


def add(request):
    title = request.POST.get("title", "")
    if not title:
        return HttpResponseBadRequest("title is required")
    Note.objects.create(title=title)
    return redirect("/notes/")


def cached(request):
    page = cache.get(PAGE_KEY)
    if page is None:
        page = f"rendered by {NODE} at {time.time():.6f} count={Note.objects.count()}"
        cache.set(PAGE_KEY, page, 300)
    return HttpResponse(f"{page} served by {NODE}")
