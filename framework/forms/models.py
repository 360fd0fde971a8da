"""``ModelForm``: a form built from a model's fields (Django's ``django.forms.models``).

The metaclass turns ``Meta`` (model, fields / exclude, widgets, labels,
help_texts, error_messages, field_classes, localized_fields,
formfield_callback) into ``base_fields`` once per class, so building a form
instance is only a copy of those fields plus ``model_to_dict(instance)``.
Cleaning copies the cleaned values onto the instance (``construct_instance``)
and runs the model's validation (``full_clean``, unique and unique_together,
constraints), reporting its errors on the form's fields.

Model formsets live in ``framework.forms.model_formsets`` and the queryset
fields in ``framework.forms.model_choice``; both are re-exported here.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from framework.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldError,
    ImproperlyConfigured,
    ValidationError,
)
from framework.forms.fields import Field
from framework.forms.forms import BaseForm, DeclarativeFieldsMetaclass
from framework.forms.model_choice import (
    ModelChoiceField,
    ModelChoiceIterator,
    ModelChoiceIteratorValue,
    ModelMultipleChoiceField,
)
from framework.forms.utils import ErrorList
from framework.utils.deferred import lazy_module

# Imported on first use (per-request code must not run import statements).
file_fields = lazy_module("framework.db.models.fields.files")
numeric_fields = lazy_module("framework.db.models.fields.numeric")
model_formsets_module = lazy_module("framework.forms.model_formsets")

__all__ = [
    "ALL_FIELDS",
    "BaseModelForm",
    "ModelChoiceField",
    "ModelChoiceIterator",
    "ModelChoiceIteratorValue",
    "ModelForm",
    "ModelFormMetaclass",
    "ModelFormOptions",
    "ModelMultipleChoiceField",
    "construct_instance",
    "fields_for_model",
    "model_to_dict",
    "modelform_factory",
]

ALL_FIELDS = "__all__"


def _is_auto_field(field: Any) -> bool:
    AutoFieldMixin = numeric_fields.AutoFieldMixin

    return isinstance(field, AutoFieldMixin)


def _is_file_field(field: Any) -> bool:
    FileField = file_fields.FileField

    return isinstance(field, FileField)


def construct_instance(
    form: BaseForm, instance: Any, fields: Any = None, exclude: Any = None
) -> Any:
    """Copy ``form.cleaned_data`` onto ``instance`` (not saved); return the instance.

    Fields absent from the submitted data keep the model's default (except
    checkboxes, which browsers omit when unchecked). Many-to-many values are
    saved later by ``save_m2m``.
    """
    cleaned_data = form.cleaned_data
    file_fields = []
    for f in instance._meta.fields:
        if not f.editable or _is_auto_field(f) or f.name not in cleaned_data:
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        form_field = form.fields.get(f.name)
        if (
            form_field is not None
            and f.has_default()
            and form_field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(f.name)
            )
            and cleaned_data.get(f.name) in form_field.empty_values
        ):
            continue
        if _is_file_field(f):
            file_fields.append(f)
        else:
            f.save_form_data(instance, cleaned_data[f.name])
    # Files last: upload_to callables may use the other fields' values.
    for f in file_fields:
        data = cleaned_data[f.name]
        if data is None:
            continue
        setattr(instance, f.name, data or "")
    return instance


def model_to_dict(instance: Any, fields: Any = None, exclude: Any = None) -> dict[str, Any]:
    """The editable fields of ``instance`` as a dict (the initial data of a ModelForm)."""
    opts = instance._meta
    data: dict[str, Any] = {}
    for f in chain(opts.concrete_fields, opts.private_fields, opts.many_to_many):
        if not getattr(f, "editable", False):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        data[f.name] = f.value_from_object(instance)
    return data


def apply_limit_choices_to_to_formfield(formfield: Field) -> None:
    """Filter a ModelChoiceField's queryset by its ``limit_choices_to``."""
    if hasattr(formfield, "queryset") and hasattr(formfield, "get_limit_choices_to"):
        limit = formfield.get_limit_choices_to()
        if limit and formfield.queryset is not None:
            formfield.queryset = formfield.queryset.complex_filter(limit)


