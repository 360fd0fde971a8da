"""JSONField with key transforms (``data__owner__name``) and containment lookups.

Keys travel as query parameters (a JSON path on SQLite, ``->`` operands on
PostgreSQL): a hostile key is data, never SQL.
"""

from __future__ import annotations

import json
from typing import Any

from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.db.models.fields.text import CharField
from framework.db.models.lookups import (
    Exact,
    FieldGetDbPrepValueMixin,
    In,
    IsNull,
    Lookup,
    PostgresOperatorLookup,
    Transform,
)

__all__ = ["JSONField"]


class JSONField(Field):
    """Any JSON-serialisable value (jsonb on PostgreSQL, checked text on SQLite)."""

    empty_strings_allowed = False
    description = "A JSON object"
    default_error_messages = {"invalid": "Value must be valid JSON."}
    _default_hint = ("dict", "{}")

    def __init__(self, verbose_name=None, name=None, encoder=None, decoder=None, **kwargs):
        if encoder and not callable(encoder):
            raise ValueError("The encoder parameter must be a callable object.")
        if decoder and not callable(decoder):
            raise ValueError("The decoder parameter must be a callable object.")
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        if self.decoder is not None:
            kwargs["decoder"] = self.decoder
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        if isinstance(expression, KeyTransform) and not isinstance(value, str):
            return value
        if not isinstance(value, (str, bytes, bytearray)):
            return value
        try:
            return json.loads(value, cls=self.decoder)
        except json.JSONDecodeError:
            return value

    def get_internal_type(self):
        return "JSONField"

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if hasattr(value, "as_sql"):
            return value
        if value is None and not getattr(self, "_json_null", False):
            return None
        return connection.ops.adapt_json_value(value, self.encoder)

    def get_db_prep_save(self, value, connection):
        if value is None:
            return value
        return self.get_db_prep_value(value, connection)

    def get_transform(self, name):
        transform = super().get_transform(name)
        if transform:
            return transform
        return KeyTransformFactory(name)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def value_to_string(self, obj):
        return self.value_from_object(obj)

    def formfield(self, **kwargs):
        from framework import forms

        return super().formfield(
            **{
                "form_class": forms.JSONField,
                "encoder": self.encoder,
                "decoder": self.decoder,
                **kwargs,
            }
        )


def compile_json_path(key_transforms, include_root=True) -> str:
    """``$."a"[0]."b"`` with keys JSON-quoted (so quotes and dots in keys are data)."""
    path = ["$"] if include_root else []
    for key_transform in key_transforms:
        try:
            num = int(key_transform)
        except ValueError:
            path.append(".")
            path.append(json.dumps(key_transform))
        else:
            path.append(f"[{num}]")
    return "".join(path)


class DataContains(FieldGetDbPrepValueMixin, PostgresOperatorLookup):
    """``data__contains={...}``: the value's pairs/elements are all in the column."""

    lookup_name = "contains"
    postgres_operator = "@>"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # SQLite has no containment operator: a registered Python function decides.
        return f"framework_json_contains({lhs}, {rhs})", (*lhs_params, *rhs_params)


class ContainedBy(FieldGetDbPrepValueMixin, PostgresOperatorLookup):
    lookup_name = "contained_by"
    postgres_operator = "<@"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"framework_json_contains({rhs}, {lhs})", (*rhs_params, *lhs_params)


class HasKeyLookup(PostgresOperatorLookup):
    logical_operator: str | None = None

    def compile_json_path_final_key(self, key_transform):
        return compile_json_path([key_transform], include_root=False)

    def as_sql(self, compiler, connection, template=None):
        if isinstance(self.lhs, KeyTransform):
            lhs, lhs_params, lhs_key_transforms = self.lhs.preprocess_lhs(compiler, connection)
            lhs_json_path = compile_json_path(lhs_key_transforms)
        else:
            lhs, lhs_params = self.process_lhs(compiler, connection)
            lhs_json_path = "$"
        sql = template % lhs
        rhs = self.rhs
        if not isinstance(rhs, (list, tuple)):
            rhs = [rhs]
        rhs_params = []
        for key in rhs:
            if isinstance(key, KeyTransform):
                *_, rhs_key_transforms = key.preprocess_lhs(compiler, connection)
            else:
                rhs_key_transforms = [key]
            *rhs_key_transforms, final_key = rhs_key_transforms
            rhs_json_path = compile_json_path(rhs_key_transforms, include_root=False)
            rhs_json_path += self.compile_json_path_final_key(final_key)
            rhs_params.append(lhs_json_path + rhs_json_path)
        if self.logical_operator:
            sql = f"({self.logical_operator.join([sql] * len(rhs_params))})"
        return sql, (*lhs_params, *rhs_params) if len(rhs_params) == 1 else tuple(
            p for rp in rhs_params for p in (*lhs_params, rp)
        )

    def as_sqlite(self, compiler, connection):
        return self.as_sql(compiler, connection, template="JSON_TYPE(%s, %%s) IS NOT NULL")

    def as_postgresql(self, compiler, connection):
        if isinstance(self.rhs, KeyTransform):
            *_, rhs_key_transforms = self.rhs.preprocess_lhs(compiler, connection)
            for key in rhs_key_transforms[:-1]:
                self.lhs = KeyTransform(key, self.lhs)
            self.rhs = rhs_key_transforms[-1]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs = self.rhs
        if isinstance(rhs, (list, tuple)):
            rhs = [str(item) for item in rhs]
            return f"{lhs} {self.postgres_operator} %s", (*lhs_params, rhs)
        return f"{lhs} {self.postgres_operator} %s", (*lhs_params, str(rhs))


