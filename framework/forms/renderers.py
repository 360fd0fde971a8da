"""Form renderers: how forms, fields and widgets turn templates into HTML.

``FORM_RENDERER`` names the default (``Jinja2Renderer``). Templates live in
``framework/forms/templates/framework/forms/``; with ``Jinja2Renderer`` a
project overrides one by putting a template of the same name in an installed
app's ``templates/`` directory, with ``TemplatesSetting`` in ``TEMPLATES``' dirs.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from markupsafe import Markup

from framework.conf import settings
from framework.core.signals import setting_changed
from framework.utils.functional import cached_property
from framework.utils.module_loading import import_string

__all__ = ["BaseRenderer", "Jinja2Renderer", "TemplatesSetting", "get_default_renderer"]

FORMS_TEMPLATES = Path(__file__).resolve().parent / "templates"


class BaseRenderer:
    """Renders form templates; subclasses provide ``get_template(name)``."""

    form_template_name = "framework/forms/div.html"
    field_template_name = "framework/forms/field.html"

    def get_template(self, template_name: str) -> Any:
        raise NotImplementedError("subclasses must implement get_template()")

    def render(self, template_name: str, context: dict, request: Any = None) -> Markup:
        """Render ``template_name`` with ``context``; the result is safe HTML, stripped."""
        template = self.get_template(template_name)
        return Markup(template.render(context, request=request).strip())


class Jinja2Renderer(BaseRenderer):
    """A private Jinja2 engine on the installed apps' ``templates/`` and the built-in ones."""

    @cached_property
    def engine(self) -> Any:
        from framework.template.backends.base import get_app_template_dirs
        from framework.template.backends.jinja2 import Jinja2

        # Installed apps first, so that a project app can override a built-in template.
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [*get_app_template_dirs("templates"), FORMS_TEMPLATES],
                "NAME": "frameworkforms",
                "OPTIONS": {"trim_blocks": True, "lstrip_blocks": True},
            }
        )

    def get_template(self, template_name: str) -> Any:
        return self.engine.get_template(template_name)


class TemplatesSetting(BaseRenderer):
    """Load form templates through the project's ``TEMPLATES`` engines."""

    def get_template(self, template_name: str) -> Any:
        from framework.template.loader import get_template

        return get_template(template_name)


@functools.lru_cache
def get_default_renderer() -> BaseRenderer:
    """The renderer named by ``FORM_RENDERER`` (one instance per process)."""
    return import_string(settings.FORM_RENDERER)()


def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting in ("FORM_RENDERER", "INSTALLED_APPS", "TEMPLATES", "DEBUG"):
        get_default_renderer.cache_clear()


setting_changed.connect(_reset, dispatch_uid="framework.forms.renderers.reset")
