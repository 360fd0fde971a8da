"""Paginator: split a list or QuerySet into pages (Django's API)."""

from __future__ import annotations

import collections.abc
import inspect
import warnings
from functools import cached_property
from math import ceil
from typing import Any


class UnorderedObjectListWarning(RuntimeWarning):
    """Paginating an unordered QuerySet gives inconsistent pages."""


class InvalidPage(Exception):
    """The requested page is not valid."""


class PageNotAnInteger(InvalidPage):
    """The page number is not an integer."""


class EmptyPage(InvalidPage):
    """The page number is out of range."""


class Paginator:
    """Pages of ``per_page`` items over ``object_list`` (a sequence or a QuerySet).

    ``orphans``: a last page with that many items or fewer is merged into the previous
    one. ``allow_empty_first_page``: page 1 of an empty list is valid.
    """

    ELLIPSIS = "…"
    default_error_messages = {
        "invalid_page": "That page number is not an integer",
        "min_page": "That page number is less than 1",
        "no_results": "That page contains no results",
    }

    def __init__(
        self,
        object_list: Any,
        per_page: int | str,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        error_messages: dict[str, str] | None = None,
    ):
        self.object_list = object_list
        self._check_object_list_is_ordered()
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        self.allow_empty_first_page = allow_empty_first_page
        self.error_messages = {**self.default_error_messages, **(error_messages or {})}
        if self.per_page < 1:
            raise ValueError(f"per_page must be at least 1, not {per_page!r}.")

    def __repr__(self) -> str:
        return f"<Paginator: {self.count} objects, {self.per_page} per page>"

    def __iter__(self):
        for page_number in self.page_range:
            yield self.page(page_number)

    def validate_number(self, number: Any) -> int:
        """Return ``number`` as an int, or raise PageNotAnInteger / EmptyPage."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > self.num_pages:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def get_page(self, number: Any) -> Page:
        """Return a valid page even for bad input: the first or the last page."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return self.page(number)

    def page(self, number: Any) -> Page:
        """Return the Page for a 1-based number; raise InvalidPage if out of range."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.object_list[bottom:top], number, self)

    @cached_property
    def count(self) -> int:
        """Total number of objects (``count()`` for QuerySets, ``len()`` otherwise)."""
        c = getattr(self.object_list, "count", None)
        if callable(c) and not inspect.isbuiltin(c) and _takes_no_arguments(c):
            return c()
        return len(self.object_list)

    @cached_property
    def num_pages(self) -> int:
        """Number of pages."""
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return ceil(hits / self.per_page)

    @property
    def page_range(self) -> range:
        """1-based range of page numbers."""
        return range(1, self.num_pages + 1)

    def get_elided_page_range(self, number: int = 1, *, on_each_side: int = 3, on_ends: int = 2):
        """Yield page numbers around ``number`` and at the ends, with ELLIPSIS between."""
        number = self.validate_number(number)
        if self.num_pages <= (on_each_side + on_ends) * 2:
            yield from self.page_range
            return
        if number > (1 + on_each_side + on_ends) + 1:
            yield from range(1, on_ends + 1)
            yield self.ELLIPSIS
            yield from range(number - on_each_side, number + 1)
        else:
            yield from range(1, number + 1)
        if number < (self.num_pages - on_each_side - on_ends) - 1:
            yield from range(number + 1, number + on_each_side + 1)
            yield self.ELLIPSIS
            yield from range(self.num_pages - on_ends + 1, self.num_pages + 1)
        else:
            yield from range(number + 1, self.num_pages + 1)

    def _check_object_list_is_ordered(self) -> None:
        ordered = getattr(self.object_list, "ordered", None)
        if ordered is not None and not ordered:
            model = getattr(self.object_list, "model", None)
            desc = (
                f"{model.__name__} {type(self.object_list).__name__}"
                if model
                else repr(self.object_list)
            )
            warnings.warn(
                f"Pagination may yield inconsistent results with an unordered object_list: {desc}.",
                UnorderedObjectListWarning,
                stacklevel=3,
            )


def _takes_no_arguments(func: Any) -> bool:
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return False
    return all(
        p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in signature.parameters.values()
    )


class Page(collections.abc.Sequence):
    """One page of a Paginator: a sequence of its objects plus navigation helpers."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Page {self.number} of {self.paginator.num_pages}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        if not isinstance(index, (int, slice)):
            raise TypeError(f"Page indices must be integers or slices, not {type(index).__name__}.")
        # Evaluate a QuerySet once rather than querying for each index.
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list[index]

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self) -> int:
        return self.paginator.validate_number(self.number - 1)

    def start_index(self) -> int:
        """1-based index of the first object on this page (0 for an empty list)."""
        if self.paginator.count == 0:
            return 0
        return (self.paginator.per_page * (self.number - 1)) + 1

    def end_index(self) -> int:
        """1-based index of the last object on this page."""
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page
