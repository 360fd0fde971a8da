"""Views: the class-based ``View`` and its generic subclasses, decorators, error pages."""

from __future__ import annotations

from framework.views.generic.base import View as View
