"""The admin's popup answers: what a form opened from a related-field link (``_popup=1``)
returns after an add, change or delete, and the ``_to_field`` check."""

from __future__ import annotations

import json
from typing import Any

from framework.contrib.admin.exceptions import DisallowedModelAdminToField
from framework.core.exceptions import FieldDoesNotExist
from framework.template.response import TemplateResponse

IS_POPUP_VAR = "_popup"
TO_FIELD_VAR = "_to_field"


def request_to_field(request: Any) -> str | None:
    """``_to_field`` from the POST data or the query string."""
    return request.POST.get(TO_FIELD_VAR) or request.GET.get(TO_FIELD_VAR) or None


def is_popup(request: Any) -> bool:
    """Whether this page was opened in a popup (``_popup`` in the POST data or URL)."""
    return IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET


class PopupViews:
    """``to_field_allowed`` and the popup responses of ModelAdmin (a mixin)."""

    def to_field_allowed(self, request: Any, to_field: str) -> bool:
        """Whether ``to_field`` may be exposed: the primary key, or a field some relation
        of a registered model targets."""
        opts = self.opts
        try:
            field = opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        if field.primary_key:
            return True
        for model in self.admin_site._registry:
            for related in model._meta.get_fields():
                remote = getattr(related, "remote_field", None)
                if (
                    related.is_relation
                    and remote is not None
                    and getattr(remote, "model", None) is self.model
                    and getattr(remote, "field_name", None) == field.name
                ):
                    return True
        return False

    def check_to_field(self, request: Any) -> str | None:
        """The request's ``_to_field``; DisallowedModelAdminToField (400) if not allowed."""
        to_field = request_to_field(request)
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(
                f"The field {to_field!r} cannot be referenced: use the primary key or a "
                "field that a registered model's relation targets."
            )
        return to_field

    def popup_response(self, request: Any, data: dict) -> Any:
        """The page that hands ``data`` to the opener and closes the popup."""
        opts = self.opts
        return TemplateResponse(
            request,
            self.popup_response_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/popup_response.html",
                f"admin/{opts.app_label}/popup_response.html",
                "admin/popup_response.html",
            ],
            {
                "popup_response_data": json.dumps(data),
                "popup_data": data,
                "opts": opts,
            },
        )

    def _popup_value(self, request: Any, obj: Any) -> str:
        attr = request_to_field(request) or obj._meta.pk.attname
        return str(obj.serializable_value(attr))

    def response_popup_add(self, request: Any, obj: Any) -> Any:
        """The opener's select gets the new object, selected."""
        return self.popup_response(
            request, {"value": self._popup_value(request, obj), "obj": str(obj)}
        )

    def response_popup_change(self, request: Any, obj: Any, object_id: str) -> Any:
        """The opener's option of the object gets its new name (and value)."""
        return self.popup_response(
            request,
            {
                "action": "change",
                "value": str(object_id),
                "obj": str(obj),
                "new_value": self._popup_value(request, obj),
            },
        )

    def response_popup_delete(self, request: Any, obj_id: Any) -> Any:
        """The opener loses the option of the deleted object."""
        return self.popup_response(request, {"action": "delete", "value": str(obj_id)})
