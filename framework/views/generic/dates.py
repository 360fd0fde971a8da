"""Date-based archive views: ``ArchiveIndexView``, ``YearArchiveView``,
``MonthArchiveView``, ``WeekArchiveView``, ``DayArchiveView``,
``TodayArchiveView`` and ``DateDetailView`` (Django's names and behaviour).

The year, month, week and day come from the view's attributes, the URL
kwargs or the query string, parsed with ``year_format``, ``month_format``
(``%b`` by default, or ``%m``), ``week_format`` and ``day_format``; text that
does not parse is a 404. Objects dated in the future are hidden unless
``allow_future``; an empty archive is a 404 unless ``allow_empty``.
"""

from __future__ import annotations

import datetime
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.http import Http404
from framework.utils.dateformat import get_current_timezone
from framework.utils.functional import cached_property
from framework.views.generic.base import View
from framework.views.generic.detail import BaseDetailView, SingleObjectTemplateResponseMixin
from framework.views.generic.list import MultipleObjectMixin, MultipleObjectTemplateResponseMixin

__all__ = [
    "ArchiveIndexView",
    "BaseArchiveIndexView",
    "BaseDateDetailView",
    "BaseDateListView",
    "BaseDayArchiveView",
    "BaseMonthArchiveView",
    "BaseTodayArchiveView",
    "BaseWeekArchiveView",
    "BaseYearArchiveView",
    "DateDetailView",
    "DateMixin",
    "DayArchiveView",
    "DayMixin",
    "MonthArchiveView",
    "MonthMixin",
    "TodayArchiveView",
    "WeekArchiveView",
    "WeekMixin",
    "YearArchiveView",
    "YearMixin",
]


def _now() -> datetime.datetime:
    if settings.USE_TZ:
        return datetime.datetime.now(datetime.UTC)
    return datetime.datetime.now()


def _today() -> datetime.date:
    """Today in the current time zone."""
    if settings.USE_TZ:
        return datetime.datetime.now(get_current_timezone()).date()
    return datetime.date.today()


def _from_kwargs_or_query(view: Any, attr: str, what: str) -> Any:
    value = getattr(view, attr)
    if value is None:
        value = view.kwargs.get(attr)
        if value is None:
            value = view.request.GET.get(attr)
            if value is None:
                raise Http404(f"No {what} specified")
    return value


def _out_of_range() -> Http404:
    return Http404("Date out of range")


class YearMixin:
    """The year of the archive (``year`` attribute, URL kwarg or query string)."""

    year_format = "%Y"
    year: Any = None

    def get_year_format(self) -> str:
        return self.year_format

    def get_year(self) -> Any:
        """The year as given (text); Http404 if none is given."""
        return _from_kwargs_or_query(self, "year", "year")

    def get_next_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="year")

    def get_previous_year(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="year")

    def _get_next_year(self, date: datetime.date) -> datetime.date:
        try:
            return date.replace(year=date.year + 1, month=1, day=1)
        except ValueError:
            raise _out_of_range() from None

    def _get_current_year(self, date: datetime.date) -> datetime.date:
        return date.replace(month=1, day=1)


class MonthMixin:
    """The month of the archive (``month`` attribute, URL kwarg or query string)."""

    month_format = "%b"
    month: Any = None

    def get_month_format(self) -> str:
        return self.month_format

    def get_month(self) -> Any:
        return _from_kwargs_or_query(self, "month", "month")

    def get_next_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="month")

    def get_previous_month(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="month")

    def _get_next_month(self, date: datetime.date) -> datetime.date:
        if date.month == 12:
            try:
                return date.replace(year=date.year + 1, month=1, day=1)
            except ValueError:
                raise _out_of_range() from None
        return date.replace(month=date.month + 1, day=1)

    def _get_current_month(self, date: datetime.date) -> datetime.date:
        return date.replace(day=1)


class DayMixin:
    """The day of the archive (``day`` attribute, URL kwarg or query string)."""

    day_format = "%d"
    day: Any = None

    def get_day_format(self) -> str:
        return self.day_format

    def get_day(self) -> Any:
        return _from_kwargs_or_query(self, "day", "day")

    def get_next_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="day")

    def get_previous_day(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="day")

    def _get_next_day(self, date: datetime.date) -> datetime.date:
        try:
            return date + datetime.timedelta(days=1)
        except OverflowError:
            raise _out_of_range() from None

    def _get_current_day(self, date: datetime.date) -> datetime.date:
        return date


