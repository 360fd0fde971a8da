"""Views: the class-based ``View`` and its generic subclasses, decorators, error pages."""

from __future__ import annotations

from framework.utils.deferred import module_getattr

# ``View`` on first access: importing framework.views.decorators.cache (cache_page)
# runs this module and should not load the class-based views with it.
__getattr__ = module_getattr(__name__, globals(), {"View": "framework.views.generic.base"})

__all__ = ["View"]
