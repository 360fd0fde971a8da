"""Model formsets: edit a queryset (``modelformset_factory``) or the objects related to
one parent (``inlineformset_factory``), Django's ``BaseModelFormSet`` and
``BaseInlineFormSet``.

Each initial form edits an object of the queryset, found by the primary key
submitted in its hidden ``id`` field. A key that is missing, malformed or names
an object outside the queryset never reaches another object: that form is
treated as an unsaved new object and skipped on save. Uniqueness is checked
across the forms as well as against the database.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, ValidationError
from framework.db.models.fields.related import ForeignKey
from framework.forms.fields import Field
from framework.forms.formsets import BaseFormSet, formset_factory
from framework.forms.model_choice import ModelChoiceField
from framework.forms.models import ModelForm, modelform_factory
from framework.forms.widgets import HiddenInput
from framework.utils.text import capfirst

__all__ = [
    "BaseInlineFormSet",
    "BaseModelFormSet",
    "InlineForeignKeyField",
    "inlineformset_factory",
    "modelformset_factory",
]


def _text_list(items: list[str], last: str) -> str:
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


class BaseModelFormSet(BaseFormSet):
    """A formset of ModelForms over ``queryset`` (default: all objects, by pk)."""

    model: Any = None
    edit_only = False
    # Fields with the same value in every form (the inline formset's foreign key).
    unique_fields: set = set()

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        queryset: Any = None,
        *,
        initial: list | None = None,
        **kwargs: Any,
    ):
        self.queryset = queryset
        self.initial_extra = initial
        super().__init__(data=data, files=files, auto_id=auto_id, prefix=prefix, **kwargs)

    def initial_form_count(self) -> int:
        """The number of forms editing existing objects."""
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk: Any) -> Any:
        if not hasattr(self, "_object_dict"):
            self._object_dict = {obj.pk: obj for obj in self.get_queryset()}
        return self._object_dict.get(pk)

    @staticmethod
    def _get_to_python(field: Any) -> Any:
        """The to_python of the field a key finally points to (following relations)."""
        while field.remote_field is not None:
            field = field.remote_field.get_related_field()
        return field.to_python

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        pk_required = i < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
                raw = self.data.get(pk_key)
                if raw is not None:
                    try:
                        pk = self._get_to_python(self.model._meta.pk)(raw)
                    except (ValidationError, ValueError, TypeError):
                        pass
                    else:
                        kwargs["instance"] = self._existing_object(pk)
            else:
                kwargs["instance"] = self.get_queryset()[i]
        elif self.initial_extra:
            offset = i - self.initial_form_count()
            if offset < len(self.initial_extra):
                kwargs["initial"] = self.initial_extra[offset]
        form = super()._construct_form(i, **kwargs)
        if pk_required:
            form.fields[self.model._meta.pk.name].required = True
        return form

    def get_queryset(self) -> Any:
        """The objects edited by the initial forms (ordered by pk unless already ordered)."""
        if not hasattr(self, "_queryset"):
            if self.queryset is not None:
                qs = self.queryset
            else:
                qs = self.model._default_manager.get_queryset()
            if not qs.ordered:
                qs = qs.order_by(self.model._meta.pk.name)
            # Evaluated once: forms are matched to objects by position.
            self._queryset = qs
        return self._queryset

    def save_new(self, form: Any, commit: bool = True) -> Any:
        """Save and return a new object from ``form``."""
        return form.save(commit=commit)

    def save_existing(self, form: Any, obj: Any, commit: bool = True) -> Any:
        """Save and return an existing object from ``form``."""
        return form.save(commit=commit)

    def delete_existing(self, obj: Any, commit: bool = True) -> None:
        """Delete ``obj`` (when committing)."""
        if commit:
            obj.delete()

    def save(self, commit: bool = True) -> list:
        """Save the changed and new objects, delete the ones marked; return the saved ones."""
        if not commit:
            self.saved_forms: list = []

            def save_m2m() -> None:
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        if self.edit_only:
            return self.save_existing_objects(commit)
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    save.alters_data = True  # type: ignore[attr-defined]

    def clean(self) -> None:
        self.validate_unique()

    def validate_unique(self) -> None:
        """Reject two forms with the same value for a unique field (or unique_together)."""
        forms_to_delete = self.deleted_forms
        valid_forms = [
            form for form in self.forms if form.is_valid() and form not in forms_to_delete
        ]
        all_checks = set()
        for form in valid_forms:
            exclude = form._get_validation_exclusions()
            unique_checks, _ = form.instance._get_unique_checks(
                exclude=exclude, include_meta_constraints=True
            )
            all_checks.update((cls, tuple(check)) for cls, check in unique_checks)
        errors = []
        for _cls, unique_check in sorted(all_checks, key=lambda c: c[1]):
            seen = set()
            for form in valid_forms:
                row = tuple(
                    field if field in self.unique_fields else form.cleaned_data[field]
                    for field in unique_check
                    if field in form.cleaned_data
                )
                row = tuple(
                    d._get_pk_val()
                    if hasattr(d, "_get_pk_val")
                    else tuple(d)
                    if isinstance(d, list)
                    else d
                    for d in row
                )
                if row and None not in row:
                    if row in seen:
                        errors.append(self.get_unique_error_message(unique_check))
                        form._errors[NON_FIELD_ERRORS] = self.error_class(
                            [self.get_form_error()], renderer=self.renderer
                        )
                        for field in unique_check:
                            form.cleaned_data.pop(field, None)
                    seen.add(row)
        if errors:
            raise ValidationError(errors)

    def get_unique_error_message(self, unique_check: Any) -> str:
        if len(unique_check) == 1:
            return f"Please correct the duplicate data for {unique_check[0]}."
        return (
            f"Please correct the duplicate data for {_text_list(list(unique_check), 'and')}, "
            f"which must be unique."
        )

    def get_form_error(self) -> str:
        return "Please correct the duplicate values below."

    def save_existing_objects(self, commit: bool = True) -> list:
        """Save changed initial forms, delete the ones marked for deletion."""
        self.changed_objects: list = []
        self.deleted_objects: list = []
        if not self.initial_forms:
            return []
        saved = []
        forms_to_delete = self.deleted_forms
        for form in self.initial_forms:
            obj = form.instance
            # No pk: a tampered or stale form (its object is gone or outside the queryset).
            if obj.pk is None:
                continue
            if form in forms_to_delete:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit: bool = True) -> list:
        """Save the extra forms that were filled in (and not marked for deletion)."""
        self.new_objects: list = []
        for form in self.extra_forms:
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def add_fields(self, form: Any, index: int | None) -> None:
        """Add the hidden primary key field (and ORDER/DELETE)."""
        self._pk_field = pk = self.model._meta.pk

        def pk_is_not_editable(pk: Any) -> bool:
            return (
                not pk.editable
                or pk.auto_created
                or _is_auto(pk)
                or (
                    pk.remote_field is not None
                    and pk.remote_field.parent_link
                    and pk_is_not_editable(pk.remote_field.model._meta.pk)
                )
            )

        if pk_is_not_editable(pk) or pk.name not in form.fields:
            if form.is_bound:
                pk_value = None if form.instance._state.adding else form.instance.pk
            elif index is not None and index < self.initial_form_count():
                pk_value = self.get_queryset()[index].pk
            else:
                pk_value = None
            if isinstance(pk, ForeignKey):
                qs = pk.remote_field.model._default_manager.get_queryset()
            else:
                qs = self.model._default_manager.get_queryset()
            if form.instance._state.db:
                qs = qs.using(form.instance._state.db)
            widgets = getattr(form._meta, "widgets", None) or {}
            widget = widgets.get(pk.name, HiddenInput)
            form.fields[pk.name] = ModelChoiceField(
                qs, initial=pk_value, required=False, widget=widget
            )
        super().add_fields(form, index)


def _is_auto(field: Any) -> bool:
    from framework.db.models.fields.numeric import AutoFieldMixin

    return isinstance(field, AutoFieldMixin)


def modelformset_factory(
    model: type,
    form: type = ModelForm,
    formfield_callback: Any = None,
    formset: type = BaseModelFormSet,
    extra: int = 1,
    can_delete: bool = False,
    can_order: bool = False,
    max_num: int | None = None,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    validate_max: bool = False,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    min_num: int | None = None,
    validate_min: bool = False,
    field_classes: dict | None = None,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
    edit_only: bool = False,
) -> type:
    """Return a model formset class for ``model`` (``fields`` or ``exclude`` required)."""
    meta = getattr(form, "Meta", None)
    if getattr(meta, "fields", fields) is None and getattr(meta, "exclude", exclude) is None:
        raise ImproperlyConfigured(
            "Calling modelformset_factory without defining 'fields' or 'exclude' explicitly is "
            "prohibited."
        )
    form = modelform_factory(
        model,
        form=form,
        fields=fields,
        exclude=exclude,
        formfield_callback=formfield_callback,
        widgets=widgets,
        localized_fields=localized_fields,
        labels=labels,
        help_texts=help_texts,
        error_messages=error_messages,
        field_classes=field_classes,
    )
    formset_class = formset_factory(
        form,
        formset,
        extra=extra,
        min_num=min_num,
        max_num=max_num,
        can_order=can_order,
        can_delete=can_delete,
        validate_min=validate_min,
        validate_max=validate_max,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
        renderer=renderer,
    )
    formset_class.model = model
    formset_class.edit_only = edit_only
    return formset_class


class InlineForeignKeyField(Field):
    """The hidden foreign key of an inline form: it must match the parent instance."""

    widget = HiddenInput
    default_error_messages = {
        "invalid_choice": "The inline value did not match the parent instance.",
    }

    def __init__(
        self,
        parent_instance: Any,
        *args: Any,
        pk_field: bool = False,
        to_field: Any = None,
        **kwargs,
    ):
        self.parent_instance = parent_instance
        self.pk_field = pk_field
        self.to_field = to_field
        if parent_instance is not None:
            kwargs["initial"] = (
                getattr(parent_instance, to_field) if to_field else parent_instance.pk
            )
        kwargs["required"] = False
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        if value in self.empty_values:
            return None if self.pk_field else self.parent_instance
        expected = (
            getattr(self.parent_instance, self.to_field)
            if self.to_field
            else self.parent_instance.pk
        )
        if str(value) != str(expected):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return self.parent_instance

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


class BaseInlineFormSet(BaseModelFormSet):
    """A model formset of the objects whose foreign key ``fk`` points to ``instance``."""

    fk: Any = None

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        instance: Any = None,
        save_as_new: bool = False,
        prefix: str | None = None,
        queryset: Any = None,
        **kwargs: Any,
    ):
        self.instance = self.fk.remote_field.model() if instance is None else instance
        self.save_as_new = save_as_new
        if queryset is None:
            queryset = self.model._default_manager
        if self.instance.pk is not None:
            qs = queryset.filter(**{self.fk.name: self.instance})
        else:
            qs = queryset.none()
        self.unique_fields = {self.fk.name}
        super().__init__(data, files, prefix=prefix, queryset=qs, **kwargs)
        # Validate the foreign key with the rest when Meta.fields lists fields.
        meta_fields = self.form._meta.fields
        if meta_fields and self.fk.name not in meta_fields:
            self.form._meta.fields = [*meta_fields, self.fk.name]

    def initial_form_count(self) -> int:
        if self.save_as_new:
            return 0
        return super().initial_form_count()

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)
        if self.save_as_new:
            mutable = getattr(form.data, "_mutable", None)
            if mutable is not None:
                form.data._mutable = True
            # Drop the keys so the forms create copies instead of moving the originals.
            form.data[form.add_prefix(self._pk_field.name)] = None
            form.data[form.add_prefix(self.fk.name)] = None
            if mutable is not None:
                form.data._mutable = mutable
        fk_value = self.instance.pk
        remote = self.fk.remote_field
        if remote.field_name != remote.model._meta.pk.name:
            fk_value = getattr(self.instance, remote.field_name)
            fk_value = getattr(fk_value, "pk", fk_value)
        setattr(form.instance, self.fk.attname, fk_value)
        return form

    @classmethod
    def get_default_prefix(cls) -> str:
        return cls.fk.remote_field.get_accessor_name(model=cls.model).replace("+", "")

    def save_new(self, form: Any, commit: bool = True) -> Any:
        # The parent may have been saved after the formset was built.
        setattr(form.instance, self.fk.name, self.instance)
        return super().save_new(form, commit=commit)

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        remote = self.fk.remote_field
        if self._pk_field == self.fk:
            name = self._pk_field.name
            kwargs: dict[str, Any] = {"pk_field": True}
        else:
            name = self.fk.name
            existing = form.fields.get(name)
            label = getattr(existing, "label", None) or capfirst(str(self.fk.verbose_name))
            kwargs = {"label": label}
        if remote.field_name != remote.model._meta.pk.name:
            kwargs["to_field"] = remote.field_name
        form.fields[name] = InlineForeignKeyField(self.instance, **kwargs)

    def get_unique_error_message(self, unique_check: Any) -> str:
        unique_check = [field for field in unique_check if field != self.fk.name]
        return super().get_unique_error_message(unique_check)


def _get_foreign_key(
    parent_model: type, model: type, fk_name: str | None = None, can_fail: bool = False
) -> Any:
    """The ForeignKey from ``model`` to ``parent_model`` (``fk_name`` picks one of several)."""
    opts = model._meta
    parents = [*parent_model._meta.get_parent_list(), parent_model]
    if fk_name:
        candidates = [f for f in opts.fields if f.name == fk_name]
        if not candidates:
            raise ValueError(f"'{opts.label}' has no field named '{fk_name}'.")
        fk = candidates[0]
        if not isinstance(fk, ForeignKey) or fk.remote_field.model not in parents:
            raise ValueError(
                f"fk_name '{fk_name}' is not a ForeignKey to '{parent_model._meta.label}'."
            )
        return fk
    candidates = [
        f
        for f in opts.fields
        if isinstance(f, ForeignKey)
        and (f.remote_field.model == parent_model or f.remote_field.model in parents)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        if can_fail:
            return None
        raise ValueError(f"'{opts.label}' has no ForeignKey to '{parent_model._meta.label}'.")
    raise ValueError(
        f"'{opts.label}' has more than one ForeignKey to '{parent_model._meta.label}'. You must "
        f"specify a 'fk_name' attribute."
    )


def inlineformset_factory(
    parent_model: type,
    model: type,
    form: type = ModelForm,
    formset: type = BaseInlineFormSet,
    fk_name: str | None = None,
    fields: Any = None,
    exclude: Any = None,
    extra: int = 3,
    can_order: bool = False,
    can_delete: bool = True,
    max_num: int | None = None,
    formfield_callback: Any = None,
    widgets: dict | None = None,
    validate_max: bool = False,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    min_num: int | None = None,
    validate_min: bool = False,
    field_classes: dict | None = None,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
    edit_only: bool = False,
) -> type:
    """Return an inline formset class editing ``model`` objects that belong to a parent."""
    fk = _get_foreign_key(parent_model, model, fk_name=fk_name)
    if fk.unique:
        max_num = 1
    formset_class = modelformset_factory(
        model,
        form=form,
        formfield_callback=formfield_callback,
        formset=formset,
        extra=extra,
        can_delete=can_delete,
        can_order=can_order,
        fields=fields,
        exclude=exclude,
        min_num=min_num,
        max_num=max_num,
        widgets=widgets,
        validate_min=validate_min,
        validate_max=validate_max,
        localized_fields=localized_fields,
        labels=labels,
        help_texts=help_texts,
        error_messages=error_messages,
        field_classes=field_classes,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
        renderer=renderer,
        edit_only=edit_only,
    )
    formset_class.fk = fk
    return formset_class