class WeekMixin:
    """The week of the archive; ``week_format`` is ``%U`` (Sunday), ``%W`` or ``%V``."""

    week_format = "%U"
    week: Any = None

    def get_week_format(self) -> str:
        return self.week_format

    def get_week(self) -> Any:
        return _from_kwargs_or_query(self, "week", "week")

    def get_next_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=False, period="week")

    def get_previous_week(self, date: datetime.date) -> datetime.date | None:
        return _get_next_prev(self, date, is_previous=True, period="week")

    def _get_next_week(self, date: datetime.date) -> datetime.date:
        try:
            return date + datetime.timedelta(days=7 - self._get_weekday(date))
        except OverflowError:
            raise _out_of_range() from None

    def _get_current_week(self, date: datetime.date) -> datetime.date:
        return date - datetime.timedelta(self._get_weekday(date))

    def _get_weekday(self, date: datetime.date) -> int:
        week_format = self.get_week_format()
        if week_format in {"%W", "%V"}:
            return date.weekday()
        if week_format == "%U":
            return (date.weekday() + 1) % 7
        raise ValueError(f"unknown week format: {week_format}")


class DateMixin:
    """The date field of the model (``date_field``) and the ``allow_future`` switch."""

    date_field: str | None = None
    allow_future = False

    def get_date_field(self) -> str:
        """``date_field``; ImproperlyConfigured when it is not set."""
        if self.date_field is None:
            raise ImproperlyConfigured(f"{type(self).__name__}.date_field is required.")
        return self.date_field

    def get_allow_future(self) -> bool:
        return self.allow_future

    @cached_property
    def uses_datetime_field(self) -> bool:
        """True if ``date_field`` is a DateTimeField (lookups then use datetime ranges)."""
        from framework.db.models.fields.temporal import DateTimeField

        model = self.get_queryset().model if self.model is None else self.model
        return isinstance(model._meta.get_field(self.get_date_field()), DateTimeField)

    def _make_date_lookup_arg(self, value: datetime.date) -> Any:
        """``value`` as a lookup value: midnight (aware when USE_TZ) for datetime fields."""
        if self.uses_datetime_field:
            value = datetime.datetime.combine(value, datetime.time.min)
            if settings.USE_TZ:
                value = value.replace(tzinfo=get_current_timezone())
        return value

    def _make_single_date_lookup(self, date: datetime.date) -> dict[str, Any]:
        date_field = self.get_date_field()
        if self.uses_datetime_field:
            since = self._make_date_lookup_arg(date)
            try:
                until = self._make_date_lookup_arg(date + datetime.timedelta(days=1))
            except OverflowError:
                raise _out_of_range() from None
            return {f"{date_field}__gte": since, f"{date_field}__lt": until}
        return {date_field: date}


class BaseDateListView(MultipleObjectMixin, DateMixin, View):
    """A list of objects with a ``date_list`` (the periods that have objects)."""

    allow_empty = False
    date_list_period = "year"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.date_list, self.object_list, extra_context = self.get_dated_items()
        context = self.get_context_data(
            object_list=self.object_list, date_list=self.date_list, **extra_context
        )
        return self.render_to_response(context)

    def get_dated_items(self) -> tuple:
        """``(date_list, object_list, extra_context)``; subclasses implement this."""
        raise NotImplementedError("A DateView must provide an implementation of get_dated_items()")

    def get_ordering(self) -> Any:
        """Newest first (``-date_field``) unless ``ordering`` is set."""
        return f"-{self.get_date_field()}" if self.ordering is None else self.ordering

    def get_dated_queryset(self, **lookup: Any) -> Any:
        """The queryset filtered by ``lookup``, without future objects unless allowed."""
        qs = self.get_queryset().filter(**lookup)
        date_field = self.get_date_field()
        paginate_by = self.get_paginate_by(qs)
        if not self.get_allow_future():
            now = _now() if self.uses_datetime_field else _today()
            qs = qs.filter(**{f"{date_field}__lte": now})
        if not self.get_allow_empty():
            is_empty = not qs if paginate_by is None else not qs.exists()
            if is_empty:
                raise Http404(f"No {qs.model._meta.verbose_name_plural} available")
        return qs

    def get_date_list_period(self) -> str:
        return self.date_list_period

    def get_date_list(self, queryset: Any, date_type: str | None = None, ordering: str = "ASC"):
        """The dates (of ``date_type`` precision) that have objects in ``queryset``."""
        date_field = self.get_date_field()
        if date_type is None:
            date_type = self.get_date_list_period()
        if self.uses_datetime_field:
            date_list = queryset.datetimes(date_field, date_type, ordering)
        else:
            date_list = queryset.dates(date_field, date_type, ordering)
        if date_list is not None and not date_list and not self.get_allow_empty():
            raise Http404(f"No {queryset.model._meta.verbose_name_plural} available")
        return date_list


