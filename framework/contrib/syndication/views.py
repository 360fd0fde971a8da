"""``Feed``: a view class that turns a list of items into an RSS or Atom response.

As in Django, subclass ``Feed`` and give it ``title``, ``link``, ``description``
and ``items()``; every ``item_*`` and feed-level value may be an attribute, a
method without arguments, or a method taking the object from ``get_object()``
(the item, for ``item_*``). Route an instance: ``path("feed/", LatestFeed())``.
"""

from __future__ import annotations

import datetime
from typing import Any

from framework.conf import settings
from framework.contrib.sites.shortcuts import get_current_site
from framework.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from framework.http import Http404, HttpResponse
from framework.template import loader
from framework.template.exceptions import TemplateDoesNotExist
from framework.utils import feedgenerator
from framework.utils.encoding import iri_to_uri
from framework.utils.html import escape
from framework.utils.http import http_date

__all__ = ["Feed", "add_domain"]


def add_domain(domain: str, url: str, secure: bool = False) -> str:
    """Make ``url`` absolute on ``domain`` (https when ``secure``) unless it already is."""
    protocol = "https" if secure else "http"
    if url.startswith("//"):
        return f"{protocol}:{url}"
    if not url.startswith(("http://", "https://", "mailto:")):
        return iri_to_uri(f"{protocol}://{domain}{url}")
    return url


def _takes_argument(attr: Any) -> bool:
    """Whether the callable ``attr`` takes the object (a method: self + obj)."""
    code = getattr(attr, "__code__", None)
    if code is None:
        code = getattr(getattr(attr, "__call__", None), "__code__", None)  # noqa: B004
        if code is None:
            return False
        return code.co_argcount == 2
    # A bound method counts self; a plain function stored on the class does not.
    bound = getattr(attr, "__self__", None) is not None
    return code.co_argcount == (2 if bound else 1)


