"""Syndication feed generation: RSS 2.0 (``Rss201rev2Feed``), RSS 0.91 and Atom 1.0.

Django's API: build a feed with the feed-level values, ``add_item()`` per entry,
then ``write(outfile, encoding)`` or ``writeString(encoding)``::

    feed = Rss201rev2Feed(title="News", link="https://example.com/", description="...")
    feed.add_item(title="Hello", link="https://example.com/hello/", description="...")
    xml = feed.writeString("utf-8")

Subclasses change the output by overriding ``root_attributes()``,
``add_root_elements(handler)``, ``item_attributes(item)`` and
``add_item_elements(handler, item)``; the handler is a ``SimplerXMLGenerator``.
"""

from __future__ import annotations

import datetime
import email.utils
import io
import mimetypes
from typing import Any
from urllib.parse import urlparse
from xml.sax.saxutils import XMLGenerator

from framework.utils.encoding import iri_to_uri

__all__ = [
    "Atom1Feed",
    "DefaultFeed",
    "Enclosure",
    "Rss201rev2Feed",
    "RssFeed",
    "RssUserland091Feed",
    "SimplerXMLGenerator",
    "Stylesheet",
    "SyndicationFeed",
    "get_tag_uri",
    "rfc2822_date",
    "rfc3339_date",
]


class UnserializableContentError(ValueError):
    """A value cannot be written into XML (it holds a control character)."""


# XML 1.0 forbids these characters even when escaped; a feed holding one is unreadable.
_FORBIDDEN = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}


class SimplerXMLGenerator(XMLGenerator):
    """An ``XMLGenerator`` with ``addQuickElement`` and sorted, checked attributes."""

    def addQuickElement(  # noqa: N802 - Django's name
        self, name: str, contents: Any = None, attrs: dict | None = None
    ) -> None:
        """Write ``<name attrs>contents</name>`` in one call."""
        self.startElement(name, attrs or {})
        if contents is not None:
            self.characters(contents)
        self.endElement(name)

    def characters(self, content: Any) -> None:
        content = str(content)
        if content and not _FORBIDDEN.isdisjoint(content):
            bad = next(ch for ch in content if ch in _FORBIDDEN)
            raise UnserializableContentError(
                f"Control characters are not supported in XML 1.0: {bad!r} in {content[:60]!r}. "
                "Remove them from the feed's values."
            )
        super().characters(content)

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - SAX's name
        # Sorted attributes make the output stable, which tests and caches rely on.
        super().startElement(name, {k: attrs[k] for k in sorted(attrs)})


def rfc2822_date(date: datetime.date) -> str:
    """``date`` as RFC 2822 text (RSS ``pubDate``); naive values are written as UTC (-0000)."""
    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    return email.utils.format_datetime(date)


def rfc3339_date(date: datetime.date) -> str:
    """``date`` as RFC 3339 text (Atom ``updated``); naive values get a ``Z`` suffix."""
    if not isinstance(date, datetime.datetime):
        date = datetime.datetime.combine(date, datetime.time())
    text = date.isoformat()
    return text if date.utcoffset() is not None else text + "Z"


def get_tag_uri(url: str, date: datetime.date | None) -> str:
    """A tag URI (RFC 4151) for ``url``: ``tag:host,YYYY-MM-DD:/path``, stable over time."""
    parts = urlparse(url)
    day = f",{date:%Y-%m-%d}" if date is not None else ""
    fragment = f"/{parts.fragment}" if parts.fragment else ""
    return f"tag:{parts.hostname}{day}:{parts.path}{fragment}"


def _to_str(value: Any) -> Any:
    return str(value) if value is not None else None


class Stylesheet:
    """An ``<?xml-stylesheet?>`` instruction; ``mimetype`` is guessed from ``url`` if omitted."""

    def __init__(self, url: str, mimetype: str | None = None, media: str = "screen"):
        self._url = url
        self._mimetype = mimetype
        self.media = media

    @property
    def url(self) -> str:
        return iri_to_uri(str(self._url))

    @property
    def mimetype(self) -> str | None:
        if self._mimetype is None:
            return mimetypes.guess_type(self.url)[0]
        return self._mimetype

    def __str__(self) -> str:
        parts = [f'href="{self.url}"']
        if self.mimetype is not None:
            parts.append(f'type="{self.mimetype}"')
        if self.media is not None:
            parts.append(f'media="{self.media}"')
        return " ".join(parts)

    def __repr__(self) -> str:
        return repr((self.url, self.mimetype, self.media))


class Enclosure:
    """A media file attached to a feed item (a podcast's audio, say)."""

    def __init__(self, url: str, length: Any, mime_type: str):
        self.url = iri_to_uri(url)
        self.length = length
        self.mime_type = mime_type

    def __repr__(self) -> str:
        return f"<Enclosure: {self.url!r} {self.mime_type!r}>"