class BaseArchiveIndexView(BaseDateListView):
    """The latest objects (``latest`` in the context), newest first."""

    context_object_name = "latest"

    def get_dated_items(self) -> tuple:
        qs = self.get_dated_queryset()
        date_list = self.get_date_list(qs, ordering="DESC")
        if not date_list:
            qs = qs.none()
        return date_list, qs, {}


class ArchiveIndexView(MultipleObjectTemplateResponseMixin, BaseArchiveIndexView):
    """Top-level archive; template ``<app>/<model>_archive.html``."""

    template_name_suffix = "_archive"


def _range_lookup(view: Any, since: datetime.date, until: datetime.date) -> dict[str, Any]:
    date_field = view.get_date_field()
    return {
        f"{date_field}__gte": view._make_date_lookup_arg(since),
        f"{date_field}__lt": view._make_date_lookup_arg(until),
    }


class BaseYearArchiveView(YearMixin, BaseDateListView):
    """The months of a year that have objects (and the objects if ``make_object_list``)."""

    date_list_period = "month"
    make_object_list = False

    def get_dated_items(self) -> tuple:
        date = _date_from_string(self.get_year(), self.get_year_format())
        qs = self.get_dated_queryset(**_range_lookup(self, date, self._get_next_year(date)))
        date_list = self.get_date_list(qs)
        if not self.get_make_object_list():
            # The list of months is all a year archive shows by default.
            qs = qs.none()
        return (
            date_list,
            qs,
            {
                "year": date,
                "next_year": self.get_next_year(date),
                "previous_year": self.get_previous_year(date),
            },
        )

    def get_make_object_list(self) -> bool:
        """Whether the year's objects are listed too (``make_object_list``)."""
        return self.make_object_list


class YearArchiveView(MultipleObjectTemplateResponseMixin, BaseYearArchiveView):
    """Yearly archive; template ``<app>/<model>_archive_year.html``."""

    template_name_suffix = "_archive_year"


class BaseMonthArchiveView(YearMixin, MonthMixin, BaseDateListView):
    """The objects of one month, with the days that have objects."""

    date_list_period = "day"

    def get_dated_items(self) -> tuple:
        date = _date_from_string(
            self.get_year(), self.get_year_format(), self.get_month(), self.get_month_format()
        )
        qs = self.get_dated_queryset(**_range_lookup(self, date, self._get_next_month(date)))
        date_list = self.get_date_list(qs)
        return (
            date_list,
            qs,
            {
                "month": date,
                "next_month": self.get_next_month(date),
                "previous_month": self.get_previous_month(date),
            },
        )


class MonthArchiveView(MultipleObjectTemplateResponseMixin, BaseMonthArchiveView):
    """Monthly archive; template ``<app>/<model>_archive_month.html``."""

    template_name_suffix = "_archive_month"


class BaseWeekArchiveView(YearMixin, WeekMixin, BaseDateListView):
    """The objects of one week."""

    def get_dated_items(self) -> tuple:
        week_format = self.get_week_format()
        week_starts = {"%W": "1", "%U": "0", "%V": "1"}
        try:
            week_start = week_starts[week_format]
        except KeyError:
            raise ValueError(
                f"Unknown week format {week_format!r}. Choices are: {', '.join(sorted(week_starts))}"
            ) from None
        year_format = self.get_year_format()
        if week_format == "%V" and year_format != "%G":
            raise ValueError(
                f"ISO week directive '{week_format}' is incompatible with the year directive "
                f"'{year_format}'. Use the ISO year '%G' instead."
            )
        date = _date_from_string(
            self.get_year(), year_format, week_start, "%w", self.get_week(), week_format
        )
        qs = self.get_dated_queryset(**_range_lookup(self, date, self._get_next_week(date)))
        return (
            None,
            qs,
            {
                "week": date,
                "next_week": self.get_next_week(date),
                "previous_week": self.get_previous_week(date),
            },
        )


class WeekArchiveView(MultipleObjectTemplateResponseMixin, BaseWeekArchiveView):
    """Weekly archive; template ``<app>/<model>_archive_week.html``."""

    template_name_suffix = "_archive_week"


