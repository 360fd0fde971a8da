"""Deterministic demo content: two publications, their sections, authors, tags and stories.

Everything comes from ``random.Random(seed)``, so a given seed always writes the same
titles, bodies, authors and tags; only the dates are relative to the day of seeding.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from framework.utils.html import escape


@dataclass(frozen=True)
class Publication:
    """A site of the demo: its domain, name, sections and vocabulary."""

    key: str
    domain: str
    name: str
    sections: tuple[tuple[str, str], ...]
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    places: tuple[str, ...]
    article_count: int
    tags: tuple[str, ...] = field(default=())


NEWS = Publication(
    key="news",
    domain="127.0.0.1",
    name="The Framework Times",
    sections=(
        ("World", "Reports from every continent."),
        ("Politics", "Parliaments, councils and the people who run them."),
        ("Business", "Markets, companies and the working world."),
        ("Science", "Research, discoveries and the people behind them."),
        ("Technology", "Software, hardware and the web."),
        ("Culture", "Books, film, music and the arts."),
    ),
    subjects=(
        "City council",
        "Harbour authority",
        "Regional parliament",
        "University researchers",
        "Local start-up",
        "Rail operator",
        "Museum curators",
        "Hospital trust",
        "Weather service",
        "Fishing cooperative",
        "Library board",
        "Wind farm developers",
        "Open-source community",
        "School district",
        "Central bank",
        "Orchestra",
    ),
    verbs=(
        "approves",
        "unveils",
        "postpones",
        "debates",
        "funds",
        "rejects",
        "expands",
        "investigates",
        "celebrates",
        "redesigns",
        "opens",
        "rethinks",
    ),
    objects=(
        "new tram line",
        "budget for next year",
        "coastal defence plan",
        "archive of letters",
        "solar roof programme",
        "night-train service",
        "reading festival",
        "river clean-up",
        "housing scheme",
        "public Wi-Fi network",
        "heritage trail",
        "data centre proposal",
        "cycle bridge",
        "four-day week trial",
        "science fair",
        "market hall renovation",
    ),
    places=(
        "Lyon",
        "Porto",
        "Ghent",
        "Tartu",
        "Bergen",
        "Trieste",
        "Cork",
        "Malmö",
        "Kraków",
        "Bilbao",
        "Utrecht",
        "Basel",
    ),
    article_count=220,
    tags=(
        "climate",
        "transport",
        "housing",
        "economy",
        "elections",
        "health",
        "education",
        "open data",
        "energy",
        "research",
        "arts",
        "cities",
        "europe",
        "interview",
    ),
)

SPORT = Publication(
    key="sport",
    domain="localhost",
    name="Framework Sport",
    sections=(
        ("Football", "Leagues, cups and the transfer window."),
        ("Tennis", "Tours, slams and rising stars."),
        ("Cycling", "Grand tours, classics and the track."),
        ("Athletics", "Track, field and the marathon."),
    ),
    subjects=(
        "Home side",
        "Veteran captain",
        "Young sprinter",
        "Title holders",
        "Promoted club",
        "Junior squad",
        "Doubles pair",
        "Climbing specialist",
        "Relay team",
        "Coach",
    ),
    verbs=(
        "wins",
        "loses",
        "draws",
        "clinches",
        "chases",
        "defends",
        "surprises in",
        "withdraws from",
        "dominates",
        "returns to",
    ),
    objects=(
        "derby",
        "semi-final",
        "mountain stage",
        "season opener",
        "cup tie",
        "national title",
        "time trial",
        "indoor meeting",
        "final set",
        "relegation battle",
        "cobbled classic",
    ),
    places=(
        "Roubaix",
        "Seville",
        "Leeds",
        "Turin",
        "Eindhoven",
        "Grenoble",
        "Oslo",
        "Zagreb",
        "Valencia",
        "Dortmund",
    ),
    article_count=130,
    tags=(
        "transfers",
        "injuries",
        "records",
        "youth",
        "women's sport",
        "analysis",
        "interview",
        "results",
        "tactics",
    ),
)

PUBLICATIONS = (NEWS, SPORT)

AUTHORS = (
    "Amara Okafor", "Björn Lindqvist", "Camille Durand", "Dario Russo", "Eleni Papadopoulou",
    "Farah Haddad", "Grace O'Neill", "Hiroshi Tanaka", "Inès Moreau", "Jonas Weber",
    "Katarzyna Nowak", "Luís Fernandes", "Maya Cohen", "Niamh Byrne",
)  # fmt: skip

SENTENCES = (
    "Officials said the decision followed months of consultation with residents.",
    "The plan, first proposed two years ago, had stalled over questions of cost.",
    "Supporters argue that the change will pay for itself within a decade.",
    "Critics were less convinced, pointing to delays on similar projects elsewhere.",
    "A spokesperson declined to give a date for the next stage.",
    "Figures published on Monday show a steady rise since the spring.",
    "Several hundred people attended the public meeting on Thursday evening.",
    "The final report runs to more than two hundred pages.",
    "Independent experts described the approach as careful but overdue.",
    "Nobody expected the numbers to move so quickly.",
    "The atmosphere in the hall was tense but good-humoured.",
    "Those involved say the hardest part is still to come.",
    "It is the first time in a generation that the question has been asked so directly.",
    "Organisers thanked volunteers who had worked through the weekend.",
    "The result leaves plenty to discuss before the next meeting.",
)

QUOTES = (
    "We listened, we changed the plan, and we think it is better for it.",
    "This is not the end of the story, only the end of the beginning.",
    "Nobody in the room thought it would be easy.",
    "You can feel the difference already when you walk down the street.",
    "We will be judged on what happens next, not on what we promised.",
)


@dataclass
class StoryData:
    """One generated article, ready to become an ``Article``."""

    title: str
    section: str
    author: str
    tags: list[str]
    summary: str
    body: str
    days_ago: float
    status: str
    featured: bool


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))


def _body(rng: random.Random, title: str, place: str) -> str:
    parts = [f"<p><strong>{escape(place)}</strong> &mdash; {escape(_paragraph(rng))}</p>"]
    for index in range(rng.randint(3, 6)):
        parts.append(f"<p>{escape(_paragraph(rng))}</p>")
        if index == 1:
            parts.append(f"<blockquote><p>{escape(rng.choice(QUOTES))}</p></blockquote>")
        if index == 2 and rng.random() < 0.4:
            items = "".join(f"<li>{escape(s)}</li>" for s in rng.sample(SENTENCES, 3))
            parts.append(f"<h2>What happens next</h2><ul>{items}</ul>")
    parts.append(
        '<p>Read more on <a href="https://en.wikipedia.org/wiki/'
        f'{escape(place)}">{escape(place)}</a>.</p>'
    )
    return "\n".join(parts)


def stories(publication: Publication, seed: int) -> Iterator[StoryData]:
    """The publication's articles, newest first: mostly published, a few drafts and scheduled."""
    rng = random.Random(f"{seed}:{publication.key}")
    seen: set[str] = set()
    days_ago = 0.0
    for index in range(publication.article_count):
        while True:
            subject = rng.choice(publication.subjects)
            place = rng.choice(publication.places)
            title = f"{subject} {rng.choice(publication.verbs)} {rng.choice(publication.objects)}"
            title = f"{title} in {place}"
            if title not in seen:
                seen.add(title)
                break
        # Roughly two articles a day, going back in time.
        days_ago += rng.uniform(0.05, 1.1) if publication is NEWS else rng.uniform(0.1, 1.6)
        if index < 3:
            status, when = "published", -rng.uniform(1, 5)  # scheduled: in the future
        elif index % 37 == 5:
            status, when = "draft", days_ago
        else:
            status, when = "published", days_ago
        yield StoryData(
            title=title,
            section=rng.choice(publication.sections)[0],
            author=rng.choice(AUTHORS),
            tags=rng.sample(publication.tags, rng.randint(1, 3)),
            summary=_paragraph(rng),
            body=_body(rng, title, place),
            days_ago=when,
            status=status,
            featured=index % 9 == 4,
        )


def publication_date(now: datetime.datetime, days_ago: float) -> datetime.datetime:
    """``now`` minus ``days_ago`` days, at a whole minute."""
    when = now - datetime.timedelta(days=days_ago)
    return when.replace(second=0, microsecond=0)
