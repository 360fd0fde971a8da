"""The applications the HTTP benchmark serves: each answers /plaintext and /json.

Every app is written as plain files into its own directory (a WSGI script and, for the
frameworks, a settings/urls/views package) so that mod_wsgi-express serves each one the same
way. The texts below are written out verbatim; nothing here is imported by the servers.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import pwd
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import te_apps

MESSAGE = te_apps.MESSAGE
# Every key the framework and Django write into Redis in this run contains this prefix, so
# that bench/run.py can delete exactly them at the start and at the end.
CACHE_PREFIX = f"bench-{secrets.token_hex(4)}"
REDIS_URL = "redis://127.0.0.1:6379/0"

# Django 5.2's `startproject` defaults, and the same under the framework's names: used for
# the framework when its own project template cannot be read yet.
DJANGO_DEFAULT_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
DJANGO_DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DJANGO_DEFAULT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]


@dataclass
class App:
    """One benchmarked application: a name, its directory and what it was built with."""

    name: str
    label: str
    directory: Path
    notes: list[str] = field(default_factory=list)
    settings: dict[str, list[str]] = field(default_factory=dict)
    # The KEY_PREFIX of its Redis cache (None: no per-view cache, no cached-page case).
    cache_prefix: str | None = None
    # "" for app.wsgi; "timed" for app-timed.wsgi, the same app inside the timing wrapper.
    variant: str = ""

    @property
    def script(self) -> Path:
        return self.directory / (f"app-{self.variant}.wsgi" if self.variant else "app.wsgi")

    @property
    def server_name(self) -> str:
        """The name of its server's root and log in the work directory."""
        return f"{self.name}-{self.variant}" if self.variant else self.name


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.lstrip())


def project_template_defaults(repo: Path) -> dict[str, list[str]]:
    """INSTALLED_APPS and MIDDLEWARE as the framework's `startproject` writes them, if it can."""
    found: dict[str, list[str]] = {}
    template_dir = repo / "framework" / "conf" / "project_template"
    for path in sorted(template_dir.rglob("settings.py*")) if template_dir.is_dir() else []:
        text = path.read_text()
        for name in ("INSTALLED_APPS", "MIDDLEWARE"):
            match = re.search(rf"^{name}\s*=\s*(\[.*?\])", text, re.MULTILINE | re.DOTALL)
            if match and name not in found:
                try:
                    found[name] = list(ast.literal_eval(match.group(1)))
                except (ValueError, SyntaxError):
                    pass
        match = re.search(r'"context_processors":\s*(\[.*?\])', text, re.DOTALL)
        if match and "context_processors" not in found:
            try:
                found["context_processors"] = list(ast.literal_eval(match.group(1)))
            except (ValueError, SyntaxError):
                pass
    return found


def framework_defaults(repo: Path) -> tuple[dict[str, list[str]], str]:
    """The default apps and middleware of a new framework project, and where they came from."""
    found = project_template_defaults(repo)
    if "INSTALLED_APPS" in found and "MIDDLEWARE" in found:
        return found, "framework/conf/project_template"
    renamed = {
        "INSTALLED_APPS": [n.replace("django.", "framework.", 1) for n in DJANGO_DEFAULT_APPS],
        "MIDDLEWARE": [n.replace("django.", "framework.", 1) for n in DJANGO_DEFAULT_MIDDLEWARE],
        "context_processors": [
            n.replace("django.", "framework.", 1) for n in DJANGO_DEFAULT_PROCESSORS
        ],
    }
    return {**renamed, **found}, "Django's startproject defaults, renamed"


SETTINGS = """
SECRET_KEY = "benchmark-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "{package}.urls"
INSTALLED_APPS = {apps!r}
MIDDLEWARE = {middleware!r}
DATABASES = {{"default": {database!r}}}
TEMPLATES = [
    {{
        "BACKEND": "{backend}",
        "DIRS": ["{directory}/templates"],
        "OPTIONS": {{"context_processors": {processors!r}}},
    }},
]
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
# The cached-page case: cache_page on Redis, a key prefix per run and app.
CACHES = {{
    "default": {{
        "BACKEND": "{top}.core.cache.backends.redis.RedisCache",
        "LOCATION": "{redis_url}",
        "KEY_PREFIX": "{cache_prefix}",
    }}
}}
"""

