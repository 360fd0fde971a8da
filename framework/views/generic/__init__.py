"""Generic class-based views."""

from __future__ import annotations

from framework.views.generic.base import ContextMixin as ContextMixin
from framework.views.generic.base import RedirectView as RedirectView
from framework.views.generic.base import TemplateResponseMixin as TemplateResponseMixin
from framework.views.generic.base import TemplateView as TemplateView
from framework.views.generic.base import View as View
from framework.views.generic.dates import ArchiveIndexView as ArchiveIndexView
from framework.views.generic.dates import DateDetailView as DateDetailView
from framework.views.generic.dates import DayArchiveView as DayArchiveView
from framework.views.generic.dates import MonthArchiveView as MonthArchiveView
from framework.views.generic.dates import TodayArchiveView as TodayArchiveView
from framework.views.generic.dates import WeekArchiveView as WeekArchiveView
from framework.views.generic.dates import YearArchiveView as YearArchiveView
from framework.views.generic.detail import DetailView as DetailView
from framework.views.generic.edit import CreateView as CreateView
from framework.views.generic.edit import DeleteView as DeleteView
from framework.views.generic.edit import FormView as FormView
from framework.views.generic.edit import UpdateView as UpdateView
from framework.views.generic.list import ListView as ListView

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
