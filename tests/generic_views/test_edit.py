"""FormView, CreateView, UpdateView and DeleteView through HTTP."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.views.generic import CreateView, UpdateView
from tests.generic_views.helpers import view_instance


def test_form_view_get_invalid_and_valid(app, db):
    """GET shows the form; an invalid POST re-renders with errors; a valid one redirects."""
    page = app.get("/contact/")
    assert 'name="name"' in page.text
    response = app.post("/contact/", {"name": "x" * 50})
    assert response.status_code == 200
    assert "Ensure this value has at most 20 characters (it has 50)." in response.text
    assert "This field is required." in response.text
    response = app.post("/contact/", {"name": "Ann", "message": "Hi"}, status=302)
    assert response.headers["Location"] == "/thanks/"


def test_create_view(app, m):
    """CreateView saves the object and redirects to get_absolute_url()."""
    page = app.get("/edit/authors/create/")
    assert "object=none" in page.text
    response = app.post("/edit/authors/create/", {"name": "Ann", "slug": "ann"}, status=302)
    author = m.Author.objects.get()
    assert response.headers["Location"] == f"/detail/author/{author.pk}/"


def test_create_view_success_url_format(app, m):
    """success_url is formatted with the new object's attributes."""
    response = app.post("/edit/authors/create/redirect/", {"name": "A", "slug": "a"}, status=302)
    assert response.headers["Location"] == f"/edit/authors/{m.Author.objects.get().pk}/done/"


def test_create_view_invalid(app, m):
    """An invalid POST shows errors and saves nothing."""
    response = app.post("/edit/authors/create/", {"name": "", "slug": "not a slug"})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert m.Author.objects.count() == 0


def test_hostile_posts_never_500(app, m):
    """Extra, oversized and non-UTF-8 values give form errors, not server errors."""
    response = app.post(
        "/edit/authors/create/", {"name": "x" * 100_000, "slug": "ok", "id": "7", "extra": "1"}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters" in response.text
    response = app.post(
        "/edit/authors/create/",
        b"name=%FF%FE%00&slug=%C3%28",
        content_type="application/x-www-form-urlencoded",
        expect_errors=True,
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert m.Author.objects.count() == 0


def test_user_strings_escaped_in_form(app, m):
    """A submitted value containing markup is escaped when the form is shown again."""
    response = app.post("/edit/authors/create/", {"name": '"><script>x</script>', "slug": "!"})
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_update_view(app, m):
    """UpdateView shows the object's values and saves changes."""
    author = m.Author.objects.create(name="Ann", slug="ann")
    page = app.get(f"/edit/author/{author.pk}/update/")
    assert 'value="Ann"' in page.text
    assert "object=Ann" in page.text
    response = app.post(f"/edit/author/{author.pk}/update/", {"name": "Anne", "slug": "ann"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/list/authors/"
    author.refresh_from_db()
    assert author.name == "Anne"
    app.post("/edit/author/424242/update/", {"name": "x", "slug": "x"}, status=404)


def test_delete_view(app, m):
    """GET asks for confirmation; POST deletes and redirects."""
    author = m.Author.objects.create(name="Ann", slug="ann")
    assert app.get(f"/edit/author/{author.pk}/delete/").text.startswith("Delete Ann?")
    response = app.post(f"/edit/author/{author.pk}/delete/", status=302)
    assert response.headers["Location"] == "/list/authors/"
    assert m.Author.objects.count() == 0
    app.post(f"/edit/author/{author.pk}/delete/", status=404)


def test_delete_view_with_form_class(app, m):
    """A form_class on DeleteView must validate before anything is deleted."""
    author = m.Author.objects.create(name="Ann", slug="ann")
    response = app.post(f"/edit/author/{author.pk}/delete/confirmed/")
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert m.Author.objects.count() == 1
    app.post(f"/edit/author/{author.pk}/delete/confirmed/", {"confirm": "on"}, status=302)
    assert m.Author.objects.count() == 0


def test_configuration_errors(m):
    """fields with form_class, or neither, and a missing success URL are reported."""

    class Both(CreateView):
        model = m.Author
        fields = ["name"]
        form_class = object

    with pytest.raises(ImproperlyConfigured, match="Specifying both 'fields' and 'form_class'"):
        view_instance(Both).get_form_class()

    class Neither(CreateView):
        model = m.Author

    with pytest.raises(ImproperlyConfigured, match=r"Using ModelFormMixin \(base class of Neither"):
        view_instance(Neither).get_form_class()

    class NoUrl(UpdateView):
        model = m.Book
        fields = ["name"]

    view = view_instance(NoUrl)
    view.object = m.Book(name="x")
    with pytest.raises(ImproperlyConfigured, match="No URL to redirect to"):
        view.get_success_url()
