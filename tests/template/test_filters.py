"""The Django-named filters, rendered through the backend."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from framework.utils.safestring import mark_safe

UTC = datetime.UTC


@pytest.fixture
def render(engine):
    def render(source, **context):
        return engine.from_string(source).render(context)

    return render


# ------------------------------------------------------------------ date and time


def test_date_default_format(render):
    """date without an argument uses DATE_FORMAT ("N j, Y")."""
    assert render("{{ d|date }}", d=datetime.date(2026, 9, 4)) == "Sept. 4, 2026"


def test_date_with_format_string(render):
    """date accepts Django's format characters and backslash escapes."""
    value = datetime.datetime(2026, 1, 2, 15, 4, 5, tzinfo=UTC)
    assert render(r"{{ d|date('D d M Y, H:i \\a\\t P') }}", d=value) == (
        "Fri 02 Jan 2026, 15:04 at 3:04 p.m."
    )


def test_date_with_setting_name(render, settings):
    """date accepts the name of a format setting."""
    settings.SHORT_DATE_FORMAT = "d/m/Y"
    assert render("{{ d|date('SHORT_DATE_FORMAT') }}", d=datetime.date(2026, 2, 3)) == "03/02/2026"


def test_date_converts_to_current_time_zone(render, settings):
    """With USE_TZ, aware datetimes are shown in TIME_ZONE."""
    settings.TIME_ZONE = "America/New_York"
    value = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert render("{{ d|date('Y-m-d H:i T O') }}", d=value) == "2026-07-01 08:00 EDT -0400"
    settings.USE_TZ = False
    assert render("{{ d|date('H:i') }}", d=value) == "12:00"


def test_date_of_missing_or_invalid_values(render):
    """None, "", undefined and non-dates give an empty string."""
    assert render("[{{ none|date }}{{ missing|date }}{{ s|date }}]", none=None, s="x") == "[]"


def test_date_object_with_time_format_is_empty(render):
    """A time-of-day format character on a plain date gives ''."""
    assert render("[{{ d|date('H') }}]", d=datetime.date(2026, 1, 1)) == "[]"


def test_time_filter(render):
    """time uses TIME_FORMAT ("P"): midnight, noon and a.m./p.m."""
    assert render("{{ t|time }}", t=datetime.time(0, 0)) == "midnight"
    assert render("{{ t|time }}", t=datetime.time(12, 0)) == "noon"
    assert render("{{ t|time }}", t=datetime.time(16, 25)) == "4:25 p.m."
    assert render("{{ t|time('H:i:s') }}", t=datetime.time(7, 8, 9)) == "07:08:09"
    assert render("[{{ t|time('Y') }}]", t=datetime.time(7, 8, 9)) == "[]"


def test_timesince_and_timeuntil(render):
    """timesince/timeuntil give two adjacent units with non-breaking spaces."""
    base = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    later = base + datetime.timedelta(days=4, hours=6, minutes=3)
    assert render("{{ a|timesince(b) }}", a=base, b=later) == "4\xa0days, 6\xa0hours"
    assert render("{{ b|timeuntil(a) }}", a=base, b=later) == "4\xa0days, 6\xa0hours"
    assert render("{{ b|timesince(a) }}", a=base, b=later) == "0\xa0minutes"
    assert render("[{{ n|timesince }}]", n=None) == "[]"


# ------------------------------------------------------------------ HTML-producing filters


def test_linebreaksbr_escapes_input(render):
    """linebreaksbr escapes plain text and turns newlines into <br>."""
    assert render("{{ v|linebreaksbr }}", v="a<b>\r\nc") == "a&lt;b&gt;<br>c"


def test_linebreaksbr_keeps_markup(render):
    """Markup input is not escaped again."""
    assert render("{{ v|linebreaksbr }}", v=mark_safe("<b>a</b>\nb")) == "<b>a</b><br>b"


def test_linebreaks(render):
    """linebreaks wraps paragraphs in <p> and escapes the text."""
    assert render("{{ v|linebreaks }}", v="one\ntwo\n\n<three>") == (
        "<p>one<br>two</p>\n\n<p>&lt;three&gt;</p>"
    )


def test_urlize_links_and_escapes(render):
    """urlize links URLs with rel=nofollow and escapes the rest."""
    out = render("{{ v|urlize }}", v="see <http://example.com/a?b=1&c=2>, or www.x.org.")
    assert out == (
        'see &lt;<a href="http://example.com/a?b=1&amp;c=2" rel="nofollow">'
        "http://example.com/a?b=1&amp;c=2</a>&gt;, or "
        '<a href="http://www.x.org" rel="nofollow">www.x.org</a>.'
    )


def test_urlize_never_links_javascript(render):
    """javascript:, data: and vbscript: URLs are left as (escaped) text."""
    for payload in (
        "javascript:alert(1)",
        "JaVaScRiPt://x.com/%0aalert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:msgbox(1).com",
    ):
        out = render("{{ v|urlize }}", v=payload)
        assert "<a " not in out, payload


def test_urlize_attribute_breakout(render):
    """A quote in a URL cannot leave the href attribute."""
    out = render("{{ v|urlize }}", v='http://x.com/"onmouseover="alert(1)')
    assert out.startswith('<a href="http://x.com/" rel="nofollow">http://x.com/</a>&#34;')
    assert 'onmouseover="' not in out


def test_urlizetrunc(render):
    """urlizetrunc shortens the link text, not the href."""
    out = render("{{ v|urlizetrunc(10) }}", v="http://example.com/long/path")
    assert out == ('<a href="http://example.com/long/path" rel="nofollow">http://ex…</a>')


