"""URLconf of the admin tests: the default site at /admin/, a custom one at /backoffice/."""

from __future__ import annotations

from framework.contrib import admin
from framework.urls import path
from tests.admin.shop.models import Tag

custom_site = admin.AdminSite(name="backoffice")
custom_site.site_header = "Back office"
custom_site.register(Tag)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", custom_site.urls),
]