class SyndicationFeed:
    """The base of every feed type: feed values, items, and ``write()``."""

    content_type = "application/octet-stream"

    def __init__(
        self,
        title: str,
        link: str,
        description: str | None,
        language: str | None = None,
        author_email: str | None = None,
        author_name: str | None = None,
        author_link: str | None = None,
        subtitle: str | None = None,
        categories: Any = None,
        feed_url: str | None = None,
        feed_copyright: str | None = None,
        feed_guid: str | None = None,
        ttl: Any = None,
        stylesheets: Any = None,
        **kwargs: Any,
    ):
        if categories:
            categories = [str(c) for c in categories]
        if ttl is not None:
            ttl = str(ttl)
        if stylesheets is None:
            stylesheets = []
        elif isinstance(stylesheets, (str, Stylesheet)):
            stylesheets = [stylesheets]
        self.feed = {
            "title": _to_str(title),
            "link": iri_to_uri(link),
            "description": _to_str(description),
            "language": _to_str(language),
            "author_email": _to_str(author_email),
            "author_name": _to_str(author_name),
            "author_link": iri_to_uri(author_link),
            "subtitle": _to_str(subtitle),
            "categories": categories or (),
            "feed_url": iri_to_uri(feed_url),
            "feed_copyright": _to_str(feed_copyright),
            "id": feed_guid or link,
            "ttl": ttl,
            "stylesheets": [s if isinstance(s, Stylesheet) else Stylesheet(s) for s in stylesheets],
            **kwargs,
        }
        self.items: list[dict] = []

    def add_item(
        self,
        title: str,
        link: str,
        description: str | None,
        author_email: str | None = None,
        author_name: str | None = None,
        author_link: str | None = None,
        pubdate: datetime.datetime | None = None,
        comments: str | None = None,
        unique_id: str | None = None,
        unique_id_is_permalink: bool | None = None,
        categories: Any = (),
        item_copyright: str | None = None,
        ttl: Any = None,
        updateddate: datetime.datetime | None = None,
        enclosures: Any = None,
        **kwargs: Any,
    ) -> None:
        """Add an item; ``pubdate``/``updateddate`` are datetimes, ``enclosures`` Enclosures."""
        if categories:
            categories = [str(c) for c in categories]
        self.items.append(
            {
                "title": _to_str(title),
                "link": iri_to_uri(link),
                "description": _to_str(description),
                "author_email": _to_str(author_email),
                "author_name": _to_str(author_name),
                "author_link": iri_to_uri(author_link),
                "pubdate": pubdate,
                "updateddate": updateddate,
                "comments": _to_str(comments),
                "unique_id": _to_str(unique_id),
                "unique_id_is_permalink": unique_id_is_permalink,
                "enclosures": enclosures or (),
                "categories": categories or (),
                "item_copyright": _to_str(item_copyright),
                "ttl": _to_str(ttl),
                **kwargs,
            }
        )

    def num_items(self) -> int:
        """How many items were added."""
        return len(self.items)

    def root_attributes(self) -> dict:
        """Attributes of the root element."""
        return {}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        """Write the feed-level elements."""

    def add_stylesheets(self, handler: SimplerXMLGenerator) -> None:
        """Write one ``xml-stylesheet`` processing instruction per stylesheet."""
        for stylesheet in self.feed["stylesheets"]:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))

    def item_attributes(self, item: dict) -> dict:
        """Attributes of an item's element."""
        return {}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        """Write the elements of one item."""

    def write(self, outfile: Any, encoding: str) -> None:
        """Write the feed to the text stream ``outfile``."""
        raise NotImplementedError("subclasses of SyndicationFeed must provide a write() method")

    def writeString(self, encoding: str) -> str:  # noqa: N802 - Django's name
        """The feed as a string."""
        out = io.StringIO()
        self.write(out, encoding)
        return out.getvalue()

    def latest_post_date(self) -> datetime.datetime:
        """The newest ``updateddate``/``pubdate`` of the items, or now (UTC) if none has one."""
        dates = [
            item[key]
            for item in self.items
            for key in ("updateddate", "pubdate")
            if item[key] is not None
        ]
        if dates:
            return max(dates)
        return datetime.datetime.now(tz=datetime.UTC)


class RssFeed(SyndicationFeed):
    """The RSS 0.91/2.0 shape: ``<rss><channel>...<item>...</item></channel></rss>``."""

    content_type = "application/rss+xml; charset=utf-8"
    _version = ""

    def write(self, outfile: Any, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self) -> dict:
        """Attributes of ``<rss>``: the version and the Atom namespace (for ``atom:link``)."""
        return {"version": self._version, "xmlns:atom": "http://www.w3.org/2005/Atom"}

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        """Write every item."""
        for item in self.items:
            handler.startElement("item", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("item")

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.addQuickElement("description", feed["description"])
        if feed["feed_url"] is not None:
            handler.addQuickElement("atom:link", None, {"rel": "self", "href": feed["feed_url"]})
        if feed["language"] is not None:
            handler.addQuickElement("language", feed["language"])
        for category in feed["categories"]:
            handler.addQuickElement("category", category)
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("copyright", feed["feed_copyright"])
        handler.addQuickElement("lastBuildDate", rfc2822_date(self.latest_post_date()))
        if feed["ttl"] is not None:
            handler.addQuickElement("ttl", feed["ttl"])

    def endChannelElement(self, handler: SimplerXMLGenerator) -> None:  # noqa: N802
        """Close ``<channel>``."""
        handler.endElement("channel")


class RssUserland091Feed(RssFeed):
    """RSS 0.91 (UserLand): title, link and description per item."""

    _version = "0.91"

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])


