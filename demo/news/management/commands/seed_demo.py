"""``manage.py seed_demo``: the two demo sites with a few hundred articles (idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from framework.contrib.sites.models import Site
from framework.core.management.base import BaseCommand, CommandError
from framework.db import transaction
from framework.utils.slugs import slugify
from news import demo_content
from news.models import Article, Author, Section, Tag


class Command(BaseCommand):
    help = (
        "Create the demo's two sites (127.0.0.1: news, localhost: sport), their sections, "
        "authors, tags and a few hundred articles, the same for a given --seed. Running it "
        "again changes nothing unless --reset is given."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--now",
            help="Date the newest articles are published (YYYY-MM-DD, UTC; default: now).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo's articles first, then seed."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the articles to create (e.g. 0.1 for quick tests; default 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options["now"])
        if not 0 < options["scale"] <= 1:
            raise CommandError(f"--scale must be in (0, 1], got {options['scale']!r}.")
        with transaction.atomic():
            sites = self._sites()
            if options["reset"]:
                deleted, _ = Article.objects.filter(site__in=list(sites.values())).delete()
                self.stdout.write(f"Deleted {deleted} objects.")
            elif Article.objects.filter(site__in=list(sites.values())).exists():
                count = Article.objects.count()
                self.stdout.write(
                    f"The demo is already seeded ({count} articles): nothing to do "
                    "(--reset seeds afresh)."
                )
                return
            authors = self._authors()
            for publication in demo_content.PUBLICATIONS:
                self._seed(publication, sites[publication.key], authors, now, options)
        self.stdout.write(self.style.SUCCESS(f"Seeded {Article.objects.count()} articles."))

    @staticmethod
    def _now(value: str | None) -> datetime.datetime:
        if value is None:
            return datetime.datetime.now(tz=datetime.UTC)
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(f"--now must be a date such as 2026-05-01, got {value!r}.") from exc
        return datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=datetime.UTC)

    def _sites(self) -> dict[str, Site]:
        """The two sites, renaming the default example.com site into the news site."""
        result = {}
        for publication in demo_content.PUBLICATIONS:
            site = Site.objects.filter(domain__iexact=publication.domain).first()
            if site is None and publication.key == "news":
                site = Site.objects.filter(domain="example.com").first()
            if site is None:
                site = Site(domain=publication.domain)
            if (site.domain, site.name) != (publication.domain, publication.name):
                site.domain, site.name = publication.domain, publication.name
                site.save()
                self.stdout.write(f"Site {site.domain}: {site.name}")
            result[publication.key] = site
        return result

    def _authors(self) -> dict[str, Author]:
        authors = {}
        for name in demo_content.AUTHORS:
            slug = slugify(name)
            authors[name], _ = Author.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "email": f"{slug}@newsroom.invalid",
                    "bio": f"{name} writes for the demo newsroom.",
                },
            )
        return authors

    def _seed(
        self,
        publication: demo_content.Publication,
        site: Site,
        authors: dict[str, Author],
        now: datetime.datetime,
        options: dict,
    ) -> None:
        sections = {}
        for position, (name, description) in enumerate(publication.sections):
            sections[name], _ = Section.objects.get_or_create(
                site=site,
                slug=slugify(name),
                defaults={"name": name, "description": description, "position": position},
            )
        tags = {}
        for name in publication.tags:
            tags[name], _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        total = max(1, int(publication.article_count * options["scale"]))
        verbosity = options.get("verbosity", 1)
        for index, story in enumerate(demo_content.stories(publication, options["seed"])):
            if index == total:
                break
            article = Article(
                site=site,
                section=sections[story.section],
                author=authors[story.author],
                title=story.title,
                slug=slugify(story.title),
                summary=story.summary,
                body=story.body,
                status=story.status,
                featured=story.featured,
                pub_date=demo_content.publication_date(now, story.days_ago),
            )
            article.save()
            article.tags.set([tags[name] for name in story.tags])
            done = index + 1
            if verbosity and (done % 50 == 0 or done == total):
                self.stdout.write(f"  {site.name}: {done}/{total} articles")
