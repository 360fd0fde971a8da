"""Date functions: Extract*, Trunc*, Now; and the date transforms of date fields."""

from __future__ import annotations

import datetime
import re

from framework.conf import settings
from framework.core.exceptions import FieldError
from framework.db.models.expressions import Func
from framework.db.models.fields import (
    DateField,
    DateTimeField,
    DurationField,
    Field,
    IntegerField,
    TimeField,
)
from framework.db.models.lookups import (
    Transform,
    YearExact,
    YearGt,
    YearGte,
    YearLt,
    YearLte,
)


def _current_tzname() -> str | None:
    if not settings.USE_TZ:
        return None
    return settings.TIME_ZONE


class TimezoneMixin:
    tzinfo = None

    def get_tzname(self):
        if self.tzinfo is not None:
            return str(self.tzinfo)
        return _current_tzname()


# Kinds and lookup names reach SQL text on some backends: only unit-like names pass.
_KIND_PATTERN = re.compile(r"[\w\-()]+")


class Extract(TimezoneMixin, Transform):
    """``EXTRACT(lookup_name FROM expression)`` (in the current time zone for datetimes)."""

    lookup_name: str | None = None
    output_field = IntegerField()

    def __init__(self, expression, lookup_name=None, tzinfo=None, **extra):
        if self.lookup_name is None:
            self.lookup_name = lookup_name
        if self.lookup_name is None:
            raise ValueError("lookup_name must be provided")
        self.tzinfo = tzinfo
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection):
        if not _KIND_PATTERN.fullmatch(self.lookup_name or ""):
            raise ValueError(
                f"Invalid lookup_name: {self.lookup_name!r}; use a unit such as 'year' or 'day'."
            )
        sql, params = compiler.compile(self.lhs)
        lhs_output_field = self.lhs.output_field
        if isinstance(lhs_output_field, DateTimeField):
            tzname = self.get_tzname()
            sql, params = connection.ops.datetime_extract_sql(
                self.lookup_name, sql, tuple(params), tzname
            )
        elif self.tzinfo is not None:
            raise ValueError("tzinfo can only be used with DateTimeField.")
        elif isinstance(lhs_output_field, DateField):
            sql, params = connection.ops.date_extract_sql(self.lookup_name, sql, tuple(params))
        elif isinstance(lhs_output_field, TimeField):
            sql, params = connection.ops.time_extract_sql(self.lookup_name, sql, tuple(params))
        elif isinstance(lhs_output_field, DurationField):
            if not connection.features.has_native_duration_field:
                raise ValueError("Extract requires native DurationField database support.")
            sql, params = connection.ops.time_extract_sql(self.lookup_name, sql, tuple(params))
        else:
            raise ValueError(
                "Extract input expression must be DateField, DateTimeField, "
                "TimeField, or DurationField."
            )
        return sql, params

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        copy = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        field = getattr(copy.lhs, "output_field", None)
        if field is None:
            return copy
        if not isinstance(field, (DateField, DateTimeField, TimeField, DurationField)):
            raise ValueError(
                "Extract input expression must be DateField, DateTimeField, TimeField, or "
                "DurationField."
            )
        if type(field) is DateField and copy.lookup_name in ("hour", "minute", "second"):
            raise ValueError(
                f"Cannot extract time component '{copy.lookup_name}' from DateField "
                f"'{getattr(copy.lhs, 'name', copy.lhs)}'."
            )
        return copy


class ExtractYear(Extract):
    lookup_name = "year"


class ExtractIsoYear(Extract):
    lookup_name = "iso_year"


class ExtractMonth(Extract):
    lookup_name = "month"


class ExtractDay(Extract):
    lookup_name = "day"


class ExtractWeek(Extract):
    lookup_name = "week"


class ExtractWeekDay(Extract):
    lookup_name = "week_day"


class ExtractIsoWeekDay(Extract):
    lookup_name = "iso_week_day"


class ExtractQuarter(Extract):
    lookup_name = "quarter"


class ExtractHour(Extract):
    lookup_name = "hour"


class ExtractMinute(Extract):
    lookup_name = "minute"


class ExtractSecond(Extract):
    lookup_name = "second"


for _cls in (
    ExtractYear,
    ExtractMonth,
    ExtractDay,
    ExtractWeekDay,
    ExtractIsoWeekDay,
    ExtractWeek,
    ExtractIsoYear,
    ExtractQuarter,
):
    DateField.register_lookup(_cls)
