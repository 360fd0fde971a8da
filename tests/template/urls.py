"""URLconf for the url() global tests."""

from framework.http.response import HttpResponse
from framework.template.response import TemplateResponse
from framework.urls import path


def article(request, year, slug=None):
    return HttpResponse("article")


def templated(request):
    return TemplateResponse(request, "page.html", {"text": "from the view"})


urlpatterns = [
    path("articles/<int:year>/", article, name="archive"),
    path("articles/<int:year>/<slug:slug>/", article, name="article"),
    path("search/", article, name="search"),
    path("templated/", templated, name="templated"),
]
