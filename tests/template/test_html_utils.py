"""framework.utils.html, safestring, truncation and slugs."""

from __future__ import annotations

import datetime
import decimal
import time
import uuid

import pytest
from markupsafe import Markup

from framework.utils.html import (
    conditional_escape,
    escape,
    escapejs,
    format_html,
    format_html_join,
    json_script,
    linebreaks,
    strip_tags,
    urlize,
)
from framework.utils.safestring import SafeString, mark_safe
from framework.utils.slugs import slugify
from framework.utils.truncation import Truncator


def test_escape_always_escapes():
    """escape encodes the five special characters, even in a safe string."""
    assert escape("<a href=\"x\">'&'</a>") == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    assert escape(mark_safe("<b>")) == "&lt;b&gt;"
    assert escape(42) == "42"
    assert isinstance(escape("x"), SafeString)


def test_conditional_escape():
    """conditional_escape leaves safe strings alone."""
    assert conditional_escape(mark_safe("<b>")) == "<b>"
    assert conditional_escape("<b>") == "&lt;b&gt;"


def test_mark_safe():
    """mark_safe returns Markup, keeps objects with __html__, and decorates callables."""
    assert mark_safe("<b>") == Markup("<b>")
    already = Markup("<i>")
    assert mark_safe(already) is already

    @mark_safe
    def snippet():
        return "<hr>"

    assert isinstance(snippet(), Markup)


def test_format_html_escapes_arguments_only():
    """format_html escapes arguments, not the format string."""
    out = format_html('<a href="{}">{name}</a>', "/?a=1&b=2", name=mark_safe("<b>x</b>"))
    assert out == '<a href="/?a=1&amp;b=2"><b>x</b></a>'
    assert isinstance(out, Markup)


def test_format_html_requires_arguments():
    """format_html without arguments points to mark_safe."""
    with pytest.raises(TypeError, match="mark_safe"):
        format_html("<b>constant</b>")


def test_format_html_join():
    """format_html_join formats each tuple or mapping and joins with the separator."""
    out = format_html_join("\n", "<li>{} {}</li>", [("a", "<b>"), ("c", "d")])
    assert out == "<li>a &lt;b&gt;</li>\n<li>c d</li>"
    assert format_html_join(", ", "{x}", [{"x": "<"}, {"x": ">"}]) == "&lt;, &gt;"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<p>Hello <b>world</b>!</p>", "Hello world!"),
        ("a < b and c > d", "a < b and c > d"),
        ('<a title="x>y">link</a>', "link"),
        ("keep &amp; entities", "keep &amp; entities"),
        ("x<!-- comment <b> -->y", "xy"),
        ("text <unterminated", "text "),
        ("<scr<script>ipt>alert(1)</script>", "ipt>alert(1)"),
    ],
)
def test_strip_tags(value, expected):
    """strip_tags removes tags and comments, keeping text and entities."""
    assert strip_tags(value) == expected


def _best_time(func, payload):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        func(payload)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(func, unit, size=5_000):
    """8 times the input must take well under 64 times as long (quadratic would)."""
    small = _best_time(func, unit * size)
    large = _best_time(func, unit * (size * 8))
    assert large < 24 * small + 0.01, (small, large)


@pytest.mark.parametrize("unit", ["<a ", '<a title="', "<!--", "<", "<a", "<b>x</b>"])
def test_strip_tags_linear_time(unit):
    """Pathological input is handled in linear time."""
    assert_linear(strip_tags, unit)


def test_linebreaks_without_autoescape():
    """linebreaks leaves escaping to the caller unless autoescape is set."""
    assert linebreaks("a\nb") == "<p>a<br>b</p>"
    assert linebreaks("<a>", autoescape=True) == "<p>&lt;a&gt;</p>"


def test_json_script_types_and_no_id():
    """json_script serialises dates, decimals and UUIDs; the id is optional."""
    value = {
        "d": datetime.date(2026, 1, 2),
        "dt": datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC),
        "n": decimal.Decimal("1.50"),
        "u": uuid.UUID(int=1),
    }
    out = json_script(value)
    assert out == (
        '<script type="application/json">{"d": "2026-01-02", "dt": "2026-01-02T03:04:05.678Z", '
        '"n": "1.50", "u": "00000000-0000-0000-0000-000000000001"}</script>'
    )


