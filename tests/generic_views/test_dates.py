"""Date-based views: archive index, year, month, week, day, today and date detail."""

from __future__ import annotations

import datetime

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.http import Http404
from framework.views.generic import ArchiveIndexView
from tests.generic_views.helpers import view_instance


@pytest.fixture
def books(m):
    future = datetime.date.today() + datetime.timedelta(days=400)
    return {
        "a": m.Book.objects.create(name="A", slug="a", pages=1, pubdate=datetime.date(2006, 5, 1)),
        "b": m.Book.objects.create(name="B", slug="b", pages=1, pubdate=datetime.date(2008, 10, 1)),
        "c": m.Book.objects.create(
            name="C", slug="c", pages=1, pubdate=datetime.date(2008, 10, 15)
        ),
        "future": m.Book.objects.create(name="F", slug="f", pages=1, pubdate=future),
    }


def test_archive_index(app, books):
    """Latest objects first, years with objects, future objects hidden."""
    assert app.get("/dates/books/").text == "C;B;A;|2008;2006;"


def test_archive_index_empty_is_404(app, db):
    """ArchiveIndexView defaults to allow_empty=False."""
    app.get("/dates/books/", status=404)


def test_archive_allow_future(m, books):
    """allow_future=True shows future objects too."""
    view = view_instance(ArchiveIndexView, model=None)
    view.model, view.date_field, view.allow_future = m.Book, "pubdate", True
    _, qs, _ = view.get_dated_items()
    assert "F" in [b.name for b in qs]


def test_year_archive(app, books):
    """Months with objects; no object list unless make_object_list; neighbours by data."""
    assert app.get("/dates/books/2008/").text == "10;||2008-01-01|None|2006-01-01"
    assert app.get("/dates/books/2008/objects/").text.startswith("10;|C;B;|")
    app.get("/dates/books/2007/", status=404)


@pytest.mark.parametrize(
    "url",
    [
        "/dates/books/0/",
        "/dates/books/99999/",
        "/dates/books/2008/xyz/",
        "/dates/books/2008/feb/30/",
        "/dates/signings/9999/12/31/",
        "/dates/books/2008/week/99/",
        "/dates/books/2008/oct/1/424242/",
    ],
)
def test_bad_dates_are_404(app, books, url):
    """Dates that do not parse, do not exist or overflow are 404s, not 500s."""
    app.get(url, status=404)


def test_invalid_date_message(m):
    """The 404 names the text and the format that did not match."""
    from tests.generic_views.views import BookMonth

    view = view_instance(BookMonth, year="2008", month="xyz")
    with pytest.raises(Http404, match="Invalid date string “2008__xyz__” given format “%Y__%b__”"):
        view.get_dated_items()


def test_month_archive(app, books):
    """The month's objects, the days that have objects, and the neighbouring months."""
    assert app.get("/dates/books/2008/oct/").text == "C;B;|1;15;|2008-10-01|None|2006-05-01"
    assert app.get("/dates/books/2008/OCT/").text.startswith("C;B;")
    app.get("/dates/books/2008/nov/", status=404)


def test_week_archive(app, books):
    """The objects of a %U week (starting on Sunday)."""
    week = int(datetime.date(2008, 10, 1).strftime("%U"))
    body = app.get(f"/dates/books/2008/week/{week}/").text
    assert body.startswith("B;|2008-09-28|")


def test_day_archive(app, books):
    """The day's objects; allow_empty gives neighbouring days without looking at data."""
    assert app.get("/dates/books/2008/oct/1/").text == "B;|2008-10-01|2008-10-02|2008-09-30"
    assert app.get("/dates/books/2008/oct/2/").text == "|2008-10-02|2008-10-03|2008-10-01"


def test_day_archive_hides_future(app, books):
    """A future day's objects are hidden unless allow_future."""
    future = books["future"].pubdate
    body = app.get(f"/dates/books/{future.year}/{future.strftime('%b')}/{future.day}/").text
    assert body.startswith("|")


def test_today_archive(app, books):
    """TodayArchiveView shows today's objects."""
    assert app.get("/dates/books/today/").text.startswith(f"|{datetime.date.today()}|")


def test_date_detail(app, books):
    """The object must match both its date and its pk."""
    b = books["b"]
    assert app.get(f"/dates/books/2008/oct/1/{b.pk}/").text == "B"
    app.get(f"/dates/books/2008/oct/2/{b.pk}/", status=404)


def test_date_detail_future_message(m, books):
    """A future date is refused with Django's message."""
    from tests.generic_views.views import BookDetail

    f = books["future"]
    view = view_instance(
        BookDetail,
        year=str(f.pubdate.year),
        month=f.pubdate.strftime("%b"),
        day=str(f.pubdate.day),
        pk=f.pk,
    )
    with pytest.raises(Http404, match="Future books not available because BookDetail.allow_future"):
        view.get_object()


def test_datetime_field_day_uses_current_time_zone(app, m, settings):
    """With a DateTimeField a day runs from local midnight to midnight (aware)."""
    settings.TIME_ZONE = "UTC"
    utc = datetime.UTC
    inside = m.BookSigning.objects.create(
        event_date=datetime.datetime(2008, 4, 2, 23, 30, tzinfo=utc)
    )
    m.BookSigning.objects.create(event_date=datetime.datetime(2008, 4, 3, 0, 30, tzinfo=utc))
    assert app.get("/dates/signings/2008/04/02/").text == f"{inside.pk};|2008-04-02"


def test_date_field_required(m):
    """A date view without date_field says so."""
    view = view_instance(ArchiveIndexView)
    view.model = m.Book
    with pytest.raises(ImproperlyConfigured, match="ArchiveIndexView.date_field is required."):
        view.get_dated_items()