def test_json_script(render):
    """json_script embeds data that cannot close the script element."""
    out = render("{{ v|json_script('data') }}", v={"x": "</script><b>&"})
    assert out == (
        '<script id="data" type="application/json">'
        '{"x": "\\u003C/script\\u003E\\u003Cb\\u003E\\u0026"}</script>'
    )


# ------------------------------------------------------------------ text filters


@pytest.mark.parametrize(
    ("value", "arg", "expected"),
    [
        (1, None, ""),
        (2, None, "s"),
        (0, None, "s"),
        ("1", None, ""),
        ([1], None, ""),
        ([1, 2], None, "s"),
        (1, "es", ""),
        (3, "es", "es"),
        (1, "y,ies", "y"),
        (2, "y,ies", "ies"),
        (2, "a,b,c", ""),
        ("x", None, ""),
        (object(), None, ""),
    ],
)
def test_pluralize(render, value, arg, expected):
    """pluralize follows Django's rules for numbers, strings, lists and suffix arguments."""
    source = "{{ v|pluralize }}" if arg is None else "{{ v|pluralize(a) }}"
    assert render(source, v=value, a=arg) == expected


def test_truncatewords(render):
    """truncatewords keeps N words and adds " …"."""
    assert render("{{ v|truncatewords(2) }}", v="Joel is a slug") == "Joel is …"
    assert render("{{ v|truncatewords(9) }}", v="Joel  is a slug") == "Joel is a slug"
    assert render("{{ v|truncatewords('x') }}", v="Joel is a slug") == "Joel is a slug"
    assert render("{{ v|truncatewords(1) }}", v="<b>bold</b> text") == "&lt;b&gt;bold&lt;/b&gt; …"


def test_truncatechars(render):
    """truncatechars keeps at most N characters, the ellipsis included."""
    assert render("{{ v|truncatechars(7) }}", v="Joel is a slug") == "Joel i…"
    assert render("{{ v|truncatechars(20) }}", v="Joel is a slug") == "Joel is a slug"
    assert render("[{{ v|truncatechars(0) }}]", v="Joel") == "[]"
    assert render("{{ v|truncatechars(3) }}", v="<script>") == "&lt;s…"


@pytest.mark.parametrize(
    ("value", "arg", "expected"),
    [
        (True, None, "yes"),
        (False, None, "no"),
        (None, None, "maybe"),
        (None, "yeah,no", "no"),
        (1, "yeah,nope,perhaps", "yeah"),
        (True, "single", "True"),
    ],
)
def test_yesno(render, value, arg, expected):
    """yesno maps true/false/None to the given words."""
    source = "{{ v|yesno }}" if arg is None else "{{ v|yesno(a) }}"
    assert render(source, v=value, a=arg) == expected


def test_default_if_none(render):
    """default_if_none replaces only None."""
    assert render("{{ v|default_if_none('x') }}", v=None) == "x"
    assert render("[{{ v|default_if_none('x') }}]", v="") == "[]"
    assert render("{{ v|default_if_none('x') }}", v=0) == "0"


def test_slugify(render):
    """slugify makes an ASCII slug."""
    assert render("{{ v|slugify }}", v=" Joel is a slug ") == "joel-is-a-slug"
    assert render("{{ v|slugify }}", v="Héllo, Wörld! <x>") == "hello-world-x"


@pytest.mark.parametrize(
    ("value", "arg", "expected"),
    [
        (34.23234, None, "34.2"),
        (34.00000, None, "34"),
        (34.26000, None, "34.3"),
        (34.23234, 3, "34.232"),
        (34.00000, 3, "34.000"),
        (34.26000, 3, "34.260"),
        (34.23234, "0", "34"),
        (39.56, "0", "40"),
        (34.23234, "-3", "34.232"),
        (34.00000, "-3", "34"),
        (34.26000, "-3", "34.260"),
        (34232.34, "2g", "34,232.34"),
        (34232.00, "-3g", "34,232"),
        (Decimal("1.005"), 2, "1.01"),
        (-0.01, 1, "0.0"),
        ("foo", None, ""),
        (None, None, ""),
        ("1e3", None, "1000"),
        (12, "x", "12"),
    ],
)
def test_floatformat(render, value, arg, expected):
    """floatformat rounds half up with Django's rules for negative and zero arguments."""
    source = "{{ v|floatformat }}" if arg is None else "{{ v|floatformat(a) }}"
    assert render(source, v=value, a=arg) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0\xa0bytes"),
        (1, "1\xa0byte"),
        (1023, "1023\xa0bytes"),
        (1024, "1.0\xa0KB"),
        (10 * 1024 + 300, "10.3\xa0KB"),
        (123456789, "117.7\xa0MB"),
        (1024**3, "1.0\xa0GB"),
        (1024**5 * 3, "3.0\xa0PB"),
        (-2048, "-2.0\xa0KB"),
        ("junk", "0\xa0bytes"),
    ],
)
def test_filesizeformat(render, value, expected):
    """filesizeformat uses binary units with Django's labels."""
    assert render("{{ v|filesizeformat }}", v=value) == expected


def test_text_filters_escape_their_output(render):
    """Text filters return text that autoescaping escapes; Markup input stays Markup."""
    assert render("{{ v|truncatewords(5) }}", v="<i>x</i>") == "&lt;i&gt;x&lt;/i&gt;"
    assert render("{{ v|truncatewords(5) }}", v=mark_safe("<i>x</i>")) == "<i>x</i>"
    assert render("{{ v|yesno('<a>,<b>') }}", v=True) == "&lt;a&gt;"
    assert render("{{ v|default_if_none('<a>') }}", v=None) == "&lt;a&gt;"
