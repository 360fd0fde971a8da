"""forms.Media: declaring, combining and rendering widget and form media."""

from __future__ import annotations

import pytest

from framework import forms
from framework.forms.media import MediaOrderConflictWarning


class CalendarWidget(forms.TextInput):
    class Media:
        css = {"all": ["cal.css"]}
        js = ["jquery.js", "cal.js"]


class FancyCalendar(CalendarWidget):
    class Media:
        js = ["fancy.js"]


class PlainCalendar(CalendarWidget):
    class Media:
        extend = False
        js = ["plain.js"]


def test_widget_media_renders_tags(settings):
    """Relative paths go through static(); absolute ones are kept."""
    settings.STATIC_URL = "/static/"
    media = forms.Media(css={"screen": ["/a.css"]}, js=["https://cdn.example/x.js", "b.js"])
    assert str(media) == (
        '<link href="/a.css" media="screen" rel="stylesheet">\n'
        '<script src="https://cdn.example/x.js"></script>\n'
        '<script src="/static/b.js"></script>'
    )


def test_media_inheritance_and_extend(settings):
    """Subclass media extends the parent's unless extend = False."""
    settings.STATIC_URL = "/s/"
    assert FancyCalendar().media._js == ["jquery.js", "cal.js", "fancy.js"]
    assert PlainCalendar().media._js == ["plain.js"]
    assert forms.TextInput().media._js == []


def test_form_media_merges_widgets_in_order(settings):
    """A form's media merges its widgets' media without duplicates, plus its own."""
    settings.STATIC_URL = "/s/"

    class F(forms.Form):
        a = forms.DateField(widget=CalendarWidget)
        b = forms.DateField(widget=FancyCalendar)

        class Media:
            js = ["form.js"]

    media = F().media
    assert media._js == ["jquery.js", "cal.js", "fancy.js", "form.js"]
    assert media._css == {"all": ["cal.css"]}
    assert str(media["css"]) == '<link href="/s/cal.css" media="all" rel="stylesheet">'


def test_conflicting_orders_warn():
    """Two lists with opposite orders give a MediaOrderConflictWarning."""
    with pytest.warns(MediaOrderConflictWarning):
        merged = (forms.Media(js=["a.js", "b.js"]) + forms.Media(js=["b.js", "a.js"]))._js
    assert merged == ["a.js", "b.js"]