class HasKey(HasKeyLookup):
    lookup_name = "has_key"
    postgres_operator = "?"
    prepare_rhs = False


class HasKeys(HasKeyLookup):
    lookup_name = "has_keys"
    postgres_operator = "?&"
    logical_operator = " AND "

    def get_prep_lookup(self):
        return [str(item) for item in self.rhs]


class HasAnyKeys(HasKeys):
    lookup_name = "has_any_keys"
    postgres_operator = "?|"
    logical_operator = " OR "


class JSONExact(Exact):
    can_use_none_as_rhs = True

    def process_rhs(self, compiler, connection):
        rhs, rhs_params = super().process_rhs(compiler, connection)
        if connection.vendor == "sqlite" and rhs == "%s" and rhs_params == [None]:
            return "JSON(%s)", ["null"]
        if connection.vendor == "sqlite":
            rhs = f"JSON({rhs})"
        return rhs, rhs_params

    def get_db_prep_lookup(self, value, connection):
        field = self.lhs.output_field
        if value is None:
            return "%s", [connection.ops.adapt_json_value(None, getattr(field, "encoder", None))]
        return "%s", [connection.ops.adapt_json_value(value, getattr(field, "encoder", None))]


JSONField.register_lookup(DataContains)
JSONField.register_lookup(ContainedBy)
JSONField.register_lookup(HasKey)
JSONField.register_lookup(HasKeys)
JSONField.register_lookup(HasAnyKeys)
JSONField.register_lookup(JSONExact)


