"""``CurrentSiteMiddleware``: ``request.site`` from the request's host (contrib.sites)."""

from __future__ import annotations

from typing import Any

from framework.contrib.sites.models import Site
from framework.http import Http404
from framework.middleware.base import MiddlewareMixin


def site_for_request(request: Any) -> Site:
    """The Site whose domain is the request's host (cached per process); Http404 if none."""
    site = getattr(request, "site", None)
    if site is not None:
        return site
    raise Http404(
        f"No site is configured for the host {request.get_host()!r}: add one in the "
        "admin (Sites) or run 'manage.py seed_demo'."
    )


class CurrentSiteMiddleware(MiddlewareMixin):
    """Set ``request.site`` (None for a host without a Site, so the admin still works)."""

    def process_request(self, request: Any) -> None:
        try:
            request.site = Site.objects.get_current(request)
        except Site.DoesNotExist:
            request.site = None