def fields_for_model(
    model: type,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    formfield_callback: Any = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
    *,
    apply_limit_choices_to: bool = True,
    form_declared_fields: dict | None = None,
) -> dict[str, Field | None]:
    """Form fields for ``model``'s editable fields, in declaration order.

    Names in ``fields`` that match no model field map to None (the caller
    reports them); a non-editable field named in ``fields`` is a FieldError.
    """
    form_declared_fields = form_declared_fields or {}
    field_dict: dict[str, Field | None] = {}
    ignored = []
    opts = model._meta
    sortable = [f for f in chain(opts.concrete_fields, opts.private_fields) if hasattr(f, "name")]
    model_fields = sorted(
        [*sortable, *opts.many_to_many], key=lambda f: getattr(f, "creation_counter", 0)
    )
    for f in model_fields:
        if not getattr(f, "editable", False):
            if fields is not None and f.name in fields and (not exclude or f.name not in exclude):
                raise FieldError(
                    f"'{f.name}' cannot be specified for {model.__name__} model form as it is a "
                    f"non-editable field. Remove it from Meta.fields or make it editable."
                )
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        if f.name in form_declared_fields:
            field_dict[f.name] = form_declared_fields[f.name]
            continue
        kwargs: dict[str, Any] = {}
        if widgets and f.name in widgets:
            kwargs["widget"] = widgets[f.name]
        if localized_fields == ALL_FIELDS or (localized_fields and f.name in localized_fields):
            kwargs["localize"] = True
        if labels and f.name in labels:
            kwargs["label"] = labels[f.name]
        if help_texts and f.name in help_texts:
            kwargs["help_text"] = help_texts[f.name]
        if error_messages and f.name in error_messages:
            kwargs["error_messages"] = error_messages[f.name]
        if field_classes and f.name in field_classes:
            kwargs["form_class"] = field_classes[f.name]
        if formfield_callback is None:
            formfield = f.formfield(**kwargs)
        elif not callable(formfield_callback):
            raise TypeError("formfield_callback must be a function or callable")
        else:
            formfield = formfield_callback(f, **kwargs)
        if formfield:
            if apply_limit_choices_to:
                apply_limit_choices_to_to_formfield(formfield)
            field_dict[f.name] = formfield
        else:
            ignored.append(f.name)
    if fields:
        field_dict = {
            name: field_dict.get(name)
            for name in fields
            if (not exclude or name not in exclude) and name not in ignored
        }
    return field_dict


