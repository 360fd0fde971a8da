"""The backend used when DATABASES is empty: every operation explains the fix."""

from __future__ import annotations

from framework.core.exceptions import ImproperlyConfigured
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.db.backends.base.creation import BaseDatabaseCreation
from framework.db.backends.base.features import BaseDatabaseFeatures
from framework.db.backends.base.introspection import BaseDatabaseIntrospection
from framework.db.backends.base.operations import BaseDatabaseOperations


def complain(*args, **kwargs):
    raise ImproperlyConfigured(
        "settings.DATABASES is improperly configured. Please supply the ENGINE value "
        "(e.g. 'framework.db.backends.sqlite3')."
    )


class DatabaseOperations(BaseDatabaseOperations):
    quote_name = complain


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "dummy"
    operators: dict = {}
    creation_class = BaseDatabaseCreation
    features_class = BaseDatabaseFeatures
    introspection_class = BaseDatabaseIntrospection
    ops_class = DatabaseOperations

    ensure_connection = complain
    _commit = complain
    _rollback = complain
    _savepoint = complain
    _set_autocommit = complain

    def close(self) -> None:
        pass

    def is_usable(self) -> bool:
        return True
