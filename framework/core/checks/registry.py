"""The registry of system checks: ``register``, ``run_checks``, ``Tags``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from framework.core.checks.messages import CheckMessage


class Tags:
    """The built-in check tags."""

    admin = "admin"
    async_support = "async_support"
    caches = "caches"
    compatibility = "compatibility"
    database = "database"
    files = "files"
    models = "models"
    security = "security"
    signals = "signals"
    sites = "sites"
    staticfiles = "staticfiles"
    templates = "templates"
    translation = "translation"
    urls = "urls"


class CheckRegistry:
    """Registered check functions, with their tags and whether they are deployment-only."""

    def __init__(self):
        self.registered_checks: set[Callable] = set()
        self.deployment_checks: set[Callable] = set()

    def __repr__(self) -> str:
        return (
            f"<CheckRegistry: {len(self.registered_checks)} checks, "
            f"{len(self.deployment_checks)} deployment checks>"
        )

    def register(self, check: Any = None, *tags: str, deploy: bool = False) -> Any:
        """Register a check function; usable as ``@register``, ``@register("tag")``, or a call.

        A check is called as ``check(app_configs=..., databases=..., **kwargs)`` and returns
        a list of CheckMessage. ``deploy=True`` runs it only for ``check --deploy``.
        """

        def inner(check: Callable) -> Callable:
            if not callable(check):
                raise TypeError(f"System check {check!r} is not callable.")
            check.tags = tags  # type: ignore[attr-defined]
            target = self.deployment_checks if deploy else self.registered_checks
            target.add(check)
            return check

        if callable(check):
            return inner(check)
        if check:
            tags = (check, *tags)
        return inner

    def run_checks(
        self,
        app_configs: Iterable[Any] | None = None,
        tags: Iterable[str] | None = None,
        include_deployment_checks: bool = False,
        databases: Iterable[str] | None = None,
    ) -> list[CheckMessage]:
        """Run the checks (optionally only those with one of ``tags``); return their messages."""
        errors: list[CheckMessage] = []
        checks = self.get_checks(include_deployment_checks)
        if tags is not None:
            wanted = set(tags)
            checks = [c for c in checks if wanted & set(c.tags)]
        # Databases are only queried when a caller asks for them (check --database).
        for check in sorted(checks, key=_check_order):
            new_errors = check(app_configs=app_configs, databases=databases)
            if not isinstance(new_errors, Iterable) or isinstance(new_errors, str):
                raise TypeError(
                    f"The function {check!r} did not return a list. All functions registered "
                    f"with the checks registry must return a list."
                )
            errors.extend(new_errors)
        return errors

    def tag_exists(self, tag: str, include_deployment_checks: bool = False) -> bool:
        """True if some registered check carries ``tag``."""
        return tag in self.tags_available(include_deployment_checks)

    def tags_available(self, deployment_checks: bool = False) -> set[str]:
        """The set of tags of the registered (and optionally deployment) checks."""
        return set(chain.from_iterable(c.tags for c in self.get_checks(deployment_checks)))

    def get_checks(self, include_deployment_checks: bool = False) -> list[Callable]:
        """The registered check functions."""
        checks = list(self.registered_checks)
        if include_deployment_checks:
            checks.extend(self.deployment_checks)
        return checks


def _check_order(check: Callable) -> tuple[str, str]:
    # Sets have no order; sorting by name keeps the output stable between runs.
    return (getattr(check, "__module__", ""), getattr(check, "__qualname__", repr(check)))


registry = CheckRegistry()
register = registry.register
run_checks = registry.run_checks
tag_exists = registry.tag_exists
