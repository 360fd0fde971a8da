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
from framework.contrib.admin.options import HORIZONTAL as HORIZONTAL
from framework.contrib.admin.options import VERTICAL as VERTICAL
from framework.contrib.admin.options import ModelAdmin as ModelAdmin
from framework.contrib.admin.options import StackedInline as StackedInline
from framework.contrib.admin.options import TabularInline as TabularInline
from framework.contrib.admin.sites import AdminSite as AdminSite
from framework.contrib.admin.sites import site as site
from framework.utils.deferred import module_getattr

# The list filters, facets and form helpers load on first use: a process serving only
# the site's own pages never needs them (``from framework.contrib.admin import
# SimpleListFilter`` imports them then).
_LAZY = {
    "ShowFacets": "framework.contrib.admin.facets",
    "AllValuesFieldListFilter": "framework.contrib.admin.filters",
    "BooleanFieldListFilter": "framework.contrib.admin.filters",
    "ChoicesFieldListFilter": "framework.contrib.admin.filters",
    "DateFieldListFilter": "framework.contrib.admin.filters",
    "EmptyFieldListFilter": "framework.contrib.admin.filters",
    "FieldListFilter": "framework.contrib.admin.filters",
    "ListFilter": "framework.contrib.admin.filters",
    "RelatedFieldListFilter": "framework.contrib.admin.filters",
    "SimpleListFilter": "framework.contrib.admin.filters",
    "ACTION_CHECKBOX_NAME": "framework.contrib.admin.helpers",
}


__getattr__ = module_getattr(__name__, globals(), _LAZY)


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
