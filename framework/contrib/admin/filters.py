"""Changelist sidebar filters (``list_filter``): Django's ListFilter family.

A filter reads its parameters from the query string (``<field>__exact``,
``<field>__isnull``, ``<field>__gte`` ...), narrows the QuerySet and offers
choices, each a link built with ``changelist.get_query_string``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from framework.conf import settings
from framework.contrib.admin.utils import get_model_from_relation
from framework.core.exceptions import ImproperlyConfigured, ValidationError
from framework.db import models


class IncorrectLookupParameters(Exception):
    """The query string names a lookup or value the changelist cannot apply."""


class ListFilter:
    """The base of every filter: a title, a template, parameters and choices."""

    title: Any = None
    template = "admin/filter.html"

    def __init__(self, request: Any, params: dict, model: type, model_admin: Any):
        self.request = request
        self.used_parameters: dict[str, Any] = {}
        if self.title is None:
            raise ImproperlyConfigured(
                f"The list filter {self.__class__.__name__!r} does not specify a 'title'."
            )

    def has_output(self) -> bool:
        """True if the filter has choices to show."""
        raise NotImplementedError("subclasses of ListFilter must provide a has_output() method")

    def choices(self, changelist: Any) -> Iterator[dict]:
        """Dicts with ``selected``, ``query_string`` and ``display``."""
        raise NotImplementedError("subclasses of ListFilter must provide a choices() method")

    def queryset(self, request: Any, queryset: Any) -> Any:
        """The filtered QuerySet."""
        raise NotImplementedError("subclasses of ListFilter must provide a queryset() method")

    def expected_parameters(self) -> list[str]:
        """The query-string parameter names this filter reads."""
        raise NotImplementedError(
            "subclasses of ListFilter must provide an expected_parameters() method"
        )


class FacetsMixin:
    """Placeholder for Django's facet counts (not computed here)."""


class SimpleListFilter(ListFilter):
    """A filter with its own ``parameter_name``, ``lookups()`` and ``queryset()``."""

    parameter_name: str | None = None

    def __init__(self, request: Any, params: dict, model: type, model_admin: Any):
        super().__init__(request, params, model, model_admin)
        if self.parameter_name is None:
            raise ImproperlyConfigured(
                f"The list filter {self.__class__.__name__!r} does not specify a 'parameter_name'."
            )
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            self.used_parameters[self.parameter_name] = (
                value[-1] if isinstance(value, list) else value
            )
        lookup_choices = self.lookups(request, model_admin)
        self.lookup_choices = list(lookup_choices or ())

    def has_output(self) -> bool:
        return len(self.lookup_choices) > 0

    def value(self) -> Any:
        """The selected lookup value, or None."""
        return self.used_parameters.get(self.parameter_name)

    def lookups(self, request: Any, model_admin: Any) -> Any:
        """(value, label) pairs: the choices of this filter."""
        raise NotImplementedError(
            f"The SimpleListFilter {self.__class__.__name__!r} must define lookups()."
        )

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name]

    def choices(self, changelist: Any) -> Iterator[dict]:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "All",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class FieldListFilter(ListFilter):
    """A filter on a model field (or a field across relations: ``field_path``)."""

    _field_list_filters: list[tuple[Callable, type]] = []
    _take_priority_index = 0
    list_separator = ","

    def __init__(
        self,
        field: Any,
        request: Any,
        params: dict,
        model: type,
        model_admin: Any,
        field_path: str,
    ):
        self.field = field
        self.field_path = field_path
        self.title = getattr(field, "verbose_name", field_path)
        super().__init__(request, params, model, model_admin)
        for name in self.expected_parameters():
            if name in params:
                value = params.pop(name)
                self.used_parameters[name] = value[-1] if isinstance(value, list) else value

    def has_output(self) -> bool:
        return True

    def queryset(self, request: Any, queryset: Any) -> Any:
        try:
            return queryset.filter(**self.used_parameters)
        except (ValidationError, ValueError, TypeError) as exc:
            raise IncorrectLookupParameters(exc) from exc

    @classmethod
    def register(cls, test: Callable, list_filter_class: type, take_priority: bool = False) -> None:
        """Use ``list_filter_class`` for fields for which ``test(field)`` is true."""
        if take_priority:
            cls._field_list_filters.insert(cls._take_priority_index, (test, list_filter_class))
            cls._take_priority_index += 1
        else:
            cls._field_list_filters.append((test, list_filter_class))

    @classmethod
    def create(
        cls, field: Any, request: Any, params: dict, model: type, model_admin: Any, field_path: str
    ) -> FieldListFilter:
        """The first registered filter class whose test accepts ``field``."""
        for test, list_filter_class in cls._field_list_filters:
            if test(field):
                return list_filter_class(
                    field, request, params, model, model_admin, field_path=field_path
                )
        raise ImproperlyConfigured(f"No list filter applies to the field {field!r}.")


