"""Fixtures of the demo news site's tests: its apps' tables on both backends, sample data.

The demo project lives in ``demo/`` (not a package of the repository): its directory is
put on ``sys.path`` so that ``news`` and ``newsroom`` import as they do under manage.py.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, clear_url_caches, set_urlconf
from tests.generic_views import appdb

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
if str(DEMO_DIR) not in sys.path:
    sys.path.insert(0, str(DEMO_DIR))

DEMO_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sites",
    "news",
]
NOW = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)


@pytest.fixture(scope="package")
def demo_backends():
    """Install the demo's apps and create their tables on SQLite and PostgreSQL."""
    with appdb.installed(
        DEMO_APPS, ["contenttypes", "auth", "sites", "news"], "test_framework_demo"
    ) as state:
        yield state


@pytest.fixture(params=appdb.BACKENDS)
def db(request, demo_backends):
    """The default connection on one backend, inside a transaction rolled back afterwards."""
    from framework.contrib.sites.models import SITE_CACHE

    with appdb.using(demo_backends, request.param) as wrapper:
        # Both backends answer to the alias "default": cached sites must not cross over.
        SITE_CACHE.clear()
        yield wrapper
        SITE_CACHE.clear()


class Newsroom:
    """Two sites with a few articles each, made by the ``newsroom`` fixture."""

    def __init__(self):
        from news.models import Article, Author, Section, Tag

        from framework.contrib.sites.models import Site

        self.news = Site.objects.create(domain="127.0.0.1", name="The Test Times")
        self.sport = Site.objects.create(domain="localhost", name="Test Sport")
        self.world = Section.objects.create(site=self.news, name="World", slug="world")
        self.science = Section.objects.create(
            site=self.news, name="Science", slug="science", position=1
        )
        self.football = Section.objects.create(site=self.sport, name="Football", slug="football")
        self.ada = Author.objects.create(name="Ada Reporter", slug="ada-reporter")
        self.bo = Author.objects.create(name="Bo Writer", slug="bo-writer", email="bo@x.invalid")
        self.climate = Tag.objects.create(name="climate", slug="climate")
        self.derby = Tag.objects.create(name="derby", slug="derby")

        def article(site, section, title, days_ago, body=None, **extra):
            extra.setdefault("status", Article.Status.PUBLISHED)
            extra.setdefault("author", self.ada)
            return Article.objects.create(
                site=site,
                section=section,
                title=title,
                body=body or f"<p>{title}: the full story.</p>",
                pub_date=NOW - datetime.timedelta(days=days_ago),
                **extra,
            )

        self.tram = article(
            self.news, self.world, "Tram line opens in Ghent", 1, featured=True, author=self.bo
        )
        self.tram.tags.set([self.climate])
        self.comet = article(self.news, self.science, "Comet seen over Tartu", 40)
        self.old = article(self.news, self.world, "Harbour reopens", 400)
        self.draft = article(
            self.news, self.world, "Secret draft story", 2, status=Article.Status.DRAFT
        )
        self.scheduled = article(self.news, self.world, "Tomorrow's story", -1)
        self.derby_win = article(self.sport, self.football, "Home side wins derby", 3)
        self.derby_win.tags.set([self.derby, self.climate])


@pytest.fixture(autouse=True)
def demo_urls(settings):
    """The demo's public URLs (reverse() and get_absolute_url() need them)."""
    settings.ROOT_URLCONF = "tests.demo.urls"
    yield
    clear_script_prefix()
    set_urlconf(None)
    clear_url_caches()


@pytest.fixture
def newsroom(db):
    """Two sites (127.0.0.1: news, localhost: sport) with published, draft and future articles."""
    return Newsroom()


@pytest.fixture
def app(db, settings):
    """The news app behind WebTest, as the demo's settings configure it."""
    settings.MIDDLEWARE = [
        "framework.middleware.common.CommonMiddleware",
        "framework.middleware.csrf.CsrfViewMiddleware",
        "news.middleware.CurrentSiteMiddleware",
    ]
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "framework.template.context_processors.request",
                    "news.context_processors.newsroom",
                ]
            },
        }
    ]
    settings.STATIC_URL = "/static/"
    return webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "127.0.0.1"})
