"""Admin widgets: ``AutocompleteSelect`` / ``AutocompleteSelectMultiple`` for
``autocomplete_fields`` (only the chosen objects are rendered; the rest is searched
through the site's JSON autocomplete view by ``admin/js/autocomplete.js``); the others
are re-exported from ``widgets_related`` and ``widgets_forms``."""

from __future__ import annotations

from typing import Any

from framework import forms
from framework.contrib.admin.widgets_forms import (  # noqa: F401
    AdminDateTimeWidget,
    AdminSplitDateTime,
    FilteredSelectMultiple,
)
from framework.contrib.admin.widgets_related import (  # noqa: F401
    ForeignKeyRawIdWidget,
    ManyToManyRawIdWidget,
    RelatedFieldWidgetWrapper,
)


class AutocompleteMixin:
    """Render the selected options only, with the data the search script needs."""

    def __init__(self, field: Any, admin_site: Any, attrs: dict | None = None, choices: Any = ()):
        self.field = field
        self.admin_site = admin_site
        super().__init__(attrs, choices)

    def get_url(self) -> str:
        """The URL of the site's autocomplete view."""
        from framework.urls import reverse

        return reverse(f"{self.admin_site.name}:autocomplete")

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        opts = self.field.model._meta
        attrs.setdefault("class", "")
        attrs.update(
            {
                "data-ajax--url": self.get_url(),
                "data-app-label": opts.app_label,
                "data-model-name": opts.model_name,
                "data-field-name": self.field.name,
                "data-allow-clear": str(not self.is_required).lower(),
                "data-placeholder": "",
                "class": (attrs["class"] + " admin-autocomplete").strip(),
            }
        )
        return attrs

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        selected = [v for v in value if v not in ("", None)]
        groups: list = []
        if not self.is_required and not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", "", not selected, 0)], 0))
        queryset = getattr(self.choices, "queryset", None)
        if not selected or queryset is None:
            return groups
        to_field = getattr(self.field.remote_field, "field_name", None) or "pk"
        try:
            objects = list(queryset.filter(**{f"{to_field}__in": selected}))
        except (ValueError, TypeError):
            return groups
        for index, obj in enumerate(objects, start=len(groups)):
            option = self.create_option(
                name, str(getattr(obj, to_field)), str(obj), True, index, attrs=attrs
            )
            groups.append((None, [option], index))
        return groups

    @property
    def media(self) -> Any:
        return forms.Media(js=["admin/js/autocomplete.js"])


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    """A foreign key chosen by searching the related admin."""


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    """Many-to-many values chosen by searching the related admin."""
