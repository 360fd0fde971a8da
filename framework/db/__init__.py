"""Database access: ``connections``, ``connection``, ``router`` and the PEP 249 errors."""

from __future__ import annotations

from framework.db.connection_proxy import (
    close_old_connections as close_old_connections,
)
from framework.db.connection_proxy import connection as connection
from framework.db.connection_proxy import connections as connections
from framework.db.connection_proxy import reset_queries as reset_queries
from framework.db.connection_proxy import router as router
from framework.db.utils import DEFAULT_DB_ALIAS as DEFAULT_DB_ALIAS
from framework.db.utils import ConnectionDoesNotExist as ConnectionDoesNotExist
from framework.db.utils import DatabaseError as DatabaseError
from framework.db.utils import DataError as DataError
from framework.db.utils import Error as Error
from framework.db.utils import IntegrityError as IntegrityError
from framework.db.utils import InterfaceError as InterfaceError
from framework.db.utils import InternalError as InternalError
from framework.db.utils import NotSupportedError as NotSupportedError
from framework.db.utils import OperationalError as OperationalError
from framework.db.utils import ProgrammingError as ProgrammingError
