"""``CurrentSiteMiddleware``: ``request.site`` for every request."""

from __future__ import annotations

from typing import Any

from framework.contrib.sites.shortcuts import get_current_site
from framework.middleware.base import MiddlewareMixin


class CurrentSiteMiddleware(MiddlewareMixin):
    """Set ``request.site`` to the current site."""

    def process_request(self, request: Any) -> None:
        request.site = get_current_site(request)
