"""DetailView: lookup by pk, slug or both; 404s; template names."""

from __future__ import annotations

import pytest

from framework.http import Http404
from framework.views.generic import DetailView
from tests.generic_views.helpers import view_instance


@pytest.fixture
def author(m):
    m.Author.objects.create(name="Other", slug="other")
    return m.Author.objects.create(name="Ann", slug="ann")


def test_by_pk(app, author):
    """The object is found by pk and rendered with <model>_detail.html."""
    assert app.get(f"/detail/author/{author.pk}/").text == f"Ann|{author.pk}|AuthorDetail"


def test_by_slug(app, author):
    """slug_url_kwarg/slug_field find the object by slug."""
    assert app.get("/detail/author/byslug/ann/").text.startswith("Ann|")


def test_pk_and_slug(app, author):
    """With query_pk_and_slug both must match."""
    assert app.get(f"/detail/author/{author.pk}-ann/").text.startswith("Ann|")
    app.get(f"/detail/author/{author.pk}-other/", status=404)


@pytest.mark.parametrize("pk", ["424242", "abc", "99999999999999999999999", "-1"])
def test_missing_or_malformed_pk_is_404(app, author, pk):
    """An unknown or malformed key is a 404, not a 500."""
    app.get(f"/detail/author/byrawpk/{pk}/", status=404)


def test_404_message(m):
    """The Http404 message names the model's verbose name."""
    from tests.generic_views.views import AuthorDetail

    view = view_instance(AuthorDetail, pk=424242)
    with pytest.raises(Http404, match="No author found matching the query"):
        view.get_object()


def test_no_pk_or_slug_is_attribute_error(m):
    """A URL without pk or slug is a configuration error naming the view."""
    from tests.generic_views.views import AuthorDetail

    view = view_instance(AuthorDetail)
    with pytest.raises(AttributeError, match="Generic detail view AuthorDetail must be called"):
        view.get_object()


def test_context_object_name_and_template_name_field(m, author):
    """context_object_name renames the object; template_name_field picks a template."""

    class View(DetailView):
        model = m.Author
        context_object_name = "thing"
        template_name_field = "slug"

    view = view_instance(View, pk=author.pk)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object)
    assert context["thing"] is view.object
    assert "author" not in context
    assert view.get_template_names() == ["ann", "generic_views/author_detail.html"]
