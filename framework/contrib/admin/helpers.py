"""Wrappers the templates iterate: AdminForm -> Fieldset -> Fieldline -> AdminField,
the inline formsets, and the changelist's action form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from framework import forms
from framework.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    flatten_fieldsets,
    help_text_for_field,
    label_for_field,
    lookup_field,
    quote,
)
from framework.core.exceptions import ObjectDoesNotExist
from framework.utils.html import conditional_escape

ACTION_CHECKBOX_NAME = "_selected_action"


class ActionForm(forms.Form):
    """The action <select> and the "select across" flag of the changelist."""

    action = forms.ChoiceField(label="Action:")
    select_across = forms.BooleanField(
        label="", required=False, initial=0, widget=forms.HiddenInput({"class": "select-across"})
    )


class AdminForm:
    """A ModelForm arranged in fieldsets, with readonly fields and prepopulated fields."""

    def __init__(
        self,
        form: Any,
        fieldsets: Any,
        prepopulated_fields: Any,
        readonly_fields: Any = None,
        model_admin: Any = None,
    ):
        self.form = form
        self.fieldsets = fieldsets
        self.prepopulated_fields = [
            {"field": form[name], "dependencies": [form[f] for f in deps]}
            for name, deps in (prepopulated_fields or {}).items()
            if name in form.fields
        ]
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields or ()

    def __repr__(self) -> str:
        return f"<AdminForm form={self.form.__class__.__qualname__} fieldsets={self.fieldsets!r}>"

    def __iter__(self) -> Iterator[Fieldset]:
        for name, options in self.fieldsets:
            yield Fieldset(
                self.form,
                name,
                readonly_fields=self.readonly_fields,
                model_admin=self.model_admin,
                **options,
            )

    def prepopulated_json(self) -> str:
        """The prepopulated fields as JSON for prepopulate.js (``<`` escaped)."""
        data = [
            {
                "id": f"#{item['field'].auto_id}",
                "dependency_ids": [f"#{dep.auto_id}" for dep in item["dependencies"]],
                "maxLength": getattr(item["field"].field, "max_length", None) or 50,
            }
            for item in self.prepopulated_fields
        ]
        return json.dumps(data).replace("<", "\\u003c")

    @property
    def errors(self) -> Any:
        return self.form.errors

    @property
    def non_field_errors(self) -> Any:
        return self.form.non_field_errors

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    @property
    def media(self) -> Any:
        return self.form.media


class Fieldset:
    """One <fieldset>: a name, CSS classes, a description and lines of fields."""

    def __init__(
        self,
        form: Any,
        name: Any = None,
        readonly_fields: Any = (),
        fields: Any = (),
        classes: Any = (),
        description: Any = None,
        model_admin: Any = None,
    ):
        self.form = form
        self.name = name
        self.fields = fields
        self.classes = " ".join(classes)
        self.description = description
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields

    @property
    def is_collapsible(self) -> bool:
        return "collapse" in self.classes

    def __iter__(self) -> Iterator[Fieldline]:
        for field in self.fields:
            yield Fieldline(self.form, field, self.readonly_fields, model_admin=self.model_admin)


class Fieldline:
    """The fields shown on one line of a fieldset."""

    def __init__(self, form: Any, field: Any, readonly_fields: Any = None, model_admin: Any = None):
        self.form = form
        self.fields = [field] if isinstance(field, str) else list(field)
        self.has_visible_field = not all(
            f in self.form.fields and self.form.fields[f].widget.is_hidden for f in self.fields
        )
        self.model_admin = model_admin
        self.readonly_fields = readonly_fields or ()

    def __iter__(self) -> Iterator[Any]:
        for i, field in enumerate(self.fields):
            if field in self.readonly_fields:
                yield AdminReadonlyField(
                    self.form, field, is_first=(i == 0), model_admin=self.model_admin
                )
            else:
                yield AdminField(self.form, field, is_first=(i == 0))

    def errors(self) -> Any:
        return forms.utils.ErrorList(
            [e for f in self.fields if f not in self.readonly_fields for e in self.form[f].errors]
        )


class AdminField:
    """An editable field: its BoundField, checkbox-ness and position on the line."""

    is_readonly = False

    def __init__(self, form: Any, field: str, is_first: bool):
        self.field = form[field]
        self.is_first = is_first
        self.is_checkbox = isinstance(self.field.field.widget, forms.CheckboxInput)

    def label_tag(self) -> Any:
        classes = []
        if self.is_checkbox:
            classes.append("vCheckboxLabel")
        if self.field.field.required:
            classes.append("required")
        attrs = {"class": " ".join(classes)} if classes else {}
        return self.field.label_tag(contents=conditional_escape(self.field.label), attrs=attrs)

    def errors(self) -> Any:
        return self.field.errors


class AdminReadonlyField:
    """A readonly field or computed value shown as text."""

    is_readonly = True
    is_checkbox = False

    def __init__(self, form: Any, field: Any, is_first: bool, model_admin: Any = None):
        if callable(field):
            class_name = field.__name__ if field.__name__ != "<lambda>" else ""
        else:
            class_name = field
        label = label_for_field(field, form._meta.model, model_admin)
        self.field = {
            "name": class_name,
            "label": label,
            "help_text": help_text_for_field(class_name, form._meta.model),
            "field": field,
            "is_hidden": False,
        }
        self.form = form
        self.model_admin = model_admin
        self.is_first = is_first

    def label_tag(self) -> Any:
        from framework.utils.html import format_html

        return format_html("<label>{}:</label>", self.field["label"])

    def errors(self) -> str:
        return ""

    def contents(self) -> Any:
        """The displayed value."""
        field, obj, model_admin = self.field["field"], self.form.instance, self.model_admin
        empty = model_admin.get_empty_value_display() if model_admin else "-"
        try:
            f, attr, value = lookup_field(field, obj, model_admin)
        except (AttributeError, ValueError, ObjectDoesNotExist):
            return empty
        if f is None:
            boolean = getattr(attr, "boolean", False)
            return display_for_value(value, empty, boolean)
        if f.is_relation and f.many_to_many:
            return ", ".join(str(v) for v in getattr(obj, f.name).all()) or empty
        if f.is_relation:
            related = getattr(obj, f.name, None)
            return str(related) if related is not None else empty
        return display_for_field(value, f, empty)


class InlineAdminFormSet:
    """An inline formset with its InlineModelAdmin: fieldsets, readonly fields, permissions."""

    def __init__(
        self,
        inline: Any,
        formset: Any,
        fieldsets: Any,
        prepopulated_fields: Any = None,
        readonly_fields: Any = None,
        model_admin: Any = None,
        has_add_permission: bool = True,
        has_change_permission: bool = True,
        has_delete_permission: bool = True,
        has_view_permission: bool = True,
    ):
        self.opts = inline
        self.formset = formset
        self.fieldsets = fieldsets
        self.model_admin = model_admin
        self.readonly_fields = tuple(readonly_fields or ())
        self.prepopulated_fields = prepopulated_fields or {}
        self.classes = " ".join(inline.classes) if inline.classes else ""
        self.has_add_permission = has_add_permission
        self.has_change_permission = has_change_permission
        self.has_delete_permission = has_delete_permission
        self.has_view_permission = has_view_permission

    def __repr__(self) -> str:
        return f"<InlineAdminFormSet {self.opts.__class__.__name__}>"

    def __iter__(self) -> Iterator[InlineAdminForm]:
        readonly = self.readonly_fields
        if not self.has_change_permission:
            readonly = readonly + tuple(self._field_names())
        for form, original in zip(
            self.formset.initial_forms, self.formset.get_queryset(), strict=False
        ):
            yield InlineAdminForm(
                self.formset, form, self.fieldsets, original, readonly, self.model_admin
            )
        for form in self.formset.extra_forms:
            yield InlineAdminForm(
                self.formset, form, self.fieldsets, None, self.readonly_fields, self.model_admin
            )
        if self.has_add_permission:
            yield InlineAdminForm(
                self.formset,
                self.formset.empty_form,
                self.fieldsets,
                None,
                self.readonly_fields,
                self.model_admin,
                is_empty=True,
            )

    def _field_names(self) -> list:
        return flatten_fieldsets(self.fieldsets)

    def fields(self) -> Iterator[dict]:
        """The column headings of a tabular inline."""
        fk = getattr(self.formset, "fk", None)
        empty_form = self.formset.empty_form
        for name in self._field_names():
            if fk and fk.name == name:
                continue
            if name in self.readonly_fields or not self.has_change_permission:
                yield {
                    "name": name,
                    "label": label_for_field(name, self.opts.model, self.opts),
                    "widget": {"is_hidden": False},
                    "required": False,
                    "help_text": help_text_for_field(name, self.opts.model),
                }
            else:
                form_field = empty_form.fields[name]
                yield {
                    "name": name,
                    "label": form_field.label or label_for_field(name, self.opts.model, self.opts),
                    "widget": {"is_hidden": form_field.widget.is_hidden},
                    "required": form_field.required,
                    "help_text": form_field.help_text,
                }

    @property
    def forms(self) -> Any:
        return self.formset.forms

    def non_form_errors(self) -> Any:
        return self.formset.non_form_errors()

    @property
    def is_bound(self) -> bool:
        return self.formset.is_bound

    @property
    def total_form_count(self) -> int:
        return self.formset.total_form_count()

    @property
    def media(self) -> Any:
        return self.opts.media + self.formset.media


class InlineAdminForm(AdminForm):
    """One form of an inline formset (``original`` is the saved object, if any)."""

    def __init__(
        self,
        formset: Any,
        form: Any,
        fieldsets: Any,
        original: Any,
        readonly_fields: Any = None,
        model_admin: Any = None,
        is_empty: bool = False,
    ):
        self.formset = formset
        self.original = original
        self.is_empty = is_empty
        super().__init__(form, fieldsets, {}, readonly_fields, model_admin=model_admin)

    def needs_explicit_pk_field(self) -> bool:
        return True

    def pk_field(self) -> Any:
        return AdminField(self.form, self.formset._pk_field.name, False)

    def fk_field(self) -> Any:
        fk = getattr(self.formset, "fk", None)
        if fk:
            return AdminField(self.form, fk.name, False)
        return ""

    def deletion_field(self) -> Any:
        from framework.forms.formsets import DELETION_FIELD_NAME

        return AdminField(self.form, DELETION_FIELD_NAME, False)

    def hidden_fields(self) -> list:
        return [bf for bf in self.form.hidden_fields()]

    def original_url(self) -> str | None:
        return quote(self.original.pk) if self.original is not None else None
