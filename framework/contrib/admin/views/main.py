"""``ChangeList``: the query, sorting, search, filters and page of one changelist request.

Counting stays cheap on big tables: without filters or search the count comes from
the database's estimate on PostgreSQL once it passes ``ADMIN_ESTIMATED_COUNT_THRESHOLD``.
"""

from __future__ import annotations

import operator
import shlex
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from framework.conf import settings
from framework.contrib.admin.exceptions import DisallowedModelAdminLookup
from framework.contrib.admin.facets import ShowFacets, facets_enabled
from framework.contrib.admin.filters import (
    FieldListFilter,
    IncorrectLookupParameters,
    ListFilter,
)
from framework.contrib.admin.search import supports_full_text
from framework.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    get_fields_from_path,
    label_for_field,
    lookup_field,
    lookup_spawns_duplicates,
)
from framework.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from framework.core.paginator import InvalidPage
from framework.db import connections, models

ALL_VAR = "all"
ORDER_VAR = "o"
PAGE_VAR = "p"
SEARCH_VAR = "q"
ERROR_FLAG = "e"
IGNORED_PARAMS = (
    ALL_VAR,
    ORDER_VAR,
    SEARCH_VAR,
    "_popup",
    "_to_field",
    "_facets",
    ERROR_FLAG,
    "_changelist_filters",
)


def estimated_count(queryset: Any) -> int | None:
    """PostgreSQL's row estimate of the table behind ``queryset`` (None elsewhere or unknown)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    if not row or row[0] is None or row[0] < 0:
        return None
    return int(row[0])


def fast_count(queryset: Any, unfiltered: bool) -> int:
    """``count()``, or the planner's estimate for an unfiltered huge PostgreSQL table."""
    threshold = settings.ADMIN_ESTIMATED_COUNT_THRESHOLD
    if unfiltered and threshold is not None:
        estimate = estimated_count(queryset)
        if estimate is not None and estimate > threshold:
            return estimate
    return queryset.count()


