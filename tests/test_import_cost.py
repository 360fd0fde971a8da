"""Start-up cost: what a new process imports before it answers its first request (issue #9).

A project with the admin installed (the apps, middleware and Jinja2 templates that
``startproject`` writes) must reach its first /plaintext response without importing what
only some pages need: forms, the admin's list filters and form helpers, auth's views and
hashers, mail, file storage. The checks run in a fresh interpreter and
look at ``sys.modules``, so they do not depend on timing.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from tests.support.probes import run_python_json

REPO = Path(__file__).resolve().parent.parent

# Modules (and packages: their submodules too) that serve only some requests.
DEFERRED = [
    "framework.forms",
    "framework.contrib.admin.helpers",
    "framework.contrib.admin.filters",
    "framework.contrib.admin.facets",
    "framework.contrib.admin.forms",
    "framework.contrib.admin.views.main",
    "framework.contrib.auth.forms",
    "framework.contrib.auth.views",
    "framework.contrib.auth.hashers",
    "framework.contrib.auth.password_validation",
    "framework.contrib.contenttypes.forms",
    "framework.core.mail",
    "framework.core.files.storage",
    "framework.views.generic.dates",
    "framework.views.generic.detail",
    "framework.views.generic.edit",
    "framework.views.generic.list",
    "gzip",
    # Issue #9 (memory): what a project whose models use none of them does not load.
    "framework.core.paginator",
    "framework.db.models.constraints",
    "framework.db.models.enums",
    "framework.db.models.fields.files",
    "framework.db.models.fields.json",
    "framework.db.models.functions.math",
    "framework.db.models.functions.window",
    "framework.views.generic",
    "logging.config",
    "logging.handlers",
    # never_cache's Expires header: http_date() writes the date itself.
    "calendar",
    "email",
]

# Loaded by the first template that uses a date, time-zone or truncating filter, not by a
# page that only loops and escapes (the /fortunes of the benchmark).
DEFERRED_BY_TEMPLATES = [
    "calendar",
    "email",
    "zoneinfo",
    "framework.utils.dateformat",
    "framework.utils.slugs",
    "framework.utils.timesince",
    "framework.utils.truncation",
]

SETTINGS = """
SECRET_KEY = "import-cost-test"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "cost_site.urls"
INSTALLED_APPS = [
    "framework.contrib.admin",
    "framework.contrib.auth",
    "framework.contrib.contenttypes",
    "framework.contrib.sessions",
    "framework.contrib.messages",
    "framework.contrib.staticfiles",
    "cost_app",
]
MIDDLEWARE = [
    "framework.middleware.security.SecurityMiddleware",
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.common.CommonMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
    "framework.contrib.messages.middleware.MessageMiddleware",
    "framework.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {"default": DATABASE}
TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "framework.template.context_processors.request",
                "framework.contrib.auth.context_processors.auth",
                "framework.contrib.messages.context_processors.messages",
            ]
        },
    }
]
USE_TZ = True
STATIC_URL = "static/"
"""

URLS = """
from framework.contrib import admin
from framework.http import HttpResponse
from framework.urls import path
from framework.views.decorators.cache import never_cache


def plaintext(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


urlpatterns = [
    path("plaintext", never_cache(plaintext)),
    path("admin/", admin.site.urls),
]
"""

MODELS = """
from framework.db import models


class Note(models.Model):
    text = models.CharField(max_length=100)
"""

ADMIN = """
from framework.contrib import admin

from .models import Note

admin.site.register(Note)
"""

# Start the project as a WSGI server would, answer one request, report sys.modules; then
# check that the public import paths of what was deferred still work.
PROBE = """
import io, json, re, sys

from framework.core.wsgi import get_wsgi_application

application = get_wsgi_application()
environ = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/plaintext", "SCRIPT_NAME": "", "QUERY_STRING": "",
    "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_HOST": "testserver", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
    "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.multithread": True,
    "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
}
statuses = []
body = b"".join(application(environ, lambda status, headers, exc=None: statuses.append(status)))
from framework.core import validators

domain_regex = validators._domain_re
if not isinstance(domain_regex, re.Pattern):  # a LazyRegex: has it compiled yet?
    domain_regex = object.__getattribute__(domain_regex, "_compiled")
report = {
    "status": statuses[0],
    "body": body.decode(),
    "modules": sorted(sys.modules),
    "domain_regex_compiled": isinstance(domain_regex, re.Pattern),
}

from framework.template import engines

engine = engines.all()[0]
source = "<ul>{% for m in messages %}<li>{{ m.id }}: {{ m.text }}</li>{% endfor %}</ul>"
report["rendered"] = engine.from_string(source).render({"messages": [{"id": 1, "text": "<b>"}]})
report["modules_after_render"] = sorted(sys.modules)
from framework.template.defaultfilters import DEFAULT_FILTERS
import datetime
report["filters"] = [
    DEFAULT_FILTERS["date"](datetime.date(2024, 2, 29), "L t r"),
    DEFAULT_FILTERS["truncatewords"]("one two three", 2),
    DEFAULT_FILTERS["slugify"]("Hello World"),
]

