"""``CurrentSiteMiddleware``: ``request.site`` from the request's host (contrib.sites)."""

from __future__ import annotations

from typing import Any

from framework.contrib.sites.models import Site
from framework.http import Http404
from framework.utils.deprecation import MiddlewareMixin


def site_for_request(request: Any) -> Site:
    """The Site whose domain is the request's host; Http404 when there is none."""
    try:
        return Site.objects.get_current(request)
    except Site.DoesNotExist as exc:
        raise Http404(
            f"No site is configured for the host {request.get_host()!r}: add one in the "
            "admin (Sites) or run 'manage.py seed_demo'."
        ) from exc


class CurrentSiteMiddleware(MiddlewareMixin):
    """Set ``request.site`` lazily, so pages without a site (the admin) never look it up."""

    def process_request(self, request: Any) -> None:
        request._cached_site = None
        request.__class__ = _with_site(request.__class__)


_SITE_CLASSES: dict[type, type] = {}


def _with_site(cls: type) -> type:
    # A subclass with a ``site`` property per request class, built once per process.
    if cls not in _SITE_CLASSES:

        def site(self: Any) -> Site:
            if self._cached_site is None:
                self._cached_site = site_for_request(self)
            return self._cached_site

        _SITE_CLASSES[cls] = type(cls.__name__, (cls,), {"site": property(site)})
    return _SITE_CLASSES[cls]
