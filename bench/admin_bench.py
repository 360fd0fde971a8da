"""The admin changelist of a 100,000-row table: the framework's admin beside Django 5.2's.

    bench/.venv/bin/python bench/admin_bench.py [--quick] [--rows N] [--repeat N] [--keep-db]

Creates one PostgreSQL database with ``bench_author`` (1,000 rows) and ``bench_article``
(100,000 rows: title, status, publication date, author) and clones it (CREATE DATABASE ...
TEMPLATE) once per framework, so both admins read the same rows; each framework then
migrates its own contrib tables into its clone. The same app source (``{pkg}`` is
``framework`` or ``django``) registers Article with ``list_display`` including the author
foreign key, ``list_select_related``, ``list_filter`` on status, date and author, and
``search_fields``; each side runs in its own process (bench/.venv has both) and requests the
changelist through its test client as a logged-in superuser: plain, filtered, searched, page
50 and sorted. Per page: client CPU per request (the median; the database's own time is not in
it), wall time per request, and the number of SQL queries. Results print as a table and go
to bench/results/admin.json. The databases are dropped afterwards unless --keep-db.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

AUTHORS = 1_000
PAGES = {
    "changelist": "",
    "filtered": "?status__exact=published",
    "searched": "?q=4a",
    "page 50": "?p=49",
    "sorted": "?o=-3",
}

MODELS = """
from {pkg}.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        db_table = "bench_author"
        managed = False

    def __str__(self):
        return self.name


class Article(models.Model):
    STATUSES = [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")]
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=STATUSES)
    published = models.DateField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    class Meta:
        db_table = "bench_article"
        managed = False
        ordering = ["-id"]

    def __str__(self):
        return self.title
"""

ADMIN = """
from {pkg}.contrib import admin

from .models import Article, Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published", "author"]
    list_filter = ["status", "published", "author"]
    list_select_related = ["author"]
    search_fields = ["title", "author__name"]
    list_per_page = 100
"""

URLS = """
from {pkg}.contrib import admin
from {pkg}.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
"""

CONTEXT = [
    "{pkg}.template.context_processors.request",
    "{pkg}.contrib.auth.context_processors.auth",
    "{pkg}.contrib.messages.context_processors.messages",
]
SETTINGS = """
SECRET_KEY = "bench-admin-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "benchadmin_urls"
INSTALLED_APPS = [
    "{pkg}.contrib.admin",
    "{pkg}.contrib.auth",
    "{pkg}.contrib.contenttypes",
    "{pkg}.contrib.sessions",
    "{pkg}.contrib.messages",
    "benchadmin",
]
MIDDLEWARE = [
    "{pkg}.contrib.sessions.middleware.SessionMiddleware",
    "{pkg}.middleware.common.CommonMiddleware",
    "{pkg}.middleware.csrf.CsrfViewMiddleware",
    "{pkg}.contrib.auth.middleware.AuthenticationMiddleware",
    "{pkg}.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{{"BACKEND": {backend!r}, "APP_DIRS": True,
              "OPTIONS": {{"context_processors": {context!r}}}}}]
