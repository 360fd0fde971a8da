"""Meta.indexes: Index."""

from __future__ import annotations

from framework.db.models.query_utils import Q

__all__ = ["Index"]


class Index:
    """``Index(fields=['-created'], name='...', condition=Q(...))``."""

    suffix = "idx"
    max_name_length = 30

    def __init__(
        self,
        *expressions,
        fields=(),
        name=None,
        db_tablespace=None,
        opclasses=(),
        condition=None,
        include=None,
    ):
        if opclasses and not name:
            raise ValueError("An index must be named to use opclasses.")
        if not isinstance(condition, (type(None), Q)):
            raise ValueError("Index.condition must be a Q instance.")
        if condition and not name:
            raise ValueError("An index must be named to use condition.")
        if not isinstance(fields, (list, tuple)):
            raise ValueError("Index.fields must be a list or tuple.")
        if fields and expressions:
            raise ValueError("Index.fields and expressions are mutually exclusive.")
        if expressions and not name:
            raise ValueError("An index must be named to use expressions.")
        if not fields and not expressions:
            raise ValueError("At least one field or expression is required to define an index.")
        self.fields = list(fields)
        self.fields_orders = [
            (field_name.removeprefix("-"), "DESC" if field_name.startswith("-") else "")
            for field_name in self.fields
        ]
        self.name = name or ""
        self.db_tablespace = db_tablespace
        self.opclasses = opclasses
        self.condition = condition
        self.include = tuple(include) if include else ()
        self.expressions = tuple(_as_expression(e) for e in expressions)

    @property
    def contains_expressions(self):
        return bool(self.expressions)

    def set_name_with_model(self, model):
        import hashlib

        table_name = model._meta.db_table
        column_names = [
            model._meta.get_field(field_name).column for field_name, order in self.fields_orders
        ]
        column_names_with_order = [
            ("-%s" if order else "%s") % column_name
            for column_name, (field_name, order) in zip(column_names, self.fields_orders)
        ]
        hash_data = [table_name, *column_names_with_order, self.suffix]
        digest = hashlib.md5("_".join(hash_data).encode(), usedforsecurity=False).hexdigest()
        self.name = f"{table_name[:11]}_{column_names[0][:7]}_{digest[:6]}_{self.suffix}"
        if self.name[0] == "_" or self.name[0].isdigit():
            self.name = f"D{self.name[1:]}"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if not self.name:
            self.set_name_with_model(model)
        if self.expressions:
            from framework.db.models.constraints import _compile_index_expressions

            columns = _compile_index_expressions(model, self.expressions, schema_editor)
        else:
            columns = []
            for field_name, order in self.fields_orders:
                column = model._meta.get_field(field_name).column
                columns.append(("-" if order else "") + column)
        condition = ""
        if self.condition is not None:
            from framework.db.models.constraints import _compile_condition

            condition = _compile_condition(model, self.condition, schema_editor)
        return schema_editor._index_sql(
            model, columns, name=self.name, condition=condition, opclasses=self.opclasses
        )

    def remove_sql(self, model, schema_editor, **kwargs):
        return schema_editor.sql_delete_index % {"name": schema_editor.quote_name(self.name)}

    def deconstruct(self):
        path = "framework.db.models.Index"
        kwargs = {"name": self.name}
        if self.fields:
            kwargs["fields"] = self.fields
        if self.db_tablespace is not None:
            kwargs["db_tablespace"] = self.db_tablespace
        if self.opclasses:
            kwargs["opclasses"] = self.opclasses
        if self.condition:
            kwargs["condition"] = self.condition
        if self.include:
            kwargs["include"] = self.include
        return path, self.expressions, kwargs

    def clone(self):
        _, args, kwargs = self.deconstruct()
        return self.__class__(*args, **kwargs)

    def __repr__(self):
        return f"<{self.__class__.__qualname__}: fields={self.fields!r} name={self.name!r}>"

    def __eq__(self, other):
        if self.__class__ == other.__class__:
            return self.deconstruct() == other.deconstruct()
        return NotImplemented

    def __hash__(self):
        return hash((self.name, tuple(self.fields)))


def _as_expression(value):
    from framework.db.models.expressions import F

    return F(value) if isinstance(value, str) else value