class RelatedFieldListFilter(FieldListFilter):
    """Filter on a foreign key or many-to-many: one choice per related object."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        other_model = get_model_from_relation(field)
        self.lookup_kwarg = f"{field_path}__{other_model._meta.pk.name}__exact"
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = self.used_parameters.get(self.lookup_kwarg)
        self.lookup_val_isnull = self.used_parameters.get(self.lookup_kwarg_isnull)
        self.lookup_choices = self.field_choices(field, request, model_admin)
        self.title = getattr(field, "verbose_name", other_model._meta.verbose_name)
        self.empty_value_display = model_admin.get_empty_value_display()

    @property
    def include_empty_choice(self) -> bool:
        return bool(getattr(self.field, "null", False)) or self.field.many_to_many

    def has_output(self) -> bool:
        extra = 1 if self.include_empty_choice else 0
        return len(self.lookup_choices) + extra > 1

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def field_choices(self, field: Any, request: Any, model_admin: Any) -> list:
        """(pk, str) of the related objects, ordered by the related admin's ordering."""
        related = field.related_model
        related_admin = model_admin.admin_site._registry.get(related)
        qs = related._default_manager.all()
        if related_admin is not None:
            ordering = related_admin.get_ordering(request)
            if ordering:
                qs = qs.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in qs]

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.lookup_val_isnull is not None:
            self.used_parameters[self.lookup_kwarg_isnull] = self.lookup_val_isnull in ("1", "True")
        return super().queryset(request, queryset)

    def choices(self, changelist: Any) -> Iterator[dict]:
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": "All",
        }
        for pk, title in self.lookup_choices:
            yield {
                "selected": self.lookup_val == str(pk),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: pk}, [self.lookup_kwarg_isnull]
                ),
                "display": title,
            }
        if self.include_empty_choice:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


class BooleanFieldListFilter(FieldListFilter):
    """Yes / No (/ Unknown) for a BooleanField."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__exact"
        self.lookup_kwarg2 = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = self.used_parameters.get(self.lookup_kwarg)
        self.lookup_val2 = self.used_parameters.get(self.lookup_kwarg2)
        for name, allowed in (
            (self.lookup_kwarg, ("0", "1", "True", "False")),
            (self.lookup_kwarg2, ("True", "False", "1", "0")),
        ):
            value = self.used_parameters.get(name)
            if value is not None and value not in allowed:
                raise IncorrectLookupParameters(f"{name}={value!r} is not a boolean: use 1 or 0.")
            if value is not None:
                self.used_parameters[name] = value in ("1", "True")

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg, self.lookup_kwarg2]

    def choices(self, changelist: Any) -> Iterator[dict]:
        field_choices = dict(self.field.flatchoices) if self.field.flatchoices else {}
        for value, title in (
            (None, "All"),
            ("1", field_choices.get(True, "Yes")),
            ("0", field_choices.get(False, "No")),
        ):
            yield {
                "selected": self.lookup_val == value and not self.lookup_val2,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: value}, [self.lookup_kwarg2]
                )
                if value is not None
                else changelist.get_query_string(remove=[self.lookup_kwarg, self.lookup_kwarg2]),
                "display": title,
            }
        if getattr(self.field, "null", False):
            yield {
                "selected": self.lookup_val2 == "True",
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg2: "True"}, [self.lookup_kwarg]
                ),
                "display": field_choices.get(None, "Unknown"),
            }


class ChoicesFieldListFilter(FieldListFilter):
    """One choice per entry of the field's ``choices``."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__exact"
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = self.used_parameters.get(self.lookup_kwarg)
        self.lookup_val_isnull = self.used_parameters.get(self.lookup_kwarg_isnull)
        if self.lookup_val_isnull is not None:
            self.used_parameters[self.lookup_kwarg_isnull] = self.lookup_val_isnull in (
                "1",
                "True",
            )

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def choices(self, changelist: Any) -> Iterator[dict]:
        yield {
            "selected": self.lookup_val is None,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": "All",
        }
        none_title = ""
        for lookup, title in self.field.flatchoices:
            if lookup is None:
                none_title = title
                continue
            yield {
                "selected": self.lookup_val == str(lookup),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: lookup}, [self.lookup_kwarg_isnull]
                ),
                "display": title,
            }
        if none_title:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": none_title,
            }


def _today() -> datetime.date:
    if settings.USE_TZ:
        return datetime.datetime.now(tz=datetime.UTC).date()
    return datetime.date.today()


