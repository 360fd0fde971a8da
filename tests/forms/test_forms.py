"""Forms: binding, cleaning, errors, initial data, prefixes and rendering."""

from __future__ import annotations

import pytest

from framework import forms
from framework.core.exceptions import ValidationError
from framework.http.querydict import QueryDict


class ContactForm(forms.Form):
    subject = forms.CharField(max_length=20, help_text="Short <em>please</em>")
    email = forms.EmailField(required=False)
    count = forms.IntegerField(initial=1)
    cc_myself = forms.BooleanField(required=False)

    def clean_subject(self):
        return self.cleaned_data["subject"].title()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cc_myself") and not cleaned.get("email"):
            raise ValidationError("Give an email address to receive a copy.", code="no_email")
        return cleaned


def test_unbound_form():
    """An unbound form is not valid and has no errors."""
    form = ContactForm()
    assert not form.is_bound
    assert not form.is_valid()
    assert form.errors == {}


def test_valid_form_cleaned_data():
    """A valid form exposes cleaned_data, after clean_<field>() and clean()."""
    form = ContactForm({"subject": "hello world", "count": "3", "email": "a@b.co"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "subject": "Hello World",
        "email": "a@b.co",
        "count": 3,
        "cc_myself": False,
    }


def test_field_and_form_errors():
    """Field errors are keyed by name; clean() errors are non-field errors."""
    form = ContactForm({"subject": "", "count": "x", "cc_myself": "on"})
    assert not form.is_valid()
    assert form.errors["subject"] == ["This field is required."]
    assert form.errors["count"] == ["Enter a whole number."]
    assert form.non_field_errors() == ["Give an email address to receive a copy."]
    assert form.has_error("__all__", code="no_email")
    assert form.has_error("count")
    assert not form.has_error("email")
    assert "subject" not in form.cleaned_data
    assert form.errors.get_json_data()["count"] == [
        {"message": "Enter a whole number.", "code": "invalid"}
    ]
    assert form.errors.as_text().startswith("* subject\n  * This field is required.")


def test_add_error():
    """add_error attaches messages to a field or to the form, dropping the cleaned value."""

    class F(forms.Form):
        a = forms.CharField()
        b = forms.CharField()

        def clean(self):
            self.add_error("a", "Bad a.")
            self.add_error(None, {"b": ["Bad b."]})

    form = F({"a": "1", "b": "2"})
    assert not form.is_valid()
    assert form.errors == {"a": ["Bad a."], "b": ["Bad b."]}
    assert form.cleaned_data == {}
    with pytest.raises(ValueError, match="no field named 'zz'"):
        form.add_error("zz", "x")


def test_querydict_data_and_multiple_values():
    """Forms read request.POST-style QueryDicts, lists included."""

    class F(forms.Form):
        tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])

    form = F(QueryDict("tags=a&tags=b"))
    assert form.is_valid()
    assert form.cleaned_data["tags"] == ["a", "b"]


def test_initial_values():
    """Form initial wins over field initial; callables are called; values render."""
    form = ContactForm(initial={"subject": lambda: "Hi"})
    assert form["subject"].value() == "Hi"
    assert form["count"].value() == 1
    assert 'value="Hi"' in str(form["subject"])


def test_has_changed_and_changed_data():
    """changed_data lists the fields whose data differs from the initial values."""
    data = {"subject": "Hi", "count": "1"}
    form = ContactForm(data, initial={"subject": "Hi"})
    assert not form.has_changed()
    form = ContactForm({"subject": "Other", "count": "2"}, initial={"subject": "Hi"})
    assert form.changed_data == ["subject", "count"]


def test_empty_permitted_skips_validation_when_unchanged():
    """An unchanged empty_permitted form is valid without validating its fields."""
    form = ContactForm({"count": "1"}, empty_permitted=True, use_required_attribute=False)
    assert form.is_valid()
    assert form.cleaned_data == {}


def test_prefix():
    """A prefix namespaces field names and ids."""
    form = ContactForm({"c-subject": "x", "c-count": "2"}, prefix="c")
    assert form.is_valid()
    html = str(form["subject"])
    assert 'name="c-subject"' in html
    assert 'id="id_c-subject"' in html


def test_disabled_field_uses_initial():
    """A disabled field ignores submitted data and keeps its initial value."""

    class F(forms.Form):
        name = forms.CharField(disabled=True, initial="fixed")

    form = F({"name": "tampered"})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "fixed"
    assert "disabled" in str(form["name"])
    assert not form.has_changed()


def test_declared_fields_inheritance_ordering_and_removal():
    """Subclasses inherit fields, may remove one with None, and field_order reorders."""

    class Base(forms.Form):
        a = forms.CharField()
        b = forms.CharField()

    class Child(Base):
        b = None
        c = forms.CharField()
        field_order = ["c"]

    assert list(Child.base_fields) == ["a", "c"]
    assert list(Child().fields) == ["c", "a"]


def test_unknown_field_key_error():
    """form['x'] names the available fields."""
    with pytest.raises(KeyError, match="Choices are: cc_myself, count, email, subject"):
        ContactForm()["x"]


def test_empty_permitted_and_required_attribute_conflict():
    """empty_permitted with required attributes is refused."""
    with pytest.raises(ValueError, match="may not both be True"):
        ContactForm(empty_permitted=True)


def test_iteration_and_hidden_fields():
    """Iterating gives bound fields; hidden and visible fields are told apart."""

    class F(forms.Form):
        a = forms.CharField()
        token = forms.CharField(widget=forms.HiddenInput)

    form = F()
    assert [bf.name for bf in form] == ["a", "token"]
    assert [bf.name for bf in form.hidden_fields()] == ["token"]
    assert [bf.name for bf in form.visible_fields()] == ["a"]


def test_is_multipart():
    """Forms with file inputs need multipart encoding."""

    class F(forms.Form):
        upload = forms.FileField()

    assert F().is_multipart()
    assert not ContactForm().is_multipart()