def test_json_script_escapes_the_id():
    """The element id is attribute-escaped."""
    assert json_script(1, '"x') == '<script id="&#34;x" type="application/json">1</script>'


def test_escapejs():
    """escapejs escapes quotes, angle brackets and line terminators for JS strings."""
    assert escapejs("'</script>\n") == "\\u0027\\u003C/script\\u003E\\u000A"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.com", '<a href="https://example.com">https://example.com</a>'),
        ("HTTP://EX.com/a", '<a href="http://EX.com/a">HTTP://EX.com/a</a>'),
        ("example.com", '<a href="http://example.com">example.com</a>'),
        ("(see http://x.com/a_(b))", '(see <a href="http://x.com/a_(b)">http://x.com/a_(b)</a>)'),
        ("[http://x.com].", '[<a href="http://x.com">http://x.com</a>].'),
        ("mail me@example.com!", 'mail <a href="mailto:me@example.com">me@example.com</a>!'),
        ("http://bücher.de/ä", '<a href="http://xn--bcher-kva.de/%C3%A4">http://bücher.de/ä</a>'),
        ("a@b", "a@b"),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("javascript://example.com/%0Aalert(1)", "javascript://example.com/%0Aalert(1)"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data:text/html;base64,PHNjcmlwdD4="),
        ("file.txt", "file.txt"),
    ],
)
def test_urlize(text, expected):
    """urlize links http(s) URLs, bare domains and emails; nothing else."""
    assert urlize(text) == expected


def test_urlize_escapes_and_nofollow():
    """With autoescape, surrounding text is escaped; nofollow adds rel."""
    assert urlize("<b>www.x.com</b>", nofollow=True, autoescape=True) == (
        '&lt;b&gt;<a href="http://www.x.com" rel="nofollow">www.x.com</a>&lt;/b&gt;'
    )


def test_urlize_safe_input_keeps_markup():
    """Markup input keeps its tags and entities; hrefs are built from the unescaped text."""
    out = urlize(Markup("<p>http://x.com/?a=1&amp;b=2</p>"), autoescape=True)
    assert out == '<p><a href="http://x.com/?a=1&amp;b=2">http://x.com/?a=1&amp;b=2</a></p>'


@pytest.mark.parametrize(
    ("prefix", "unit", "suffix"),
    [
        ("http://", "a.", ""),
        ("", "(", "http://x.com"),
        ("http://x.com", ")", ""),
        ("a@", "b-", ""),
        ("www.", ".", ""),
        ("", "x.", "com!"),
        ("", "www.x.com ", ""),
    ],
)
def test_urlize_linear_time(prefix, unit, suffix):
    """Pathological input is handled in linear time."""
    assert_linear(lambda text: urlize(prefix + text + suffix, autoescape=True), unit)


def test_truncator():
    """Truncator.chars counts the ellipsis; words appends it; Markup stays Markup."""
    assert Truncator("The quick brown fox").chars(10) == "The quick…"
    assert Truncator("The quick brown fox").chars(10, truncate="...") == "The qui..."
    assert Truncator("The quick brown fox").words(2) == "The quick…"
    assert Truncator("The quick brown fox").words(2, "%(truncated_text)s [more]") == (
        "The quick [more]"
    )
    assert isinstance(Truncator(Markup("<b>x</b> y")).words(1), Markup)
    assert Truncator("cafe\u0301 latte").chars(4) == "caf…"


@pytest.mark.parametrize(
    ("value", "allow_unicode", "expected"),
    [
        ("Hello, World!", False, "hello-world"),
        ("  spaces -- and__underscores_ ", False, "spaces-and__underscores"),
        ("Ünïcödé", False, "unicode"),
        ("Ünïcödé ßtraße", True, "ünïcödé-ßtraße"),
    ],
)
def test_slugify(value, allow_unicode, expected):
    """slugify lowercases, strips punctuation and joins words with dashes."""
    assert slugify(value, allow_unicode=allow_unicode) == expected
