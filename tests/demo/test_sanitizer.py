"""news.sanitizer: article bodies keep an allow-list of HTML; hostile markup is removed."""

from __future__ import annotations

import pytest
from news import sanitizer

IMPLEMENTATIONS = [
    pytest.param(sanitizer.sanitize_with_parser, id="html.parser"),
    pytest.param(
        sanitizer.sanitize_with_nh3,
        id="nh3",
        marks=pytest.mark.skipif(sanitizer.nh3 is None, reason="nh3 is not installed"),
    ),
]

HOSTILE = [
    '<script>alert("x")</script>',
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover=alert(2)>text</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="&#x6A;&#x61;vascript&#x3A;alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body { background: url(javascript:alert(1)) }</style>",
    '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    '<form action="https://evil.example/"><input name=q></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<blockquote cite="javascript:alert(1)">quoted</blockquote>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<a href="https://ok.example/" onclick="steal()">fine</a>',
]


@pytest.mark.parametrize("clean", IMPLEMENTATIONS)
@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_markup_is_removed(clean, html):
    """Scripts, event handlers, javascript:/data:/vbscript: URLs, styles and embeds are gone."""
    result = clean(html).lower()
    for forbidden in (
        "<script",
        "javascript",
        "vbscript",
        "data:",
        "onerror",
        "onclick",
        "onload",
        "onmouseover",
        "<iframe",
        "<style",
        "<svg",
        "<form",
        "<input",
        "<object",
        "<embed",
        "style=",
        "alert(1)</",
    ):
        assert forbidden not in result, (html, result)


@pytest.mark.parametrize("clean", IMPLEMENTATIONS)
def test_allowed_markup_is_kept(clean):
    """Paragraphs, emphasis, lists, quotes and safe links survive unchanged."""
    html = (
        "<h2>Heading</h2><p>Some <strong>bold</strong> and <em>italic</em> text with "
        '<a href="https://example.com/a?b=1&amp;c=2" title="A link">a link</a>, '
        '<a href="/relative/">a relative one</a> and <a href="mailto:desk@example.com">mail</a>.'
        "</p><ul><li>one</li><li>two</li></ul><blockquote><p>Quoted</p></blockquote>"
    )
    assert clean(html) == html


@pytest.mark.parametrize("clean", IMPLEMENTATIONS)
def test_text_is_escaped_and_tags_balanced(clean):
    """Text stays text (escaped), unknown tags leave their text, open tags are closed."""
    result = clean("<div>1 < 2 & <b>bold</div> <marquee>moving</marquee>")
    assert "1 &lt; 2 &amp;" in result
    assert "<div" not in result and "<marquee" not in result
    assert "moving" in result
    assert result.count("<b>") == result.count("</b>") >= 1


def test_parser_drops_script_content_but_keeps_text_around():
    """The standard-library sanitiser removes script bodies, not the text beside them."""
    result = sanitizer.sanitize_with_parser("before<script>var a = '<p>';</script>after")
    assert result == "beforeafter"


def test_is_safe_url():
    """Relative and http(s)/mailto URLs are safe; other schemes, however disguised, are not."""
    assert sanitizer.is_safe_url("/a/b?c=d#e")
    assert sanitizer.is_safe_url("https://example.com/")
    assert sanitizer.is_safe_url("page.html")
    assert not sanitizer.is_safe_url("javascript:alert(1)")
    assert not sanitizer.is_safe_url("\x01java\nscript:alert(1)")
    assert not sanitizer.is_safe_url("data:text/html,x")


def test_sanitize_html_empty():
    """Empty input gives an empty string."""
    assert sanitizer.sanitize_html("") == ""
