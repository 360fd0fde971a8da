"""Form fields: conversion, validation and error messages."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest

from framework import forms
from framework.core.exceptions import ValidationError


def messages(field, value):
    with pytest.raises(ValidationError) as info:
        field.clean(value)
    return info.value.messages


def test_required_and_optional():
    """Empty values fail a required field and give the empty value otherwise."""
    assert messages(forms.CharField(), "") == ["This field is required."]
    assert messages(forms.CharField(), None) == ["This field is required."]
    assert forms.CharField(required=False).clean("") == ""
    assert forms.CharField(required=False, empty_value=None).clean("") is None


def test_charfield_strip_and_lengths():
    """CharField strips, checks lengths and refuses NUL characters."""
    field = forms.CharField(max_length=5, min_length=2)
    assert field.clean("  abc  ") == "abc"
    assert forms.CharField(strip=False).clean(" a ") == " a "
    assert messages(field, "abcdef") == ["Ensure this value has at most 5 characters (it has 6)."]
    assert messages(field, "a") == ["Ensure this value has at least 2 characters (it has 1)."]
    assert messages(forms.CharField(), "a\x00b") == ["Null characters are not allowed."]
    assert field.widget.attrs == {"maxlength": "5", "minlength": "2"}


def test_custom_error_messages():
    """error_messages override the message for a code, validators' codes included."""
    field = forms.CharField(
        max_length=1, error_messages={"required": "Need it", "max_length": "Too long"}
    )
    assert messages(field, "") == ["Need it"]
    assert messages(field, "ab") == ["Too long"]


def test_integerfield():
    """IntegerField accepts whole numbers (also "3.0"), checks bounds and step."""
    field = forms.IntegerField(min_value=1, max_value=10, step_size=3)
    assert field.clean(" 4 ") == 4
    assert field.clean("7.0") == 7
    assert messages(field, "4.5") == ["Enter a whole number."]
    assert messages(field, "x") == ["Enter a whole number."]
    assert messages(field, "13") == ["Ensure this value is less than or equal to 10."]
    assert messages(field, "0")[0] == "Ensure this value is greater than or equal to 1."
    assert messages(field, "5") == ["Ensure this value is a multiple of step size 3."]
    assert messages(field, "9" * 5000) == ["Enter a whole number."]
    assert forms.IntegerField(required=False).clean("") is None
    assert field.widget.attrs == {"min": 1, "max": 10, "step": 3}


def test_floatfield():
    """FloatField accepts finite numbers only."""
    field = forms.FloatField()
    assert field.clean("1.5") == 1.5
    for bad in ("inf", "nan", "abc"):
        assert messages(field, bad) == ["Enter a number."]
    assert field.widget.attrs == {"step": "any"}


def test_decimalfield():
    """DecimalField checks digits and decimal places."""
    field = forms.DecimalField(max_digits=4, decimal_places=2)
    assert field.clean("12.34") == Decimal("12.34")
    assert messages(field, "NaN") == ["Enter a number."]
    assert messages(field, "1.234") == ["Ensure that there are no more than 2 decimal places."]
    assert field.widget.attrs == {"step": "0.01"}


def test_booleanfield():
    """BooleanField: required means checked; "false" and "0" are False."""
    assert forms.BooleanField().clean("on") is True
    assert messages(forms.BooleanField(), "") == ["This field is required."]
    assert forms.BooleanField(required=False).clean("false") is False
    assert forms.BooleanField(required=False).clean("0") is False


def test_nullbooleanfield():
    """NullBooleanField maps true/false strings and anything else to None."""
    field = forms.NullBooleanField()
    assert [field.clean(v) for v in ("true", "False", "1", "unknown", None)] == [
        True,
        False,
        True,
        None,
        None,
    ]


def test_choicefield_flat_grouped_and_mapping():
    """ChoiceField accepts values of flat, grouped and mapping choices."""
    field = forms.ChoiceField(choices=[("a", "A"), ("Group", [("b", "B"), ("c", "C")])])
    assert field.clean("c") == "c"
    assert messages(field, "z") == ["Select a valid choice. z is not one of the available choices."]
    assert forms.ChoiceField(choices={"x": "X"}).clean("x") == "x"


def test_choicefield_callable_choices_are_evaluated_late():
    """Callable choices are evaluated on use."""
    options = [("a", "A")]
    field = forms.ChoiceField(choices=lambda: list(options))
    options.append(("b", "B"))
    assert field.clean("b") == "b"


def test_typedchoicefield():
    """TypedChoiceField coerces the chosen value."""
    field = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    assert field.clean("2") == 2
    assert forms.TypedChoiceField(choices=[(1, "1")], coerce=int, required=False).clean("") == ""


