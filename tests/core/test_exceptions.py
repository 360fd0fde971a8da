"""ValidationError in its three shapes: message, list, dict."""

from __future__ import annotations

import pytest

from framework.core.exceptions import NON_FIELD_ERRORS, ValidationError


def test_single_message_with_params():
    err = ValidationError("Ensure %(name)s is valid.", code="invalid", params={"name": "x"})
    assert err.messages == ["Ensure x is valid."]
    assert err.code == "invalid"
    assert list(err) == ["Ensure x is valid."]


def test_list_flattens_nested_errors():
    err = ValidationError(["a", ValidationError("b"), ValidationError(["c", "d"])])
    assert err.messages == ["a", "b", "c", "d"]
    with pytest.raises(AttributeError):
        err.message_dict  # noqa: B018


def test_dict_of_field_errors():
    err = ValidationError({"name": ["required"], "age": ValidationError("too old")})
    assert err.message_dict == {"name": ["required"], "age": ["too old"]}
    assert sorted(err.messages) == ["required", "too old"]


def test_update_error_dict_puts_list_errors_under_non_field_errors():
    errors: dict = {}
    ValidationError("whole form").update_error_dict(errors)
    assert [e.message for e in errors[NON_FIELD_ERRORS]] == ["whole form"]


def test_equality_and_hash():
    assert ValidationError("x", code="c") == ValidationError("x", code="c")
    assert ValidationError("x") != ValidationError("y")
    assert hash(ValidationError({"f": ["a"]})) == hash(ValidationError({"f": ["a"]}))
