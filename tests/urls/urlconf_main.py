"""The main URLconf of the resolve/reverse tests; order of the entries matters."""

from framework.urls import include, path, re_path
from tests.urls import views

plain_patterns = [
    path("list/", views.empty_view, name="list-item"),
]

urlpatterns = [
    # Order precedence: the literal route comes after the converter route that also
    # matches it, so the converter route wins.
    path("articles/<int:year>/", views.article_archive, name="articles-year"),
    path("articles/2003/", views.special_case, name="articles-2003"),
    path("articles/<int:year>/<int:month>/", views.article_archive, name="articles-month"),
    path("articles/<int:year>/<slug:slug>/", views.article_detail, name="article-detail"),
    # The literal route comes first here, so it wins over the converter route.
    path("posts/latest/", views.special_case, name="posts-latest"),
    path("posts/<slug:slug>/", views.article_detail, name="post-detail"),
    path("about/", views.empty_view, name="about"),
    path("about", views.special_case, name="about-no-slash"),
    path("files/<path:file_path>", views.empty_view, name="file"),
    path("items/<uuid:id>/", views.empty_view, name="item"),
    path("tags/<str:tag>/", views.empty_view, name="tag"),
    path("café/<str:name>/", views.empty_view, name="unicode"),
    path("defaults/", views.empty_view, {"flavour": "vanilla"}, name="defaults"),
    path("percent%/<int:n>/", views.empty_view, name="percent"),
    re_path(r"^regex/(?P<year>[0-9]{4})/$", views.article_archive, name="regex-year"),
    re_path(r"^positional/([0-9]+)/([a-z]+)/$", views.positional, name="positional"),
    re_path(r"^optional/(?:page-(?P<page>[0-9]+)/)?$", views.empty_view, name="optional"),
    path("instance/", views.callable_instance, name="instance"),
    path("partial/", views.partial_view, name="partial"),
    path("unnamed/", views.special_case),
    # The same name twice: reverse() prefers the last one that fits the arguments.
    path("dup/<int:a>/", views.empty_view, name="dup"),
    path("dup/<int:a>/<int:b>/", views.empty_view, name="dup"),
    path("dup-last/", views.empty_view, name="dup-same"),
    path("dup-last-2/", views.empty_view, name="dup-same"),
    # includes
    path("polls/", include("tests.urls.included_app")),
    path("polls-two/", include("tests.urls.included_app", namespace="polls-two")),
    path("plain/", include("tests.urls.included_plain"), {"included": "yes"}),
    path("ns-tuple/", include((plain_patterns, "tupleapp"), namespace="tuple-ns")),
    path("listed/", include(plain_patterns)),
    path("outer/", include("tests.urls.included_nested")),
    path("user/<int:user_id>/", include("tests.urls.included_plain")),
    re_path(r"^re-inc/(?P<group>[a-z]+)/", include("tests.urls.included_plain")),
    path("", views.empty_view, name="home"),
]
