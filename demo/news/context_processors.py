"""``newsroom``: the current site and its sections for every page's header."""

from __future__ import annotations

from typing import Any


def newsroom(request: Any) -> dict[str, Any]:
    """``site`` and ``sections`` (the navigation) for the request's site."""
    site = getattr(request, "site", None)
    if site is None:
        return {"site": None, "sections": []}
    from news.models import Section

    return {"site": site, "sections": Section.objects.filter(site=site)}
