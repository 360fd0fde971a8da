"""A 500-route URLconf of the shapes real projects have, for resolution at both ends.

100 groups of 5 routes each: a list, a detail by int, an edit by int, a detail by slug
and a literal page; the last route of all is a catch-all by slug.
"""

from framework.urls import path
from tests.urls import views

GROUPS = 100

urlpatterns = []
for i in range(GROUPS):
    urlpatterns += [
        path(f"section{i}/", views.empty_view, name=f"s{i}-list"),
        path(f"section{i}/<int:pk>/", views.article_detail, name=f"s{i}-detail"),
        path(f"section{i}/<int:pk>/edit/", views.article_detail, name=f"s{i}-edit"),
        path(f"section{i}/by-slug/<slug:slug>/", views.article_detail, name=f"s{i}-slug"),
        path(f"page-{i}/", views.special_case, name=f"page-{i}"),
    ]
urlpatterns[-1] = path("<slug:anything>/", views.empty_view, name="catch-all")
