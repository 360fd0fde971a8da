"""URLconf of the view tests."""

from __future__ import annotations

from framework.urls import path
from tests.views import views

urlpatterns = [
    path("greet/", views.greeting_view),
    path("greet/<str:name>/", views.greeting_view, name="greet-name"),
    path("bonjour/", views.Greeting.as_view(greeting="bonjour")),
    path("page/<str:name>/", views.page_view),
    path("redirect/<int:pk>/", views.redirect_to_url),
    path("redirect-permanent/", views.redirect_permanent),
    path("redirect-pattern/<str:name>/", views.redirect_to_pattern),
    path("gone/", views.redirect_gone),
    path("get-or-put/", views.get_or_put),
    path("only-get/", views.only_get),
    path("only-post/", views.only_post),
    path("only-safe/", views.only_safe),
    path("etag/", views.etagged),
    path("dated/", views.dated),
    path("both/", views.both),
    path("uncached/", views.uncached),
    path("cached/", views.cached),
    path("gzipped/", views.gzipped),
    path("frame-deny/", views.frame_deny),
    path("frame-sameorigin/", views.frame_sameorigin),
    path("frame-exempt/", views.frame_exempt),
]