class KeyTransform(Transform):
    """``data__key``: the value at a key (or array index) of a JSON column."""

    postgres_operator = "->"
    postgres_nested_operator = "#>"

    def __init__(self, key_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_name = str(key_name)

    def preprocess_lhs(self, compiler, connection):
        key_transforms = [self.key_name]
        previous = self.lhs
        while isinstance(previous, KeyTransform):
            key_transforms.insert(0, previous.key_name)
            previous = previous.lhs
        lhs, params = compiler.compile(previous)
        return lhs, params, key_transforms

    def as_sql(self, compiler, connection):
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        json_path = compile_json_path(key_transforms)
        return f"JSON_EXTRACT({lhs}, %s)", (*params, json_path)

    def as_sqlite(self, compiler, connection):
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        json_path = compile_json_path(key_transforms)
        datatype_values = ",".join(repr(d) for d in ("null", "false", "true"))
        return (
            f"(CASE WHEN JSON_TYPE({lhs}, %s) IN ({datatype_values}) "
            f"THEN JSON_TYPE({lhs}, %s) ELSE JSON_EXTRACT({lhs}, %s) END)"
        ), (*params, json_path) * 3

    def as_postgresql(self, compiler, connection):
        lhs, params, key_transforms = self.preprocess_lhs(compiler, connection)
        if len(key_transforms) > 1:
            sql = f"({lhs} {self.postgres_nested_operator} %s)"
            return sql, (*params, key_transforms)
        try:
            lookup = int(self.key_name)
        except ValueError:
            lookup = self.key_name
        return f"({lhs} {self.postgres_operator} %s)", (*params, lookup)


class KeyTextTransform(KeyTransform):
    """``data__key`` as text (``->>`` on PostgreSQL)."""

    postgres_operator = "->>"
    postgres_nested_operator = "#>>"
    output_field = CharField()


class KeyTransformTextLookupMixin:
    """Compare the text of a key (used by the string lookups on keys)."""

    def __init__(self, key_transform, *args, **kwargs):
        if not isinstance(key_transform, KeyTransform):
            raise TypeError(
                "Transform should be an instance of KeyTransform in order to use this lookup."
            )
        key_text_transform = KeyTextTransform(
            key_transform.key_name, *key_transform.source_expressions, **key_transform.extra
        )
        super().__init__(key_text_transform, *args, **kwargs)


class KeyTransformIsNull(IsNull):
    def as_sqlite(self, compiler, connection):
        template = "JSON_TYPE(%s, %%s) IS NULL"
        if not self.rhs:
            template = "JSON_TYPE(%s, %%s) IS NOT NULL"
        return HasKeyOrArrayIndex(self.lhs.lhs, self.lhs.key_name).as_sql(
            compiler, connection, template=template
        )

    def as_postgresql(self, compiler, connection):
        sql, params = HasKey(self.lhs.lhs, self.lhs.key_name).as_postgresql(compiler, connection)
        if self.rhs:
            return f"NOT ({sql})", params
        return sql, params


class HasKeyOrArrayIndex(HasKey):
    def compile_json_path_final_key(self, key_transform):
        return compile_json_path([key_transform], include_root=False)


class KeyTransformExact(JSONExact):
    def process_rhs(self, compiler, connection):
        if isinstance(self.rhs, KeyTransform):
            return super(Exact, self).process_rhs(compiler, connection)
        rhs, rhs_params = Exact.process_rhs(self, compiler, connection)
        if connection.vendor == "sqlite":
            func = []
            for value in rhs_params:
                if value in ("null", "true", "false") or value is None:
                    func.append("%s")
                else:
                    func.append("JSON_EXTRACT(%s, '$')")
            rhs %= tuple(func)
            return rhs, rhs_params
        return rhs, rhs_params

    def get_db_prep_lookup(self, value, connection):
        field = self.lhs.output_field
        adapted = json.dumps(value, cls=getattr(field, "encoder", None))
        if connection.vendor == "sqlite":
            if value is None:
                return "%s", ["null"]
            if value is True or value is False:
                return "%s", ["true" if value else "false"]
            return "%s", [adapted]
        return "%s", [connection.ops.adapt_json_value(value, getattr(field, "encoder", None))]

    def as_sql(self, compiler, connection):
        return Exact.as_sql(self, compiler, connection)


class KeyTransformIExact(KeyTransformTextLookupMixin, Lookup):
    lookup_name = "iexact"


def _text_lookup(base, name):
    from framework.db.models import lookups

    klass = getattr(lookups, base)
    return type(f"KeyTransform{base}", (KeyTransformTextLookupMixin, klass), {"lookup_name": name})


class KeyTransformIn(In):
    def resolve_expression_parameter(self, compiler, connection, sql, param):
        sql, params = super().resolve_expression_parameter(compiler, connection, sql, param)
        if connection.vendor == "sqlite" and not hasattr(param, "as_sql"):
            sql = "JSON_EXTRACT(%s, '$')"
        return sql, params

    def get_db_prep_lookup(self, value, connection):
        field = self.lhs.output_field
        return "%s", [
            json.dumps(v, cls=getattr(field, "encoder", None))
            if connection.vendor == "sqlite"
            else connection.ops.adapt_json_value(v, getattr(field, "encoder", None))
            for v in value
        ]

    def batch_process_rhs(self, compiler, connection, rhs=None):
        _, params = self.get_db_prep_lookup(rhs if rhs is not None else self.rhs, connection)
        sqls = ["%s"] * len(params)
        if connection.vendor == "sqlite":
            sqls = ["JSON_EXTRACT(%s, '$')"] * len(params)
        return sqls, tuple(params)


KeyTransform.register_lookup(KeyTransformExact)
KeyTransform.register_lookup(KeyTransformIsNull)
KeyTransform.register_lookup(KeyTransformIn)
for _base, _name in (
    ("IExact", "iexact"),
    ("Contains", "contains"),
    ("IContains", "icontains"),
    ("StartsWith", "startswith"),
    ("IStartsWith", "istartswith"),
    ("EndsWith", "endswith"),
    ("IEndsWith", "iendswith"),
    ("Regex", "regex"),
    ("IRegex", "iregex"),
):
    KeyTransform.register_lookup(_text_lookup(_base, _name))


class KeyTransformNumericLookupMixin:
    """Compare a key's value with a number (JSON null never matches)."""

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        if connection.vendor == "sqlite" and not hasattr(self.rhs, "as_sql"):
            params = [json.loads(value) for value in params]
        return sql, params

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params, key_transforms = self.lhs.preprocess_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        op = connection.operators[self.lookup_name] % rhs
        return (
            f"JSON_EXTRACT({lhs}, %s) {op}",
            (*lhs_params, compile_json_path(key_transforms), *rhs_params),
        )


for _base, _name in (
    ("LessThan", "lt"),
    ("LessThanOrEqual", "lte"),
    ("GreaterThan", "gt"),
    ("GreaterThanOrEqual", "gte"),
):
    from framework.db.models import lookups as _lookups

    KeyTransform.register_lookup(
        type(
            f"KeyTransform{_base}",
            (KeyTransformNumericLookupMixin, getattr(_lookups, _base)),
            {"lookup_name": _name},
        )
    )


class KeyTransformFactory:
    def __init__(self, key_name):
        self.key_name = key_name

    def __call__(self, *args, **kwargs):
        return KeyTransform(self.key_name, *args, **kwargs)


_unused: list[Any] = []