class Feed:
    """A syndication feed view; ``feed_type`` (default RSS 2.0) picks the XML format."""

    feed_type = feedgenerator.DefaultFeed
    title_template: str | None = None
    description_template: str | None = None
    language: str | None = None

    def __call__(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("Feed object does not exist.") from exc
        feedgen = self.get_feed(obj, request)
        response = HttpResponse(content_type=feedgen.content_type)
        if hasattr(self, "item_pubdate") or hasattr(self, "item_updateddate"):
            # Lets conditional GET (ConditionalGetMiddleware) answer 304 to feed readers.
            response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        feedgen.write(response, "utf-8")
        return response

    def __repr__(self) -> str:
        return f"<{type(self).__name__} feed_type={self.feed_type.__name__}>"

    def item_title(self, item: Any) -> str:
        """The item's title: ``str(item)``, escaped (titles are HTML in feed readers)."""
        return escape(str(item))

    def item_description(self, item: Any) -> str:
        """The item's description: ``str(item)``."""
        return str(item)

    def item_link(self, item: Any) -> str:
        """The item's URL: ``item.get_absolute_url()``."""
        try:
            return item.get_absolute_url()
        except AttributeError as exc:
            raise ImproperlyConfigured(
                f"Give your {type(item).__name__} class a get_absolute_url() method, or "
                f"define an item_link() method in your Feed class ({type(self).__name__})."
            ) from exc

    def item_enclosures(self, item: Any) -> list[feedgenerator.Enclosure]:
        """One enclosure from ``item_enclosure_url``/``_length``/``_mime_type``, if given."""
        url = self._get_dynamic_attr("item_enclosure_url", item)
        if not url:
            return []
        return [
            feedgenerator.Enclosure(
                url=str(url),
                length=str(self._get_dynamic_attr("item_enclosure_length", item)),
                mime_type=str(self._get_dynamic_attr("item_enclosure_mime_type", item)),
            )
        ]

    def _get_dynamic_attr(self, attname: str, obj: Any, default: Any = None) -> Any:
        try:
            attr = getattr(self, attname)
        except AttributeError:
            return default
        if callable(attr):
            return attr(obj) if _takes_argument(attr) else attr()
        return attr

    def feed_extra_kwargs(self, obj: Any) -> dict:
        """Extra keyword arguments for the feed generator's constructor."""
        return {}

    def item_extra_kwargs(self, item: Any) -> dict:
        """Extra keyword arguments for the feed generator's ``add_item()``."""
        return {}

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """The object the feed is about (from the URL's arguments); None by default."""
        return None

    def get_context_data(self, **kwargs: Any) -> dict:
        """The context of ``title_template`` and ``description_template``."""
        return {"obj": kwargs.get("item"), "site": kwargs.get("site")}

    def _load(self, name: str | None) -> Any:
        if name is None:
            return None
        try:
            return loader.get_template(name)
        except TemplateDoesNotExist:
            return None

    def get_feed(self, obj: Any, request: Any) -> feedgenerator.SyndicationFeed:
        """The feed generator filled with the feed's values and items for ``obj``."""
        site = get_current_site(request)
        secure = request.is_secure()
        link = add_domain(site.domain, self._get_dynamic_attr("link", obj), secure)
        feed_url = self._get_dynamic_attr("feed_url", obj) or request.path
        feed = self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            subtitle=self._get_dynamic_attr("subtitle", obj),
            link=link,
            description=self._get_dynamic_attr("description", obj),
            language=self.language or settings.LANGUAGE_CODE,
            feed_url=add_domain(site.domain, feed_url, secure),
            author_name=self._get_dynamic_attr("author_name", obj),
            author_link=self._get_dynamic_attr("author_link", obj),
            author_email=self._get_dynamic_attr("author_email", obj),
            categories=self._get_dynamic_attr("categories", obj),
            feed_copyright=self._get_dynamic_attr("feed_copyright", obj),
            feed_guid=self._get_dynamic_attr("feed_guid", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            stylesheets=self._get_dynamic_attr("stylesheets", obj),
            **self.feed_extra_kwargs(obj),
        )
        title_template = self._load(self.title_template)
        description_template = self._load(self.description_template)
        for item in self._get_dynamic_attr("items", obj) or ():
            context = self.get_context_data(item=item, site=site, obj=obj, request=request)
            if title_template is not None:
                title = title_template.render(context, request)
            else:
                title = self._get_dynamic_attr("item_title", item)
            if description_template is not None:
                description = description_template.render(context, request)
            else:
                description = self._get_dynamic_attr("item_description", item)
            item_link = add_domain(site.domain, self._get_dynamic_attr("item_link", item), secure)
            author_name = self._get_dynamic_attr("item_author_name", item)
            author_email = author_link = None
            if author_name is not None:
                author_email = self._get_dynamic_attr("item_author_email", item)
                author_link = self._get_dynamic_attr("item_author_link", item)
            feed.add_item(
                title=title,
                link=item_link,
                description=description,
                unique_id=self._get_dynamic_attr("item_guid", item, item_link),
                unique_id_is_permalink=self._get_dynamic_attr("item_guid_is_permalink", item),
                enclosures=self._get_dynamic_attr("item_enclosures", item),
                pubdate=_aware(self._get_dynamic_attr("item_pubdate", item)),
                updateddate=_aware(self._get_dynamic_attr("item_updateddate", item)),
                author_name=author_name,
                author_email=author_email,
                author_link=author_link,
                comments=self._get_dynamic_attr("item_comments", item),
                categories=self._get_dynamic_attr("item_categories", item),
                item_copyright=self._get_dynamic_attr("item_copyright", item),
                ttl=self._get_dynamic_attr("item_ttl", item),
                **self.item_extra_kwargs(item),
            )
        return feed


def _aware(value: Any) -> Any:
    """A naive datetime read in TIME_ZONE (when USE_TZ), as Django's feeds do."""
    if not isinstance(value, datetime.datetime) or value.tzinfo is not None:
        return value
    if not settings.USE_TZ:
        return value
    from zoneinfo import ZoneInfo

    return value.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
