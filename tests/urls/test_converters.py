"""Converters: the built-in ones and custom ones registered with register_converter()."""

from __future__ import annotations

import types
import uuid

import pytest

from framework.urls import NoReverseMatch, Resolver404, path, register_converter, resolve, reverse
from framework.urls import converters as converters_module
from framework.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
    get_converters,
)
from tests.urls import views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class EvenNumber:
    """Rejects odd numbers in both directions by raising ValueError."""

    regex = "[0-9]+"

    def to_python(self, value):
        if int(value) % 2:
            raise ValueError("odd")
        return int(value)

    def to_url(self, value):
        if value % 2:
            raise ValueError("odd")
        return str(value)


@pytest.fixture
def custom_converters():
    """Register yyyy and even for one test, then unregister them."""
    register_converter(FourDigitYear, "yyyy")
    register_converter(EvenNumber, "even")
    yield
    converters_module.REGISTERED_CONVERTERS.pop("yyyy", None)
    converters_module.REGISTERED_CONVERTERS.pop("even", None)


def urlconf(*patterns):
    module = types.ModuleType("converter_urlconf")
    module.urlpatterns = list(patterns)
    return module


@pytest.mark.parametrize(
    ("converter", "good", "bad", "python"),
    [
        (IntConverter(), ["0", "42", "007"], ["-1", "4.2", "x", ""], 7),
        (StringConverter(), ["a", "a b", "é"], ["a/b", ""], "x"),
        (SlugConverter(), ["a-b_c9"], ["a b", "é", "a.b", ""], "x"),
        (PathConverter(), ["a", "a/b/c"], [""], "x"),
        (
            UUIDConverter(),
            ["12345678-abcd-ef01-2345-6789abcdef01"],
            ["12345678-ABCD-EF01-2345-6789ABCDEF01", "1234567-abcd-ef01-2345-6789abcdef01"],
            uuid.UUID(int=1),
        ),
    ],
)
def test_builtin_converter_regexes(converter, good, bad, python):
    """Each built-in converter accepts and refuses what Django's does."""
    import re

    for value in good:
        assert re.fullmatch(converter.regex, value), value
    for value in bad:
        assert not re.fullmatch(converter.regex, value), value
    assert converter.to_url(python) == str(python)


def test_builtin_to_python():
    """int and uuid convert; str, slug and path pass the text through."""
    assert IntConverter().to_python("007") == 7
    value = "12345678-abcd-ef01-2345-6789abcdef01"
    assert UUIDConverter().to_python(value) == uuid.UUID(value)
    assert SlugConverter().to_python("a-b") == "a-b"
    assert PathConverter().to_python("a/b") == "a/b"


def test_custom_converter_resolves_and_reverses(custom_converters):
    """A registered converter's regex, to_python and to_url are used."""
    root = urlconf(path("y/<yyyy:year>/", views.empty_view, name="year"))
    assert resolve("/y/2024/", urlconf=root).kwargs == {"year": 2024}
    with pytest.raises(Resolver404):
        resolve("/y/24/", urlconf=root)
    assert reverse("year", urlconf=root, args=[24]) == "/y/0024/"


def test_to_python_value_error_means_no_match(custom_converters):
    """ValueError from to_python makes the pattern not match; later patterns get a try."""
    root = urlconf(
        path("n/<even:n>/", views.article_detail, name="even"),
        path("n/<int:n>/", views.empty_view, name="any"),
    )
    assert resolve("/n/4/", urlconf=root).url_name == "even"
    assert resolve("/n/5/", urlconf=root).url_name == "any"


def test_to_url_value_error_means_no_reverse_candidate(custom_converters):
    """ValueError from to_url skips the candidate; with none left, NoReverseMatch."""
    root = urlconf(path("n/<even:n>/", views.empty_view, name="even"))
    assert reverse("even", urlconf=root, args=[4]) == "/n/4/"
    with pytest.raises(NoReverseMatch):
        reverse("even", urlconf=root, args=[5])


def test_registered_converters_override_and_warn(custom_converters):
    """Registering a name again warns (Django 5.2's deprecation) but takes effect."""
    with pytest.warns(DeprecationWarning, match="Converter 'yyyy' is already registered"):
        register_converter(EvenNumber, "yyyy")
    assert isinstance(get_converters()["yyyy"], EvenNumber)


def test_unregistered_converter_in_a_route():
    """Using a converter before registering it is an error at definition."""
    from framework.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="register_converter"):
        path("<nosuch:x>/", views.empty_view)
