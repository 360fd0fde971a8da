"""``ModelChoiceField`` and ``ModelMultipleChoiceField``: choices taken from a QuerySet.

The choices are read lazily through ``ModelChoiceIterator`` (one query per
rendering, none at form construction). A submitted value that is not a valid
key, or names no object of the queryset, is a field error (``invalid_choice``,
``invalid_pk_value``), never a server error: values are converted with the
model field's ``to_python`` and checked with its validators before any query.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ValidationError
from framework.forms import widgets as w
from framework.forms.fields import ChoiceField, Field

__all__ = [
    "ModelChoiceField",
    "ModelChoiceIterator",
    "ModelChoiceIteratorValue",
    "ModelMultipleChoiceField",
]


class ModelChoiceIteratorValue:
    """A choice's value (the key) carrying the model instance it stands for."""

    __slots__ = ("value", "instance")

    def __init__(self, value: Any, instance: Any):
        self.value = value
        self.instance = instance

    def __str__(self) -> str:
        return str(self.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ModelChoiceIteratorValue):
            other = other.value
        return self.value == other

    def __repr__(self) -> str:
        return f"<ModelChoiceIteratorValue {self.value!r}>"


class ModelChoiceIterator:
    """Yield ``(ModelChoiceIteratorValue, label)`` for each object of the field's queryset.

    Calling the iterator returns the list of choices: widgets treat a callable
    as lazy choices and call it at each rendering.
    """

    def __init__(self, field: ModelChoiceField):
        self.field = field
        self.queryset = field.queryset

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if queryset is None:
            return
        # iterator() avoids filling the queryset's cache, unless prefetching needs it.
        if not getattr(queryset, "_prefetch_related_lookups", ()):
            queryset = queryset.iterator()
        for obj in queryset:
            yield self.choice(obj)

    def __call__(self) -> list:
        return list(iter(self))

    def __len__(self) -> int:
        count = 0 if self.queryset is None else self.queryset.count()
        return count + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        if self.field.empty_label is not None:
            return True
        return self.queryset is not None and self.queryset.exists()

    def choice(self, obj: Any) -> tuple[ModelChoiceIteratorValue, str]:
        """The ``(value, label)`` pair of one object."""
        return (
            ModelChoiceIteratorValue(self.field.prepare_value(obj), obj),
            self.field.label_from_instance(obj),
        )


class ModelChoiceField(ChoiceField):
    """One model instance chosen from ``queryset`` (by primary key or ``to_field_name``)."""

    default_error_messages = {
        "invalid_choice": "Select a valid choice. That choice is not one of the available choices.",
    }
    iterator = ModelChoiceIterator

    def __init__(
        self,
        queryset: Any,
        *,
        empty_label: str | None = "---------",
        required: bool = True,
        widget: Any = None,
        label: str | None = None,
        initial: Any = None,
        help_text: str = "",
        to_field_name: str | None = None,
        limit_choices_to: Any = None,
        blank: bool = False,
        **kwargs: Any,
    ):
        # ChoiceField.__init__ would set static choices; skip to Field.
        Field.__init__(
            self,
            required=required,
            widget=widget,
            label=label,
            initial=initial,
            help_text=help_text,
            **kwargs,
        )
        is_radio = isinstance(self.widget, w.RadioSelect)
        if (required and initial is not None) or (is_radio and not blank):
            self.empty_label = None
        else:
            self.empty_label = empty_label
        self.to_field_name = to_field_name
        self.limit_choices_to = limit_choices_to
        self.queryset = queryset

    def __deepcopy__(self, memo: dict) -> ModelChoiceField:
        result = Field.__deepcopy__(self, memo)
        # The setter clones the queryset (no shared cache) and binds a new iterator.
        result.queryset = self.queryset
        return result

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: Any) -> None:
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    def get_limit_choices_to(self) -> Any:
        """``limit_choices_to`` (called if it is callable)."""
        if callable(self.limit_choices_to):
            return self.limit_choices_to()
        return self.limit_choices_to

    def label_from_instance(self, obj: Any) -> str:
        """The label of one object in the choices (``str(obj)``; override to change)."""
        return str(obj)

    @property
    def choices(self) -> Any:  # type: ignore[override]
        if hasattr(self, "_choices"):
            return self._choices
        return self.iterator(self)

    @choices.setter
    def choices(self, value: Any) -> None:
        # Fixed choices replace the queryset's (as Django allows).
        self._choices = w.normalize_choices(value)
        self.widget.choices = self._choices

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "_meta"):
            if self.to_field_name:
                return value.serializable_value(self.to_field_name)
            return value.pk
        return super().prepare_value(value)

    def _key_field(self) -> Any:
        opts = self.queryset.model._meta
        return opts.get_field(self.to_field_name) if self.to_field_name else opts.pk

    def _convert_key(self, value: Any) -> Any:
        """The submitted key as the model field's Python value; ValidationError if invalid."""
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(
                "Null characters are not allowed.", code="null_characters_not_allowed"
            )
        field = self._key_field()
        # Related keys (a ForeignKey as to_field_name) convert like their target.
        target = getattr(field, "target_field", field)
        value = target.to_python(value)
        target.run_validators(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        try:
            value = self._convert_key(value)
            return self.queryset.get(**{key: value})
        except (ValueError, TypeError, ValidationError, self.queryset.model.DoesNotExist):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value: Any) -> None:
        Field.validate(self, value)

    def valid_value(self, value: Any) -> bool:
        return True

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    """Several model instances from ``queryset``; ``clean()`` returns a QuerySet."""

    widget = w.SelectMultiple
    hidden_widget = w.MultipleHiddenInput
    default_error_messages = {
        "invalid_list": "Enter a list of values.",
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices.",
        "invalid_pk_value": "“%(pk)s” is not a valid value.",
    }

    def __init__(self, queryset: Any, **kwargs: Any):
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value: Any) -> list:
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value: Any) -> Any:
        """The QuerySet of the chosen objects (``none()`` when optional and empty)."""
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        qs = self._check_values(value)
        self.run_validators(value)
        return qs

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        try:
            values = list(dict.fromkeys(value))
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        converted = []
        for pk in values:
            try:
                converted.append(self._convert_key(pk))
            except (ValueError, TypeError, ValidationError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        qs = self.queryset.filter(**{f"{key}__in": converted})
        found = {str(getattr(obj, key)) for obj in qs}
        for original, pk in zip(values, converted):
            if str(pk) not in found:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": original},
                )
        return qs

    def prepare_value(self, value: Any) -> Any:
        if (
            hasattr(value, "__iter__")
            and not isinstance(value, str)
            and not hasattr(value, "_meta")
        ):
            prepare = super().prepare_value
            return [prepare(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = initial or []
        data = data or []
        if len(initial) != len(data):
            return True
        return {str(v) for v in self.prepare_value(initial)} != {str(v) for v in data}
