"""The JSON endpoint behind ``autocomplete_fields`` (Django's ``AutocompleteJsonView``).

``GET admin/autocomplete/?term=..&app_label=..&model_name=..&field_name=..`` answers
``{"results": [{"id": "1", "text": "..."}], "pagination": {"more": false}}`` with the
objects of the related model's admin search, for users who may view them.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import FieldDoesNotExist, PermissionDenied
from framework.http import HttpResponseBadRequest, JsonResponse
from framework.views.generic import View

PAGE_SIZE = 20


class AutocompleteJsonView(View):
    """Search the related model's admin for one autocomplete field."""

    admin_site: Any = None
    paginate_by = PAGE_SIZE

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            term, model_admin, source_field, to_field_name = self.process_request(request)
        except _BadRequest as exc:
            return HttpResponseBadRequest(str(exc))
        if not self.has_perm(request, model_admin):
            raise PermissionDenied
        queryset = model_admin.get_queryset(request)
        queryset, may_have_duplicates = model_admin.get_search_results(request, queryset, term)
        if may_have_duplicates:
            queryset = queryset.distinct()
        if not getattr(queryset, "ordered", True):
            queryset = queryset.order_by("pk")
        try:
            page = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            return HttpResponseBadRequest("page must be a number.")
        start = (page - 1) * self.paginate_by
        rows = list(queryset[start : start + self.paginate_by + 1])
        more = len(rows) > self.paginate_by
        return JsonResponse(
            {
                "results": [
                    {"id": str(getattr(obj, to_field_name)), "text": str(obj)}
                    for obj in rows[: self.paginate_by]
                ],
                "pagination": {"more": more},
            }
        )

    def process_request(self, request: Any) -> tuple:
        """(term, related ModelAdmin, source field, to_field name); 400 on bad parameters."""
        from framework.apps import apps

        term = request.GET.get("term", "")
        try:
            app_label = request.GET["app_label"]
            model_name = request.GET["model_name"]
            field_name = request.GET["field_name"]
        except KeyError as exc:
            raise _BadRequest(f"The autocomplete request lacks the {exc.args[0]!r} parameter.")
        try:
            source_model = apps.get_model(app_label, model_name)
        except LookupError:
            raise _BadRequest(f"No model {app_label}.{model_name}.") from None
        try:
            source_field = source_model._meta.get_field(field_name)
        except FieldDoesNotExist:
            raise _BadRequest(f"{model_name} has no field {field_name!r}.") from None
        remote_model = getattr(source_field, "related_model", None)
        if remote_model is None:
            raise _BadRequest(f"{field_name!r} is not a relation.")
        source_admin = self.admin_site._registry.get(source_model)
        model_admin = self.admin_site._registry.get(remote_model)
        if source_admin is None or model_admin is None:
            raise _BadRequest(f"{remote_model._meta.label} is not registered in this admin.")
        if field_name not in source_admin.get_autocomplete_fields(request):
            raise _BadRequest(f"{field_name!r} is not in autocomplete_fields.")
        if not model_admin.get_search_fields(request):
            raise _BadRequest(
                f"{model_admin.__class__.__name__} must have search_fields for the autocomplete."
            )
        to_field_name = getattr(source_field.remote_field, "field_name", None) or (
            remote_model._meta.pk.attname
        )
        return term, model_admin, source_field, to_field_name

    def has_perm(self, request: Any, model_admin: Any) -> bool:
        """True if the user may view the related model."""
        return model_admin.has_view_permission(request)


class _BadRequest(Exception):
    pass
