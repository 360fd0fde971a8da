"""Generic class-based views."""

from __future__ import annotations

from framework.views.generic.base import ContextMixin as ContextMixin
from framework.views.generic.base import RedirectView as RedirectView
from framework.views.generic.base import TemplateResponseMixin as TemplateResponseMixin
from framework.views.generic.base import TemplateView as TemplateView
from framework.views.generic.base import View as View
