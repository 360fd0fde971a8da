"""``get_current_site(request)``: the Site, or a RequestSite when sites is not installed."""

from __future__ import annotations

from typing import Any


def get_current_site(request: Any) -> Any:
    """The current ``Site`` (contrib.sites installed) or a ``RequestSite``."""
    from framework.apps import apps

    if apps.is_installed("framework.contrib.sites"):
        from framework.contrib.sites.models import Site

        return Site.objects.get_current(request)
    from framework.contrib.sites.requests import RequestSite

    return RequestSite(request)