DATABASES = {{"default": {{"ENGINE": "{pkg}.db.backends.postgresql", **{database!r}}}}}
DEFAULT_AUTO_FIELD = "{pkg}.db.models.AutoField"
STATIC_URL = "/static/"
PASSWORD_HASHERS = ["{pkg}.contrib.auth.hashers.MD5PasswordHasher"]
"""
BACKENDS = {
    "framework": "framework.template.backends.jinja2.Jinja2",
    "django": "django.template.backends.django.DjangoTemplates",
}


def log(message: str) -> None:
    print(f"admin-bench: {message}", file=sys.stderr, flush=True)


def write_project(root: Path, pkg: str, database: dict) -> None:
    """The same app for ``pkg`` (framework or django): settings, urls, models, admin."""
    app = root / "benchadmin"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(MODELS.format(pkg=pkg))
    (app / "admin.py").write_text(ADMIN.format(pkg=pkg))
    (root / "benchadmin_urls.py").write_text(URLS.format(pkg=pkg))
    context = [c.format(pkg=pkg) for c in CONTEXT]
    settings = SETTINGS.format(pkg=pkg, backend=BACKENDS[pkg], context=context, database=database)
    (root / "benchadmin_settings.py").write_text(settings)


# ---------------------------------------------------------------- the database
def create_databases(rows: int, names: dict[str, str]) -> dict[str, dict]:
    """The data database and one clone per framework; their libpq parameters."""
    import psycopg2

    from tests.support import postgres

    postgres.pg_dsn()
    data = names["data"]
    postgres.create_database(data)
    params = postgres.connection_params(data)
    params.pop("connect_timeout", None)
    log(f"filling {data}: {AUTHORS:,} authors, {rows:,} articles")
    connection = psycopg2.connect(**params)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE bench_author (id serial PRIMARY KEY, name varchar(100) NOT NULL)"
            )
            cursor.execute(
                "CREATE TABLE bench_article (id serial PRIMARY KEY,"
                " title varchar(200) NOT NULL, status varchar(10) NOT NULL,"
                " published date NOT NULL,"
                " author_id integer NOT NULL REFERENCES bench_author (id))"
            )
            cursor.execute(
                "INSERT INTO bench_author (name) SELECT 'Author ' || i"
                " FROM generate_series(1, %s) AS i",
                (AUTHORS,),
            )
            cursor.execute(
                "INSERT INTO bench_article (title, status, published, author_id)"
                " SELECT 'Article ' || i || ' ' || md5(i::text),"
                " (ARRAY['draft', 'published', 'archived'])[1 + i %% 3],"
                " date '2020-01-01' + (i %% 2000), 1 + i %% %s"
                " FROM generate_series(1, %s) AS i",
                (AUTHORS, rows),
            )
            for column in ("status", "published", "author_id"):
                cursor.execute(f"CREATE INDEX ON bench_article ({column})")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()
    out = {}
    for side in ("framework", "django"):
        postgres.create_database(names[side], template=data)
        side_params = postgres.connection_params(names[side])
        side_params.pop("connect_timeout", None)
        out[side] = side_params
    return out


def drop_databases(names: dict[str, str]) -> None:
    from tests.support import postgres

    for name in names.values():
        postgres.drop_database(name)


def django_database(params: dict) -> dict:
    """libpq parameters as a DATABASES entry (both frameworks take the same keys)."""
    entry = {"NAME": params["dbname"], "USER": params.get("user", "")}
    for key, name in (("host", "HOST"), ("port", "PORT"), ("password", "PASSWORD")):
        if params.get(key):
            entry[name] = str(params[key])
    return entry


# ---------------------------------------------------------------- one side, in its own process
def run_side(pkg: str, repeat: int) -> dict:
    """Migrate, log in a superuser and time each changelist page; the figures."""
    os.environ["DJANGO_SETTINGS_MODULE" if pkg == "django" else "FRAMEWORK_SETTINGS_MODULE"] = (
        "benchadmin_settings"
    )
    if pkg == "django":
        import django
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        django.setup()
    else:
        import framework
        from framework.core.management import call_command
        from framework.db import connection
        from framework.test import Client

        framework.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"{pkg}: migrated the contrib apps in {time.perf_counter() - started:.1f} s")
    from importlib import import_module

    user_model = import_module(f"{pkg}.contrib.auth").get_user_model()
    user = user_model.objects.create_superuser("bench", "bench@example.com", "bench-pass")
    client = Client()
    client.force_login(user)
    figures = {}
    for label, query in PAGES.items():
        url = "/admin/benchadmin/article/" + query
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, (pkg, url, response.status_code)
        sql: list[str] = []

        def record(execute, statement, params, many, context, sql=sql):
            sql.append(statement)
            return execute(statement, params, many, context)

        # execute_wrapper, not the query log: request_started empties the log mid-capture.
        with connection.execute_wrapper(record):
            client.get(url)
        cpu, wall = [], []
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            response = client.get(url)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        figures[label] = {
            "url": url,
            "cpu_ms": round(statistics.median(cpu) * 1000, 2),
            "wall_ms": round(statistics.median(wall) * 1000, 2),
            "queries": len(sql),
            "count_queries": sum(1 for s in sql if "COUNT(" in s.upper()),
            "bytes": len(response.content),
        }
        log(f"{pkg} {label}: {figures[label]['cpu_ms']} ms CPU, {len(sql)} queries")
    return figures


# ---------------------------------------------------------------- the run
def print_table(results: dict) -> None:
    fw, dj = results["framework"], results["django"]
    print(f"\nAdmin changelist, {results['rows']:,} articles (median of {results['repeat']})")
    header = (
        f"{'page':<11} {'fw CPU ms':>9} {'Dj CPU ms':>9} {'fw/Dj':>6} "
        f"{'fw wall':>8} {'Dj wall':>8} {'fw q':>5} {'Dj q':>5} {'COUNTs fw/Dj':>13}"
    )
    print(header)
    print("-" * len(header))
    for label in PAGES:
        a, b = fw[label], dj[label]
        print(
            f"{label:<11} {a['cpu_ms']:>9.1f} {b['cpu_ms']:>9.1f} "
            f"{a['cpu_ms'] / b['cpu_ms']:>6.2f} {a['wall_ms']:>8.1f} {b['wall_ms']:>8.1f} "
            f"{a['queries']:>5} {b['queries']:>5} "
            f"{a['count_queries']:>6}/{b['count_queries']:<6}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 timed requests per page")
    parser.add_argument("--rows", type=int, default=100_000, help="articles (100,000)")
    parser.add_argument("--repeat", type=int, default=None, help="timed requests per page (20)")
    parser.add_argument("--keep-db", action="store_true", help="keep the databases")
    parser.add_argument("--side", choices=["framework", "django"], help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "admin.json")
    args = parser.parse_args(argv)
    repeat = args.repeat or (5 if args.quick else 20)
    if args.side:
        print(json.dumps(run_side(args.side, repeat)))
        return 0
    names = {key: f"bench_admin_{key}_{os.getpid()}" for key in ("data", "framework", "django")}
    results: dict = {"rows": args.rows, "repeat": repeat}
    try:
        databases = create_databases(args.rows, names)
        for side in ("framework", "django"):
            with tempfile.TemporaryDirectory(prefix=f"bench-admin-{side}-") as root:
                write_project(Path(root), side, django_database(databases[side]))
                env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, str(REPO)])}
                log(f"{side}: timing the changelist")
                done = subprocess.run(
                    [sys.executable, __file__, "--side", side, "--repeat", str(repeat)],
                    env=env,
                    cwd=root,
                    capture_output=True,
                    text=True,
                    timeout=900,
                )
                sys.stderr.write(done.stderr)
                if done.returncode != 0:
                    print(f"admin-bench: {side} failed", file=sys.stderr)
                    return 1
                results[side] = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep_db:
            drop_databases(names)
    print_table(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    log(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
