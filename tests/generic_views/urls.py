"""URLconf of the generic view tests."""

from __future__ import annotations

from framework.urls import path, re_path
from framework.views.generic import TemplateView
from tests.generic_views import views

urlpatterns = [
    path("contact/", views.ContactView.as_view()),
    path("thanks/", TemplateView.as_view(template_name="generic_views/contact.html")),
    path("list/authors/", views.AuthorList.as_view(), name="author_list"),
    path("list/authors/paginated/", views.AuthorPaginated.as_view()),
    path("list/authors/paginated/<int:page>/", views.AuthorPaginated.as_view()),
    path("list/authors/orphans/", views.AuthorOrphans.as_view()),
    path("list/authors/notempty/", views.AuthorNotEmpty.as_view()),
    path("list/authors/custom/", views.AuthorCustom.as_view()),
    path("detail/author/<int:pk>/", views.AuthorDetail.as_view(), name="author_detail"),
    re_path(r"^detail/author/byrawpk/(?P<pk>[^/]+)/$", views.AuthorDetail.as_view()),
    path("detail/author/byslug/<slug:slug>/", views.AuthorBySlug.as_view()),
    path("detail/author/<int:pk>-<slug:slug>/", views.AuthorByPkAndSlug.as_view()),
    path("detail/author/nokwargs/", views.AuthorDetail.as_view()),
    path("edit/authors/create/", views.AuthorCreate.as_view()),
    path("edit/authors/create/redirect/", views.AuthorCreateRedirect.as_view()),
    path("edit/author/<int:pk>/update/", views.AuthorUpdate.as_view()),
    path("edit/author/<int:pk>/delete/", views.AuthorDelete.as_view()),
    path("edit/author/<int:pk>/delete/confirmed/", views.AuthorDeleteConfirmed.as_view()),
    path("dates/books/", views.BookArchive.as_view()),
    path("dates/books/<int:year>/", views.BookYear.as_view()),
    path(
        "dates/books/<int:year>/objects/",
        views.BookYear.as_view(make_object_list=True, allow_empty=True),
    ),
    path("dates/books/<int:year>/<str:month>/", views.BookMonth.as_view()),
    path("dates/books/<int:year>/week/<int:week>/", views.BookWeek.as_view()),
    path("dates/books/<int:year>/<str:month>/<int:day>/", views.BookDay.as_view()),
    path("dates/books/today/", views.BookToday.as_view()),
    path("dates/books/<int:year>/<str:month>/<int:day>/<int:pk>/", views.BookDetail.as_view()),
    path("dates/signings/<int:year>/<str:month>/<int:day>/", views.SigningDay.as_view()),
]
