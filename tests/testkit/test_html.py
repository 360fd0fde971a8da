"""framework.test.html: HTML parsed into a normalised tree for comparisons."""

from __future__ import annotations

import pytest

from framework.test.html import parse_html
from framework.test.multipart import BOUNDARY, encode_multipart


def test_equal_ignoring_attribute_order_whitespace_and_class_order():
    """Attribute order, class order and runs of whitespace do not matter."""
    assert parse_html('<a href="/x" class="b a">Go\n   on</a>') == parse_html(
        '<a class="a b" href="/x">Go on</a>'
    )
    assert parse_html("<p>a</p>") != parse_html("<p>b</p>")
    assert parse_html("<p>a</p>") != parse_html("<div>a</div>")


def test_void_and_boolean_attributes():
    """Void elements need no end tag; boolean attributes equal their long form."""
    assert parse_html("<br>") == parse_html("<br/>")
    assert parse_html("<option selected>x</option>") == parse_html(
        '<option selected="selected">x</option>'
    )


def test_count_elements_and_text():
    """count() finds nested elements and text occurrences."""
    dom = parse_html("<ul><li>x</li><li><b>x</b></li><li>x</li></ul> tail x")
    assert dom.count(parse_html("<li>x</li>")) == 2
    assert dom.count("x") == 4
    assert parse_html("<b>x</b>") in dom


def test_unbalanced_end_tag_is_an_error():
    """An end tag with no matching start tag is a ValueError naming it."""
    with pytest.raises(ValueError, match="</div>"):
        parse_html("<p>text</div>")


def test_multipart_encoding():
    """Values, lists and files are encoded as multipart parts."""
    body = encode_multipart(BOUNDARY, {"a": "1", "b": ["x", "y"]})
    assert body.count(b'name="b"') == 2
    assert body.endswith(f"--{BOUNDARY}--\r\n".encode())
