"""The TechEmpower database endpoints (db, queries, fortunes, updates) of the benchmarked apps.

Source texts written verbatim into each app's directory: one view module serves the framework
and Django alike (only the top-level package differs), a `te` app holds the World and Fortune
models, the fortunes page is a Jinja2 template for the framework and the bare function and a
Django template for Django. Tables and rows are created by bench/database.py.
"""

from __future__ import annotations

from pathlib import Path

MESSAGE = "Hello, World!"
ADDED_FORTUNE = "Additional fortune added at request time."
# The 12 rows of TechEmpower's Fortune table.
FORTUNE_MESSAGES = [
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. \u2014 Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af",
]
# The query count the table uses for /queries and /updates.
QUERIES = 20
# The fortunes page through the per-view cache (cache_page on Redis), and how long it stays.
CACHED_PATH = "/fortunes-cached"
CACHED_SECONDS = 300

VIEWS = f'''
import random
from operator import attrgetter

from framework.http import HttpResponse, JsonResponse
from framework.shortcuts import render
from framework.views.decorators.cache import cache_page

from te.models import Fortune, World

_randint = random.randint


def _count(request):
    # TechEmpower: missing or not a number -> 1, below 1 -> 1, above 500 -> 500.
    try:
        count = int(request.GET.get("queries", 1))
    except ValueError:
        return 1
    return min(max(count, 1), 500)


def plaintext(request):
    return HttpResponse(b"{MESSAGE}", content_type="text/plain")


def json(request):
    return JsonResponse({{"message": "{MESSAGE}"}})


def db(request):
    world = World.objects.get(id=_randint(1, 10000))
    return JsonResponse({{"id": world.id, "randomNumber": world.randomnumber}})


def queries(request):
    get = World.objects.get
    worlds = [get(id=_randint(1, 10000)) for _ in range(_count(request))]
    return JsonResponse(
        [{{"id": w.id, "randomNumber": w.randomnumber}} for w in worlds], safe=False
    )


def fortunes(request):
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="{ADDED_FORTUNE}"))
    rows.sort(key=attrgetter("message"))
    return render(request, "fortunes.html", {{"fortunes": rows}})


# The same page through the per-view cache: rendered once, then read from Redis.
fortunes_cached = cache_page({CACHED_SECONDS})(fortunes)


def updates(request):
    get = World.objects.get
    # Distinct ids: one request never writes the same row twice.
    worlds = [get(id=i) for i in random.sample(range(1, 10001), _count(request))]
    for world in worlds:
        world.randomnumber = _randint(1, 10000)
        world.save(update_fields=["randomnumber"])
    return JsonResponse(
        [{{"id": w.id, "randomNumber": w.randomnumber}} for w in worlds], safe=False
    )
'''

URLS = """
from framework.urls import path

from . import views

urlpatterns = [
    path("plaintext", views.plaintext),
    path("json", views.json),
    path("db", views.db),
    path("queries", views.queries),
    path("fortunes", views.fortunes),
    path("fortunes-cached", views.fortunes_cached),
    path("updates", views.updates),
]
"""

MODELS = """
from framework.db import models


class World(models.Model):
    randomnumber = models.IntegerField()

    class Meta:
        db_table = "world"
        managed = False


class Fortune(models.Model):
    message = models.CharField(max_length=2048)

    class Meta:
        db_table = "fortune"
        managed = False
"""

JINJA2_FORTUNES = """<!DOCTYPE html>
<html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>
{% for fortune in fortunes %}<tr><td>{{ fortune.id }}</td><td>{{ fortune.message }}</td></tr>
{% endfor %}</table></body></html>
"""
# The same text is a valid Django template.
DJANGO_FORTUNES = JINJA2_FORTUNES

BARE_SCRIPT = f'''
import json
import os
import random
import threading
from operator import itemgetter

import jinja2
import psycopg2

PLAINTEXT = b"{MESSAGE}"
DSN = {{dsn!r}}
_local = threading.local()
_randint = random.randint
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
    autoescape=True,
)
_fortunes = _env.get_template("fortunes.html")


def _cursor():
    # One persistent connection per daemon thread, in autocommit as the frameworks run.
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = _local.connection = psycopg2.connect(DSN)
        connection.autocommit = True
    return connection.cursor()


def _count(environ):
    for part in environ.get("QUERY_STRING", "").split("&"):
        name, _, value = part.partition("=")
        if name == "queries":
            try:
                return min(max(int(value), 1), 500)
            except ValueError:
                return 1
    return 1


def _json(data):
    return json.dumps(data).encode(), "application/json"


def _db(environ):
    with _cursor() as cursor:
        cursor.execute("SELECT id, randomnumber FROM world WHERE id = %s", (_randint(1, 10000),))
        row = cursor.fetchone()
    return _json({{"id": row[0], "randomNumber": row[1]}})


def _queries(environ):
    with _cursor() as cursor:
        rows = []
        for _ in range(_count(environ)):
            cursor.execute(
                "SELECT id, randomnumber FROM world WHERE id = %s", (_randint(1, 10000),)
            )
            row = cursor.fetchone()
            rows.append({{"id": row[0], "randomNumber": row[1]}})
    return _json(rows)


def _fortunes_page(environ):
    with _cursor() as cursor:
        cursor.execute("SELECT id, message FROM fortune")
        rows = [{{"id": i, "message": m}} for i, m in cursor.fetchall()]
    rows.append({{"id": 0, "message": "{ADDED_FORTUNE}"}})
    rows.sort(key=itemgetter("message"))
    return _fortunes.render(fortunes=rows).encode(), "text/html; charset=utf-8"


def _updates(environ):
    with _cursor() as cursor:
        rows = []
        for i in random.sample(range(1, 10001), _count(environ)):
            cursor.execute("SELECT id, randomnumber FROM world WHERE id = %s", (i,))
            row = cursor.fetchone()
            rows.append({{"id": row[0], "randomNumber": _randint(1, 10000)}})
        for row in rows:
            cursor.execute(
                "UPDATE world SET randomnumber = %s WHERE id = %s", (row["randomNumber"], row["id"])
            )
    return _json(rows)


ROUTES = {{
    "/plaintext": lambda environ: (PLAINTEXT, "text/plain"),
    # Serialised per request, as the frameworks do.
    "/json": lambda environ: _json({{"message": "{MESSAGE}"}}),
    "/db": _db,
    "/queries": _queries,
    "/fortunes": _fortunes_page,
    "/updates": _updates,
}}


def application(environ, start_response):
    handler = ROUTES.get(environ.get("PATH_INFO", ""))
    if handler is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not Found"]
    body, content_type = handler(environ)
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
'''


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip())


def write_sources(directory: Path, package: Path, top: str) -> None:
    """Write views, urls, the `te` models app and the fortunes template for `top`."""
    rename = (lambda text: text.replace("framework.", "django.")) if top == "django" else str
    _write(package / "views.py", rename(VIEWS))
    _write(package / "urls.py", rename(URLS))
    _write(directory / "te" / "__init__.py", "")
    _write(directory / "te" / "models.py", rename(MODELS))
    template = DJANGO_FORTUNES if top == "django" else JINJA2_FORTUNES
    _write(directory / "templates" / "fortunes.html", template)


def write_bare(directory: Path, dsn: str) -> None:
    """Write the bare WSGI function (psycopg2 and Jinja2) and its template."""
    _write(directory / "app.wsgi", BARE_SCRIPT.replace("{dsn!r}", repr(dsn)))
    _write(directory / "templates" / "fortunes.html", JINJA2_FORTUNES)
