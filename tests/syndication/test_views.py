"""framework.contrib.syndication.views.Feed: Django's Feed class behind a request."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest

from framework.contrib.syndication.views import Feed, add_domain
from framework.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from framework.http import Http404
from framework.test import RequestFactory
from framework.utils.feedgenerator import Atom1Feed

ATOM = "{http://www.w3.org/2005/Atom}"


class Story:
    def __init__(self, number: int, section: str = "world"):
        self.number = number
        self.section = section
        self.published = datetime.datetime(2026, 1, number, 8, 0)

    def __str__(self) -> str:
        return f"Story <{self.number}>"

    def get_absolute_url(self) -> str:
        return f"/{self.section}/{self.number}/"


STORIES = [Story(n, "world" if n % 2 else "sport") for n in range(1, 6)]


class LatestFeed(Feed):
    title = "Latest stories"
    link = "/"
    description = "The newest five"

    def items(self):
        return STORIES

    def item_pubdate(self, item):
        return item.published

    def item_author_name(self, item):
        return "Desk"

    def item_author_email(self):
        return "desk@example.com"


class SectionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, section):
        if section not in {"world", "sport"}:
            raise ObjectDoesNotExist(section)
        return section

    def title(self, obj):
        return f"Section {obj}"

    def link(self, obj):
        return f"/{obj}/"

    def subtitle(self, obj):
        return f"Everything in {obj}"

    def items(self, obj):
        return [s for s in STORIES if s.section == obj]

    def item_link(self, item):
        return f"https://cdn.example/{item.number}"


@pytest.fixture
def rf():
    return RequestFactory()


def test_rss_feed_response(rf):
    """An RSS 2.0 response: content type, absolute links on the request's host, Last-Modified."""
    response = LatestFeed()(rf.get("/feed/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    # item_pubdate exists, so the newest date is announced for conditional GET.
    assert response["Last-Modified"] == "Mon, 05 Jan 2026 08:00:00 GMT"
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Latest stories"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("language") == "en-us"
    assert channel.find(ATOM + "link").get("href") == "http://testserver/feed/"
    items = channel.findall("item")
    assert len(items) == 5
    first = items[0]
    # The default item_title escapes str(item): a feed reader renders titles as HTML.
    assert first.findtext("title") == "Story &lt;1&gt;"
    assert first.findtext("link") == "http://testserver/world/1/"
    assert first.findtext("guid") == "http://testserver/world/1/"
    assert first.findtext("author") == "desk@example.com (Desk)"
    # Naive dates are read in TIME_ZONE (UTC in the tests' settings).
    assert first.findtext("pubDate") == "Thu, 01 Jan 2026 08:00:00 +0000"


def test_secure_request_gets_https_links(rf):
    """Behind HTTPS, relative links become https:// URLs."""
    response = LatestFeed()(rf.get("/feed/", secure=True))
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "https://testserver/"


def test_atom_feed_with_object(rf):
    """get_object() receives the URL's arguments; methods taking obj are called with it."""
    response = SectionFeed()(rf.get("/sport/feed/"), section="sport")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    # No item_pubdate/item_updateddate: no Last-Modified.
    assert "Last-Modified" not in response
    root = ET.fromstring(response.content)
    assert root.findtext(ATOM + "title") == "Section sport"
    assert root.findtext(ATOM + "subtitle") == "Everything in sport"
    entries = root.findall(ATOM + "entry")
    assert [e.find(ATOM + "link").get("href") for e in entries] == [
        "https://cdn.example/2",
        "https://cdn.example/4",
    ]


def test_missing_object_is_404(rf):
    """ObjectDoesNotExist from get_object() becomes Http404."""
    with pytest.raises(Http404):
        SectionFeed()(rf.get("/nope/feed/"), section="nope")


def test_item_without_url_names_the_fix(rf):
    """An item without get_absolute_url() and no item_link(): ImproperlyConfigured naming both."""

    class Bare(Feed):
        title = link = description = "x"

        def items(self):
            return [object()]

    with pytest.raises(ImproperlyConfigured, match=r"Give your object class a get_absolute_url"):
        Bare()(rf.get("/feed/"))


def test_templates_render_title_and_description(rf, settings, tmp_path):
    """title_template/description_template render with obj and site in the context."""
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "title.html").write_text("{{ obj.number }} on {{ site.domain }}")
    (tmp_path / "feeds" / "description.html").write_text("<b>{{ obj }}</b>")
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [str(tmp_path)],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]

    class Templated(LatestFeed):
        title_template = "feeds/title.html"
        description_template = "feeds/description.html"

    item = ET.fromstring(Templated()(rf.get("/feed/")).content).find("channel/item")
    assert item.findtext("title") == "1 on testserver"
    # Autoescaped: the item's text is HTML-escaped inside the template's markup.
    assert item.findtext("description") == "<b>Story &lt;1&gt;</b>"


def test_enclosure_and_extra_kwargs(rf):
    """item_enclosure_* make one enclosure; feed/item extra kwargs reach the generator."""

    class Podcast(LatestFeed):
        item_enclosure_url = "/a.mp3"
        item_enclosure_length = 99
        item_enclosure_mime_type = "audio/mpeg"

        def item_extra_kwargs(self, item):
            return {"number": item.number}

    feed = Podcast().get_feed(None, rf.get("/feed/"))
    assert feed.items[0]["number"] == 1
    enclosure = feed.items[0]["enclosures"][0]
    assert (enclosure.url, enclosure.length, enclosure.mime_type) == ("/a.mp3", "99", "audio/mpeg")


def test_add_domain():
    """Relative URLs get the domain; absolute, protocol-relative and mailto: URLs are kept."""
    assert add_domain("example.com", "/a/") == "http://example.com/a/"
    assert add_domain("example.com", "/a/", secure=True) == "https://example.com/a/"
    assert add_domain("example.com", "//cdn.example/x") == "http://cdn.example/x"
    assert add_domain("example.com", "https://other.example/") == "https://other.example/"
    assert add_domain("example.com", "mailto:a@example.com") == "mailto:a@example.com"
    assert add_domain("example.com", "/caf\u00e9/") == "http://example.com/caf%C3%A9/"
