"""Field: the base of every model field (column mapping, defaults, validation)."""

from __future__ import annotations

import copy
from typing import Any

from framework.core import validators as core_validators
from framework.core.exceptions import ValidationError
from framework.db.models.query_utils import DeferredAttribute, RegisterLookupMixin
from framework.utils.deferred import lazy_module
from framework.utils.functional import Promise, cached_property
from framework.utils.text import capfirst

# Only form views build form fields: the forms package is imported on first use.
forms = lazy_module("framework.forms")


class NOT_PROVIDED:  # noqa: N801 - a sentinel class, named as Django's
    pass


BLANK_CHOICE_DASH = [("", "---------")]


def return_none() -> None:
    return None


class Field(RegisterLookupMixin):
    """A model field: one column (or none, for relations without one).

    Subclasses set ``get_internal_type()`` (the key of the backend's data_types),
    and override ``to_python``/``get_prep_value`` and, if the database returns
    another type, ``from_db_value``.
    """

    empty_strings_allowed = True
    empty_values = list(core_validators.EMPTY_VALUES)
    creation_counter = 0
    auto_creation_counter = -1
    default_validators: list = []
    default_error_messages = {
        "invalid_choice": "Value %(value)r is not a valid choice.",
        "null": "This field cannot be null.",
        "blank": "This field cannot be blank.",
        "unique": "%(model_name)s with this %(field_label)s already exists.",
        "unique_for_date": (
            "%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."
        ),
    }
    system_check_deprecated_details = None
    system_check_removed_details = None
    non_db_attrs = (
        "blank",
        "choices",
        "db_column",
        "editable",
        "error_messages",
        "help_text",
        "limit_choices_to",
        "on_delete",
        "related_name",
        "related_query_name",
        "validators",
        "verbose_name",
    )
    descriptor_class = DeferredAttribute

    hidden = False
    many_to_many = None
    many_to_one = None
    one_to_many = None
    one_to_one = None
    related_model = None
    is_relation = False
    db_returning = False
    generated = False

    def __init__(
        self,
        verbose_name: str | None = None,
        name: str | None = None,
        primary_key: bool = False,
        max_length: int | None = None,
        unique: bool = False,
        blank: bool = False,
        null: bool = False,
        db_index: bool = False,
        rel: Any = None,
        default: Any = NOT_PROVIDED,
        editable: bool = True,
        serialize: bool = True,
        unique_for_date: str | None = None,
        unique_for_month: str | None = None,
        unique_for_year: str | None = None,
        choices: Any = None,
        help_text: str = "",
        db_column: str | None = None,
        db_tablespace: str | None = None,
        auto_created: bool = False,
        validators: Any = (),
        error_messages: dict | None = None,
        db_comment: str | None = None,
        db_default: Any = NOT_PROVIDED,
    ):
        self.name = name
        self.verbose_name = verbose_name
        self._verbose_name = verbose_name
        self.primary_key = primary_key
        self.max_length = max_length
        self._unique = unique
        self.blank = blank
        self.null = null
        self.remote_field = rel
        self.is_relation = self.remote_field is not None
        self.default = default
        if db_default is not NOT_PROVIDED and not hasattr(db_default, "resolve_expression"):
            from framework.db.models.expressions import Value

            db_default = Value(db_default)
        self.db_default = db_default
        self.editable = editable
        self.serialize = serialize
        self.unique_for_date = unique_for_date
        self.unique_for_month = unique_for_month
        self.unique_for_year = unique_for_year
        if hasattr(choices, "choices") and not isinstance(choices, (list, tuple)):
            choices = choices.choices
        if choices is not None and not isinstance(choices, (list, tuple, str)):
            choices = list(choices)
        self.choices = choices
        self.help_text = help_text
        self.db_index = db_index
        self.db_column = db_column
        self.db_comment = db_comment
        self.db_tablespace = db_tablespace
        self.auto_created = auto_created
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1
        self._validators = list(validators)
        self._error_messages = error_messages
        self.model: Any = None
        self.attname: str | None = None
        self.column: str | None = None
        self.concrete = False

    # -- identity --

    def __str__(self) -> str:
        if self.model is None:
            return super().__str__()
        return f"{self.model._meta.label}.{self.name}"

    def __repr__(self) -> str:
        path = f"{type(self).__module__}.{type(self).__qualname__}"
        if path.startswith("framework.db.models.fields"):
            path = f"framework.db.models.{type(self).__qualname__}"
        name = getattr(self, "name", None)
        return f"<{path}: {name}>" if name is not None else f"<{path}>"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Field):
            return self.creation_counter == other.creation_counter and getattr(
                self, "model", None
            ) == getattr(other, "model", None)
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Field):
            if self.creation_counter != other.creation_counter:
                return self.creation_counter < other.creation_counter
            if self.model is not None and other.model is not None:
                return (self.model._meta.app_label, self.model._meta.model_name) < (
                    other.model._meta.app_label,
                    other.model._meta.model_name,
                )
            return False
        return NotImplemented

    def __hash__(self) -> int:
        return hash(
            (
                self.creation_counter,
                getattr(self.model, "_meta", None)
                and (self.model._meta.app_label, self.model._meta.model_name),
            )
        )

    def __deepcopy__(self, memodict):
        obj = copy.copy(self)
        if self.remote_field:
            obj.remote_field = copy.copy(self.remote_field)
            if hasattr(self.remote_field, "field") and self.remote_field.field is self:
                obj.remote_field.field = obj
        memodict[id(self)] = obj
        return obj

    def __copy__(self):
        obj = Field.__new__(type(self))
        obj.__dict__ = self.__dict__.copy()
        return obj

    def __reduce__(self):
        if self.model is None:
            return _empty, (type(self),), self.__dict__
        return _load_field, (self.model._meta.app_label, self.model._meta.object_name, self.name)

    # -- naming: __set_name__ first, contribute_to_class once the model has _meta --

    def __set_name__(self, owner: type, name: str) -> None:
        self.set_attributes_from_name(name)

    def set_attributes_from_name(self, name: str) -> None:
        self.name = self.name or name
        self.attname, self.column = self.get_attname_column()
        self.concrete = self.column is not None
        if self.verbose_name is None and self.name:
            self.verbose_name = self.name.replace("_", " ")

    def get_attname(self) -> str:
        return self.name

    def get_attname_column(self) -> tuple[str, str]:
        attname = self.get_attname()
        return attname, self.db_column or attname

    def contribute_to_class(self, cls: type, name: str, private_only: bool = False) -> None:
        """Attach the field to a model: register it in _meta and install its descriptor."""
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self, private=private_only)
        if self.column:
            setattr(cls, self.attname, self.descriptor_class(self))
        if self.choices is not None and f"get_{self.name}_display" not in cls.__dict__:
            setattr(cls, f"get_{self.name}_display", _make_display(self))

    def get_filter_kwargs_for_object(self, obj) -> dict:
        return {self.name: getattr(obj, self.attname)}

    def get_attname_for_lookup(self):
        return self.attname

    # -- properties --

    @property
    def unique(self) -> bool:
        return self._unique or self.primary_key

    @property
    def db_tablespace_name(self):
        return self.db_tablespace

    @cached_property
    def error_messages(self) -> dict:
        messages: dict = {}
        for c in reversed(type(self).__mro__):
            messages.update(getattr(c, "default_error_messages", {}))
        messages.update(self._error_messages or {})
        return messages

    @cached_property
    def validators(self) -> list:
        return [*self.default_validators, *self._validators]

    @property
    def flatchoices(self) -> list:
        if self.choices is None:
            return []
        flat = []
        for choice, value in self.choices:
            if isinstance(value, (list, tuple)):
                flat.extend(value)
            else:
                flat.append((choice, value))
        return flat

    @cached_property
    def cached_col(self):
        from framework.db.models.expressions import Col

        return Col(self.model._meta.db_table, self)

    def get_col(self, alias: str, output_field: Any = None):
        if alias == self.model._meta.db_table and (output_field is None or output_field is self):
            return self.cached_col
        from framework.db.models.expressions import Col

        return Col(alias, self, output_field)

    def select_format(self, compiler, sql, params):
        return sql, params

    @property
    def output_field(self):
        return self

    # -- database types --

    def get_internal_type(self) -> str:
        return type(self).__name__

    def db_type_parameters(self, connection) -> dict:
        return _DictWrapper(self.__dict__, connection.ops.quote_name, "qn_")

    def db_check(self, connection) -> str | None:
        data = self.db_type_parameters(connection)
        try:
            check = connection.data_type_check_constraints[self.get_internal_type()]
        except KeyError:
            return None
        return check % data

    def db_type(self, connection) -> str | None:
        """The column type for ``connection`` (None: no column)."""
        data = self.db_type_parameters(connection)
        try:
            column_type = connection.data_types[self.get_internal_type()]
        except KeyError:
            return None
        if callable(column_type):
            return column_type(data)
        return column_type % data

    def rel_db_type(self, connection) -> str | None:
        """The type of a foreign key column pointing at this field."""
        return self.db_type(connection)

    def cast_db_type(self, connection) -> str | None:
        db_type = connection.ops.cast_data_types.get(self.get_internal_type())
        if db_type:
            return db_type % self.db_type_parameters(connection)
        return self.db_type(connection)

    def db_parameters(self, connection) -> dict:
        return {"type": self.db_type(connection), "check": self.db_check(connection)}

    def db_type_suffix(self, connection) -> str | None:
        return connection.data_types_suffix.get(self.get_internal_type())

    def get_db_converters(self, connection) -> list:
        if hasattr(self, "from_db_value"):
            return [self.from_db_value]
        return []

    @property
    def db_returning_fields(self):
        return [self]

    # -- values --

    def has_default(self) -> bool:
        return self.default is not NOT_PROVIDED

    def has_db_default(self) -> bool:
        return self.db_default is not NOT_PROVIDED

    def get_default(self) -> Any:
        return self._get_default()

    @cached_property
    def _get_default(self):
        if self.has_default():
            if callable(self.default):
                return self.default
            return lambda: self.default
        if self.has_db_default():
            from framework.db.models.expressions import DatabaseDefault

            return lambda: DatabaseDefault(self.db_default, output_field=self)
        if not self.empty_strings_allowed or self.null:
            return return_none
        return str

    def to_python(self, value: Any) -> Any:
        """Convert a value (from a form, a fixture ...) to this field's Python type."""
        return value

    def get_prep_value(self, value: Any) -> Any:
        """Turn a Python value into what the lookup/query layer uses."""
        if isinstance(value, Promise):
            value = value._eval() if hasattr(value, "_eval") else str(value)
        return value

    def get_db_prep_value(self, value: Any, connection, prepared: bool = False) -> Any:
        """Turn a Python value into the driver's parameter for ``connection``."""
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def get_db_prep_save(self, value: Any, connection) -> Any:
        if hasattr(value, "as_sql"):
            return value
        return self.get_db_prep_value(value, connection=connection, prepared=False)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        """Return the value to save (auto_now fields update it here)."""
        return getattr(model_instance, self.attname)

    def value_from_object(self, obj: Any) -> Any:
        return getattr(obj, self.attname)

    def value_to_string(self, obj: Any) -> str:
        return str(self.value_from_object(obj))

    def save_form_data(self, instance: Any, data: Any) -> None:
        setattr(instance, self.name, data)

    # -- validation --

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors = []
        for v in self.validators:
            try:
                v(value)
            except ValidationError as e:
                if hasattr(e, "code") and e.code in self.error_messages:
                    e.message = self.error_messages[e.code]
                errors.extend(e.error_list)
        if errors:
            raise ValidationError(errors)

    def validate(self, value: Any, model_instance: Any) -> None:
        if not self.editable:
            return
        if self.choices is not None and value not in self.empty_values:
            for option_key, option_value in self.choices:
                if isinstance(option_value, (list, tuple)):
                    if any(value == k for k, _ in option_value):
                        break
                elif value == option_key:
                    break
            else:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value: Any, model_instance: Any) -> Any:
        """Convert, validate and run validators; return the cleaned value."""
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    # -- choices and forms --

    def get_choices(
        self,
        include_blank: bool = True,
        blank_choice=BLANK_CHOICE_DASH,
        limit_choices_to=None,
        ordering=(),
    ) -> list:
        if self.choices is not None:
            choices = list(self.choices)
            if include_blank:
                blank_defined = any(c in ("", None) for c, _ in self.flatchoices)
                if not blank_defined:
                    choices = blank_choice + choices
            return choices
        rel_model = self.remote_field.model
        qs = rel_model._default_manager.complex_filter(limit_choices_to or {})
        if ordering:
            qs = qs.order_by(*ordering)
        return (blank_choice if include_blank else []) + [
            (getattr(x, self.remote_field.get_related_field().attname), str(x)) for x in qs
        ]

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        """Return a form field for this model field (framework.forms)."""
        defaults: dict[str, Any] = {
            "required": not self.blank,
            "label": capfirst(str(self.verbose_name)) if self.verbose_name else None,
            "help_text": self.help_text,
        }
        if self.has_default():
            if callable(self.default):
                defaults["initial"] = self.default
                defaults["show_hidden_initial"] = True
            else:
                defaults["initial"] = self.get_default()
        if self.choices is not None:
            include_blank = self.blank or not (self.has_default() or "initial" in kwargs)
            defaults["choices"] = self.get_choices(include_blank=include_blank)
            defaults["coerce"] = self.to_python
            if self.null:
                defaults["empty_value"] = None
            form_class = choices_form_class or forms.TypedChoiceField
            for k in list(kwargs):
                if k not in (
                    "coerce",
                    "empty_value",
                    "choices",
                    "required",
                    "widget",
                    "label",
                    "initial",
                    "help_text",
                    "error_messages",
                    "show_hidden_initial",
                    "disabled",
                ):
                    del kwargs[k]
        defaults.update(kwargs)
        if form_class is None:
            form_class = forms.CharField
        return form_class(**defaults)

    # -- migrations --

    def deconstruct(self) -> tuple[str | None, str, list, dict]:
        """Return (name, import path, args, kwargs) to rebuild this field."""
        keywords: dict[str, Any] = {}
        possibles = {
            "verbose_name": None,
            "primary_key": False,
            "max_length": None,
            "unique": False,
            "blank": False,
            "null": False,
            "db_index": False,
            "default": NOT_PROVIDED,
            "editable": True,
            "serialize": True,
            "unique_for_date": None,
            "unique_for_month": None,
            "unique_for_year": None,
            "choices": None,
            "help_text": "",
            "db_column": None,
            "db_comment": None,
            "db_tablespace": None,
            "auto_created": False,
            "validators": [],
            "error_messages": None,
            "db_default": NOT_PROVIDED,
        }
        attr_overrides = {
            "unique": "_unique",
            "error_messages": "_error_messages",
            "validators": "_validators",
            "verbose_name": "_verbose_name",
        }
        equals_comparison = {"choices", "validators"}
        for name, default in possibles.items():
            value = getattr(self, attr_overrides.get(name, name))
            if name == "db_default" and value is not NOT_PROVIDED and hasattr(value, "value"):
                value = value.value
            if name == "choices" and isinstance(value, (list, tuple)):
                value = list(value)
            if name in equals_comparison:
                if value != default:
                    keywords[name] = value
            elif value is not default:
                keywords[name] = value
        path = f"{type(self).__module__}.{type(self).__qualname__}"
        if path.startswith("framework.db.models.fields"):
            path = f"framework.db.models.{type(self).__qualname__}"
        return self.name, path, [], keywords

    def clone(self):
        name, path, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)

    def check(self, **kwargs) -> list:
        return []