class ModelFormOptions:
    """A ModelForm's ``Meta``, with defaults for what it leaves out."""

    def __init__(self, options: Any = None):
        self.model = getattr(options, "model", None)
        self.fields = getattr(options, "fields", None)
        self.exclude = getattr(options, "exclude", None)
        self.widgets = getattr(options, "widgets", None)
        self.localized_fields = getattr(options, "localized_fields", None)
        self.labels = getattr(options, "labels", None)
        self.help_texts = getattr(options, "help_texts", None)
        self.error_messages = getattr(options, "error_messages", None)
        self.field_classes = getattr(options, "field_classes", None)
        self.formfield_callback = getattr(options, "formfield_callback", None)


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    """Build ``base_fields`` from ``Meta.model`` once, when the class is created."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if bases == (BaseModelForm,):
            return new_class
        opts = new_class._meta = ModelFormOptions(getattr(new_class, "Meta", None))
        for option in ("fields", "exclude", "localized_fields"):
            value = getattr(opts, option)
            if isinstance(value, str) and value != ALL_FIELDS:
                raise TypeError(
                    f"{new_class.__name__}.Meta.{option} cannot be a string. "
                    f"Did you mean to type: ('{value}',)?"
                )
        if opts.model is None:
            # A model-less ModelForm subclass (a mixin of declared fields).
            new_class.base_fields = new_class.declared_fields
            return new_class
        if opts.fields is None and opts.exclude is None:
            raise ImproperlyConfigured(
                "Creating a ModelForm without either the 'fields' attribute or the 'exclude' "
                f"attribute is prohibited; form {name} needs updating."
            )
        if opts.fields == ALL_FIELDS:
            opts.fields = None
        callback = attrs.get("formfield_callback", opts.formfield_callback)
        if isinstance(callback, staticmethod):
            callback = callback.__func__
        fields = fields_for_model(
            opts.model,
            opts.fields,
            opts.exclude,
            opts.widgets,
            callback,
            opts.localized_fields,
            opts.labels,
            opts.help_texts,
            opts.error_messages,
            opts.field_classes,
            # limit_choices_to is applied per instance (it may be a callable).
            apply_limit_choices_to=False,
            form_declared_fields=new_class.declared_fields,
        )
        missing = [n for n, f in fields.items() if not f and n not in new_class.declared_fields]
        if missing:
            raise FieldError(
                f"Unknown field(s) ({', '.join(missing)}) specified for {opts.model.__name__}"
            )
        fields.update(new_class.declared_fields)
        new_class.base_fields = fields
        return new_class


class BaseModelForm(BaseForm):
    """The ModelForm machinery: an ``instance`` edited by the form, then ``save()``."""

    _meta: ModelFormOptions

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
        instance: Any = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
    ):
        opts = self._meta
        if opts.model is None:
            raise ValueError(f"{type(self).__name__} has no model class specified: set Meta.model.")
        if instance is None:
            self.instance = opts.model()
            object_data: dict[str, Any] = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, opts.fields, opts.exclude)
        if initial is not None:
            object_data.update(initial)
        # Unique checks run only once clean() has run (a subclass may skip them).
        self._validate_unique = False
        super().__init__(
            data,
            files,
            auto_id,
            prefix,
            object_data,
            error_class,
            label_suffix,
            empty_permitted,
            use_required_attribute=use_required_attribute,
            renderer=renderer,
        )
        for formfield in self.fields.values():
            apply_limit_choices_to_to_formfield(formfield)

    def _get_validation_exclusions(self) -> set[str]:
        """Model fields the model validation must skip (not on the form, or already failed)."""
        exclude = set()
        opts = self._meta
        for f in self.instance._meta.fields:
            name = f.name
            if name not in self.fields:
                exclude.add(name)
            elif opts.fields and name not in opts.fields:
                exclude.add(name)
            elif opts.exclude and name in opts.exclude:
                exclude.add(name)
            elif name in self._errors:
                exclude.add(name)
            else:
                form_field = self.fields[name]
                value = self.cleaned_data.get(name)
                # An optional form field for a required model field: the model
                # (or a clean() override) supplies the value, don't fail it here.
                if not f.blank and not form_field.required and value in form_field.empty_values:
                    exclude.add(name)
        return exclude

    def clean(self) -> dict[str, Any]:
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors: ValidationError) -> None:
        """Add the model's validation errors to the form, with Meta.error_messages applied."""
        opts = self._meta
        error_dict = errors.error_dict if hasattr(errors, "error_dict") else None
        if error_dict is None:
            error_dict = {NON_FIELD_ERRORS: errors.error_list}
            errors = ValidationError(error_dict)
        for field, messages in error_dict.items():
            if (
                field == NON_FIELD_ERRORS
                and opts.error_messages
                and NON_FIELD_ERRORS in opts.error_messages
            ):
                overrides = opts.error_messages[NON_FIELD_ERRORS]
            elif field in self.fields:
                overrides = self.fields[field].error_messages
            else:
                continue
            for message in messages:
                if isinstance(message, ValidationError) and message.code in overrides:
                    message.message = overrides[message.code]
        # Errors on model fields the form does not show belong to the whole form.
        stray = [
            name for name in error_dict if name != NON_FIELD_ERRORS and name not in self.fields
        ]
        if stray:
            merged = {k: v for k, v in error_dict.items() if k not in stray}
            merged.setdefault(NON_FIELD_ERRORS, [])
            merged[NON_FIELD_ERRORS] = [
                *merged[NON_FIELD_ERRORS],
                *chain.from_iterable(error_dict[name] for name in stray),
            ]
            errors = ValidationError(merged)
        self.add_error(None, errors)

    def _post_clean(self) -> None:
        InlineForeignKeyField = model_formsets_module.InlineForeignKeyField

        opts = self._meta
        exclude = self._get_validation_exclusions()
        # The inline formset's foreign key is set from the parent, not validated as data;
        # it still takes part in the unique checks below.
        for name, field in self.fields.items():
            if isinstance(field, InlineForeignKeyField):
                exclude.add(name)
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(
                exclude=exclude, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            self._update_errors(exc)
        if self._validate_unique:
            self.validate_unique()

    def validate_unique(self) -> None:
        """Check unique fields, unique_together and constraints against the database."""
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)

    def _save_m2m(self) -> None:
        cleaned_data = self.cleaned_data
        fields, exclude = self._meta.fields, self._meta.exclude
        opts = self.instance._meta
        for f in chain(opts.many_to_many, opts.private_fields):
            if not hasattr(f, "save_form_data"):
                continue
            if fields and f.name not in fields:
                continue
            if exclude and f.name in exclude:
                continue
            if f.name in cleaned_data:
                f.save_form_data(self.instance, cleaned_data[f.name])

    def save(self, commit: bool = True) -> Any:
        """Save the instance (and its many-to-many data) and return it.

        With ``commit=False`` nothing is written: call ``instance.save()`` and
        then ``form.save_m2m()`` yourself. Raises ValueError if the form is invalid.
        """
        if self.errors:
            action = "created" if self.instance._state.adding else "changed"
            raise ValueError(
                f"The {self.instance._meta.object_name} could not be {action} because the "
                f"data didn't validate."
            )
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance

    save.alters_data = True  # type: ignore[attr-defined]


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    """A form whose fields come from ``Meta.model`` (``fields`` or ``exclude`` required)."""


def modelform_factory(
    model: type,
    form: type = ModelForm,
    fields: Any = None,
    exclude: Any = None,
    formfield_callback: Any = None,
    widgets: dict | None = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
) -> type:
    """Return a ModelForm class for ``model`` (``fields`` or ``exclude`` required)."""
    attrs: dict[str, Any] = {"model": model}
    options = {
        "fields": fields,
        "exclude": exclude,
        "widgets": widgets,
        "localized_fields": localized_fields,
        "labels": labels,
        "help_texts": help_texts,
        "error_messages": error_messages,
        "field_classes": field_classes,
    }
    attrs.update({key: value for key, value in options.items() if value is not None})
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    meta = type("Meta", bases, attrs)
    if formfield_callback:
        meta.formfield_callback = staticmethod(formfield_callback)
    if getattr(meta, "fields", None) is None and getattr(meta, "exclude", None) is None:
        raise ImproperlyConfigured(
            "Calling modelform_factory without defining 'fields' or 'exclude' explicitly is "
            "prohibited."
        )
    return type(form)(model.__name__ + "Form", (form,), {"Meta": meta})


def __getattr__(name: str) -> Any:
    # The formset names live in model_formsets (which imports this module).
    from framework.forms import model_formsets

    if name in model_formsets.__all__:
        return getattr(model_formsets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
