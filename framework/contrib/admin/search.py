"""The ``search`` lookup of the admin's ``@`` search prefix: PostgreSQL full-text search
(``to_tsvector(column) @@ plainto_tsquery(term)``); other databases have no full-text
search here, so the admin uses ``icontains`` for them instead."""

from __future__ import annotations

from typing import Any

from framework.db import NotSupportedError, connections
from framework.db.models import CharField, Lookup, TextField


class FullTextSearch(Lookup):
    """``field__search="words"``: the words found by PostgreSQL's full-text search."""

    lookup_name = "search"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if connection.vendor != "postgresql":
            raise NotSupportedError(
                f"The 'search' lookup needs PostgreSQL, not {connection.vendor!r}: "
                "use 'icontains' on this database."
            )
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = f"to_tsvector(COALESCE(({lhs})::text, '')) @@ plainto_tsquery({rhs})"
        return sql, [*lhs_params, *rhs_params]


def supports_full_text(queryset: Any) -> bool:
    """Whether ``queryset``'s database runs the ``search`` lookup."""
    return connections[queryset.db].vendor == "postgresql"


for _field in (CharField, TextField):
    if "search" not in _field._class_lookups():
        _field.register_lookup(FullTextSearch)