class ChangeList:
    """One changelist request: parameters parsed, QuerySet built, page fetched."""

    search_form_class = None

    def __init__(
        self,
        request: Any,
        model: type,
        list_display: Any,
        list_display_links: Any,
        list_filter: Any,
        date_hierarchy: Any,
        search_fields: Any,
        list_select_related: Any,
        list_per_page: int,
        list_max_show_all: int,
        list_editable: Any,
        model_admin: Any,
        sortable_by: Any,
        search_help_text: Any = None,
    ):
        self.model = model
        self.opts = model._meta
        self.lookup_opts = self.opts
        self.root_queryset = model_admin.get_queryset(request)
        self.list_display = list(list_display)
        self.list_display_links = list_display_links
        self.list_filter = list_filter
        self.has_filters = None
        self.has_active_filters = None
        self.clear_all_filters_qs = None
        self.date_hierarchy = date_hierarchy
        self.search_fields = search_fields
        self.list_select_related = list_select_related
        self.list_per_page = list_per_page
        self.list_max_show_all = list_max_show_all
        self.model_admin = model_admin
        self.preserved_filters = model_admin.get_preserved_filters(request)
        self.sortable_by = sortable_by
        self.search_help_text = search_help_text
        self.request = request
        try:
            self.page_num = int(request.GET.get(PAGE_VAR, 1))
        except ValueError:
            raise IncorrectLookupParameters(
                f"{PAGE_VAR}={request.GET.get(PAGE_VAR)!r} is not a page number."
            ) from None
        if self.page_num < 1:
            raise IncorrectLookupParameters(f"{PAGE_VAR} must be 1 or more.")
        self.show_all = ALL_VAR in request.GET
        self.is_popup = "_popup" in request.GET
        self.facets_enabled = facets_enabled(model_admin, request)
        self.facets_optional = (model_admin.show_facets or ShowFacets.ALLOW) is ShowFacets.ALLOW
        self.to_field = request.GET.get("_to_field")
        self.params = {k: v for k, v in request.GET.lists() if k not in (PAGE_VAR, ERROR_FLAG)}
        self.filter_params = {k: list(v) for k, v in self.params.items() if k not in IGNORED_PARAMS}
        self.query = request.GET.get(SEARCH_VAR, "")
        self.list_editable = list_editable
        self.queryset = self.get_queryset(request)
        self.get_results(request)
        self.title = (
            f"Select {self.opts.verbose_name} to change"
            if model_admin.has_change_permission(request)
            else f"Select {self.opts.verbose_name} to view"
        )
        self.pk_attname = self.opts.pk.attname

    def __repr__(self) -> str:
        return f"<ChangeList: model={self.opts.object_name} model_admin={self.model_admin!r}>"

    # -- query string --------------------------------------------------------------------

    def get_query_string(self, new_params: dict | None = None, remove: Any = None) -> str:
        """``?...`` of the current parameters with ``new_params`` set and ``remove`` dropped.

        A name in ``remove`` also drops every parameter it prefixes ("pub_date__").
        """
        params = {k: list(v) for k, v in self.params.items()}
        for prefix in remove or ():
            for key in list(params):
                if key.startswith(prefix):
                    del params[key]
        for key, value in (new_params or {}).items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = [str(value)]
        return "?" + urlencode([(k, v) for k, vs in params.items() for v in vs])

    # -- filters --------------------------------------------------------------------------

    def get_filters(self, request: Any) -> tuple:
        """(filter specs, has filters, remaining lookup params, may have duplicates, active)."""
        lookup_params = {k: list(v) for k, v in self.filter_params.items()}
        filter_specs = []
        may_have_duplicates = False
        has_active_filters = False
        for list_filter in self.list_filter:
            lookup_params_count = len(lookup_params)
            if (
                callable(list_filter)
                and isinstance(list_filter, type)
                and issubclass(list_filter, ListFilter)
                and not issubclass(list_filter, FieldListFilter)
            ):
                spec = list_filter(request, lookup_params, self.model, self.model_admin)
            else:
                field_path = None
                if isinstance(list_filter, (tuple, list)):
                    field, field_list_filter_class = list_filter
                else:
                    field, field_list_filter_class = list_filter, FieldListFilter.create
                if not isinstance(field, models.Field):
                    field_path = field
                    field = get_fields_from_path(self.model, field_path)[-1]
                spec = field_list_filter_class(
                    field,
                    request,
                    lookup_params,
                    self.model,
                    self.model_admin,
                    field_path=field_path,
                )
                if lookup_params_count > len(lookup_params):
                    may_have_duplicates |= lookup_spawns_duplicates(self.lookup_opts, field_path)
            if spec and spec.has_output():
                filter_specs.append(spec)
                if lookup_params_count > len(lookup_params):
                    has_active_filters = True
        if self.date_hierarchy:
            field = self.date_hierarchy
            for part in ("year", "month", "day"):
                key = f"{field}__{part}"
                if key in lookup_params:
                    has_active_filters = True
        remaining = {}
        for key, values in lookup_params.items():
            remaining[key] = values[-1]
            if key.endswith("__in"):
                remaining[key] = values[-1].split(",")
            elif key.endswith("__isnull"):
                remaining[key] = values[-1] in ("1", "True", "true")
        return filter_specs, bool(filter_specs), remaining, may_have_duplicates, has_active_filters

    def _check_lookup(self, key: str) -> None:
        # Only lookups on model fields the admin shows are allowed (Django's lookup_allowed).
        parts = key.split("__")
        model = self.model
        for part in parts:
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                if part in (
                    "exact",
                    "iexact",
                    "in",
                    "isnull",
                    "gte",
                    "lte",
                    "gt",
                    "lt",
                    "year",
                    "month",
                    "day",
                    "contains",
                    "icontains",
                    "startswith",
                    "istartswith",
                    "range",
                    "id",
                    "pk",
                ):
                    continue
                raise IncorrectLookupParameters(
                    f"Filtering by {key!r} is not allowed: {part!r} is not a field of "
                    f"{model._meta.label}."
                ) from None
            if field.is_relation and field.related_model is not None:
                model = field.related_model
        if not self.model_admin.lookup_allowed(key, None, self.request):
            raise DisallowedModelAdminLookup(f"Filtering by {key} not allowed")

    def get_queryset(self, request: Any) -> Any:
        """The filtered, searched and ordered QuerySet."""
        (
            self.filter_specs,
            self.has_filters,
            remaining_lookup_params,
            filters_may_have_duplicates,
            self.has_active_filters,
        ) = self.get_filters(request)
        self.remaining_lookup_params = remaining_lookup_params
        qs = self.root_queryset
        for filter_spec in self.filter_specs:
            new_qs = filter_spec.queryset(request, qs)
            if new_qs is not None:
                qs = new_qs
        try:
            for key in remaining_lookup_params:
                self._check_lookup(key)
            qs = qs.filter(**remaining_lookup_params)
        except IncorrectLookupParameters:
            raise
        except (ValueError, TypeError, FieldDoesNotExist) as exc:
            raise IncorrectLookupParameters(exc) from exc
        try:
            qs, search_may_have_duplicates = self.model_admin.get_search_results(
                request, qs, self.query
            )
        except ValidationError as exc:
            raise IncorrectLookupParameters(exc) from exc
        self.clear_all_filters_qs = self.get_query_string(
            new_params=None,
            remove=[k for k in self.params if k not in IGNORED_PARAMS and k != SEARCH_VAR],
        )
        if filters_may_have_duplicates or search_may_have_duplicates:
            qs = qs.distinct()
        ordering = self.get_ordering(request, qs)
        qs = qs.order_by(*ordering)
        if self.list_select_related is True:
            qs = qs.select_related()
        elif self.list_select_related:
            qs = qs.select_related(*self.list_select_related)
        else:
            related = [
                name for name in self.list_display if isinstance(name, str) and self._is_fk(name)
            ]
            if related:
                qs = qs.select_related(*related)
        self.filtered = bool(remaining_lookup_params) or self.has_active_filters or bool(self.query)
        return qs

    def _is_fk(self, name: str) -> bool:
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            return False
        return bool(field.is_relation and field.many_to_one)

    # -- ordering -------------------------------------------------------------------------

    def get_ordering_field(self, field_name: Any) -> Any:
        """The ORM ordering of a list_display item, or None when it cannot be sorted."""
        try:
            field = self.opts.get_field(field_name)
            return field.name
        except (FieldDoesNotExist, TypeError):
            if callable(field_name):
                attr = field_name
            elif hasattr(self.model_admin, field_name):
                attr = getattr(self.model_admin, field_name)
            else:
                attr = getattr(self.model, field_name, None)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                attr = attr.fget
            return getattr(attr, "admin_order_field", None)

    def get_ordering_field_columns(self) -> dict:
        """{column index: "asc"|"desc"} of the ``o`` parameter."""
        columns: dict = {}
        if ORDER_VAR not in self.params:
            return columns
        for part in self.params[ORDER_VAR][-1].split("."):
            none, pfx, idx = part.rpartition("-")
            try:
                idx = int(idx)
            except ValueError:
                continue
            columns[idx] = "desc" if pfx == "-" else "asc"
        return columns

    def get_ordering(self, request: Any, queryset: Any) -> list:
        """The ``order_by`` of the page: chosen columns, then the admin's, then -pk."""
        params = self.params
        ordering = list(self.model_admin.get_ordering(request) or self.opts.ordering or [])
        if ORDER_VAR in params:
            ordering = []
            for part in params[ORDER_VAR][-1].split("."):
                none, pfx, idx = part.rpartition("-")
                try:
                    field_name = self.list_display[int(idx)]
                except (ValueError, IndexError):
                    continue
                if field_name not in self.sortable_by:
                    continue
                order_field = self.get_ordering_field(field_name)
                if not order_field:
                    continue
                if hasattr(order_field, "as_sql") or hasattr(order_field, "resolve_expression"):
                    ordering.append(order_field.desc() if pfx == "-" else order_field.asc())
                elif isinstance(order_field, str) and order_field.startswith("-"):
                    ordering.append(order_field[1:] if pfx == "-" else order_field)
                else:
                    ordering.append(("-" if pfx == "-" else "") + str(order_field))
        names = {o.lstrip("-") for o in ordering if isinstance(o, str)}
        if not ({"pk", self.opts.pk.name} & names):
            ordering.append("-pk")
        return ordering

    # -- results --------------------------------------------------------------------------

    def get_results(self, request: Any) -> None:
        """Count, paginate and fetch the page (at most two queries besides filters')."""
        unfiltered = not self.filtered
        result_count = fast_count(self.queryset, unfiltered)
        if self.model_admin.show_full_result_count and not unfiltered:
            full_result_count = fast_count(self.root_queryset, True)
        elif unfiltered:
            full_result_count = result_count
        else:
            full_result_count = None
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        paginator.__dict__["count"] = result_count
        can_show_all = result_count <= self.list_max_show_all
        multi_page = result_count > self.list_per_page
        if (self.show_all and can_show_all) or not multi_page:
            result_list = list(self.queryset)
        else:
            try:
                result_list = list(paginator.page(self.page_num).object_list)
            except InvalidPage:
                raise IncorrectLookupParameters(f"Page {self.page_num} does not exist.") from None
        self.result_count = result_count
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.show_admin_actions = not self.show_full_result_count or bool(full_result_count)
        self.full_result_count = full_result_count
        self.result_list = result_list
        self.can_show_all = can_show_all
        self.multi_page = multi_page
        self.paginator = paginator

    def page_links(self) -> list:
        """The page numbers to link ("…" for a gap)."""
        if not self.multi_page or (self.show_all and self.can_show_all):
            return []
        return list(self.paginator.get_elided_page_range(self.page_num))

    # -- rendering helpers ----------------------------------------------------------------

    def result_headers(self) -> list[dict]:
        """One dict per column: label, sortability and sort links."""
        ordering = self.get_ordering_field_columns()
        headers = []
        for i, field_name in enumerate(self.list_display):
            if field_name == "action_checkbox":
                headers.append(
                    {"text": "", "checkbox": True, "class_attrib": "action-checkbox-column"}
                )
                continue
            text, attr = label_for_field(
                field_name, self.model, model_admin=self.model_admin, return_attr=True
            )
            is_sortable = field_name in self.sortable_by and bool(
                self.get_ordering_field(field_name)
            )
            header = {
                "text": text,
                "sortable": is_sortable,
                "checkbox": False,
                "class_attrib": f"column-{field_name if isinstance(field_name, str) else getattr(field_name, '__name__', i)}",
            }
            if is_sortable:
                order_type = ordering.get(i)
                new_order = "asc" if order_type != "asc" else "desc"
                others = [f"{'-' if t == 'desc' else ''}{j}" for j, t in ordering.items() if j != i]
                first = f"{'-' if new_order == 'desc' else ''}{i}"
                header.update(
                    {
                        "sorted": i in ordering,
                        "ascending": order_type == "asc",
                        "sort_priority": list(ordering).index(i) + 1 if i in ordering else 0,
                        "url_primary": self.get_query_string(
                            {ORDER_VAR: ".".join([first, *others])}
                        ),
                        "url_remove": self.get_query_string({ORDER_VAR: ".".join(others) or None}),
                        "aria_sort": "ascending"
                        if order_type == "asc"
                        else ("descending" if order_type == "desc" else "none"),
                    }
                )
            headers.append(header)
        return headers

    def filter_choices(self, spec: Any) -> list[dict]:
        """The choices of one filter, with facet counts when they are shown."""
        if self.facets_enabled:
            from framework.contrib.admin.facets import choices_with_counts

            return choices_with_counts(self, self.request, spec)
        return list(spec.choices(self))

    def url_for_result(self, result: Any) -> str:
        """The change URL of one row."""
        return self.model_admin.admin_url("change", result.pk)

    def rows(self) -> list[dict]:
        """One dict per object: its pk and its rendered cells."""
        empty = self.model_admin.get_empty_value_display()
        links = self.list_display_links
        first_column = next((name for name in self.list_display if name != "action_checkbox"), None)
        preserved = self.preserved_filters
        out = []
        formset = getattr(self, "formset", None)
        forms_by_pk = {form.instance.pk: form for form in formset.forms} if formset else {}
        popup_attr = None
        if self.is_popup:
            popup_attr = (
                self.opts.get_field(self.to_field).attname if self.to_field else self.pk_attname
            )
        for result in self.result_list:
            cells = []
            row_form = forms_by_pk.get(result.pk)
            url = self.url_for_result(result)
            if preserved:
                url += "?" + preserved
            for field_name in self.list_display:
                if field_name == "action_checkbox":
                    cells.append({"checkbox": True})
                    continue
                try:
                    f, attr, value = lookup_field(field_name, result, self.model_admin)
                except ObjectDoesNotExist:
                    html = empty
                else:
                    if f is None:
                        boolean = getattr(attr, "boolean", False)
                        html = display_for_value(value, empty, boolean)
                        if not boolean and hasattr(value, "__html__"):
                            html = value
                    elif f.is_relation and f.many_to_one:
                        related = getattr(result, f.name)
                        html = str(related) if related is not None else empty
                    else:
                        html = display_for_field(value, f, empty)
                is_link = (field_name in links) if links else field_name == first_column
                if links is None:
                    is_link = False
                if row_form is not None and field_name in self.list_editable:
                    html = row_form[field_name]
                    is_link = False
                cells.append(
                    {
                        "checkbox": False,
                        "html": html,
                        "link": url if is_link else None,
                        "name": field_name if isinstance(field_name, str) else "",
                    }
                )
            out.append(
                {
                    "pk": result.pk,
                    "cells": cells,
                    "object": result,
                    "form": row_form,
                    "popup_value": result.serializable_value(popup_attr) if popup_attr else "",
                }
            )
        return out

    def date_hierarchy_links(self) -> list[dict]:
        """Year (then month, then day) links of ``date_hierarchy``."""
        field = self.date_hierarchy
        if not field:
            return []
        year = self.params.get(f"{field}__year", [None])[-1]
        month = self.params.get(f"{field}__month", [None])[-1]
        links = []
        if year and month:
            days = self.queryset.dates(field, "day")
            links = [
                {
                    "title": d.strftime("%B %d"),
                    "link": self.get_query_string(
                        {
                            f"{field}__year": d.year,
                            f"{field}__month": d.month,
                            f"{field}__day": d.day,
                        }
                    ),
                }
                for d in days
            ]
        elif year:
            months = self.queryset.dates(field, "month")
            links = [
                {
                    "title": d.strftime("%B %Y"),
                    "link": self.get_query_string(
                        {f"{field}__year": d.year, f"{field}__month": d.month}, [f"{field}__day"]
                    ),
                }
                for d in months
            ]
        else:
            years = self.queryset.dates(field, "year")
            links = [
                {
                    "title": str(d.year),
                    "link": self.get_query_string(
                        {f"{field}__year": d.year}, [f"{field}__month", f"{field}__day"]
                    ),
                }
                for d in years
            ]
        return links


