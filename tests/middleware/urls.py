"""URLconf of the middleware tests."""

from __future__ import annotations

from framework.urls import path
from tests.middleware import views

urlpatterns = [
    path("plain/", views.plain),
    path("long/", views.long_body),
    path("long-etag/", views.long_with_etag),
    path("encoded/", views.already_encoded),
    path("random/", views.incompressible),
    path("stream/", views.stream),
    path("stream-length/", views.stream_with_length),
    path("no-store/", views.no_store),
    path("dated/", views.with_last_modified),
    path("explicit-404/", views.not_found_view),
    path("framed/", views.frame_header),
    path("referrer/", views.referrer_header),
    path("no-slash-view/", views.no_slash),
    path("exempt/public", views.plain),
]
