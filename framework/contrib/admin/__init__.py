"""The admin: a back office generated from your models (Django's ``contrib.admin``).

Register models on ``admin.site`` (``@admin.register(Book)``), mount
``admin.site.urls`` in the URLconf, and staff users get a changelist, add, change,
delete and history pages per model, with field-level change history and, when a
ModelAdmin sets ``object_permissions = True``, per-object rights.
"""

from framework.contrib.admin.autodiscovery import autodiscover as autodiscover
from framework.contrib.admin.decorators import action as action
from framework.contrib.admin.decorators import display as display
from framework.contrib.admin.decorators import register as register
from framework.contrib.admin.exceptions import AlreadyRegistered as AlreadyRegistered
from framework.contrib.admin.exceptions import NotRegistered as NotRegistered
from framework.contrib.admin.facets import ShowFacets as ShowFacets
from framework.contrib.admin.filters import AllValuesFieldListFilter as AllValuesFieldListFilter
from framework.contrib.admin.filters import BooleanFieldListFilter as BooleanFieldListFilter
from framework.contrib.admin.filters import ChoicesFieldListFilter as ChoicesFieldListFilter
from framework.contrib.admin.filters import DateFieldListFilter as DateFieldListFilter
from framework.contrib.admin.filters import EmptyFieldListFilter as EmptyFieldListFilter
from framework.contrib.admin.filters import FieldListFilter as FieldListFilter
from framework.contrib.admin.filters import ListFilter as ListFilter
from framework.contrib.admin.filters import RelatedFieldListFilter as RelatedFieldListFilter
from framework.contrib.admin.filters import SimpleListFilter as SimpleListFilter
from framework.contrib.admin.helpers import ACTION_CHECKBOX_NAME as ACTION_CHECKBOX_NAME
from framework.contrib.admin.options import HORIZONTAL as HORIZONTAL
from framework.contrib.admin.options import VERTICAL as VERTICAL
from framework.contrib.admin.options import ModelAdmin as ModelAdmin
from framework.contrib.admin.options import StackedInline as StackedInline
from framework.contrib.admin.options import TabularInline as TabularInline
from framework.contrib.admin.sites import AdminSite as AdminSite
from framework.contrib.admin.sites import site as site

__all__ = [
    "ACTION_CHECKBOX_NAME",
    "HORIZONTAL",
    "VERTICAL",
    "AdminSite",
    "AllValuesFieldListFilter",
    "AlreadyRegistered",
    "BooleanFieldListFilter",
    "ChoicesFieldListFilter",
    "DateFieldListFilter",
    "EmptyFieldListFilter",
    "FieldListFilter",
    "ListFilter",
    "ModelAdmin",
    "NotRegistered",
    "RelatedFieldListFilter",
    "ShowFacets",
    "SimpleListFilter",
    "StackedInline",
    "TabularInline",
    "action",
    "autodiscover",
    "display",
    "register",
    "site",
]
