"""Inlines of objects attached through a generic foreign key (Django's
``contrib.contenttypes.admin``: ``GenericTabularInline``, ``GenericStackedInline``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from framework.contrib.admin.options import InlineModelAdmin
from framework.utils.deferred import LazyImport, lazy_module

# The generic formsets (and forms) load with the first admin page that shows one.
contenttypes_forms = lazy_module("framework.contrib.contenttypes.forms")


class GenericInlineModelAdmin(InlineModelAdmin):
    """An inline whose rows point at the parent through ``ct_field`` and ``ct_fk_field``."""

    ct_field = "content_type"
    ct_fk_field = "object_id"
    formset: type = LazyImport("framework.contrib.contenttypes.forms.BaseGenericInlineFormSet")

    def get_fields(self, request: Any, obj: Any = None) -> list:
        if self.fields:
            return list(self.fields)
        formset = self.get_formset(request, obj, fields=None)
        hidden = {self.ct_field, self.ct_fk_field, self.opts.pk.name}
        return [
            *(name for name in formset.form.base_fields if name not in hidden),
            *self.get_readonly_fields(request, obj),
        ]

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> type:
        """The generic inline formset class."""
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            from framework.contrib.admin.utils import flatten_fieldsets

            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        exclude = list(self.get_exclude(request, obj) or [])
        readonly = list(self.get_readonly_fields(request, obj))
        exclude.extend(readonly)
        if fields is not None:
            fields = [f for f in fields if f not in readonly]
        defaults = {
            "ct_field": self.ct_field,
            "fk_field": self.ct_fk_field,
            "form": self.form,
            "formfield_callback": partial(self.formfield_for_dbfield, request=request),
            "formset": self.formset,
            "extra": self.get_extra(request, obj),
            "can_delete": self.can_delete and self.has_delete_permission(request, obj),
            "can_order": False,
            "fields": fields if fields is not None else "__all__",
            "min_num": self.get_min_num(request, obj),
            "max_num": self.get_max_num(request, obj),
            "exclude": exclude,
            **kwargs,
        }
        return contenttypes_forms.generic_inlineformset_factory(self.model, **defaults)


class GenericStackedInline(GenericInlineModelAdmin):
    """Generic inline forms one below the other."""

    template = "admin/edit_inline/stacked.html"


class GenericTabularInline(GenericInlineModelAdmin):
    """Generic inline forms as table rows."""

    template = "admin/edit_inline/tabular.html"