def test_multiplechoicefield():
    """MultipleChoiceField needs a list of valid values."""
    field = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])
    assert field.clean(["a", "b"]) == ["a", "b"]
    assert messages(field, "a") == ["Enter a list of values."]
    assert messages(field, ["a", "z"]) == [
        "Select a valid choice. z is not one of the available choices."
    ]
    assert messages(field, []) == ["This field is required."]
    assert not field.has_changed(["a", "b"], ["b", "a"])


def test_email_url_slug_regex_uuid():
    """Validator-backed fields accept good values and give Django's messages."""
    assert forms.EmailField().clean(" a@example.com ") == "a@example.com"
    assert messages(forms.EmailField(), "nope") == ["Enter a valid email address."]
    assert forms.URLField().clean("example.com/x") == "http://example.com/x"
    assert forms.URLField(assume_scheme="https").clean("example.com") == "https://example.com"
    assert messages(forms.URLField(), "http://") == ["Enter a valid URL."]
    assert forms.SlugField().clean("a-b_c") == "a-b_c"
    assert messages(forms.SlugField(), "a b") != []
    assert forms.RegexField(r"^\d+$").clean("123") == "123"
    assert messages(forms.RegexField(r"^\d+$"), "12a") == ["Enter a valid value."]
    value = uuid.uuid4()
    assert forms.UUIDField().clean(str(value)) == value
    assert messages(forms.UUIDField(), "xyz") == ["Enter a valid UUID."]


def test_date_time_fields(settings):
    """Date, time and datetime fields parse the input formats; datetimes become aware."""
    assert forms.DateField().clean("2026-02-03") == datetime.date(2026, 2, 3)
    assert forms.DateField().clean("02/03/2026") == datetime.date(2026, 2, 3)
    assert messages(forms.DateField(), "2026-02-30") == ["Enter a valid date."]
    assert forms.DateField(input_formats=["%d.%m.%Y"]).clean("3.2.2026") == datetime.date(
        2026, 2, 3
    )
    assert forms.TimeField().clean("13:45") == datetime.time(13, 45)
    assert messages(forms.TimeField(), "25:00") == ["Enter a valid time."]
    settings.TIME_ZONE = "Europe/Paris"
    value = forms.DateTimeField().clean("2026-07-01 12:00")
    assert value.utcoffset() == datetime.timedelta(hours=2)
    assert forms.DateTimeField().clean("2026-07-01T10:00:00+00:00") == datetime.datetime(
        2026, 7, 1, 10, tzinfo=datetime.UTC
    )
    assert messages(forms.DateTimeField(), "yesterday") == ["Enter a valid date/time."]


def test_datetimefield_refuses_ambiguous_local_times(settings):
    """A local time that happens twice (DST end) is refused with a clear message."""
    settings.TIME_ZONE = "Europe/Paris"
    errors = messages(forms.DateTimeField(), "2026-10-25 02:30")
    assert "may be ambiguous or it may not exist" in errors[0]


def test_jsonfield():
    """JSONField parses JSON and shows invalid input back unchanged."""
    field = forms.JSONField()
    assert field.clean('{"a": [1, 2]}') == {"a": [1, 2]}
    assert messages(field, "{bad") == ["Enter a valid JSON."]
    assert field.prepare_value({"a": "é"}) == '{"a": "é"}'
    assert field.prepare_value(field.bound_data("{bad", None)) == "{bad"
    assert not field.has_changed({"a": 1}, '{"a": 1}')


def test_filefield():
    """FileField needs a named, non-empty upload; an initial file satisfies it."""

    class Upload:
        def __init__(self, name, size):
            self.name, self.size = name, size

    field = forms.FileField(max_length=8)
    upload = Upload("a.txt", 3)
    assert field.clean(upload) is upload
    assert messages(field, Upload("a.txt", 0)) == ["The submitted file is empty."]
    assert messages(field, Upload("long-name.txt", 3)) == [
        "Ensure this filename has at most 8 characters (it has 13)."
    ]
    assert messages(field, "text") == [
        "No file was submitted. Check the encoding type on the form."
    ]
    assert field.clean(None, initial="existing.txt") == "existing.txt"


def test_has_changed():
    """has_changed compares the cleaned data with the initial value."""
    assert not forms.IntegerField().has_changed(1, "1")
    assert forms.IntegerField().has_changed(1, "2")
    assert not forms.CharField().has_changed(None, "")
    assert not forms.CharField(disabled=True).has_changed("a", "b")
    assert forms.BooleanField().has_changed(False, "on")


def test_fields_are_deep_copied_per_form():
    """Each form instance gets its own copy of the fields and widgets."""

    class F(forms.Form):
        name = forms.CharField()

    first, second = F(), F()
    first.fields["name"].widget.attrs["class"] = "x"
    assert "class" not in second.fields["name"].widget.attrs
