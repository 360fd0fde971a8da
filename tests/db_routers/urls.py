"""Views for the PinPrimaryMiddleware tests: each answers with the alias its read used."""

from __future__ import annotations

from framework.db import connection
from framework.db.pinning import pin_primary_view
from framework.http import HttpResponse
from framework.shortcuts import redirect
from framework.urls import include, path
from tests.db_routers.models_app.models import Note


def _titles(request):
    notes = Note.objects.all()
    return HttpResponse(f"{notes.db}:" + ",".join(n.title for n in notes))


def add(request):
    Note.objects.create(title=request.POST.get("title", "new"))
    return redirect("/notes/")


def post_without_write(request):
    return _titles(request)


def raw_write(request):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE db_routers_note SET title = %s", ["raw"])
    return _titles(request)


def admin_index(request):
    return _titles(request)


admin_patterns = ([path("", admin_index)], "admin")

urlpatterns = [
    path("notes/", _titles),
    path("notes/add/", add),
    path("notes/nowrite/", post_without_write),
    path("notes/raw/", raw_write),
    path("decorated/", pin_primary_view(_titles)),
    path("decorated/add/", pin_primary_view(add)),
    path("admin/", include(admin_patterns)),
]