class DateFieldListFilter(FieldListFilter):
    """Any date / Today / Past 7 days / This month / This year (/ No date / Has date)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.field_generic = f"{field_path}__"
        self.lookup_kwarg_since = f"{field_path}__gte"
        self.lookup_kwarg_until = f"{field_path}__lt"
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.date_params = {
            k: v for k, v in self.used_parameters.items() if k.startswith(self.field_generic)
        }
        today = _today()
        is_datetime = isinstance(field, models.DateTimeField)

        def bound(day: datetime.date) -> str:
            if is_datetime:
                start = datetime.datetime.combine(day, datetime.time())
                if settings.USE_TZ:
                    start = start.replace(tzinfo=datetime.UTC)
                return start.isoformat()
            return day.isoformat()

        tomorrow = today + datetime.timedelta(days=1)
        month_start = today.replace(day=1)
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        year_start = today.replace(month=1, day=1)
        next_year = year_start.replace(year=year_start.year + 1)
        self.links = [
            ("Any date", {}),
            (
                "Today",
                {self.lookup_kwarg_since: bound(today), self.lookup_kwarg_until: bound(tomorrow)},
            ),
            (
                "Past 7 days",
                {
                    self.lookup_kwarg_since: bound(today - datetime.timedelta(days=7)),
                    self.lookup_kwarg_until: bound(tomorrow),
                },
            ),
            (
                "This month",
                {
                    self.lookup_kwarg_since: bound(month_start),
                    self.lookup_kwarg_until: bound(next_month),
                },
            ),
            (
                "This year",
                {
                    self.lookup_kwarg_since: bound(year_start),
                    self.lookup_kwarg_until: bound(next_year),
                },
            ),
        ]
        if getattr(field, "null", False):
            self.links += [
                ("No date", {self.lookup_kwarg_isnull: "True"}),
                ("Has date", {self.lookup_kwarg_isnull: "False"}),
            ]
        if self.lookup_kwarg_isnull in self.used_parameters:
            self.used_parameters[self.lookup_kwarg_isnull] = self.used_parameters[
                self.lookup_kwarg_isnull
            ] in ("1", "True")

    def expected_parameters(self) -> list[str]:
        names = [self.lookup_kwarg_since, self.lookup_kwarg_until]
        if getattr(self.field, "null", False):
            names.append(self.lookup_kwarg_isnull)
        return names

    def choices(self, changelist: Any) -> Iterator[dict]:
        for title, param_dict in self.links:
            yield {
                "selected": self.date_params == param_dict,
                "query_string": changelist.get_query_string(param_dict, [self.field_generic]),
                "display": title,
            }


class AllValuesFieldListFilter(FieldListFilter):
    """One choice per distinct value of the field in the table."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = field_path
        self.lookup_kwarg_isnull = f"{field_path}__isnull"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = self.used_parameters.get(self.lookup_kwarg)
        self.lookup_val_isnull = self.used_parameters.get(self.lookup_kwarg_isnull)
        if self.lookup_val_isnull is not None:
            self.used_parameters[self.lookup_kwarg_isnull] = self.lookup_val_isnull in (
                "1",
                "True",
            )
        self.empty_value_display = model_admin.get_empty_value_display()
        queryset = model_admin.get_queryset(request)
        self.lookup_choices = (
            queryset.distinct().order_by(field_path).values_list(field_path, flat=True)
        )

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def choices(self, changelist: Any) -> Iterator[dict]:
        yield {
            "selected": self.lookup_val is None and self.lookup_val_isnull is None,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": "All",
        }
        include_none = False
        for value in self.lookup_choices:
            if value is None:
                include_none = True
                continue
            yield {
                "selected": self.lookup_val == str(value),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: value}, [self.lookup_kwarg_isnull]
                ),
                "display": str(value),
            }
        if include_none:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


class EmptyFieldListFilter(FieldListFilter):
    """Empty / Not empty."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__isempty"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_val = self.used_parameters.pop(self.lookup_kwarg, None)
        if self.lookup_val not in (None, "0", "1"):
            raise IncorrectLookupParameters(
                f"{self.lookup_kwarg}={self.lookup_val!r} is not valid: use 1 or 0."
            )

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.lookup_val is None:
            return queryset
        empty = models.Q(**{f"{self.field_path}__isnull": True})
        if isinstance(self.field, (models.CharField, models.TextField)):
            empty |= models.Q(**{self.field_path: ""})
        return queryset.filter(empty) if self.lookup_val == "1" else queryset.exclude(empty)

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg]

    def choices(self, changelist: Any) -> Iterator[dict]:
        for value, title in ((None, "All"), ("1", "Empty"), ("0", "Not empty")):
            yield {
                "selected": self.lookup_val == value,
                "query_string": changelist.get_query_string({self.lookup_kwarg: value})
                if value
                else changelist.get_query_string(remove=[self.lookup_kwarg]),
                "display": title,
            }


FieldListFilter.register(lambda f: bool(getattr(f, "flatchoices", None)), ChoicesFieldListFilter)
FieldListFilter.register(
    lambda f: getattr(f, "remote_field", None) is not None, RelatedFieldListFilter
)
FieldListFilter.register(lambda f: isinstance(f, models.BooleanField), BooleanFieldListFilter)
FieldListFilter.register(lambda f: isinstance(f, models.DateField), DateFieldListFilter)
FieldListFilter.register(lambda f: True, AllValuesFieldListFilter)

__all__ = [
    "AllValuesFieldListFilter",
    "BooleanFieldListFilter",
    "ChoicesFieldListFilter",
    "DateFieldListFilter",
    "EmptyFieldListFilter",
    "FieldListFilter",
    "IncorrectLookupParameters",
    "ListFilter",
    "RelatedFieldListFilter",
    "SimpleListFilter",
]
