"""Generic inlines at Django's import path; they live in the admin app."""

from framework.contrib.admin.generic import GenericInlineModelAdmin as GenericInlineModelAdmin
from framework.contrib.admin.generic import GenericStackedInline as GenericStackedInline
from framework.contrib.admin.generic import GenericTabularInline as GenericTabularInline
