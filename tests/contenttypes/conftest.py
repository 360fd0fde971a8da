"""Database fixtures: contrib apps migrated on SQLite and PostgreSQL (tests/support/contrib_db.py)."""

from tests.support.contrib_db import contrib_backends as contrib_backends  # noqa: F401
from tests.support.contrib_db import contrib_db as contrib_db  # noqa: F401
