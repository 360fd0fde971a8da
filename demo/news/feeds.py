"""RSS and Atom feeds of the latest articles of the request's site, and per section."""

from __future__ import annotations

import copy
from typing import Any

from framework.contrib.syndication.views import Feed
from framework.shortcuts import get_object_or_404
from framework.urls import reverse
from framework.utils.feedgenerator import Atom1Feed
from news.middleware import site_for_request
from news.models import Article, Section

FEED_SIZE = 20


def _articles(site: Any) -> Any:
    return (
        Article.objects.published()
        .on_site(site)
        .select_related("author", "section")
        .prefetch_related("tags")
    )


class LatestArticlesFeed(Feed):
    """The site's 20 latest articles as RSS 2.0."""

    request: Any = None

    def __call__(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        # Links are built on the request's host and port (Site domains carry no port);
        # a copy per request keeps the shared instance free of per-request state.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def item_link(self, item: Article) -> str:
        return self.request.build_absolute_uri(item.get_absolute_url())

    def feed_url(self) -> str:
        return self.request.build_absolute_uri()

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return site_for_request(request)

    def title(self, site: Any) -> str:
        return site.name

    def link(self) -> str:
        return self.request.build_absolute_uri(reverse("news:home"))

    def description(self, site: Any) -> str:
        return f"The latest articles of {site.name}."

    def items(self, site: Any) -> Any:
        return _articles(site)[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article) -> Any:
        return item.pub_date

    def item_author_name(self, item: Article) -> str:
        return item.author.name

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same articles as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, site: Any) -> str:
        return self.description(site)


class SectionFeed(LatestArticlesFeed):
    """One section's latest articles as RSS 2.0."""

    def get_object(self, request: Any, slug: str) -> Section:
        return get_object_or_404(Section, site=site_for_request(request), slug=slug)

    def title(self, section: Section) -> str:
        return f"{section.site.name}: {section.name}"

    def link(self, section: Section) -> str:
        return self.request.build_absolute_uri(section.get_absolute_url())

    def description(self, section: Section) -> str:
        return section.description or f"The latest articles in {section.name}."

    def items(self, section: Section) -> Any:
        return _articles(section.site).filter(section=section)[:FEED_SIZE]
