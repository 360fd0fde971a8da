"""System checks: ``from framework.core.checks import register, Error, Warning, Tags``.

Checks are functions registered with ``@register(*tags, deploy=False)`` that return a
list of messages; ``manage.py check`` (and every command that requires checks) runs them.
"""

# Importing the built-in check modules registers their checks.
import framework.core.cache.checks  # noqa: F401
import framework.core.checks.security.base  # noqa: F401
import framework.core.checks.security.csrf  # noqa: F401
import framework.core.checks.security.sessions  # noqa: F401
import framework.core.checks.urls  # noqa: F401
from framework.core.checks.messages import (
    CRITICAL,
    DEBUG,
    ERROR,
    INFO,
    WARNING,
    CheckMessage,
    Critical,
    Debug,
    Error,
    Info,
    Warning,
)
from framework.core.checks.registry import (
    CheckRegistry,
    Tags,
    register,
    registry,
    run_checks,
    tag_exists,
)

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckMessage",
    "CheckRegistry",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Tags",
    "Warning",
    "register",
    "registry",
    "run_checks",
    "tag_exists",
]


@register
def check_database_replicas(app_configs=None, **kwargs):
    """routers.E001: DATABASE_REPLICAS names aliases of DATABASES (framework.db.routers).

    Imported when the check runs: framework.db.routers needs the ORM, which imports this
    package, so importing it here would be circular.
    """
    from framework.db.routers import check_database_replicas as check

    return check(app_configs, **kwargs)