class Rss201rev2Feed(RssFeed):
    """RSS 2.0 (revision 2, https://cyber.harvard.edu/rss/rss.html): the default feed type."""

    _version = "2.0"

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", item["link"])
        if item["description"] is not None:
            handler.addQuickElement("description", item["description"])
        # RSS wants "email (name)" in <author>; a name alone goes to dc:creator.
        if item["author_name"] and item["author_email"]:
            handler.addQuickElement("author", f"{item['author_email']} ({item['author_name']})")
        elif item["author_email"]:
            handler.addQuickElement("author", item["author_email"])
        elif item["author_name"]:
            handler.addQuickElement(
                "dc:creator",
                item["author_name"],
                {"xmlns:dc": "http://purl.org/dc/elements/1.1/"},
            )
        if item["pubdate"] is not None:
            handler.addQuickElement("pubDate", rfc2822_date(item["pubdate"]))
        if item["comments"] is not None:
            handler.addQuickElement("comments", item["comments"])
        if item["unique_id"] is not None:
            attrs = {}
            if isinstance(item.get("unique_id_is_permalink"), bool):
                attrs["isPermaLink"] = str(item["unique_id_is_permalink"]).lower()
            handler.addQuickElement("guid", item["unique_id"], attrs)
        if item["ttl"] is not None:
            handler.addQuickElement("ttl", item["ttl"])
        enclosures = list(item["enclosures"])
        if len(enclosures) > 1:
            raise ValueError(
                f"RSS feed items may only have one enclosure, got {len(enclosures)} for "
                f"{item['link']!r}; see https://www.rssboard.org/rss-profile#element-channel-item-enclosure"
            )
        for enclosure in enclosures:
            handler.addQuickElement(
                "enclosure",
                "",
                {
                    "url": enclosure.url,
                    "length": str(enclosure.length),
                    "type": enclosure.mime_type,
                },
            )
        for category in item["categories"]:
            handler.addQuickElement("category", category)


class Atom1Feed(SyndicationFeed):
    """Atom 1.0 (RFC 4287)."""

    content_type = "application/atom+xml; charset=utf-8"
    ns = "http://www.w3.org/2005/Atom"

    def write(self, outfile: Any, encoding: str) -> None:
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self) -> dict:
        if self.feed["language"] is not None:
            return {"xmlns": self.ns, "xml:lang": self.feed["language"]}
        return {"xmlns": self.ns}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        feed = self.feed
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", "", {"rel": "alternate", "href": feed["link"]})
        if feed["feed_url"] is not None:
            handler.addQuickElement("link", "", {"rel": "self", "href": feed["feed_url"]})
        handler.addQuickElement("id", feed["id"])
        handler.addQuickElement("updated", rfc3339_date(self.latest_post_date()))
        if feed["author_name"] is not None:
            self._write_person(handler, feed)
        if feed["subtitle"] is not None:
            handler.addQuickElement("subtitle", feed["subtitle"])
        for category in feed["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if feed["feed_copyright"] is not None:
            handler.addQuickElement("rights", feed["feed_copyright"])

    @staticmethod
    def _write_person(handler: SimplerXMLGenerator, values: dict) -> None:
        handler.startElement("author", {})
        handler.addQuickElement("name", values["author_name"])
        if values["author_email"] is not None:
            handler.addQuickElement("email", values["author_email"])
        if values["author_link"] is not None:
            handler.addQuickElement("uri", values["author_link"])
        handler.endElement("author")

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        """Write every item as an ``<entry>``."""
        for item in self.items:
            handler.startElement("entry", self.item_attributes(item))
            self.add_item_elements(handler, item)
            handler.endElement("entry")

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        if item["pubdate"] is not None:
            handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        updated = item["updateddate"] or item["pubdate"]
        if updated is not None:
            handler.addQuickElement("updated", rfc3339_date(updated))
        if item["author_name"] is not None:
            self._write_person(handler, item)
        unique_id = item["unique_id"] or get_tag_uri(item["link"], item["pubdate"])
        handler.addQuickElement("id", unique_id)
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "html"})
        for enclosure in item["enclosures"]:
            handler.addQuickElement(
                "link",
                "",
                {
                    "rel": "enclosure",
                    "href": enclosure.url,
                    "length": str(enclosure.length),
                    "type": enclosure.mime_type,
                },
            )
        for category in item["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        if item["item_copyright"] is not None:
            handler.addQuickElement("rights", item["item_copyright"])


# The feed type a Feed uses unless it says otherwise.
DefaultFeed = Rss201rev2Feed
