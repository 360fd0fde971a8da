"""The applications the HTTP benchmark serves: each answers /plaintext and /json.

Every app is written as plain files into its own directory (a WSGI script and, for the
frameworks, a settings/urls/views package) so that mod_wsgi-express serves each one the same
way. The texts below are written out verbatim; nothing here is imported by the servers.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

MESSAGE = "Hello, World!"

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


@dataclass
class App:
    """One benchmarked application: a name, its directory and what it was built with."""

    name: str
    label: str
    directory: Path
    notes: list[str] = field(default_factory=list)
    settings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def script(self) -> Path:
        return self.directory / "app.wsgi"


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
    return found


def framework_defaults(repo: Path) -> tuple[dict[str, list[str]], str]:
    """The default apps and middleware of a new framework project, and where they came from."""
    found = project_template_defaults(repo)
    if "INSTALLED_APPS" in found and "MIDDLEWARE" in found:
        return found, "framework/conf/project_template"
    renamed = {
        "INSTALLED_APPS": [n.replace("django.", "framework.", 1) for n in DJANGO_DEFAULT_APPS],
        "MIDDLEWARE": [n.replace("django.", "framework.", 1) for n in DJANGO_DEFAULT_MIDDLEWARE],
    }
    return {**renamed, **found}, "Django's startproject defaults, renamed"


FRAMEWORK_VIEWS = f'''
from framework.http import HttpResponse, JsonResponse


def plaintext(request):
    return HttpResponse(b"{MESSAGE}", content_type="text/plain")


def json(request):
    return JsonResponse({{"message": "{MESSAGE}"}})
'''

FRAMEWORK_URLS = """
from framework.urls import path

from . import views

urlpatterns = [
    path("plaintext", views.plaintext),
    path("json", views.json),
]
"""

DJANGO_VIEWS = FRAMEWORK_VIEWS.replace("framework.", "django.")
DJANGO_URLS = FRAMEWORK_URLS.replace("framework.", "django.")

SETTINGS = """
SECRET_KEY = "benchmark-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "{package}.urls"
INSTALLED_APPS = {apps!r}
MIDDLEWARE = {middleware!r}
DATABASES = {{
    "default": {{"ENGINE": "{engine}", "NAME": "{directory}/db.sqlite3"}},
}}
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
"""

WSGI_SCRIPT = """
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
os.environ["{variable}"] = "{package}.settings"

from {top}.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"""

BARE_SCRIPT = f'''
import json

PLAINTEXT = b"{MESSAGE}"


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/plaintext":
        body, content_type = PLAINTEXT, "text/plain"
    elif path == "/json":
        # Serialised per request, as the frameworks do.
        body, content_type = json.dumps({{"message": "{MESSAGE}"}}).encode(), "application/json"
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not Found"]
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
'''


def write_project(
    root: Path, name: str, label: str, top: str, apps: list[str], middleware: list[str]
) -> App:
    """Write a settings/urls/views package and a WSGI script for `top` (framework or django)."""
    # "app-" keeps the directory from shadowing the framework or django package on sys.path.
    directory = root / f"app-{name}"
    package = f"{name.replace('-', '_')}_site"
    engine = f"{top}.db.backends.sqlite3"
    variable = "DJANGO_SETTINGS_MODULE" if top == "django" else "FRAMEWORK_SETTINGS_MODULE"
    _write(directory / package / "__init__.py", "")
    _write(
        directory / package / "settings.py",
        SETTINGS.format(
            package=package, apps=apps, middleware=middleware, engine=engine, directory=directory
        ),
    )
    _write(directory / package / "urls.py", DJANGO_URLS if top == "django" else FRAMEWORK_URLS)
    _write(directory / package / "views.py", DJANGO_VIEWS if top == "django" else FRAMEWORK_VIEWS)
    _write(directory / "app.wsgi", WSGI_SCRIPT.format(variable=variable, package=package, top=top))
    return App(name, label, directory, settings={"INSTALLED_APPS": apps, "MIDDLEWARE": middleware})


def write_bare(root: Path) -> App:
    """Write the bare WSGI function: the floor every framework is measured against."""
    directory = root / "app-bare"
    _write(directory / "app.wsgi", BARE_SCRIPT)
    return App("bare", "bare WSGI function", directory)
