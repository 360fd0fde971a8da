"""XSS advisories: a hostile value through every template filter (plus Jinja's own text
filters), form widgets, admin list_display, change forms, messages and history entries,
and ``javascript:`` URLs shown as links, never reaches the page as live markup."""

from __future__ import annotations

import pytest

from framework import forms
from framework.template.defaultfilters import DEFAULT_FILTERS
from framework.template.environment import environment
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>x</script>",
]
# Markup that would be live: raw tags, attribute break-outs, script links.
LIVE = ("<script>alert", "<script>x", "<img src=x", "<svg onload", 'href="javascript:')
# Arguments for the filters that need one.
ARGS = {
    "urlizetrunc": "(10)",
    "truncatewords": "(3)",
    "truncatechars": "(10)",
    "yesno": "('a,b')",
    "json_script": "('id')",
    "default_if_none": "('d')",
}
SKIP_TYPED = {"date", "time", "timesince", "timeuntil", "floatformat", "filesizeformat"}


def _live(html: str) -> list[str]:
    lowered = html.lower()
    return [marker for marker in LIVE if marker in lowered]


@pytest.fixture(scope="module")
def env():
    return environment(autoescape=True)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", sorted(set(DEFAULT_FILTERS) - SKIP_TYPED))
def test_cve_2023_xss_through_template_filters(env, name, payload):
    """Each of our filters escapes a hostile string (or returns inert text)."""
    html = env.from_string("{{ v|" + name + ARGS.get(name, "") + " }}").render(v=payload)
    if name == "json_script":
        body = html.split(">", 1)[1].rsplit("</script>", 1)[0]
        assert "<" not in body and ">" not in body, html
        return
    assert _live(html) == [], (name, html)


@pytest.mark.parametrize(
    "name",
    [
        "upper",
        "lower",
        "title",
        "capitalize",
        "trim",
        "replace('x','y')",
        "join(',')",
        "first",
        "wordwrap(5)",
        "center(80)",
        "indent(2)",
        "format",
        "striptags",
    ],
)
def test_cve_2023_xss_through_jinja_filters(env, name):
    """Jinja's own text filters keep autoescaping on hostile values."""
    for payload in PAYLOADS:
        value = [payload] if name in ("join(',')", "first") else payload
        html = env.from_string("{{ v|" + name + " }}").render(v=value)
        assert _live(html) == [], (name, html)


class HostileForm(forms.Form):
    text = forms.CharField(initial=PAYLOADS[0])
    area = forms.CharField(widget=forms.Textarea)
    choice = forms.ChoiceField(choices=[(p, p) for p in PAYLOADS])
    many = forms.MultipleChoiceField(
        choices=[(p, p) for p in PAYLOADS], widget=forms.CheckboxSelectMultiple
    )
    hidden = forms.CharField(widget=forms.HiddenInput)
    url = forms.URLField()
    email = forms.EmailField(help_text="plain")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cve_xss_through_form_widgets_and_errors(payload):
    """Bound values, choices, labels and error messages render escaped in every widget."""
    data = {
        "text": payload,
        "area": payload,
        "choice": payload,
        "many": [payload],
        "hidden": payload,
        "url": payload,
        "email": payload,
    }
    form = HostileForm(data)
    form.is_valid()
    html = str(form) + "".join(str(f) for f in form) + str(form.errors)
    assert _live(html) == [], html


def test_cve_xss_in_admin_list_change_form_messages_and_history(sweb):
    """A hostile author name is escaped in the changelist, change form, the success message,
    the history page, the delete confirmation and the recent-actions log."""
    make_user("root", superuser=True)
    login(sweb, "root")
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    form = sweb.get("/admin/shop/author/add/").forms[1]
    form["name"] = payload
    form["email"] = ""
    after = form.submit().follow()
    author = Author.objects.get(name=payload)
    pages = [
        after,
        sweb.get("/admin/shop/author/"),
        sweb.get(f"/admin/shop/author/{author.pk}/change/"),
        sweb.get(f"/admin/shop/author/{author.pk}/history/"),
        sweb.get(f"/admin/shop/author/{author.pk}/delete/"),
        sweb.get("/admin/"),
        sweb.get("/admin/shop/author/?q=" + payload),
    ]
    for page in pages:
        assert payload not in page.text, page.request.url
        assert _live(page.text) == [], page.request.url
        assert "&lt;script&gt;alert" in page.text or page.request.url.endswith("/admin/")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_cve_xss_javascript_urls_in_urlfield_are_refused(url):
    """URLField refuses script URLs, so they can never be shown as links."""
    field = forms.URLField()
    with pytest.raises(forms.ValidationError):
        field.clean(url)


def test_cve_xss_javascript_urls_are_not_urlized(env):
    """urlize never turns a javascript: URL into a link."""
    html = env.from_string("{{ v|urlize }}").render(v="javascript:alert(1) and www.x.com")
    assert 'href="javascript' not in html and 'href="http://www.x.com"' in html