class BaseDayArchiveView(YearMixin, MonthMixin, DayMixin, BaseDateListView):
    """The objects of one day."""

    def get_dated_items(self) -> tuple:
        date = _date_from_string(
            self.get_year(),
            self.get_year_format(),
            self.get_month(),
            self.get_month_format(),
            self.get_day(),
            self.get_day_format(),
        )
        return self._get_dated_items(date)

    def _get_dated_items(self, date: datetime.date) -> tuple:
        qs = self.get_dated_queryset(**self._make_single_date_lookup(date))
        return (
            None,
            qs,
            {
                "day": date,
                "previous_day": self.get_previous_day(date),
                "next_day": self.get_next_day(date),
                "previous_month": self.get_previous_month(date),
                "next_month": self.get_next_month(date),
            },
        )


class DayArchiveView(MultipleObjectTemplateResponseMixin, BaseDayArchiveView):
    """Daily archive; template ``<app>/<model>_archive_day.html``."""

    template_name_suffix = "_archive_day"


class BaseTodayArchiveView(BaseDayArchiveView):
    """The objects of today."""

    def get_dated_items(self) -> tuple:
        return self._get_dated_items(_today())


class TodayArchiveView(MultipleObjectTemplateResponseMixin, BaseTodayArchiveView):
    """Today's archive; template ``<app>/<model>_archive_day.html``."""

    template_name_suffix = "_archive_day"


class BaseDateDetailView(YearMixin, MonthMixin, DayMixin, DateMixin, BaseDetailView):
    """One object, found by its date and its pk or slug."""

    def get_object(self, queryset: Any = None) -> Any:
        date = _date_from_string(
            self.get_year(),
            self.get_year_format(),
            self.get_month(),
            self.get_month_format(),
            self.get_day(),
            self.get_day_format(),
        )
        qs = self.get_queryset() if queryset is None else queryset
        if not self.get_allow_future() and date > _today():
            raise Http404(
                f"Future {qs.model._meta.verbose_name_plural} not available because "
                f"{type(self).__name__}.allow_future is False."
            )
        qs = qs.filter(**self._make_single_date_lookup(date))
        return super().get_object(queryset=qs)


class DateDetailView(SingleObjectTemplateResponseMixin, BaseDateDetailView):
    """One dated object; template ``<app>/<model>_detail.html``."""

    template_name_suffix = "_detail"


def _date_from_string(
    year: Any,
    year_format: str,
    month: Any = "",
    month_format: str = "",
    day: Any = "",
    day_format: str = "",
    delim: str = "__",
) -> datetime.date:
    """Parse the parts with their formats; Http404 naming the text when they don't parse."""
    fmt = year_format + delim + month_format + delim + day_format
    text = str(year) + delim + str(month) + delim + str(day)
    try:
        return datetime.datetime.strptime(text, fmt).date()
    except ValueError:
        raise Http404(f"Invalid date string “{text}” given format “{fmt}”") from None


def _get_next_prev(
    view: Any, date: datetime.date, is_previous: bool, period: str
) -> datetime.date | None:
    """The first day of the next (or previous) period with objects, or None.

    With ``allow_empty`` any adjacent period qualifies (not in the future unless
    ``allow_future``); otherwise the database is asked for the nearest object.
    """
    date_field = view.get_date_field()
    get_current = getattr(view, f"_get_current_{period}")
    get_next = getattr(view, f"_get_next_{period}")
    try:
        start, end = get_current(date), get_next(date)
    except Http404:
        return None
    if view.get_allow_empty():
        try:
            result = get_current(start - datetime.timedelta(days=1)) if is_previous else end
        except OverflowError:
            return None
        if view.get_allow_future() or result <= _today():
            return result
        return None
    if is_previous:
        lookup = {f"{date_field}__lt": view._make_date_lookup_arg(start)}
        ordering = f"-{date_field}"
    else:
        lookup = {f"{date_field}__gte": view._make_date_lookup_arg(end)}
        ordering = date_field
        if not view.get_allow_future():
            lookup[f"{date_field}__lte"] = _now() if view.uses_datetime_field else _today()
    qs = view.get_queryset().filter(**lookup).order_by(ordering)
    try:
        result = getattr(qs[0], date_field)
    except IndexError:
        return None
    if view.uses_datetime_field:
        if settings.USE_TZ:
            result = result.astimezone(get_current_timezone())
        result = result.date()
    return get_current(result)
