"""Meta.constraints: CheckConstraint and UniqueConstraint."""

from __future__ import annotations

from enum import Enum
from typing import Any

from framework.core.exceptions import FieldError, ValidationError
from framework.db.models.query_utils import Q

__all__ = ["BaseConstraint", "CheckConstraint", "Deferrable", "UniqueConstraint"]


class Deferrable(Enum):
    DEFERRED = "deferred"
    IMMEDIATE = "immediate"


def _compile_condition(model, condition, schema_editor):
    """WHERE/CHECK text for a Q on ``model``, with values inlined as quoted literals."""
    from framework.db.models.sql.query import Query

    query = Query(model=model, alias_cols=False)
    where = query.build_where(condition)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = where.as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(p) for p in params)


def _compile_index_expressions(model, expressions, schema_editor) -> list[str]:
    """``(expression)`` texts for an index on ``model``, values inlined, DESC kept outside."""
    from framework.db.models.expressions import OrderBy
    from framework.db.models.sql.query import Query

    query = Query(model=model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    parts = []
    for expression in expressions:
        descending = isinstance(expression, OrderBy) and expression.descending
        if isinstance(expression, OrderBy):
            expression = expression.expression
        resolved = expression.resolve_expression(query, allow_joins=False)
        sql, params = compiler.compile(resolved)
        sql = sql % tuple(schema_editor.quote_value(p) for p in params)
        parts.append(f"({sql})" + (" DESC" if descending else ""))
    return parts


class BaseConstraint:
    """A named table constraint; ``validate()`` checks an instance against it."""

    default_violation_error_message = "Constraint “%(name)s” is violated."
    violation_error_code = None
    violation_error_message = None

    def __init__(
        self,
        *,
        name: str,
        violation_error_code: str | None = None,
        violation_error_message: str | None = None,
    ):
        self.name = name
        if violation_error_code is not None:
            self.violation_error_code = violation_error_code
        self.violation_error_message = (
            violation_error_message or self.default_violation_error_message
        )

    @property
    def contains_expressions(self) -> bool:
        return False

    def constraint_sql(self, model, schema_editor) -> str | None:
        raise NotImplementedError

    def create_sql(self, model, schema_editor) -> str:
        raise NotImplementedError

    def remove_sql(self, model, schema_editor) -> str:
        raise NotImplementedError

    def validate(self, model, instance, exclude=None, using=None) -> None:
        raise NotImplementedError

    def get_violation_error_message(self) -> str:
        return self.violation_error_message % {"name": self.name}

    def deconstruct(self):
        path = f"framework.db.models.{self.__class__.__name__}"
        kwargs: dict[str, Any] = {"name": self.name}
        if self.violation_error_message != self.default_violation_error_message:
            kwargs["violation_error_message"] = self.violation_error_message
        if self.violation_error_code is not None:
            kwargs["violation_error_code"] = self.violation_error_code
        return path, (), kwargs

    def clone(self):
        _, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)


class CheckConstraint(BaseConstraint):
    """``CHECK (condition)``; ``condition`` is a Q (``check=`` is accepted too)."""

    def __init__(
        self,
        *,
        condition: Q | None = None,
        check: Q | None = None,
        name: str,
        violation_error_code=None,
        violation_error_message=None,
    ):
        condition = condition if condition is not None else check
        if condition is None or not getattr(condition, "conditional", False):
            raise TypeError("CheckConstraint.condition must be a Q instance or boolean expression.")
        self.condition = condition
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def _check_sql(self, model, schema_editor) -> str:
        return _compile_condition(model, self.condition, schema_editor)

    def constraint_sql(self, model, schema_editor):
        return (
            f"CONSTRAINT {schema_editor.quote_name(self.name)} "
            f"CHECK ({self._check_sql(model, schema_editor)})"
        )

    def create_sql(self, model, schema_editor):
        return schema_editor.sql_create_check % {
            "table": schema_editor.quote_name(model._meta.db_table),
            "name": schema_editor.quote_name(self.name),
            "check": self._check_sql(model, schema_editor),
        }

    def remove_sql(self, model, schema_editor):
        return schema_editor.sql_delete_constraint % {
            "table": schema_editor.quote_name(model._meta.db_table),
            "name": schema_editor.quote_name(self.name),
        }

    def validate(self, model, instance, exclude=None, using=None):
        """Evaluate the condition against the instance's values in the database."""
        from framework.db.models.expressions import Value

        exclude = exclude or set()
        referenced = (
            self.condition.referenced_base_fields if isinstance(self.condition, Q) else set()
        )
        if exclude & referenced:
            return
        values = {}
        for field in model._meta.local_concrete_fields:
            value = getattr(instance, field.attname)
            values[field.name] = Value(value, output_field=field)
            values[field.attname] = Value(value, output_field=field)
        replaced = _replace_refs(self.condition, values)
        from framework.db import connections
        from framework.db.models.sql.query import Query

        query = Query(None)
        where = query.build_where(replaced) if isinstance(replaced, Q) else None
        query.add_annotation(Value(1), "_check")
        if where is not None:
            query.where = where
        compiler = query.get_compiler(using or "default")
        try:
            ok = compiler.execute_sql("single") is not None
        except FieldError:
            return
        del connections
        if not ok:
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )

    def __repr__(self):
        return f"<{self.__class__.__qualname__}: condition={self.condition} name={self.name!r}>"

    def __eq__(self, other):
        if isinstance(other, CheckConstraint):
            return self.name == other.name and self.condition == other.condition
        return NotImplemented

    def __hash__(self):
        return hash((self.name,))

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs


def _replace_refs(q, values):
    """Turn Q(field__lookup=v) into Q(Value(instance value) lookup v) for validation."""
    from framework.db.models.expressions import F

    if not isinstance(q, Q):
        return q
    children = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_replace_refs(child, values))
            continue
        key, value = child
        name, _, lookup = key.partition("__")
        if isinstance(value, F) and value.name in values:
            value = values[value.name]
        if name in values:
            lhs = values[name]
            children.append(_ValueLookup(lhs, lookup or "exact", value))
        else:
            children.append(child)
    return Q.create(children, q.connector, q.negated)


class _ValueLookup:
    """A filter child comparing a literal with a value (constraint validation)."""

    conditional = True

    def __init__(self, lhs, lookup, rhs):
        self.lhs, self.lookup, self.rhs = lhs, lookup, rhs

    def resolve_expression(self, query=None, *args, **kwargs):
        lhs = self.lhs.resolve_expression(query)
        rhs = (
            self.rhs.resolve_expression(query)
            if hasattr(self.rhs, "resolve_expression")
            else self.rhs
        )
        return query.build_lookup(self.lookup.split("__"), lhs, rhs)


class UniqueConstraint(BaseConstraint):
    """UNIQUE over ``fields`` (optionally partial with ``condition``)."""

    def __init__(
        self,
        *expressions,
        fields=(),
        name=None,
        condition=None,
        deferrable=None,
        include=None,
        opclasses=(),
        nulls_distinct=None,
        violation_error_code=None,
        violation_error_message=None,
    ):
        if not name:
            raise ValueError("A unique constraint must be named.")
        if not expressions and not fields:
            raise ValueError(
                "At least one field or expression is required to define a unique constraint."
            )
        if expressions and fields:
            raise ValueError("UniqueConstraint.fields and expressions are mutually exclusive.")
        if condition is not None and not isinstance(condition, Q):
            raise ValueError("UniqueConstraint.condition must be a Q instance.")
        self.fields = tuple(fields)
        self.expressions = tuple(expressions)
        self.condition = condition
        self.deferrable = deferrable
        self.include = tuple(include) if include else ()
        self.opclasses = opclasses
        self.nulls_distinct = nulls_distinct
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    @property
    def contains_expressions(self):
        return bool(self.expressions)

    def _columns(self, model):
        return [model._meta.get_field(f).column for f in self.fields]

    def constraint_sql(self, model, schema_editor):
        if self.condition is not None or self.expressions:
            return None
        cols = ", ".join(schema_editor.quote_name(c) for c in self._columns(model))
        deferrable = ""
        if (
            self.deferrable == Deferrable.DEFERRED
            and schema_editor.connection.features.supports_deferrable_unique_constraints
        ):
            deferrable = " DEFERRABLE INITIALLY DEFERRED"
        return f"CONSTRAINT {schema_editor.quote_name(self.name)} UNIQUE ({cols}){deferrable}"

    def create_sql(self, model, schema_editor):
        condition = ""
        if self.condition is not None:
            condition = _compile_condition(model, self.condition, schema_editor)
        if self.expressions:
            columns = _compile_index_expressions(model, self.expressions, schema_editor)
            return schema_editor._index_sql(
                model, columns, name=self.name, unique=True, condition=condition
            )
        if self.condition is None and schema_editor.connection.vendor == "postgresql":
            cols = ", ".join(schema_editor.quote_name(c) for c in self._columns(model))
            return (
                f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD "
                f"CONSTRAINT {schema_editor.quote_name(self.name)} UNIQUE ({cols})"
            )
        return schema_editor._index_sql(
            model, self._columns(model), name=self.name, unique=True, condition=condition
        )

    def remove_sql(self, model, schema_editor):
        if (
            self.condition is None
            and not self.expressions
            and schema_editor.connection.vendor == "postgresql"
        ):
            return schema_editor.sql_delete_constraint % {
                "table": schema_editor.quote_name(model._meta.db_table),
                "name": schema_editor.quote_name(self.name),
            }
        return schema_editor.sql_delete_index % {"name": schema_editor.quote_name(self.name)}

    def validate(self, model, instance, exclude=None, using=None):
        """Raise ValidationError if another row has the same values."""
        exclude = exclude or set()
        if self.expressions:
            return
        lookup_kwargs = {}
        for field_name in self.fields:
            if field_name in exclude:
                return
            field = model._meta.get_field(field_name)
            lookup_value = getattr(instance, field.attname)
            if lookup_value is None:
                return
            lookup_kwargs[field.name] = lookup_value
        queryset = model._default_manager.using(using).filter(**lookup_kwargs)
        if self.condition is not None:
            queryset = queryset.filter(self.condition)
        model_class_pk = instance._get_pk_val(model._meta)
        if not instance._state.adding and model_class_pk is not None:
            queryset = queryset.exclude(pk=model_class_pk)
        if queryset.exists():
            if (
                self.violation_error_message == self.default_violation_error_message
                and self.condition is None
            ):
                raise instance.unique_error_message(model, self.fields)
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )

    def __repr__(self):
        return (
            f"<{self.__class__.__qualname__}: fields={self.fields!r} name={self.name!r}"
            f"{'' if self.condition is None else f' condition={self.condition}'}>"
        )

    def __eq__(self, other):
        if isinstance(other, UniqueConstraint):
            return (
                self.name == other.name
                and self.fields == other.fields
                and self.condition == other.condition
                and self.deferrable == other.deferrable
            )
        return NotImplemented

    def __hash__(self):
        return hash((self.name, self.fields))

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if self.fields:
            kwargs["fields"] = self.fields
        if self.condition:
            kwargs["condition"] = self.condition
        if self.deferrable:
            kwargs["deferrable"] = self.deferrable
        return path, self.expressions, kwargs
