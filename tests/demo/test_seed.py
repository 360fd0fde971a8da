"""manage.py seed_demo: deterministic, idempotent demo content with progress output."""

from __future__ import annotations

import io

import pytest

from framework.core.management import call_command
from framework.core.management.base import CommandError


def _seed(**options) -> str:
    from news.management.commands.seed_demo import Command

    out = io.StringIO()
    # The instance, not the name: the command list may have been cached before the
    # demo's app was installed.
    call_command(Command(), stdout=out, **options)
    return out.getvalue()


def _titles(site_domain: str) -> list[str]:
    from news.models import Article

    return list(
        Article.objects.filter(site__domain=site_domain)
        .order_by("-pub_date", "title")
        .values_list("title", flat=True)
    )


def test_seed_creates_two_sites_with_articles(db):
    """Seeding creates the news and sport sites, sections, authors, tags and articles."""
    from news.models import Article, Author, Section

    from framework.contrib.sites.models import Site

    Site.objects.create(domain="example.com", name="example.com")
    output = _seed(scale=0.1, now="2026-05-01")
    # The default example.com site becomes the news site.
    assert sorted(Site.objects.values_list("domain", "name")) == [
        ("127.0.0.1", "The Framework Times"),
        ("localhost", "Framework Sport"),
    ]
    assert "The Framework Times: 22/22 articles" in output
    assert "Framework Sport: 13/13 articles" in output
    assert "Seeded 35 articles." in output
    assert Article.objects.count() == 35
    assert Section.objects.filter(site__domain="localhost").count() == 4
    assert Author.objects.count() == 14
    assert Article.objects.exclude(status="published").exists()
    article = Article.objects.filter(status="published").first()
    assert article.tags.exists()
    assert "<blockquote>" in article.body


def test_seed_is_idempotent_and_deterministic(db):
    """A second run changes nothing; --reset with the same seed writes the same articles."""
    from news.models import Article

    _seed(scale=0.1, now="2026-05-01")
    first = _titles("127.0.0.1")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    assert "already seeded (35 articles): nothing to do" in _seed(scale=0.1)
    assert list(Article.objects.order_by("pk").values_list("pk", flat=True)) == ids
    _seed(scale=0.1, now="2026-05-01", reset=True)
    assert _titles("127.0.0.1") == first
    _seed(scale=0.1, now="2026-05-01", reset=True, seed=7)
    assert _titles("127.0.0.1") != first


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"now": "May 1st"}, "--now must be a date such as 2026-05-01, got 'May 1st'"),
        ({"scale": 0}, "--scale must be in \\(0, 1\\], got 0"),
    ],
)
def test_seed_refuses_bad_options(db, options, message):
    """Bad options are refused with the value and what is expected."""
    with pytest.raises(CommandError, match=message):
        _seed(**options)
