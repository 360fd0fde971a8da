"""Generic class-based views."""

from __future__ import annotations

from framework.utils.deferred import module_getattr
from framework.views.generic.base import ContextMixin as ContextMixin
from framework.views.generic.base import RedirectView as RedirectView
from framework.views.generic.base import TemplateResponseMixin as TemplateResponseMixin
from framework.views.generic.base import TemplateView as TemplateView
from framework.views.generic.base import View as View

# The date, detail, list and form views (and with them forms and date formatting) load
# on first use: importing ``framework.views.generic.base`` runs this module too.
_LAZY = {
    "ArchiveIndexView": "framework.views.generic.dates",
    "DateDetailView": "framework.views.generic.dates",
    "DayArchiveView": "framework.views.generic.dates",
    "MonthArchiveView": "framework.views.generic.dates",
    "TodayArchiveView": "framework.views.generic.dates",
    "WeekArchiveView": "framework.views.generic.dates",
    "YearArchiveView": "framework.views.generic.dates",
    "DetailView": "framework.views.generic.detail",
    "CreateView": "framework.views.generic.edit",
    "DeleteView": "framework.views.generic.edit",
    "FormView": "framework.views.generic.edit",
    "UpdateView": "framework.views.generic.edit",
    "ListView": "framework.views.generic.list",
}


__getattr__ = module_getattr(__name__, globals(), _LAZY)


__all__ = [
    "ArchiveIndexView",
    "ContextMixin",
    "CreateView",
    "DateDetailView",
    "DayArchiveView",
    "DeleteView",
    "DetailView",
    "FormView",
    "ListView",
    "MonthArchiveView",
    "RedirectView",
    "TemplateResponseMixin",
    "TemplateView",
    "TodayArchiveView",
    "UpdateView",
    "View",
    "WeekArchiveView",
    "YearArchiveView",
]