def _make_display(field):
    def display(self):
        value = getattr(self, field.attname)
        choices = dict(_make_hashable_choices(field.flatchoices))
        return str(choices.get(_hashable(value), value))

    display.__name__ = f"get_{field.name}_display"
    return display


def _hashable(value):
    if isinstance(value, (list, dict)):
        return repr(value)
    return value


def _make_hashable_choices(choices):
    return [(_hashable(k), v) for k, v in choices]


def _empty(of_cls):
    new = Field.__new__(of_cls)
    return new


def _load_field(app_label, model_name, field_name):
    from framework.apps import apps

    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


class _DictWrapper(dict):
    """Map field attributes for data_types templates (qn_ prefix: quoted)."""

    def __init__(self, data, func, prefix):
        super().__init__(data)
        self.func = func
        self.prefix = prefix

    def __getitem__(self, key):
        use_func = key.startswith(self.prefix)
        key = key.removeprefix(self.prefix)
        value = super().__getitem__(key)
        if use_func:
            return self.func(value)
        return value


def _get_pk_value_on_save(self, instance):
    """The primary key value to use when inserting ``instance`` (its default, if any)."""
    if self.default is not NOT_PROVIDED and self.default is not None:
        return self.get_default()
    return None


Field.get_pk_value_on_save = _get_pk_value_on_save
