"""URLconf of the security tests: the admin, the auth views and the hostile-input probes."""

from __future__ import annotations

from framework.contrib import admin
from framework.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("framework.contrib.auth.urls")),
    path("", include("tests.security.probe_urls")),
]
