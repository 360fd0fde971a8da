"""URLconf of the cache middleware and decorator tests."""

from __future__ import annotations

from framework.urls import path
from tests.cache import views

urlpatterns = [
    path("counter/", views.counter),
    path("cookie/", views.sets_cookie),
    path("vary-cookie/", views.varies_on_cookie),
    path("vary-header/", views.varies_on_header),
    path("private/", views.private),
    path("no-store/", views.no_store),
    path("max-age-zero/", views.max_age_zero),
    path("max-age-thirty/", views.max_age_thirty),
    path("never/", views.never),
    path("not-found/", views.not_found),
    path("form/", views.form),
    path("cached/", views.cached_view),
    path("cached-prefix/", views.cached_view_prefix),
    path("cached-second/", views.cached_view_second),
    path("cached-cookie/", views.cached_view_cookie),
    path("cached-template/", views.cached_template),
]
