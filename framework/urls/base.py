"""``reverse()``, ``resolve()`` and the per-thread script prefix and URLconf."""

from __future__ import annotations

import threading
from typing import Any

from framework.urls.exceptions import NoReverseMatch, Resolver404
from framework.urls.resolvers import ResolverMatch, get_ns_resolver, get_resolver
from framework.utils.functional import lazy

# Both are per thread: the WSGI handler sets them for each request it serves.
_prefixes = threading.local()
_urlconfs = threading.local()


def resolve(path: str, urlconf: Any = None) -> ResolverMatch:
    """The ``ResolverMatch`` for ``path``; raises ``Resolver404`` when nothing matches."""
    if urlconf is None:
        urlconf = get_urlconf()
    return get_resolver(urlconf).resolve(path)


def reverse(
    viewname: Any,
    urlconf: Any = None,
    args: Any = None,
    kwargs: dict[str, Any] | None = None,
    current_app: str | None = None,
    *,
    query: Any = None,
    fragment: str | None = None,
) -> str:
    """The URL of the view named ``viewname`` (``"namespace:name"``) or of a view callable.

    Give ``args`` or ``kwargs``, not both (ValueError). ``current_app`` picks the instance
    of an application namespace; ``query`` (a dict, pairs or QueryDict) and ``fragment``
    are appended. Raises ``NoReverseMatch`` listing the patterns tried.
    """
    if urlconf is None:
        urlconf = get_urlconf()
    resolver = get_resolver(urlconf)
    args = args or []
    kwargs = kwargs or {}
    prefix = get_script_prefix()

    if not isinstance(viewname, str):
        view = viewname
    else:
        *path, view = viewname.split(":")
        if path:
            resolver = _namespace_resolver(resolver, path, current_app)

    url = resolver._reverse_with_prefix(view, prefix, *args, **kwargs)
    if query is not None:
        if hasattr(query, "urlencode"):  # a QueryDict
            query_string = query.urlencode()
        else:
            from framework.utils.http import urlencode

            query_string = urlencode(query, doseq=True)
        if query_string:
            url += "?" + query_string
    if fragment is not None:
        url += "#" + fragment
    return url


def _namespace_resolver(resolver: Any, path: list[str], current_app: str | None) -> Any:
    """Walk ``path`` (namespaces) down from ``resolver``, following ``current_app``."""
    current_path = current_app.split(":")[::-1] if current_app else None
    resolved_path: list[str] = []
    ns_pattern = ""
    ns_converters: dict[str, Any] = {}
    for ns in path:
        current_ns = current_path.pop() if current_path else None
        # An application namespace: use the current instance when it is one of the
        # app's, else the instance named like the app, else the last one deployed.
        app_list = resolver.app_dict.get(ns)
        if app_list is not None:
            if current_ns and current_ns in app_list:
                ns = current_ns
            elif ns not in app_list:
                ns = app_list[0]
        if ns != current_ns:
            current_path = None
        try:
            extra, resolver, converters = resolver.namespace_dict[ns]
        except KeyError:
            if resolved_path:
                raise NoReverseMatch(
                    f"'{ns}' is not a registered namespace inside '{':'.join(resolved_path)}'"
                ) from None
            raise NoReverseMatch(f"'{ns}' is not a registered namespace") from None
        resolved_path.append(ns)
        ns_pattern += extra
        ns_converters.update(converters)
    if not ns_pattern:
        return resolver
    return get_ns_resolver(ns_pattern, resolver, tuple(ns_converters.items()))


reverse_lazy = lazy(reverse, str)
reverse_lazy.__doc__ = "``reverse()`` evaluated when used (for class attributes, settings)."


def is_valid_path(path: str, urlconf: Any = None) -> ResolverMatch | bool:
    """The ``ResolverMatch`` if ``path`` resolves in ``urlconf``, else False."""
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return False


def set_script_prefix(prefix: str) -> None:
    """Set this thread's script prefix (the mount point), ending with "/"."""
    if not prefix.endswith("/"):
        prefix += "/"
    _prefixes.value = prefix


def get_script_prefix() -> str:
    """This thread's script prefix, "/" unless set (the handler sets it per request)."""
    return getattr(_prefixes, "value", "/")


def clear_script_prefix() -> None:
    """Forget this thread's script prefix."""
    try:
        del _prefixes.value
    except AttributeError:
        pass


def set_urlconf(urlconf_name: Any) -> None:
    """Use ``urlconf_name`` for this thread (None: back to ``ROOT_URLCONF``)."""
    if urlconf_name:
        _urlconfs.value = urlconf_name
    else:
        try:
            del _urlconfs.value
        except AttributeError:
            pass


def get_urlconf(default: Any = None) -> Any:
    """The URLconf set for this thread by ``set_urlconf()``, else ``default``."""
    return getattr(_urlconfs, "value", default)


def clear_url_caches() -> None:
    """Drop cached resolvers and views (after ROOT_URLCONF or a URLconf changed)."""
    from framework.urls.resolvers import _get_cached_resolver
    from framework.urls.utils import get_callable

    get_callable.cache_clear()
    _get_cached_resolver.cache_clear()
    get_ns_resolver.cache_clear()
