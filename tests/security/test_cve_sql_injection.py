"""SQL injection advisories: hundreds of generated hostile names through aliases,
``order_by``, ``Q``/``filter()`` keyword plumbing, Trunc/Extract kinds. Each must raise a
clean ValueError/FieldError/TypeError before reaching the database, and the table stays
intact (on SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import re

import pytest

from framework.core.exceptions import FieldError
from framework.db import transaction
from framework.db.models import Count, F, Q
from framework.db.models.functions import Extract, Trunc
from tests.admin.shop.models import Author, Book

FRAGMENTS = [
    *(chr(c) for c in range(32)),
    "\x7f",
    " ",
    "'",
    '"',
    "`",
    "--",
    "/*",
    "*/",
    "#",
    ";",
    "; DROP TABLE shop_book; --",
    "' OR '1'='1",
    '") OR 1=1 --',
    "\\",
    "(",
    ")",
    ",",
    "=",
    "\u2028",
    "\u00a0",
]
STEMS = ["pages", "x", ""]
HOSTILE = [
    stem + frag + tail for stem, frag, tail in itertools.product(STEMS, FRAGMENTS, ["", "y"])
]
CLEAN_ERRORS = (ValueError, FieldError, TypeError)
# Django's rule: aliases with whitespace, quotes, brackets, semicolons or comment tokens are
# refused; other characters (%, #, parentheses, control characters) are quoted safely.
MUST_REFUSE = re.compile(r"['`\"\]\[;\s\x00]|--|/\*|\*/")


@pytest.fixture
def books(admin_db):
    author = Author.objects.create(name="Frank")
    return [
        Book.objects.create(title=f"B{i}", author=author, pages=100 + i, published="2020-01-02")
        for i in range(3)
    ]


def _attempts(build, names, may_accept=lambda name: False):
    """Call build(name) for each name; return the names that did not fail cleanly.

    A name for which ``may_accept(name)`` is true may also run successfully (quoted).
    """
    leaks = []
    for name in names:
        try:
            with transaction.atomic():
                list(build(name))
        except CLEAN_ERRORS:
            continue
        except Exception as exc:  # a database error means the name reached the SQL
            leaks.append((name, type(exc).__name__, str(exc)[:80]))
        else:
            if not may_accept(name):
                leaks.append((name, "accepted", ""))
    return leaks


def _assert_intact(books):
    assert Book.objects.count() == len(books)
    assert sorted(Book.objects.values_list("title", flat=True)) == [b.title for b in books]


def test_cve_2022_28346_sql_injection_via_annotate_aliases(books):
    """annotate/alias/aggregate/values with a hostile alias raise ValueError."""
    assert len(HOSTILE) > 200
    qs = Book.objects.all()
    quoted = [n for n in HOSTILE if not MUST_REFUSE.search(n)]

    def safe(name):
        return not MUST_REFUSE.search(name)

    leaks = _attempts(lambda n: qs.annotate(**{n: F("pages")}), HOSTILE, safe)
    leaks += _attempts(lambda n: qs.alias(**{n: F("pages")}).values("pk"), HOSTILE, safe)
    leaks += _attempts(lambda n: [qs.aggregate(**{n: Count("pk")})], HOSTILE, safe)
    leaks += _attempts(lambda n: qs.values(**{n: F("pages")}), HOSTILE, safe)
    leaks += _attempts(lambda n: qs.values_list("pk").annotate(**{n: F("pages")}), HOSTILE, safe)
    for name in quoted:
        if name:
            row = qs.annotate(**{name: F("pages")}).values(name).order_by(name).first()
            assert row == {name: 100}, name
    assert leaks == []
    _assert_intact(books)


def test_cve_2021_35042_sql_injection_via_order_by(books):
    """order_by() with a hostile name raises FieldError/ValueError, also after '-' or '?'."""
    qs = Book.objects.all()
    names = HOSTILE + ["-" + n for n in HOSTILE] + ["pages." + n for n in HOSTILE]
    leaks = _attempts(lambda n: qs.order_by(n), [n for n in names if n not in ("", "-")])
    assert leaks == []
    _assert_intact(books)


def test_cve_2022_34265_sql_injection_via_trunc_and_extract_kinds(books):
    """Trunc(kind=...) and Extract(lookup_name=...) with hostile kinds raise ValueError."""
    qs = Book.objects.all()
    kinds = HOSTILE + ["year" + f for f in FRAGMENTS] + ["day') OR 1=1 --"]
    # Unit-like words ("x", "pages(") are bound as parameters or refused by the database.
    kinds = [k for k in kinds if not re.fullmatch(r"[\w\-()]+", k)]
    assert len(kinds) > 200
    leaks = _attempts(lambda k: qs.annotate(t=Trunc("published", k)), kinds)
    leaks += _attempts(lambda k: qs.annotate(t=Extract("published", k)), kinds)
    assert leaks == []
    _assert_intact(books)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"_connector": "OR 1=1 --"},
        {"_connector": "); DROP TABLE shop_book; --"},
        {"_connector": "XOR", "title": "B0"},
        {"_negated": True, "title": "B0"},
        {"_connector": "OR", "_negated": True},
    ],
)
def test_cve_2025_64459_sql_injection_via_connector_and_negated_kwargs(books, kwargs):
    """filter/exclude/get and Q refuse or safely handle _connector/_negated from user dicts."""
    qs = Book.objects.all()
    for method in (qs.filter, qs.exclude):
        with pytest.raises(CLEAN_ERRORS):
            with transaction.atomic():
                list(method(**kwargs))
    with pytest.raises(CLEAN_ERRORS):
        Book.objects.get(**kwargs)
    hostile_connector = kwargs.get("_connector")
    if hostile_connector not in (None, "OR", "XOR", "AND"):
        with pytest.raises(ValueError):
            Q(_connector=hostile_connector, title="B0")
    _assert_intact(books)


def test_cve_2022_28347_sql_injection_via_filter_keys(books):
    """Hostile lookup keys in filter() raise FieldError/ValueError."""
    qs = Book.objects.all()
    leaks = _attempts(lambda n: qs.filter(**{n: 1}), [n for n in HOSTILE if n])
    leaks += _attempts(lambda n: qs.filter(**{"pages__" + n: 1}), HOSTILE)
    assert leaks == []
    _assert_intact(books)
