"""URL configuration of the newsroom demo: the publication at /, the admin at /admin/."""

from framework.contrib import admin
from framework.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("news.urls")),
]
