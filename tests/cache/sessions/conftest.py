"""The contrib database fixtures, package-scoped to these session tests (cached_db needs them)."""

from tests.support.contrib_db import contrib_backends as contrib_backends  # noqa: F401
from tests.support.contrib_db import contrib_db as contrib_db  # noqa: F401
