"""redirect() and resolve_url(): to a URL name, a model's get_absolute_url(), a URL."""

from __future__ import annotations

import pytest

from framework.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from framework.shortcuts import redirect, resolve_url
from framework.urls import NoReverseMatch, reverse_lazy
from tests.urls import views


@pytest.fixture(autouse=True)
def urlconf(settings):
    settings.ROOT_URLCONF = "tests.shortcuts.urls"


class Article:
    """Model-like: anything with get_absolute_url()."""

    def __init__(self, pk):
        self.pk = pk

    def get_absolute_url(self):
        return f"/articles/by-id/{self.pk}/"


def test_redirect_to_a_url_name_with_arguments():
    """A URL name with args or kwargs is reversed; the response is a 302."""
    response = redirect("archive", 2024)
    assert isinstance(response, HttpResponseRedirect)
    assert response.status_code == 302
    assert response["Location"] == "/articles/2024/"
    assert redirect("archive", year=1999).url == "/articles/1999/"


def test_redirect_to_a_view_callable():
    """A view function is reversed like its name."""
    assert redirect(views.empty_view).url == "/home/"


def test_redirect_to_a_model_like_object():
    """An object with get_absolute_url() redirects there."""
    assert redirect(Article(7)).url == "/articles/by-id/7/"


def test_redirect_to_a_url():
    """Absolute, rooted and relative URLs are used as they are."""
    assert redirect("https://example.com/x?y=1").url == "https://example.com/x?y=1"
    assert redirect("/some/path/").url == "/some/path/"
    assert redirect("../up/").url == "../up/"
    assert redirect("./here").url == "./here"


def test_redirect_permanent_and_preserve_request():
    """permanent=True gives 301; preserve_request=True gives 307/308 (Django 5.2)."""
    response = redirect("home", permanent=True)
    assert isinstance(response, HttpResponsePermanentRedirect)
    assert response.status_code == 301
    assert redirect("home", preserve_request=True).status_code == 307
    assert redirect("home", permanent=True, preserve_request=True).status_code == 308


def test_redirect_to_a_lazy_url():
    """A reverse_lazy() value is evaluated."""
    assert redirect(reverse_lazy("home")).url == "/home/"


def test_resolve_url_forms():
    """resolve_url() follows the same rules and returns the URL string."""
    assert resolve_url("archive", 2000) == "/articles/2000/"
    assert resolve_url(Article(1)) == "/articles/by-id/1/"
    assert resolve_url("example.com") == "example.com"
    assert resolve_url(reverse_lazy("home")) == "/home/"


def test_unknown_name_without_url_characters_raises():
    """A string with neither "/" nor "." that does not reverse is a NoReverseMatch."""
    with pytest.raises(NoReverseMatch, match="'nope' is not a valid view function"):
        redirect("nope")


def test_unreversible_callable_raises():
    """A view callable that does not reverse is a NoReverseMatch, never a URL."""
    with pytest.raises(NoReverseMatch):
        resolve_url(views.positional)


def test_get_object_or_404_refuses_non_querysets():
    """Anything without get()/filter() is a ValueError naming its type."""
    from framework.shortcuts import get_list_or_404, get_object_or_404

    with pytest.raises(ValueError, match="must be a Model, Manager, or QuerySet, not 'str'"):
        get_object_or_404("Article", pk=1)
    with pytest.raises(ValueError, match="get_list_or_404.*not 'Article'"):
        get_list_or_404(Article, pk=1)
