"""The newsroom's models: sections, authors, tags and articles, each article on one site."""

from __future__ import annotations

import datetime
from typing import Any

from framework.contrib.sites.models import Site
from framework.db import models
from framework.urls import reverse
from framework.utils.html import strip_tags
from framework.utils.slugs import slugify
from news.sanitizer import sanitize_html


class Section(models.Model):
    """A section of the publication (World, Politics, Football...), on one site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order in the navigation bar.")

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="news_section_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:section", kwargs={"slug": self.slug})


class Author(models.Model):
    """A journalist; may be linked to a user account of the admin."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    email = models.EmailField(blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    """A keyword shared by articles of every site."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:tag", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    """Queries the public pages use."""

    def published(self) -> ArticleQuerySet:
        """Articles whose status is published and whose publication date has come."""
        now = datetime.datetime.now(tz=datetime.UTC)
        return self.filter(status=Article.Status.PUBLISHED, pub_date__lte=now)

    def on_site(self, site: Site) -> ArticleQuerySet:
        """Articles of ``site``."""
        return self.filter(site=site)

    def search(self, terms: str) -> ArticleQuerySet:
        """Articles whose title, summary or body contain every word of ``terms``."""
        queryset = self
        for word in terms.split()[:8]:
            queryset = queryset.filter(
                models.Q(title__icontains=word)
                | models.Q(summary__icontains=word)
                | models.Q(body__icontains=word)
            )
        return queryset


class Article(models.Model):
    """A story: draft or published, with a sanitised HTML body."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="articles")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    summary = models.TextField(blank=True, help_text="One or two sentences, plain text.")
    body = models.TextField(
        help_text="HTML: paragraphs, headings, lists, links, quotes and emphasis are kept; "
        "anything else is removed on save."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    pub_date = models.DateTimeField("publication date", db_index=True)
    featured = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-pub_date", "-id"]
        get_latest_by = "pub_date"
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="news_article_unique_slug")
        ]
        indexes = [
            models.Index(fields=["site", "status", "-pub_date"], name="news_article_listing")
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Sanitise the body and fill the slug and summary before writing."""
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        if not self.summary:
            self.summary = " ".join(strip_tags(self.body).split()[:40])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "news:article",
            kwargs={
                "year": self.pub_date.year,
                "month": f"{self.pub_date.month:02d}",
                "day": f"{self.pub_date.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def is_published(self) -> bool:
        """Whether the public pages show this article."""
        now = datetime.datetime.now(tz=datetime.UTC)
        return self.status == self.Status.PUBLISHED and self.pub_date <= now
