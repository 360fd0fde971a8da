"""URLconf building blocks: ``path()``, ``re_path()`` and ``include()``."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.urls.patterns import RegexPattern, RoutePattern
from framework.urls.resolvers import URLPattern, URLResolver
from framework.utils.functional import Promise


def include(arg: Any, namespace: str | None = None) -> tuple[Any, str | None, str | None]:
    """Include another URLconf: a dotted module path, a module, a list of patterns, or a
    ``(patterns, app_name)`` tuple; ``namespace`` sets the instance namespace.

    The included module's ``app_name`` is its application namespace, and the instance
    namespace defaults to it.
    """
    app_name = None
    if isinstance(arg, tuple):
        try:
            urlconf_module, app_name = arg
        except ValueError:
            if namespace:
                raise ImproperlyConfigured(
                    "Cannot override the namespace for a dynamic module that provides a namespace."
                ) from None
            raise ImproperlyConfigured(
                f"Passing a {len(arg)}-tuple to include() is not supported. Pass a 2-tuple "
                f"containing the list of patterns and app_name, and provide the namespace "
                f"argument to include() instead."
            ) from None
    else:
        urlconf_module = arg
    if isinstance(urlconf_module, str):
        urlconf_module = importlib.import_module(urlconf_module)
    patterns = getattr(urlconf_module, "urlpatterns", urlconf_module)
    app_name = getattr(urlconf_module, "app_name", app_name)
    if namespace and not app_name:
        where = (
            f"the included module {urlconf_module.__name__!r}"
            if isinstance(urlconf_module, ModuleType)
            else "the included module"
        )
        raise ImproperlyConfigured(
            f"Specifying a namespace ({namespace!r}) in include() without providing an "
            f"app_name is not supported. Set the app_name attribute in {where}, or pass a "
            f"2-tuple containing the list of patterns and app_name instead."
        )
    namespace = namespace or app_name
    if isinstance(patterns, (list, tuple)):
        for url_pattern in patterns:
            if not isinstance(url_pattern, (URLPattern, URLResolver)):
                raise ImproperlyConfigured(
                    f"Your URL pattern {url_pattern!r} in {getattr(urlconf_module, '__name__', 'include()')!r} "
                    f"is invalid. Ensure that urlpatterns is a list of path() and/or re_path() "
                    f"instances."
                )
    return (urlconf_module, app_name, namespace)


def _path(
    route: str,
    view: Any,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
    Pattern: type = RoutePattern,  # noqa: N803 - Django's keyword
) -> URLPattern | URLResolver:
    if not isinstance(route, (str, Promise)):
        raise TypeError(
            f"route must be a str or Promise, not {type(route).__name__} ({route!r}). The "
            f"route comes first: path('articles/', view)."
        )
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(
            f"kwargs argument must be a dict, but got {type(kwargs).__name__} (route {route!r})."
        )
    if isinstance(view, (list, tuple)):
        # include(): (urlconf module or list, app_name, namespace)
        pattern = Pattern(route, is_endpoint=False)
        urlconf_module, app_name, namespace = view
        return URLResolver(pattern, urlconf_module, kwargs, app_name=app_name, namespace=namespace)
    if isinstance(view, type) and hasattr(view, "as_view"):
        raise TypeError(
            f"view must be a callable, pass {view.__name__}.as_view(), not {view.__name__} "
            f"(route {route!r})."
        )
    if callable(view):
        pattern = Pattern(route, name=name, is_endpoint=True)
        return URLPattern(pattern, view, kwargs, name)
    if hasattr(type(view), "as_view"):
        cls_name = type(view).__name__
        raise TypeError(f"view must be a callable, pass {cls_name}.as_view(), not {cls_name}().")
    raise TypeError(
        f"view must be a callable or a list/tuple in the case of include(), not {view!r} "
        f"(route {route!r}). Import the view and pass the function itself."
    )


path = functools.partial(_path, Pattern=RoutePattern)
path.__doc__ = "A route in path() syntax (``articles/<int:year>/``) to a view or include()."
re_path = functools.partial(_path, Pattern=RegexPattern)
re_path.__doc__ = "A route given as a regular expression to a view or include()."