def construct_search(field_name: str, opts: Any) -> str:
    """The lookup of one ``search_fields`` entry (``^`` startswith, ``=`` exact, ``@`` search)."""
    if field_name.startswith("^"):
        return f"{field_name[1:]}__istartswith"
    if field_name.startswith("="):
        return f"{field_name[1:]}__iexact"
    if field_name.startswith("@"):
        return f"{field_name[1:]}__search"
    parts = field_name.split("__")
    last = parts[-1]
    if last in (
        "exact",
        "iexact",
        "contains",
        "icontains",
        "startswith",
        "istartswith",
        "search",
        "in",
    ):
        return field_name
    return f"{field_name}__icontains"


def search_terms(search_term: str) -> list[str]:
    """Words of the search box; "quoted phrases" stay one term."""
    try:
        return [t for t in shlex.split(search_term) if t]
    except ValueError:
        return search_term.split()


def search_queryset(queryset: Any, search_fields: Any, search_term: str, opts: Any) -> tuple:
    """Apply the search box to ``queryset``: (queryset, may have duplicates)."""
    if not (search_fields and search_term):
        return queryset, False
    full_text = supports_full_text(queryset)
    lookups = []
    for name in search_fields:
        lookup = construct_search(str(name), opts)
        if lookup.endswith("__search") and not full_text:
            # PostgreSQL only: elsewhere "@" degrades to icontains.
            lookup = lookup[: -len("__search")] + "__icontains"
        lookups.append(lookup)
    for term in search_terms(search_term):
        queryset = queryset.filter(
            reduce(operator.or_, (models.Q(**{lookup: term}) for lookup in lookups))
        )
    may_have_duplicates = any(lookup_spawns_duplicates(opts, lookup) for lookup in lookups)
    return queryset, may_have_duplicates