from framework import forms
from framework.contrib.admin import (
    ACTION_CHECKBOX_NAME, ModelAdmin, ShowFacets, SimpleListFilter, TabularInline, site,
)
from framework.contrib.admin.filters import SimpleListFilter as FilterFromModule
from framework.contrib.admin.forms import AdminUserCreationForm
from framework.contrib.admin.helpers import ActionForm
from framework.contrib.admin.useradmin import AdminUserCreationForm as FromUserAdmin
from framework.contrib.admin.useradmin import UserAdmin
from framework.contrib.auth.views import redirect_to_login
from framework.contrib.auth.redirects import redirect_to_login as moved
from framework.forms.model_formsets import BaseInlineFormSet
from framework.views.generic import ListView, View
from framework.views.generic.list import ListView as ListFromModule
from framework.db import models
from framework.db.models.constraints import UniqueConstraint
from framework.db.models.enums import TextChoices
from framework.db.models.fields.files import FileField
from framework.db.models.fields.json import JSONField
from framework.db.models.functions import Round, RowNumber
from framework.db.models.functions.math import Round as RoundFromModule
from framework.db.models.functions.window import RowNumber as RowNumberFromModule
import framework.views

report["public_paths"] = {
    "filter": SimpleListFilter is FilterFromModule,
    "checkbox": ACTION_CHECKBOX_NAME == "_selected_action",
    "facets": ShowFacets.ALLOW is not None,
    "model_admin_form": ModelAdmin.form is forms.ModelForm,
    "action_form": ModelAdmin.action_form is ActionForm,
    "inline_formset": TabularInline.formset is BaseInlineFormSet,
    "user_add_form": UserAdmin.add_form is AdminUserCreationForm is FromUserAdmin,
    "redirect_to_login": redirect_to_login is moved,
    "list_view": ListView is ListFromModule and issubclass(ListView, View),
    "registered": sorted(m._meta.label for m in site._registry),
    "model_names": models.JSONField is JSONField and models.FileField is FileField
    and models.UniqueConstraint is UniqueConstraint and models.TextChoices is TextChoices,
    "functions": Round is RoundFromModule and RowNumber is RowNumberFromModule,
    "view": framework.views.View is View,
}
print(json.dumps(report))
"""


def _project(tmp_path: Path, database: dict) -> Path:
    (tmp_path / "cost_site").mkdir()
    (tmp_path / "cost_site" / "__init__.py").write_text("")
    (tmp_path / "cost_site" / "settings.py").write_text(
        f"DATABASE = {database!r}\n" + textwrap.dedent(SETTINGS)
    )
    (tmp_path / "cost_site" / "urls.py").write_text(textwrap.dedent(URLS))
    (tmp_path / "cost_app").mkdir()
    (tmp_path / "cost_app" / "__init__.py").write_text("")
    (tmp_path / "cost_app" / "models.py").write_text(textwrap.dedent(MODELS))
    (tmp_path / "cost_app" / "admin.py").write_text(textwrap.dedent(ADMIN))
    return tmp_path


@pytest.fixture(
    params=[
        {"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"},
        # Never connected to: the first request does not query.
        {"ENGINE": "framework.db.backends.postgresql", "NAME": "unused", "HOST": "127.0.0.1"},
    ],
    ids=["sqlite", "postgresql"],
)
def probe(request: pytest.FixtureRequest, tmp_path: Path) -> dict:
    project = _project(tmp_path, request.param)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_SETTINGS_MODULE")}
    env["FRAMEWORK_SETTINGS_MODULE"] = "cost_site.settings"
    env["PYTHONPATH"] = os.pathsep.join([str(project), str(REPO)])
    return run_python_json(PROBE, cwd=project, env=env)


def test_first_request_is_answered(probe: dict) -> None:
    """The probe project answers /plaintext with the admin installed and registered."""
    assert probe["status"] == "200 OK"
    assert probe["body"] == "Hello, World!"
    assert "cost_app.Note" in probe["public_paths"]["registered"]
    assert "auth.User" in probe["public_paths"]["registered"]


def test_start_up_does_not_import_deferred_modules(probe: dict) -> None:
    """Forms, admin helpers/filters, auth views/hashers, mail, storage: none load at start."""
    loaded = probe["modules"]
    found = [
        name for name in loaded if any(name == d or name.startswith(d + ".") for d in DEFERRED)
    ]
    assert found == []


def test_rendering_a_template_does_not_import_date_or_text_helpers(probe: dict) -> None:
    """A template that loops and escapes loads no date formatting, time zones or e-mail."""
    assert probe["rendered"] == "<ul><li>1: &lt;b&gt;</li></ul>"
    loaded_by_render = set(probe["modules_after_render"]) - set(probe["modules"])
    found = [
        name
        for name in sorted(loaded_by_render)
        if any(name == d or name.startswith(d + ".") for d in DEFERRED_BY_TEMPLATES)
    ]
    assert "framework.template.defaultfilters" in loaded_by_render
    assert found == []


def test_deferred_filters_work(probe: dict) -> None:
    """The date, truncation and slug filters import their helpers on first use."""
    assert probe["filters"] == [
        "True 29 Thu, 29 Feb 2024 00:00:00 -0600",
        "one two …",
        "hello-world",
    ]


def test_validator_regexes_compile_on_first_use(probe: dict) -> None:
    """The URL/e-mail domain regex, the costliest at import, is not compiled at start-up."""
    assert probe["domain_regex_compiled"] is False


def test_public_import_paths_still_work(probe: dict) -> None:
    """What was deferred is importable from its usual path and is the same object."""
    paths = probe["public_paths"]
    assert {name: value for name, value in paths.items() if value is not True} == {
        "registered": paths["registered"]
    }
