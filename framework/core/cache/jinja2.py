"""``CacheExtension``: Django's ``{% cache %}`` tag for Jinja2 templates.

Enable it with ``OPTIONS = {"extensions": ["framework.core.cache.jinja2.CacheExtension"]}``
in the Jinja2 TEMPLATES entry, then::

    {% cache 500, "sidebar", request.user.username %} ... {% endcache %}
    {% cache None, "footer", using="localcache" %} ... {% endcache %}

The first argument is the timeout in seconds (None: forever), the second the fragment
name, the others what the fragment varies on; the key is
``make_template_fragment_key(name, vary_on)``. The ``template_fragments`` cache is used
when CACHES defines it, else ``default``; ``using=`` names another alias.
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateRuntimeError
from jinja2.ext import Extension
from markupsafe import Markup

from framework.core.cache import caches
from framework.core.cache.backends.base import InvalidCacheBackendError
from framework.core.cache.utils import make_template_fragment_key

__all__ = ["CacheExtension"]

FRAGMENT_CACHE_ALIAS = "template_fragments"


def _fragment_cache(using: str | None) -> Any:
    if using is None:
        using = FRAGMENT_CACHE_ALIAS if FRAGMENT_CACHE_ALIAS in caches.settings else "default"
    try:
        return caches[using]
    except InvalidCacheBackendError:
        raise TemplateRuntimeError(
            f"Invalid cache name specified for cache tag: {using!r}; CACHES has "
            f"{list(caches.settings)!r}."
        ) from None


class CacheExtension(Extension):
    """``{% cache timeout, name, *vary_on[, using=alias] %}...{% endcache %}``."""

    tags = {"cache"}

    def parse(self, parser: Any) -> nodes.Node:
        lineno = next(parser.stream).lineno
        args: list[nodes.Expr] = []
        using: nodes.Expr = nodes.Const(None)
        while parser.stream.current.type != "block_end":
            if args:
                parser.stream.expect("comma")
            if parser.stream.current.test("name:using") and parser.stream.look().test("assign"):
                next(parser.stream)
                next(parser.stream)
                using = parser.parse_expression()
                continue
            args.append(parser.parse_expression())
        if len(args) < 2:
            parser.fail(
                "'cache' tag requires at least 2 arguments: {% cache timeout, name %}",
                lineno,
            )
        timeout, name, *vary_on = args
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method(
            "_render", [timeout, name, nodes.List(vary_on), using], lineno=lineno
        )
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(
        self, timeout: Any, name: Any, vary_on: list[Any], using: str | None, caller: Any
    ) -> str:
        if timeout is not None:
            try:
                timeout = int(timeout)
            except (TypeError, ValueError):
                raise TemplateRuntimeError(
                    f"'cache' tag got a non-integer timeout value: {timeout!r}"
                ) from None
        cache = _fragment_cache(using)
        key = make_template_fragment_key(str(name), vary_on)
        cached = cache.get(key)
        if cached is not None:
            is_markup, text = cached
            return Markup(text) if is_markup else text
        value = caller()
        # Stored as (is_markup, text): some serializers drop the Markup class.
        cache.set(key, (isinstance(value, Markup), str(value)), timeout)
        return value
