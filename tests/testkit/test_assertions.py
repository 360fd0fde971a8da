"""SimpleTestCase's assertions: they pass on matching input and fail with Django's messages."""

from __future__ import annotations

import unittest
import warnings

import pytest

from framework.http import HttpResponse, JsonResponse
from framework.test import Client, SimpleTestCase

pytestmark = pytest.mark.usefixtures("testkit_site")


def make_case():
    class Case(SimpleTestCase):
        def runTest(self):  # noqa: N802
            pass

    case = Case()
    case.client = Client()
    return case


def fails(func, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as info:
        func(*args, **kwargs)
    return str(info.value)


def test_assert_contains_and_count():
    """assertContains finds text (count exact when given), with status check."""
    case = make_case()
    response = HttpResponse("<p>apple</p><p>apple</p>")
    case.assertContains(response, "apple")
    case.assertContains(response, "apple", count=2)
    case.assertContains(response, "<p>apple</p>", count=2, html=True)
    assert "Found 2 instances of 'apple' in response (expected 1)" in fails(
        case.assertContains, response, "apple", count=1
    )
    assert "Couldn't find 'pear'" in fails(case.assertContains, response, "pear")
    assert "Response code was 404 (expected 200)" in fails(
        case.assertContains, HttpResponse("apple", status=404), "apple"
    )
    case.assertNotContains(response, "pear")
    assert "'apple' unexpectedly found" in fails(case.assertNotContains, response, "apple")


def test_assert_redirects():
    """assertRedirects checks the status, the target URL and fetches the target."""
    case = make_case()
    response = case.client.get("/redirect/302/", {"to": "/echo/?b=2&a=1"})
    case.assertRedirects(response, "/echo/?a=1&b=2")
    message = fails(case.assertRedirects, response, "/elsewhere/")
    assert "Response redirected to '/echo/?b=2&a=1', expected '/elsewhere/'" in message
    assert "Response code was 200 (expected 302)" in fails(
        case.assertRedirects, case.client.get("/echo/"), "/echo/"
    )
    followed = case.client.get("/redirect/301/", follow=True)
    case.assertRedirects(followed, "/echo/", status_code=301)
    missing = case.client.get("/redirect/302/", {"to": "/nowhere/"})
    assert "Couldn't retrieve redirection page '/nowhere/'" in fails(
        case.assertRedirects, missing, "/nowhere/"
    )
    case.assertRedirects(missing, "/nowhere/", fetch_redirect_response=False)


def test_assert_template_used():
    """assertTemplateUsed/NotUsed on a response and as context managers."""
    case = make_case()
    response = case.client.get("/page/")
    case.assertTemplateUsed(response, "testkit/page.html")
    case.assertTemplateUsed(response, "testkit/page.html", count=1)
    case.assertTemplateNotUsed(response, "other.html")
    message = fails(case.assertTemplateUsed, response, "other.html")
    assert "Template 'other.html' was not a template used to render the response" in message
    assert "used unexpectedly" in fails(case.assertTemplateNotUsed, response, "testkit/page.html")
    with case.assertTemplateUsed("testkit/page.html"):
        case.client.get("/page/")
    with pytest.raises(AssertionError, match="No templates used"):
        with case.assertTemplateUsed("testkit/page.html"):
            pass


def test_assert_html_equal_and_in_html():
    """HTML comparisons ignore attribute order, class order and insignificant whitespace."""
    case = make_case()
    case.assertHTMLEqual(
        '<p class="a b" id="x">Hi  there</p>', '<p id="x" class="b a">Hi there</p>'
    )
    case.assertHTMLEqual("<input checked>", '<input checked="checked"/>')
    case.assertHTMLNotEqual("<p>a</p>", "<p>b</p>")
    assert "!=" in fails(case.assertHTMLEqual, "<p>a</p>", "<p>b</p>")
    case.assertInHTML("<li>x</li>", "<ul><li>x</li><li>y</li><li>x</li></ul>", count=2)
    case.assertNotInHTML("<li>z</li>", "<ul><li>x</li></ul>")
    assert "Couldn't find '<li>z</li>'" in fails(case.assertInHTML, "<li>z</li>", "<ul></ul>")
    assert "not valid HTML" in fails(case.assertHTMLEqual, "<p></div>", "<p></p>")


def test_assert_json_equal():
    """assertJSONEqual compares decoded JSON; invalid JSON fails clearly."""
    case = make_case()
    case.assertJSONEqual('{"a": 1, "b": [1, 2]}', {"b": [1, 2], "a": 1})
    case.assertJSONEqual(JsonResponse({"a": 1}).content, '{"a": 1}')
    case.assertJSONNotEqual('{"a": 1}', {"a": 2})
    assert "First argument is not valid JSON" in fails(case.assertJSONEqual, "{", {})


def test_assert_raises_and_warns_message():
    """assertRaisesMessage/assertWarnsMessage check the message, callable or block."""
    case = make_case()
    with case.assertRaisesMessage(ValueError, "bad value"):
        raise ValueError("a bad value here")
    case.assertRaisesMessage(KeyError, "k", {}.__getitem__, "k")
    with pytest.raises(AssertionError):
        with case.assertRaisesMessage(ValueError, "other"):
            raise ValueError("a bad value here")
    with case.assertWarnsMessage(UserWarning, "careful"):
        warnings.warn("be careful", UserWarning, stacklevel=1)


def test_assert_form_error():
    """assertFormError compares a bound form's field and non-field errors."""
    from framework import forms

    class NameForm(forms.Form):
        name = forms.CharField(max_length=3)

        def clean(self):
            raise forms.ValidationError("Always wrong.")

    case = make_case()
    form = NameForm({"name": "toolong"})
    form.is_valid()
    case.assertFormError(form, "name", form.errors["name"][0])
    case.assertFormError(form, None, "Always wrong.")
    assert "The errors of field 'name'" in fails(case.assertFormError, form, "name", "nope")
    assert "does not contain the field 'age'" in fails(case.assertFormError, form, "age", [])
    assert "not bound" in fails(case.assertFormError, NameForm(), "name", [])


def test_assert_formset_error():
    """assertFormSetError checks one form's errors and the non-form errors."""
    from framework import forms
    from framework.forms import formset_factory

    class ItemForm(forms.Form):
        item = forms.CharField(max_length=2)

    formset = formset_factory(ItemForm)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-item": "toolong"}
    )
    formset.is_valid()
    case = make_case()
    case.assertFormSetError(formset, 0, "item", formset.forms[0].errors["item"][0])
    case.assertFormSetError(formset, None, None, [])
    assert "only has 1 forms" in fails(case.assertFormSetError, formset, 3, "item", [])


def test_simple_test_case_runs_with_client():
    """A SimpleTestCase run by unittest has a client and passes its assertions."""

    class Pages(SimpleTestCase):
        def test_page(self):
            self.assertContains(self.client.get("/page/"), "Page")

    result = unittest.TestResult()
    Pages("test_page").run(result)
    assert result.wasSuccessful(), result.errors + result.failures
