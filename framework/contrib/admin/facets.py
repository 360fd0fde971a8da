"""Facet counts of the changelist filters (Django 5.0's ``show_facets``): next to each
filter choice, how many objects it would show, computed with one aggregate query per
filter over the list as filtered by the other filters and the search."""

from __future__ import annotations

import copy
import enum
from typing import Any
from urllib.parse import parse_qsl

from framework.db.models import Count, Q

IS_FACETS_VAR = "_facets"


class ShowFacets(enum.Enum):
    """When the changelist shows facet counts."""

    NEVER = "NEVER"
    ALLOW = "ALLOW"
    ALWAYS = "ALWAYS"


def facets_enabled(model_admin: Any, request: Any) -> bool:
    """Whether counts are shown: always, never, or when ``_facets`` is in the URL."""
    show = model_admin.show_facets or ShowFacets.ALLOW
    if show is ShowFacets.ALWAYS:
        return True
    if show is ShowFacets.NEVER:
        return False
    return IS_FACETS_VAR in request.GET


def _base_queryset(cl: Any, request: Any, spec: Any) -> Any:
    qs = cl.root_queryset
    for other in cl.filter_specs:
        if other is not spec:
            new_qs = other.queryset(request, qs)
            if new_qs is not None:
                qs = new_qs
    qs = qs.filter(**getattr(cl, "remaining_lookup_params", {}))
    qs, _ = cl.model_admin.get_search_results(request, qs, cl.query)
    return qs


def _lookups(params: dict) -> dict:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key.endswith("__isnull"):
            out[key] = value in ("1", "True", "true")
        elif key.endswith("__in"):
            out[key] = value.split(",")
        else:
            out[key] = value
    return out


def _choice_q(spec: Any, request: Any, model: Any, params: dict) -> Q:
    from framework.contrib.admin.filters import (
        EmptyFieldListFilter,
        FieldListFilter,
        SimpleListFilter,
    )

    mine = {k: v for k, v in params.items() if k in spec.expected_parameters()}
    plain = isinstance(spec, FieldListFilter) and not isinstance(spec, EmptyFieldListFilter)
    if plain:
        return Q(**_lookups(mine))
    # Filters with their own queryset(): run it on a copy holding the choice's value.
    clone = copy.copy(spec)
    if isinstance(spec, SimpleListFilter):
        clone.used_parameters = dict(mine)
    elif isinstance(spec, EmptyFieldListFilter):
        clone.lookup_val = mine.get(spec.lookup_kwarg)
    else:
        clone.used_parameters = dict(mine)
    narrowed = clone.queryset(request, model._default_manager.all())
    if narrowed is None:
        return Q()
    return Q(pk__in=narrowed.values("pk"))


def choices_with_counts(cl: Any, request: Any, spec: Any) -> list[dict]:
    """The filter's choices, each with ``count`` (one aggregate query for all of them)."""
    choices = list(spec.choices(cl))
    model = cl.model
    counts = {}
    for index, choice in enumerate(choices):
        params = dict(parse_qsl(choice["query_string"].lstrip("?"), keep_blank_values=True))
        counts[f"f{index}"] = Count("pk", filter=_choice_q(spec, request, model, params))
    if counts:
        result = _base_queryset(cl, request, spec).order_by().aggregate(**counts)
        for index, choice in enumerate(choices):
            choice["count"] = result[f"f{index}"]
    return choices
