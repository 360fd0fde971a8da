"""The publication's pages: generic list, detail and date-archive views per site."""

from __future__ import annotations

from typing import Any

from framework.shortcuts import get_object_or_404
from framework.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)
from news.middleware import site_for_request
from news.models import Article, Author, Section, Tag

PAGE_SIZE = 12
SEARCH_MAX_LENGTH = 100
_CONTROL_TO_SPACE = {code: " " for code in [*range(32), 127]}


class SiteArticlesMixin:
    """Published articles of the request's site, with what the listings show."""

    model = Article
    paginate_by = PAGE_SIZE

    def get_queryset(self) -> Any:
        site = site_for_request(self.request)
        return Article.objects.published().on_site(site).select_related("section", "author")


class HomeView(SiteArticlesMixin, ListView):
    """The front page: the lead story, then the latest articles."""

    template_name = "news/home.html"

    def get_queryset(self) -> Any:
        # The lead story is shown above the list, so the list leaves it out.
        articles = super().get_queryset()
        self.lead = articles.filter(featured=True).first()
        return articles.exclude(pk=self.lead.pk) if self.lead else articles

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["lead"] = self.lead if page is None or page.number == 1 else None
        return context


class SectionView(SiteArticlesMixin, ListView):
    """One section's articles."""

    template_name = "news/section.html"

    def get_queryset(self) -> Any:
        site = site_for_request(self.request)
        self.section = get_object_or_404(Section, site=site, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(section=self.section, **kwargs)


class TagView(SiteArticlesMixin, ListView):
    """Articles of this site with one tag."""

    template_name = "news/tag.html"

    def get_queryset(self) -> Any:
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(SiteArticlesMixin, ListView):
    """An author's articles on this site."""

    template_name = "news/author.html"

    def get_queryset(self) -> Any:
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(author=self.author, **kwargs)


class SearchView(SiteArticlesMixin, ListView):
    """``?q=words``: articles containing every word (the query is shown escaped)."""

    template_name = "news/search.html"

    def get_queryset(self) -> Any:
        # Bounded: a long query would only make a slow LIKE scan. Control characters
        # (NUL, which PostgreSQL refuses in text) become spaces.
        raw = self.request.GET.get("q", "").translate(_CONTROL_TO_SPACE)
        self.query = " ".join(raw.split())[:SEARCH_MAX_LENGTH]
        if not self.query:
            return Article.objects.none()
        return super().get_queryset().search(self.query)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(query=self.query, **kwargs)


class DateArchiveMixin(SiteArticlesMixin):
    date_field = "pub_date"
    month_format = "%m"
    allow_empty = False


class ArchiveView(DateArchiveMixin, ArchiveIndexView):
    """Every year with articles, and the latest ones."""

    template_name = "news/archive.html"


class YearView(DateArchiveMixin, YearArchiveView):
    """The months of one year that have articles."""

    template_name = "news/archive_year.html"
    paginate_by = None
    make_object_list = False


class MonthView(DateArchiveMixin, MonthArchiveView):
    """One month's articles."""

    template_name = "news/archive_month.html"


class ArticleView(DateArchiveMixin, DateDetailView):
    """One article, found by its date and slug on the request's site."""

    template_name = "news/article.html"
    paginate_by = None

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("tags")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = (
            Article.objects.published()
            .on_site(article.site_id)
            .filter(section_id=article.section_id)
            .exclude(pk=article.pk)
            .select_related("section")[:4]
        )
        return context
