"""``BaseEngine``: what every template engine configured in ``TEMPLATES`` provides."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.utils.functional import cached_property

__all__ = ["BaseEngine", "get_app_template_dirs"]


@functools.lru_cache
def get_app_template_dirs(dirname: str) -> tuple[Path, ...]:
    """Existing ``<app>/<dirname>`` directories of the installed apps, in INSTALLED_APPS order.

    Cached; cleared when INSTALLED_APPS changes (``framework.template.utils``).
    """
    from framework.apps import apps

    return tuple(
        path
        for app_config in apps.get_app_configs()
        if app_config.path and (path := Path(app_config.path) / dirname).is_dir()
    )


class BaseEngine:
    """A template engine built from one ``TEMPLATES`` entry.

    ``params`` holds the entry without ``BACKEND``: ``NAME``, ``DIRS``, ``APP_DIRS``
    and ``OPTIONS`` (which subclasses pop before calling ``super().__init__``).
    """

    #: Sub-directory of each installed app searched when ``APP_DIRS`` is true.
    app_dirname = "templates"

    def __init__(self, params: dict[str, Any]):
        params = dict(params)
        self.name = params.pop("NAME")
        dirs = params.pop("DIRS", [])
        if isinstance(dirs, (str, Path)):
            raise ImproperlyConfigured(
                f"DIRS of the template engine {self.name!r} must be a list of directories, "
                f"not {dirs!r}; write DIRS=[{str(dirs)!r}]."
            )
        self.dirs = [str(d) for d in dirs]
        self.app_dirs = bool(params.pop("APP_DIRS", False))
        if params:
            raise ImproperlyConfigured(
                f"Unknown parameters of the template engine {self.name!r}: "
                f"{', '.join(sorted(params))}. Allowed: NAME, BACKEND, DIRS, APP_DIRS, OPTIONS."
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    def check(self, **kwargs: Any) -> list:
        """System checks for this engine (none by default)."""
        return []

    def from_string(self, template_code: str) -> Any:
        """Compile ``template_code`` into a template object."""
        raise NotImplementedError("subclasses of BaseEngine must provide from_string()")

    def get_template(self, template_name: str) -> Any:
        """Load the template ``template_name``; raise TemplateDoesNotExist if not found."""
        raise NotImplementedError("subclasses of BaseEngine must provide get_template()")

    @cached_property
    def template_dirs(self) -> tuple[str, ...]:
        """``DIRS``, then each installed app's template directory when ``APP_DIRS`` is on."""
        dirs = tuple(self.dirs)
        if self.app_dirs:
            dirs += tuple(str(d) for d in get_app_template_dirs(self.app_dirname))
        return dirs

    def iter_template_filenames(self, template_name: str):
        """Yield the path of ``template_name`` in each template directory (safely joined)."""
        for template_dir in self.template_dirs:
            path = _safe_join(template_dir, template_name)
            if path is not None:
                yield path


def _safe_join(base: str, name: str) -> str | None:
    """``base/name`` if it stays inside ``base``, else None."""
    root = Path(base).resolve()
    candidate = (root / name).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return str(candidate)
