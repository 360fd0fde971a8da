"""Shortcuts: ``render``, ``redirect``, ``resolve_url``, ``get_object_or_404``,
``get_list_or_404`` (and their async forms).

The template layer is imported on first use (``render``), so that importing this module
pulls in no layer the caller doesn't use; the HTTP layer is loaded by ``framework.urls``
anyway. No import statement runs per call: one inside a function costs a failed
``__path__`` lookup (an AttributeError built and dropped) every time it runs.
"""

from __future__ import annotations

from typing import Any

from framework.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from framework.urls import NoReverseMatch, reverse
from framework.utils.deferred import lazy_module
from framework.utils.functional import Promise

loader = lazy_module("framework.template.loader")


def render(
    request: Any,
    template_name: str | list[str],
    context: dict[str, Any] | None = None,
    content_type: str | None = None,
    status: int | None = None,
    using: str | None = None,
) -> Any:
    """An ``HttpResponse`` whose content is ``template_name`` rendered with ``context``."""
    content = loader.render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type, status)


def redirect(to: Any, *args: Any, permanent: bool = False, preserve_request: bool = False,
             **kwargs: Any) -> Any:  # fmt: skip
    """A redirect to ``to``: a model (``get_absolute_url()``), a URL name or view with
    ``args``/``kwargs`` for ``reverse()``, or a URL.

    302 by default, 301 with ``permanent=True``; with ``preserve_request=True`` 307/308,
    which tell the client to repeat the method and body.
    """

    redirect_class = HttpResponsePermanentRedirect if permanent else HttpResponseRedirect
    return redirect_class(resolve_url(to, *args, **kwargs), preserve_request=preserve_request)


def resolve_url(to: Any, *args: Any, **kwargs: Any) -> str:
    """The URL for ``to``: ``to.get_absolute_url()``, ``reverse(to, ...)``, or ``to`` itself.

    A relative URL (``./``, ``../``) is returned as is; a string that fails to reverse
    is taken as a URL when it contains a "/" or a ".", else ``NoReverseMatch`` is raised.
    """
    if hasattr(to, "get_absolute_url"):
        return to.get_absolute_url()
    if isinstance(to, Promise):
        # urlparse() and friends choke on lazy strings.
        to = str(to)
    if isinstance(to, str) and to.startswith(("./", "../")):
        return to
    try:
        return reverse(to, args=args, kwargs=kwargs)
    except NoReverseMatch:
        if callable(to):
            raise
        if "/" not in to and "." not in to:
            raise
    return to


def _get_queryset(klass: Any) -> Any:
    """A QuerySet from a model, a manager or a QuerySet (returned unchanged)."""
    if hasattr(klass, "_default_manager"):
        return klass._default_manager.all()
    return klass


def _culprit_name(klass: Any) -> str:
    return klass.__name__ if isinstance(klass, type) else type(klass).__name__


def _not_found(queryset: Any) -> Exception:
    return Http404(f"No {queryset.model._meta.object_name} matches the given query.")


def get_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """``klass.get(*args, **kwargs)`` on a model, manager or QuerySet; Http404 if missing.

    ``MultipleObjectsReturned`` propagates, as with ``get()``.
    """
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "get"):
        raise ValueError(
            f"First argument to get_object_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_culprit_name(klass)}'."
        )
    try:
        return queryset.get(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset) from None


async def aget_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """Async ``get_object_or_404()`` (uses ``QuerySet.aget()``)."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "aget"):
        raise ValueError(
            f"First argument to aget_object_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_culprit_name(klass)}'."
        )
    try:
        return await queryset.aget(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset) from None


def get_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    """``list(klass.filter(*args, **kwargs))``; Http404 if the list is empty."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        raise ValueError(
            f"First argument to get_list_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_culprit_name(klass)}'."
        )
    obj_list = list(queryset.filter(*args, **kwargs))
    if not obj_list:
        raise _not_found(queryset)
    return obj_list


async def aget_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list:
    """Async ``get_list_or_404()`` (iterates the QuerySet with ``async for``)."""
    queryset = _get_queryset(klass)
    if not hasattr(queryset, "filter"):
        raise ValueError(
            f"First argument to aget_list_or_404() must be a Model, Manager, or QuerySet, "
            f"not '{_culprit_name(klass)}'."
        )
    obj_list = [obj async for obj in queryset.filter(*args, **kwargs)]
    if not obj_list:
        raise _not_found(queryset)
    return obj_list
