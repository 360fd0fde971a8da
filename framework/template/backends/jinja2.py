"""The Jinja2 template engine, configured in Django's ``TEMPLATES`` format.

::

    TEMPLATES = [{
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,                       # <app>/templates/
        "OPTIONS": {
            "context_processors": ["framework.template.context_processors.request"],
            "environment": "myproject.jinja2.environment",  # optional factory
        },
    }]

``OPTIONS`` other than ``context_processors``, ``environment`` and
``force_autoescape_off`` go to the environment (``extensions``, ``undefined``,
``auto_reload``, ``cache_size``, ...). Defaults: ``autoescape=True``,
``auto_reload=DEBUG``, ``undefined=DebugUndefined`` in DEBUG else ``Undefined``,
``cache_size=-1`` (each template compiled once per process).

Autoescaping cannot be turned off by accident: ``"autoescape": False`` is refused
unless ``"force_autoescape_off": True`` is also given, and an autoescape callable
(``jinja2.select_autoescape``) is always overridden to escape ``.html``,
``.htm``, ``.xhtml``, ``.xml`` and ``.svg`` templates and templates from strings.
"""

from __future__ import annotations

import os
from collections import ChainMap
from collections.abc import Callable
from typing import Any

import jinja2

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.template import signals
from framework.template.backends.base import BaseEngine
from framework.template.base import UNKNOWN_SOURCE, Origin
from framework.template.csrf import CsrfInput, CsrfToken
from framework.template.environment import install_defaults
from framework.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from framework.utils.module_loading import import_string

__all__ = ["Jinja2", "Template", "get_exception_info"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg")


def _html_always_escaped(choose: Callable[[str | None], bool]) -> Callable[[str | None], bool]:
    def autoescape(template_name: str | None) -> bool:
        if template_name is None or template_name.lower().endswith(_HTML_SUFFIXES):
            return True
        return bool(choose(template_name))

    return autoescape


class Jinja2(BaseEngine):
    """A Jinja2 environment with the framework's globals, filters and context processors."""

    app_dirname = "templates"

    def __init__(self, params: dict[str, Any]):
        params = dict(params)
        options = dict(params.pop("OPTIONS", None) or {})
        super().__init__(params)
        where = f"TEMPLATES entry {self.name!r}"

        processors = options.pop("context_processors", [])
        if isinstance(processors, str):
            raise ImproperlyConfigured(
                f"OPTIONS['context_processors'] of the {where} must be a list of dotted "
                f"paths, not {processors!r}; write [{processors!r}]."
            )
        self.template_context_processors = tuple(
            self._import(path, "context_processors", where) for path in processors
        )
        factory = options.pop("environment", "jinja2.Environment")
        if isinstance(factory, str):
            factory = self._import(factory, "environment", where)

        force_off = bool(options.pop("force_autoescape_off", False))
        autoescape = options.get("autoescape", True)
        if callable(autoescape):
            options["autoescape"] = _html_always_escaped(autoescape)
        elif not autoescape and not force_off:
            raise ImproperlyConfigured(
                f"The {where} sets OPTIONS['autoescape'] = {autoescape!r}: autoescaping is "
                f"always on for HTML. Use |safe or Markup for trusted HTML, "
                f"jinja2.select_autoescape() for non-HTML templates, or add "
                f"OPTIONS['force_autoescape_off'] = True if you really mean it."
            )
        else:
            options["autoescape"] = bool(autoescape)

        undefined = options.get("undefined")
        if isinstance(undefined, str):
            options["undefined"] = self._import(undefined, "undefined", where)
        elif undefined is None:
            options["undefined"] = jinja2.DebugUndefined if settings.DEBUG else jinja2.Undefined
        options.setdefault("auto_reload", settings.DEBUG)
        options.setdefault("cache_size", -1)
        if "loader" not in options:
            options["loader"] = jinja2.FileSystemLoader(self.template_dirs)

        try:
            env = factory(**options)
        except TypeError as exc:
            raise ImproperlyConfigured(
                f"The {where} has OPTIONS the Jinja2 environment does not accept: {exc}. "
                f"Allowed are context_processors, environment, force_autoescape_off and "
                f"jinja2.Environment's keyword arguments."
            ) from exc
        if not isinstance(env, jinja2.Environment):
            raise ImproperlyConfigured(
                f"OPTIONS['environment'] of the {where} returned {env!r}, not a jinja2.Environment."
            )
        self.env = install_defaults(env)

    @staticmethod
    def _import(path: str, option: str, where: str) -> Any:
        try:
            return import_string(path)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"OPTIONS[{option!r}] of the {where}: {path!r} cannot be imported ({exc})."
            ) from exc

    def from_string(self, template_code: str) -> Template:
        """Compile a template from source text (autoescaped)."""
        try:
            return Template(self.env.from_string(template_code), self)
        except jinja2.TemplateSyntaxError as exc:
            raise self.syntax_error(exc) from exc

    def get_template(self, template_name: str) -> Template:
        """Load and compile ``template_name`` (compiled once, then served from the cache)."""
        try:
            compiled = self.env.get_template(template_name)
        except jinja2.TemplateNotFound as exc:
            raise self.not_found(exc) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise self.syntax_error(exc) from exc
        # One wrapper per compiled template (Jinja2 hands out a new object when auto_reload
        # sees a changed source), instead of a Template and an Origin per render.
        wrapper = compiled.__dict__.get("_framework_template")
        if wrapper is None or wrapper.backend is not self:
            if isinstance(compiled.globals, ChainMap):
                # Jinja2 copies a template's globals into every render's context; from its
                # ChainMap over the environment's globals that is a Python-level walk of each
                # name per render, from a dict a C-level copy. The environment's globals are
                # therefore read when a template is first loaded (set them up front, in
                # OPTIONS['environment'], as usual).
                compiled.globals = dict(compiled.globals)
            wrapper = compiled._framework_template = Template(compiled, self)
        return wrapper

    def not_found(self, exc: jinja2.TemplateNotFound) -> TemplateDoesNotExist:
        """Translate Jinja2's TemplateNotFound, listing every place searched."""
        names = getattr(exc, "templates", None) or [exc.name]
        tried = []
        for name in names:
            tried.extend(self._tried(str(name)))
        return TemplateDoesNotExist(", ".join(str(n) for n in names), tried=tried, backend=self)

    def _tried(self, template_name: str) -> list[tuple[Origin, str]]:
        loader = self.env.loader
        dirs = getattr(loader, "searchpath", None)
        if dirs is None:
            origin = Origin(f"<{type(loader).__name__}>", template_name, loader)
            return [(origin, "Source does not exist")]
        return [
            (Origin(os.path.join(d, template_name), template_name, loader), "Source does not exist")
            for d in dirs
        ]

    def syntax_error(self, exc: jinja2.TemplateSyntaxError) -> TemplateSyntaxError:
        """Translate Jinja2's syntax error, naming the template and the line."""
        name = exc.name or exc.filename or UNKNOWN_SOURCE
        error = TemplateSyntaxError(f"{exc.message} (template {name!r}, line {exc.lineno})")
        error.template_name = exc.name
        error.lineno = exc.lineno
        error.template_debug = get_exception_info(exc)
        return error


