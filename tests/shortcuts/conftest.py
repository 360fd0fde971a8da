"""The ORM suite's database fixtures, for get_object_or_404() on every backend.

Imported in this conftest (not in a test module) so that the package-scoped
``orm_backends`` is scoped to tests/shortcuts and torn down before tests/orm sets up
its own databases.
"""

from tests.orm.conftest import orm_backends as orm_backends
from tests.orm.conftest import orm_db as orm_db