for _cls in (ExtractHour, ExtractMinute, ExtractSecond):
    TimeField.register_lookup(_cls)
    DateTimeField.register_lookup(_cls)
for _lookup in (YearExact, YearGt, YearGte, YearLt, YearLte):
    ExtractYear.register_lookup(_lookup)
    ExtractIsoYear.register_lookup(_lookup)


class Now(Func):
    """The current timestamp of the database."""

    template = "CURRENT_TIMESTAMP"
    output_field = DateTimeField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="STATEMENT_TIMESTAMP()", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', 'NOW')",
            **extra_context,
        )


class TruncBase(TimezoneMixin, Transform):
    kind: str | None = None
    tzinfo = None

    def __init__(self, expression, output_field=None, tzinfo=None, **extra):
        self.tzinfo = tzinfo
        super().__init__(expression, output_field=output_field, **extra)

    def as_sql(self, compiler, connection):
        if not _KIND_PATTERN.fullmatch(self.kind or ""):
            raise ValueError(f"Invalid kind: {self.kind!r}; use a unit such as 'year' or 'day'.")
        sql, params = compiler.compile(self.lhs)
        tzname = None
        if isinstance(self.lhs.output_field, DateTimeField):
            tzname = self.get_tzname()
        elif self.tzinfo is not None:
            raise ValueError("tzinfo can only be used with DateTimeField.")
        if isinstance(self.output_field, DateTimeField):
            return connection.ops.datetime_trunc_sql(self.kind, sql, tuple(params), tzname)
        if isinstance(self.output_field, DateField):
            return connection.ops.date_trunc_sql(self.kind, sql, tuple(params), tzname)
        if isinstance(self.output_field, TimeField):
            return connection.ops.time_trunc_sql(self.kind, sql, tuple(params), tzname)
        raise ValueError("Trunc only valid on DateField, TimeField, or DateTimeField.")

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        copy = super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        field = copy.lhs.output_field
        if not isinstance(field, (DateField, TimeField)):
            raise TypeError(f"{field.name!r} isn't a DateField, TimeField, or DateTimeField.")
        output_field = copy.output_field
        if type(field) is DateField and (
            isinstance(output_field, DateTimeField)
            or copy.kind in ("hour", "minute", "second", "time")
        ):
            raise ValueError(
                f"Cannot truncate DateField '{getattr(field, 'name', field)}' to "
                f"{'DateTimeField' if isinstance(output_field, DateTimeField) else copy.kind}."
            )
        return copy

    def convert_value(self, value, expression, connection):
        if isinstance(self.output_field, DateTimeField) and value is not None:
            if isinstance(value, str):
                value = datetime.datetime.fromisoformat(value)
            if settings.USE_TZ and value.tzinfo is None:
                value = value.replace(tzinfo=datetime.UTC)
        elif isinstance(self.output_field, DateField) and value is not None:
            if isinstance(value, datetime.datetime):
                value = value.date()
            elif isinstance(value, str):
                value = datetime.date.fromisoformat(value[:10])
        elif isinstance(self.output_field, TimeField) and value is not None:
            if isinstance(value, datetime.datetime):
                value = value.time()
            elif isinstance(value, str):
                value = datetime.time.fromisoformat(value)
        return value


class Trunc(TruncBase):
    def __init__(self, expression, kind, output_field=None, tzinfo=None, **extra):
        self.kind = kind
        super().__init__(expression, output_field=output_field, tzinfo=tzinfo, **extra)


class TruncYear(TruncBase):
    kind = "year"


class TruncQuarter(TruncBase):
    kind = "quarter"


class TruncMonth(TruncBase):
    kind = "month"


class TruncWeek(TruncBase):
    kind = "week"


class TruncDay(TruncBase):
    kind = "day"


class TruncDate(TruncBase):
    kind = "date"
    lookup_name = "date"
    output_field = DateField()

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.lhs)
        tzname = self.get_tzname()
        return connection.ops.datetime_cast_date_sql(lhs, tuple(lhs_params), tzname)


class TruncTime(TruncBase):
    kind = "time"
    lookup_name = "time"
    output_field = TimeField()

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.lhs)
        tzname = self.get_tzname()
        return connection.ops.datetime_cast_time_sql(lhs, tuple(lhs_params), tzname)


class TruncHour(TruncBase):
    kind = "hour"


class TruncMinute(TruncBase):
    kind = "minute"


class TruncSecond(TruncBase):
    kind = "second"


DateTimeField.register_lookup(TruncDate)
DateTimeField.register_lookup(TruncTime)

__all__ = ["Field", "FieldError"]