class Template:
    """A compiled template of the Jinja2 engine; ``render(context, request)`` returns text."""

    def __init__(self, template: jinja2.Template, backend: Jinja2):
        self.template = template
        self.backend = backend
        self.origin = Origin(template.filename or UNKNOWN_SOURCE, template.name)

    @property
    def name(self) -> str | None:
        """The name the template was loaded by (None for templates from strings)."""
        return self.template.name

    def __repr__(self) -> str:
        return f"<Template {self.template.name!r}>"

    def render(self, context: Any = None, request: Any = None) -> str:
        """Render with ``context`` (a dict); with a request, add ``request``,
        ``csrf_input``, ``csrf_token`` and the context processors' values.

        The view's context wins over context processors (as in Django's own
        template language) and the given dict is not modified.
        """
        if request is not None:
            values = {
                "request": request,
                "csrf_input": CsrfInput(request),
                "csrf_token": CsrfToken(request),
            }
            for processor in self.backend.template_context_processors:
                values.update(processor(request))
            if context:
                values.update(context)
            context = values
        elif context is None:
            context = {}
        if signals.instrumentation_enabled:
            signals.template_rendered.send(sender=self, template=self, context=context)
        try:
            return self.template.render(context)
        except jinja2.TemplateNotFound as exc:
            raise self.backend.not_found(exc) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise self.backend.syntax_error(exc) from exc


def get_exception_info(exc: jinja2.TemplateSyntaxError, context_lines: int = 10) -> dict:
    """The debug page's view of a syntax error: name, line and the source around it."""
    source = exc.source
    if source is None and exc.filename and os.path.isfile(exc.filename):
        with open(exc.filename, encoding="utf-8", errors="replace") as handle:
            source = handle.read()
    lines = source.splitlines() if source is not None else []
    lineno = exc.lineno or 0
    total = len(lines)
    top = max(0, lineno - context_lines - 1)
    bottom = min(total, lineno + context_lines)
    return {
        "name": exc.filename or exc.name or UNKNOWN_SOURCE,
        "message": exc.message,
        "source_lines": list(enumerate(lines, start=1))[top:bottom],
        "line": lineno,
        "before": "",
        "during": lines[lineno - 1] if 0 < lineno <= total else "",
        "after": "",
        "total": total,
        "top": top,
        "bottom": bottom,
    }
