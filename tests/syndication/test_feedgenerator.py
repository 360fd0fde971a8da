"""framework.utils.feedgenerator: RSS 2.0, RSS 0.91 and Atom 1.0 documents."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest

from framework.utils import feedgenerator
from framework.utils.feedgenerator import (
    Atom1Feed,
    Enclosure,
    Rss201rev2Feed,
    RssUserland091Feed,
    Stylesheet,
    UnserializableContentError,
    get_tag_uri,
    rfc2822_date,
    rfc3339_date,
)

ATOM = "{http://www.w3.org/2005/Atom}"
UTC = datetime.UTC
PUB = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=UTC)


def _feed(cls, **extra):
    feed = cls(
        title="Newsroom <daily>",
        link="https://news.example/",
        description="All the news & more",
        language="en",
        feed_url="https://news.example/feed/",
        author_name="Desk",
        categories=["world", "sport"],
        **extra,
    )
    feed.add_item(
        title="Hello & welcome",
        link="https://news.example/a/hello/",
        description="<p>First</p>",
        pubdate=PUB,
        author_name="Ada",
        author_email="ada@news.example",
        unique_id="urn:1",
        unique_id_is_permalink=False,
        categories=["world"],
        enclosures=[Enclosure("https://news.example/a.mp3", 1234, "audio/mpeg")],
    )
    feed.add_item(
        title="Second",
        link="https://news.example/a/second/",
        description=None,
        pubdate=PUB - datetime.timedelta(days=1),
        updateddate=PUB + datetime.timedelta(hours=2),
    )
    return feed


def test_dates():
    """RFC 2822 and RFC 3339 texts keep the offset; naive values are marked UTC."""
    assert rfc2822_date(PUB) == "Sun, 01 Mar 2026 12:30:00 +0000"
    assert rfc2822_date(datetime.date(2026, 3, 1)) == "Sun, 01 Mar 2026 00:00:00 -0000"
    assert rfc3339_date(PUB) == "2026-03-01T12:30:00+00:00"
    assert rfc3339_date(datetime.datetime(2026, 3, 1, 1, 2, 3)) == "2026-03-01T01:02:03Z"
    assert get_tag_uri("https://news.example/a/x/#c", PUB) == "tag:news.example,2026-03-01:/a/x//c"
    assert get_tag_uri("https://news.example/a/", None) == "tag:news.example:/a/"


def test_rss201rev2_is_valid_xml_with_every_element():
    """The RSS 2.0 document parses and carries the channel and item elements."""
    feed = _feed(Rss201rev2Feed)
    text = feed.writeString("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(text.encode())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Newsroom <daily>"
    assert channel.findtext("description") == "All the news & more"
    assert channel.find(ATOM + "link").get("href") == "https://news.example/feed/"
    assert [c.text for c in channel.findall("category")] == ["world", "sport"]
    # The newest date among items' pubdate/updateddate.
    assert channel.findtext("lastBuildDate") == "Sun, 01 Mar 2026 14:30:00 +0000"
    first, second = channel.findall("item")
    assert first.findtext("title") == "Hello & welcome"
    assert first.findtext("description") == "<p>First</p>"
    assert first.findtext("author") == "ada@news.example (Ada)"
    assert first.find("guid").get("isPermaLink") == "false"
    enclosure = first.find("enclosure")
    assert enclosure.attrib == {
        "url": "https://news.example/a.mp3",
        "length": "1234",
        "type": "audio/mpeg",
    }
    assert second.find("description") is None
    assert feed.num_items() == 2
    assert Rss201rev2Feed.content_type == "application/rss+xml; charset=utf-8"
    assert feedgenerator.DefaultFeed is Rss201rev2Feed


def test_rss_refuses_two_enclosures():
    """RSS allows one enclosure per item: a second one is a ValueError naming the item."""
    feed = Rss201rev2Feed("t", "https://x.example/", "d")
    enclosure = Enclosure("https://x.example/a.mp3", 1, "audio/mpeg")
    feed.add_item("a", "https://x.example/a/", "d", enclosures=[enclosure, enclosure])
    with pytest.raises(ValueError, match="only have one enclosure.*x.example/a/"):
        feed.writeString("utf-8")


def test_rss_author_name_only_is_dc_creator():
    """An author without e-mail is written as dc:creator."""
    feed = Rss201rev2Feed("t", "https://x.example/", "d")
    feed.add_item("a", "https://x.example/a/", "d", author_name="Bo")
    root = ET.fromstring(feed.writeString("utf-8"))
    assert root.find("channel/item/{http://purl.org/dc/elements/1.1/}creator").text == "Bo"


def test_rss091():
    """RSS 0.91 items carry title, link and description only."""
    root = ET.fromstring(_feed(RssUserland091Feed).writeString("utf-8"))
    assert root.get("version") == "0.91"
    item = root.find("channel/item")
    assert [child.tag for child in item] == ["title", "link", "description"]


def test_atom_is_valid_xml_with_every_element():
    """The Atom document parses, in the Atom namespace, with ids, dates and links."""
    feed = _feed(Atom1Feed, subtitle="Daily", feed_copyright="(c) Desk")
    root = ET.fromstring(feed.writeString("utf-8"))
    assert root.tag == ATOM + "feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(ATOM + "title") == "Newsroom <daily>"
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links == {"alternate": "https://news.example/", "self": "https://news.example/feed/"}
    assert root.findtext(ATOM + "id") == "https://news.example/"
    assert root.findtext(ATOM + "updated") == "2026-03-01T14:30:00+00:00"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Desk"
    assert root.findtext(ATOM + "rights") == "(c) Desk"
    first, second = root.findall(ATOM + "entry")
    assert first.findtext(ATOM + "id") == "urn:1"
    assert first.findtext(ATOM + "published") == "2026-03-01T12:30:00+00:00"
    assert first.find(ATOM + "summary").get("type") == "html"
    assert first.findtext(f"{ATOM}author/{ATOM}email") == "ada@news.example"
    rels = [link.get("rel") for link in first.findall(ATOM + "link")]
    assert rels == ["alternate", "enclosure"]
    # No unique id: a tag URI from the link and the publication date.
    assert second.findtext(ATOM + "id") == "tag:news.example,2026-02-28:/a/second/"
    assert second.findtext(ATOM + "updated") == "2026-03-01T14:30:00+00:00"
    assert Atom1Feed.content_type == "application/atom+xml; charset=utf-8"


def test_stylesheets():
    """Stylesheets become xml-stylesheet instructions before the root element."""
    feed = Rss201rev2Feed(
        "t",
        "https://x.example/",
        "d",
        stylesheets=["/feed.xsl", Stylesheet("/feed.css", media="all")],
    )
    text = feed.writeString("utf-8")
    assert '<?xml-stylesheet href="/feed.xsl" type="' in text
    assert '<?xml-stylesheet href="/feed.css" type="text/css" media="all"?>' in text
    assert text.index("xml-stylesheet") < text.index("<rss")


def test_control_characters_are_refused():
    """A control character cannot be written in XML 1.0: the error quotes it."""
    feed = Rss201rev2Feed("t", "https://x.example/", "d")
    feed.add_item("bad\x0btitle", "https://x.example/a/", "d")
    with pytest.raises(UnserializableContentError, match=r"'\\x0b'"):
        feed.writeString("utf-8")


def test_latest_post_date_without_dates_is_now():
    """With no dated item, the feed's date is the current time (aware, UTC)."""
    feed = Rss201rev2Feed("t", "https://x.example/", "d")
    feed.add_item("a", "https://x.example/a/", "d")
    before = datetime.datetime.now(tz=UTC)
    assert feed.latest_post_date() >= before
