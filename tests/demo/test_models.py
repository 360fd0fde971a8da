"""The demo's models: sanitised bodies, slugs, publication rules, sites and search."""

from __future__ import annotations

import datetime

import pytest
from newsroom.database import database_from_url

from tests.demo.conftest import NOW


def test_save_sanitises_body_and_fills_slug_and_summary(newsroom):
    """Saving an article strips hostile HTML from the body and derives slug and summary."""
    from news.models import Article

    article = Article.objects.create(
        site=newsroom.news,
        section=newsroom.world,
        author=newsroom.ada,
        title="Storm hits Cork & Bergen",
        body='<p onclick="x()">Wind <b>and</b> rain.<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">more</a>',
        pub_date=NOW,
    )
    article.refresh_from_db()
    assert article.slug == "storm-hits-cork-bergen"
    assert "<script" not in article.body and "onclick" not in article.body
    assert "javascript" not in article.body
    assert "<b>and</b>" in article.body
    assert article.summary == "Wind and rain.more"
    assert article.get_absolute_url() == (
        f"/{NOW.year}/{NOW.month:02d}/{NOW.day:02d}/storm-hits-cork-bergen/"
    )


def test_published_excludes_drafts_and_future(newsroom):
    """published() keeps published articles whose date has come, newest first."""
    from news.models import Article

    titles = list(
        Article.objects.published().on_site(newsroom.news).values_list("title", flat=True)
    )
    assert titles == ["Tram line opens in Ghent", "Comet seen over Tartu", "Harbour reopens"]
    assert not newsroom.draft.is_published
    assert not newsroom.scheduled.is_published
    assert newsroom.tram.is_published


def test_sites_see_their_own_articles(newsroom):
    """on_site() separates the two publications."""
    from news.models import Article

    sport = Article.objects.published().on_site(newsroom.sport)
    assert [a.title for a in sport] == ["Home side wins derby"]


def test_search_needs_every_word(newsroom):
    """search() matches every word in title, summary or body, case-insensitively."""
    from news.models import Article

    published = Article.objects.published()
    assert [a.title for a in published.search("TRAM ghent")] == ["Tram line opens in Ghent"]
    assert [a.title for a in published.search("full story comet")] == ["Comet seen over Tartu"]
    assert list(published.search("tram comet")) == []
    # LIKE wildcards in the input are literal characters, not patterns.
    assert list(published.search("%")) == []


def test_slug_unique_per_site(newsroom):
    """The same slug may exist once per site."""
    from news.models import Article

    from framework.db import IntegrityError, transaction

    Article.objects.create(
        site=newsroom.sport,
        section=newsroom.football,
        author=newsroom.ada,
        title="Tram line opens in Ghent",
        body="<p>x</p>",
        pub_date=NOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            site=newsroom.news,
            section=newsroom.world,
            author=newsroom.ada,
            title="Tram line opens in Ghent",
            body="<p>x</p>",
            pub_date=NOW,
        )


def test_str_and_urls(newsroom):
    """Each model names itself and links to its page."""
    assert str(newsroom.world) == "World"
    assert newsroom.world.get_absolute_url() == "/section/world/"
    assert newsroom.ada.get_absolute_url() == "/author/ada-reporter/"
    assert newsroom.climate.get_absolute_url() == "/tag/climate/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, {"ENGINE": "framework.db.backends.sqlite3", "NAME": "/d/db.sqlite3"}),
        ("sqlite:////srv/news.sqlite3", {"NAME": "/srv/news.sqlite3"}),
        (
            "postgresql://news:p%40ss@127.0.0.1:5433/newsroom",
            {
                "ENGINE": "framework.db.backends.postgresql",
                "NAME": "newsroom",
                "USER": "news",
                "PASSWORD": "p@ss",
                "HOST": "127.0.0.1",
                "PORT": "5433",
            },
        ),
        ("postgres:///newsroom", {"NAME": "newsroom", "HOST": "", "PORT": ""}),
    ],
)
def test_database_from_url(url, expected):
    """DEMO_DATABASE_URL becomes a DATABASES entry (SQLite when unset)."""
    from pathlib import Path

    entry = database_from_url(url, Path("/d/db.sqlite3"))
    entry["NAME"] = str(entry["NAME"])
    assert expected.items() <= entry.items()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x/y", "unsupported scheme 'mysql'"),
        ("postgresql://127.0.0.1/", "names no database"),
        ("sqlite://", "names no file"),
    ],
)
def test_database_from_url_errors(url, message):
    """A bad DEMO_DATABASE_URL is refused with the value and the fix."""
    from framework.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url, datetime)