WSGI_SCRIPT = """
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
os.environ["{variable}"] = "{package}.settings"

from {top}.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"""


def database_entry(top: str, params: dict[str, str]) -> dict:
    """A DATABASES entry for the benchmark's PostgreSQL database, with persistent connections."""
    return {
        "ENGINE": f"{top}.db.backends.postgresql",
        "NAME": params["dbname"],
        "USER": params.get("user", ""),
        "PASSWORD": params.get("password", ""),
        "HOST": params.get("host", ""),
        "PORT": params.get("port", ""),
        # Persistent connections for both frameworks, as a deployment would use them.
        "CONN_MAX_AGE": None,
    }


def write_project(
    root: Path,
    name: str,
    label: str,
    top: str,
    apps: list[str],
    middleware: list[str],
    *,
    database: dict[str, str],
    processors: list[str],
) -> App:
    """Write a settings/urls/views package, the `te` app and a WSGI script for `top`."""
    # "app-" keeps the directory from shadowing the framework or django package on sys.path.
    directory = root / f"app-{name}"
    package = f"{name.replace('-', '_')}_site"
    variable = "DJANGO_SETTINGS_MODULE" if top == "django" else "FRAMEWORK_SETTINGS_MODULE"
    backend = (
        "django.template.backends.django.DjangoTemplates"
        if top == "django"
        else "framework.template.backends.jinja2.Jinja2"
    )
    _write(directory / package / "__init__.py", "")
    _write(
        directory / package / "settings.py",
        SETTINGS.format(
            package=package,
            apps=[*apps, "te"],
            middleware=middleware,
            database=database_entry(top, database),
            backend=backend,
            directory=directory,
            processors=processors,
            top=top,
            redis_url=REDIS_URL,
            cache_prefix=f"{CACHE_PREFIX}-{name}",
        ),
    )
    te_apps.write_sources(directory, directory / package, top)
    _write(directory / "app.wsgi", WSGI_SCRIPT.format(variable=variable, package=package, top=top))
    return App(
        name,
        label,
        directory,
        settings={
            "INSTALLED_APPS": apps,
            "MIDDLEWARE": middleware,
            "context_processors": processors,
        },
        cache_prefix=f"{CACHE_PREFIX}-{name}",
    )


def write_bare(root: Path, database: dict[str, str]) -> App:
    """Write the bare WSGI function (psycopg2, Jinja2): the floor every framework is measured against."""
    directory = root / "app-bare"
    dsn = " ".join(f"{key}={value}" for key, value in database.items() if value)
    te_apps.write_bare(directory, dsn)
    return App("bare", "bare WSGI (psycopg2, Jinja2)", directory)


TIMED_SCRIPT = """
# app.wsgi's application inside bench/apptime_wrapper.py (copied here as bench_apptime.py).
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import bench_apptime

application = bench_apptime.TimedApplication(
    bench_apptime.load(os.path.join(os.path.dirname(__file__), "app.wsgi")),
    os.path.join(os.path.dirname(__file__), "apptime"),
)
"""


def write_timed(app: App) -> App:
    """The same app served through the timing wrapper (bench/apptime_wrapper.py).

    Its daemons write `apptime-<pid>.json` into `<app directory>/apptime`, which belongs to
    www-data when the benchmark runs as root (the daemons run as www-data then).
    """
    shutil.copyfile(
        Path(__file__).with_name("apptime_wrapper.py"), app.directory / "bench_apptime.py"
    )
    output = app.directory / "apptime"
    output.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        user = pwd.getpwnam("www-data")
        os.chown(output, user.pw_uid, user.pw_gid)
    timed = dataclasses.replace(app, variant="timed", notes=list(app.notes))
    _write(timed.script, TIMED_SCRIPT)
    return timed
