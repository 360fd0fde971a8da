"""``Form``: declared fields, binding to data, cleaning and rendering."""

from __future__ import annotations

import copy
from typing import Any

from markupsafe import Markup

from framework.core.exceptions import NON_FIELD_ERRORS, ValidationError
from framework.forms.boundfield import BoundField
from framework.forms.fields import Field, FileField
from framework.forms.media import Media, MediaDefiningClass
from framework.forms.renderers import get_default_renderer
from framework.forms.utils import ErrorDict, ErrorList

__all__ = ["BaseForm", "DeclarativeFieldsMetaclass", "Form"]


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collect Field class attributes (and inherited ones) into ``base_fields``."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        declared = {key: value for key, value in attrs.items() if isinstance(value, Field)}
        for key in declared:
            attrs.pop(key)
        attrs["declared_fields"] = declared
        new_class = super().__new__(mcs, name, bases, attrs)

        # Walk the MRO from the most distant base so subclasses override, and a
        # subclass may remove an inherited field by setting it to None.
        fields: dict[str, Field] = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                fields.update(base.declared_fields)
            for attr, value in base.__dict__.items():
                if value is None and attr in fields:
                    fields.pop(attr)
        new_class.base_fields = fields
        new_class.declared_fields = fields
        return new_class


class BaseForm:
    """The form machinery without declared fields (``Form`` adds the metaclass)."""

    default_renderer: Any = None
    field_order: list[str] | None = None
    prefix: str | None = None
    use_required_attribute = True
    bound_field_class = BoundField
    template_name_div = "framework/forms/div.html"
    template_name_p = "framework/forms/p.html"
    template_name_table = "framework/forms/table.html"
    template_name_ul = "framework/forms/ul.html"
    base_fields: dict[str, Field] = {}

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str | bool = "id_%s",
        prefix: str | None = None,
        initial: dict | None = None,
        error_class: type = ErrorList,
        label_suffix: str | None = None,
        empty_permitted: bool = False,
        field_order: list[str] | None = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
        bound_field_class: type | None = None,
    ):
        self.is_bound = data is not None or files is not None
        self.data = {} if data is None else data
        self.files = {} if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else ":"
        self.empty_permitted = empty_permitted
        self._errors: ErrorDict | None = None
        self.fields = copy.deepcopy(self.base_fields)
        self._bound_fields_cache: dict[str, BoundField] = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError(
                "The empty_permitted and use_required_attribute arguments may not both be True."
            )
        if bound_field_class is not None:
            self.bound_field_class = bound_field_class
        if renderer is None:
            renderer = self.default_renderer or get_default_renderer()
            if isinstance(renderer, type):
                renderer = renderer()
        self.renderer = renderer

    def order_fields(self, field_order: list[str] | None) -> None:
        """Put the named fields first, in that order; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            if key in self.fields:
                fields[key] = self.fields.pop(key)
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self) -> str:
        if self._errors is None:
            is_valid = "Unknown"
        else:
            is_valid = self.is_bound and not self._errors
        return (
            f"<{type(self).__name__} bound={self.is_bound}, valid={is_valid}, "
            f"fields=({';'.join(self.fields)})>"
        )

    def __iter__(self):
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name: str) -> BoundField:
        """The BoundField called ``name``; KeyError listing the fields if there is none."""
        try:
            return self._bound_fields_cache[name]
        except KeyError:
            pass
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError(
                f"Key {name!r} not found in '{type(self).__name__}'. Choices are: "
                f"{', '.join(sorted(self.fields))}."
            ) from None
        bound = field.get_bound_field(self, name)
        self._bound_fields_cache[name] = bound
        return bound

    @property
    def errors(self) -> ErrorDict:
        """Field name -> ErrorList, cleaning the form on first access."""
        if self._errors is None:
            self.full_clean()
        return self._errors

    def is_valid(self) -> bool:
        """True if the form is bound and has no errors."""
        return self.is_bound and not self.errors

    def add_prefix(self, field_name: str) -> str:
        """``prefix-field_name`` when the form has a prefix."""
        return f"{self.prefix}-{field_name}" if self.prefix else field_name

    def add_initial_prefix(self, field_name: str) -> str:
        """The name of the hidden input holding a field's initial value."""
        return f"initial-{self.add_prefix(field_name)}"

    def _widget_data_value(self, widget: Any, html_name: str) -> Any:
        return widget.value_from_datadict(self.data, self.files, html_name)

    # -------------------------------------------------------------- rendering

    @property
    def template_name(self) -> str:
        return self.renderer.form_template_name

    def get_context(self) -> dict[str, Any]:
        """Context of the form templates: form, fields with errors, hidden fields, errors."""
        fields = []
        hidden_fields = []
        top_errors = self.non_field_errors().copy()
        for name, bound in self._bound_items():
            bf_errors = self.error_class(
                bound.errors, renderer=self.renderer, field_id=bound.auto_id or None
            )
            if bound.is_hidden:
                if bf_errors:
                    top_errors += [f"(Hidden field {name}) {error}" for error in bf_errors]
                hidden_fields.append(bound)
            else:
                errors_str = str(bf_errors)
                fields.append((bound, Markup(errors_str)))
        return {
            "form": self,
            "fields": fields,
            "hidden_fields": hidden_fields,
            "errors": top_errors,
        }

    def _bound_items(self):
        for name in self.fields:
            yield name, self[name]

    def render(
        self, template_name: str | None = None, context: dict | None = None, renderer: Any = None
    ) -> Markup:
        """Render the form with ``template_name`` (default: the renderer's div layout)."""
        renderer = renderer or self.renderer
        return renderer.render(template_name or self.template_name, context or self.get_context())

    __str__ = render
    __html__ = render

    def as_div(self) -> Markup:
        """Each field in a ``<div>``."""
        return self.render(self.template_name_div)

    def as_p(self) -> Markup:
        """Each field in a ``<p>``."""
        return self.render(self.template_name_p)

    def as_table(self) -> Markup:
        """Each field as a ``<tr>`` (without the ``<table>``)."""
        return self.render(self.template_name_table)

    def as_ul(self) -> Markup:
        """Each field as an ``<li>`` (without the ``<ul>``)."""
        return self.render(self.template_name_ul)

    def non_field_errors(self) -> ErrorList:
        """Errors not tied to a field (from ``clean()``)."""
        return self.errors.get(
            NON_FIELD_ERRORS, self.error_class(error_class="nonfield", renderer=self.renderer)
        )

    # -------------------------------------------------------------- validation

    def add_error(self, field: str | None, error: Any) -> None:
        """Attach ``error`` to ``field`` (None: the whole form) and drop its cleaned value.

        ``error`` may be a message, a ValidationError or, with ``field=None``, a
        dict of field -> errors.
        """
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError(
                    "The argument `field` must be `None` when the `error` argument contains "
                    "errors for multiple fields."
                )
            error = error.error_dict
        else:
            error = {field or NON_FIELD_ERRORS: error.error_list}

        for name, error_list in error.items():
            if name not in self.errors:
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    raise ValueError(f"'{type(self).__name__}' has no field named '{name}'.")
                if name == NON_FIELD_ERRORS:
                    self._errors[name] = self.error_class(
                        error_class="nonfield", renderer=self.renderer
                    )
                else:
                    self._errors[name] = self.error_class(
                        renderer=self.renderer, field_id=self[name].auto_id
                    )
            self._errors[name].extend(error_list)
            if name in self.cleaned_data:
                del self.cleaned_data[name]

    def has_error(self, field: str, code: str | None = None) -> bool:
        """True if ``field`` has an error (with ``code``, if given)."""
        return field in self.errors and (
            code is None or any(error.code == code for error in self.errors.as_data()[field])
        )

    def full_clean(self) -> None:
        """Clean every field, then the form; fill ``cleaned_data`` and ``errors``."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data: dict[str, Any] = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self) -> None:
        for name, bound in self._bound_items():
            field = bound.field
            value = bound.initial if field.disabled else bound.data
            try:
                if isinstance(field, FileField):
                    value = field.clean(value, bound.initial)
                else:
                    value = field.clean(value)
                self.cleaned_data[name] = value
                method = getattr(self, f"clean_{name}", None)
                if method is not None:
                    self.cleaned_data[name] = method()
            except ValidationError as exc:
                self.add_error(name, exc)

    def _clean_form(self) -> None:
        try:
            cleaned_data = self.clean()
        except ValidationError as exc:
            self.add_error(None, exc)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self) -> None:
        """Hook for work after cleaning (ModelForm validates the instance here)."""

    def clean(self) -> dict[str, Any]:
        """Form-wide validation; errors raised here are non-field errors."""
        return self.cleaned_data

    def has_changed(self) -> bool:
        """True if any field's data differs from its initial value."""
        return bool(self.changed_data)

    @property
    def changed_data(self) -> list[str]:
        """Names of the fields whose data differs from the initial value."""
        return [name for name, bound in self._bound_items() if bound._has_changed()]

    @property
    def media(self) -> Media:
        """The CSS and JS of every field's widget, merged."""
        media = Media()
        for field in self.fields.values():
            media = media + field.widget.media
        return media

    def is_multipart(self) -> bool:
        """True if a widget needs ``enctype="multipart/form-data"`` (file inputs)."""
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self) -> list[BoundField]:
        """BoundFields rendered as hidden inputs."""
        return [field for field in self if field.is_hidden]

    def visible_fields(self) -> list[BoundField]:
        """BoundFields that are not hidden."""
        return [field for field in self if not field.is_hidden]

    def get_initial_for_field(self, field: Field, field_name: str) -> Any:
        """The form's initial value for the field, else the field's; callables are called."""
        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        return value


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of fields declared as class attributes."""
