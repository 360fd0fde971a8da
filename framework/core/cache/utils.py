"""Key helpers shared by the template fragment cache and its users."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

__all__ = ["TEMPLATE_FRAGMENT_KEY_TEMPLATE", "make_template_fragment_key"]

TEMPLATE_FRAGMENT_KEY_TEMPLATE = "template.cache.%s.%s"


def make_template_fragment_key(fragment_name: str, vary_on: Iterable[Any] | None = None) -> str:
    """Return the cache key of a ``{% cache %}`` fragment, to delete or inspect it."""
    hasher = hashlib.md5(usedforsecurity=False)
    for arg in vary_on or ():
        hasher.update(str(arg).encode())
        hasher.update(b":")
    return TEMPLATE_FRAGMENT_KEY_TEMPLATE % (fragment_name, hasher.hexdigest())
