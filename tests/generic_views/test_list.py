"""ListView: object lists, pagination, allow_empty, context names and templates."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.http import Http404
from framework.views.generic import ListView
from tests.generic_views.helpers import request, view_instance


@pytest.fixture
def authors(m):
    return [m.Author.objects.create(name=name, slug=name.lower()) for name in "ABCDE"]


def test_list_default_template_and_context(app, authors):
    """<model>_list.html renders <model>_list, object_list is the same, no pagination."""
    body = app.get("/list/authors/").text
    assert body == "A;B;C;D;E;|page=-|paginated=False|count=-|same=True"


def test_pagination_by_query_string_and_url(app, authors):
    """paginate_by splits the list; the page comes from ?page= or the URL kwarg."""
    assert app.get("/list/authors/paginated/").text.startswith("A;B;|page=1|paginated=True")
    assert app.get("/list/authors/paginated/?page=2").text.startswith("C;D;|page=2")
    assert app.get("/list/authors/paginated/3/").text.startswith("E;|page=3")
    assert app.get("/list/authors/paginated/?page=last").text.startswith("E;|page=3")
    assert "count=5" in app.get("/list/authors/paginated/").text


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "9" * 30, "1.5", "%00"])
def test_bad_page_is_404(app, authors, page):
    """A page out of range or not a number is a 404, never a 500."""
    app.get(f"/list/authors/paginated/?page={page}", status=404)


def test_bad_page_messages(m, authors):
    """The Http404 messages are Django's."""
    from tests.generic_views.views import AuthorPaginated

    view = view_instance(AuthorPaginated, "/?page=abc")
    view.object_list = view.get_queryset()
    with pytest.raises(Http404, match="Page is not “last”, nor can it be converted to an int."):
        view.get_context_data()
    view = view_instance(AuthorPaginated, "/?page=9")
    view.object_list = view.get_queryset()
    with pytest.raises(Http404, match=r"Invalid page \(9\): That page contains no results"):
        view.get_context_data()


def test_orphans(app, authors):
    """paginate_orphans folds a short last page into the previous one."""
    assert app.get("/list/authors/orphans/?page=2").text.startswith("C;D;E;|page=2")
    app.get("/list/authors/orphans/?page=3", status=404)


def test_allow_empty(app, m):
    """An empty list renders by default; allow_empty=False makes it a 404."""
    assert app.get("/list/authors/").text.startswith("|page=-")
    app.get("/list/authors/notempty/", status=404)
    m.Author.objects.create(name="X", slug="x")
    assert app.get("/list/authors/notempty/").text.startswith("X;")


def test_empty_list_message(m):
    """allow_empty=False says which view refused the empty list."""
    from tests.generic_views.views import AuthorNotEmpty

    view = view_instance(AuthorNotEmpty)
    with pytest.raises(Http404, match="Empty list and “AuthorNotEmpty.allow_empty” is False."):
        view.get(view.request)


def test_custom_name_template_ordering_page_kwarg(app, authors):
    """context_object_name, template_name, ordering and page_kwarg are honoured."""
    assert app.get("/list/authors/custom/?p=1").text == "E;D;C;B;A;"


def test_missing_queryset_is_improperly_configured(db):
    """A ListView without model or queryset says how to fix it."""
    view = view_instance(ListView)
    with pytest.raises(ImproperlyConfigured, match="ListView is missing a QuerySet"):
        view.get(view.request)


def test_template_names_without_queryset(db):
    """Without template_name or a QuerySet there is no template to guess."""

    class Plain(ListView):
        queryset = [1, 2, 3]

    view = view_instance(Plain)
    view.object_list = view.get_queryset()
    with pytest.raises(ImproperlyConfigured, match="requires either a 'template_name'"):
        view.get_template_names()
    response = Plain.as_view(template_name="generic_views/custom_list.html")(request())
    assert response.context_data["object_list"] == [1, 2, 3]


def test_escaping(app, m):
    """Names with markup are escaped in the rendered list."""
    m.Author.objects.create(name="<i>x</i>", slug="x")
    assert "&lt;i&gt;x&lt;/i&gt;" in app.get("/list/authors/").text
