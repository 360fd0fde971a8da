"""Load and render templates through the configured engines (Django's API)."""

from __future__ import annotations

from typing import Any

from framework.template.exceptions import TemplateDoesNotExist
from framework.template.utils import engines

__all__ = ["get_template", "render_to_string", "select_template"]


def _engine_list(using: str | None) -> list:
    return engines.all() if using is None else [engines[using]]


def get_template(template_name: str, using: str | None = None) -> Any:
    """Return the template ``template_name`` from the first engine that has it.

    Raises TemplateDoesNotExist naming every place searched, or TemplateSyntaxError.
    """
    chain = []
    for engine in _engine_list(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as exc:
            chain.append(exc)
    raise TemplateDoesNotExist(template_name, chain=chain)


def select_template(template_name_list: Any, using: str | None = None) -> Any:
    """Return the first template of ``template_name_list`` that exists."""
    if isinstance(template_name_list, str):
        raise TypeError(
            f"select_template() takes an iterable of template names but got a string: "
            f"{template_name_list!r}. Use get_template() to load a single template by name."
        )
    names = list(template_name_list)
    chain = []
    for name in names:
        for engine in _engine_list(using):
            try:
                return engine.get_template(name)
            except TemplateDoesNotExist as exc:
                chain.append(exc)
    if names:
        raise TemplateDoesNotExist(", ".join(names), chain=chain)
    raise TemplateDoesNotExist("No template names provided")


def render_to_string(
    template_name: Any,
    context: dict | None = None,
    request: Any = None,
    using: str | None = None,
) -> str:
    """Load a template (a name, or a list/tuple of names to try) and render it."""
    if isinstance(template_name, (list, tuple)):
        template = select_template(template_name, using=using)
    else:
        template = get_template(template_name, using=using)
    return template.render(context, request)
