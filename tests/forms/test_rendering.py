"""Rendering forms, fields and widgets through the Jinja2 form templates."""

from __future__ import annotations

import datetime

from markupsafe import Markup

from framework import forms
from framework.template.backends.jinja2 import Jinja2


class SignupForm(forms.Form):
    name = forms.CharField(max_length=10, help_text="Your <b>name</b>")
    plan = forms.ChoiceField(choices=[("", "---"), ("a", "Basic"), ("b", "Pro")])
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_as_div():
    """as_div (and str()) render label, help text and widget per field, hidden fields last."""
    form = SignupForm()
    html = form.as_div()
    assert isinstance(html, Markup)
    assert str(form) == html
    assert html == (
        "<div>\n"
        '<label for="id_name">Name:</label>\n'
        '<div class="helptext" id="id_name_helptext">Your <b>name</b></div>\n'
        '<input type="text" name="name" maxlength="10" required '
        'aria-describedby="id_name_helptext" id="id_name">\n'
        "</div>\n"
        "<div>\n"
        '<label for="id_plan">Plan:</label>\n'
        '<select name="plan" required id="id_plan"><option value="" selected>---</option>'
        '<option value="a">Basic</option><option value="b">Pro</option></select>\n'
        '<input type="hidden" name="token" id="id_token">\n'
        "</div>"
    )


def test_as_p_with_errors():
    """as_p puts each field's error list before its paragraph, with ids and ARIA."""
    form = SignupForm({"name": "x" * 11, "plan": "a"})
    html = form.as_p()
    assert (
        '<ul class="errorlist" id="id_name_error"><li>Ensure this value has at most 10 '
        "characters (it has 11).</li></ul>\n<p>"
    ) in html
    assert 'aria-invalid="true" aria-describedby="id_name_helptext id_name_error"' in html
    assert '<option value="a" selected>Basic</option>' in html


def test_as_table_and_as_ul():
    """as_table renders rows, as_ul list items; non-field errors come first."""

    class F(SignupForm):
        def clean(self):
            raise forms.ValidationError("Nope <b>")

    form = F({"name": "ok", "plan": "a"})
    table = form.as_table()
    assert table.startswith(
        '<tr>\n<td colspan="2">\n<ul class="errorlist nonfield"><li>Nope &lt;b&gt;</li></ul>'
    )
    assert '<th><label for="id_name">Name:</label></th>' in table
    assert form.as_ul().startswith('<li>\n<ul class="errorlist nonfield">')


def test_hidden_field_errors_become_top_errors():
    """Errors of hidden fields are shown at the top, naming the field."""

    class F(forms.Form):
        token = forms.IntegerField(widget=forms.HiddenInput)

    html = F({"token": "x"}).as_div()
    assert "(Hidden field token) Enter a whole number." in html


def test_values_and_labels_are_escaped():
    """Submitted values and labels are escaped; Markup labels are kept."""

    class F(forms.Form):
        name = forms.CharField(label="<i>Name</i>")
        other = forms.CharField(label=Markup("<i>Other</i>"))

    form = F({"name": '"><script>x</script>', "other": "o"})
    html = form.as_p()
    assert "<script>" not in html
    assert 'value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    assert "&lt;i&gt;Name&lt;/i&gt;:" in html
    assert "<i>Other</i>:" in html


def test_label_tag_options():
    """label_tag honours label_suffix, punctuation and required_css_class."""

    class F(forms.Form):
        required_css_class = "required"
        error_css_class = "error"
        a = forms.CharField(label="Really?")
        b = forms.CharField(required=False)

    form = F(auto_id=False)
    assert form["a"].label_tag() == "Really?"
    form = F(label_suffix=" →")
    assert form["a"].label_tag() == '<label for="id_a" class="required">Really?</label>'
    assert form["b"].label_tag() == '<label for="id_b">B →</label>'
    assert form["b"].legend_tag() == '<legend for="id_b">B →</legend>'
    assert F({"a": ""})["a"].css_classes() == "error required"


def test_widgets():
    """Widgets render Django's markup."""
    assert forms.Textarea().render("t", "a<b") == (
        '<textarea name="t" cols="40" rows="10">\na&lt;b</textarea>'
    )
    assert forms.PasswordInput().render("p", "secret") == '<input type="password" name="p">'
    assert forms.CheckboxInput().render("c", True) == ('<input type="checkbox" name="c" checked>')
    assert forms.DateInput().render("d", datetime.date(2026, 1, 2)) == (
        '<input type="text" name="d" value="2026-01-02">'
    )
    assert forms.NumberInput(attrs={"step": "2"}).render("n", 4) == (
        '<input type="number" name="n" value="4" step="2">'
    )
    select = forms.Select(choices=[("G", [("1", "One"), ("2", "Two")]), ("3", "Three")])
    assert select.render("s", "2") == (
        '<select name="s"><optgroup label="G"><option value="1">One</option>'
        '<option value="2" selected>Two</option></optgroup><option value="3">Three</option>'
        "</select>"
    )
    multi = forms.SelectMultiple(choices=[("1", "One"), ("2", "Two")])
    assert multi.render("m", ["1", "2"]).count("selected") == 2
    assert forms.MultipleHiddenInput().render("h", ["1", "2"], {"id": "x"}) == (
        '<input type="hidden" name="h" value="1" id="x_0">'
        '<input type="hidden" name="h" value="2" id="x_1">'
    )


def test_checkbox_select_multiple_and_subwidgets():
    """Choice widgets expose one BoundWidget per option."""

    class F(forms.Form):
        colors = forms.MultipleChoiceField(
            choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
        )

    bound = F({"colors": ["g"]})["colors"]
    options = list(bound)
    assert [o.choice_label for o in options] == ["Red", "Green"]
    assert options[1].id_for_label == "id_colors_1"
    assert str(options[1]) == (
        '<label for="id_colors_1"><input type="checkbox" name="colors" value="g" '
        'id="id_colors_1" checked> Green</label>'
    )
    assert "required" not in str(bound)
    assert bound.widget_type == "checkboxselectmultiple"


def test_checkbox_value_from_data():
    """Checkbox data: absent is False, "false" is False, anything else True."""
    widget = forms.CheckboxInput()
    assert widget.value_from_datadict({}, {}, "c") is False
    assert widget.value_from_datadict({"c": "false"}, {}, "c") is False
    assert widget.value_from_datadict({"c": "on"}, {}, "c") is True


def test_form_in_a_project_template():
    """{{ form }} in an autoescaping project template renders the form unescaped once."""
    engine = Jinja2({"NAME": "t", "DIRS": [], "APP_DIRS": False, "OPTIONS": {}})
    html = engine.from_string("<form>{{ form }}{{ form.name }}</form>").render(
        {"form": SignupForm()}
    )
    assert html.count('<input type="text" name="name"') == 2
    assert "&lt;input" not in html


def test_field_group_rendering():
    """as_field_group renders one field with the field template."""
    html = SignupForm()["name"].as_field_group()
    assert html.startswith('<label for="id_name">Name:</label>\n<div class="helptext"')


def test_show_hidden_initial():
    """show_hidden_initial adds a hidden input with the initial value and uses it to
    detect changes."""

    class F(forms.Form):
        n = forms.IntegerField(show_hidden_initial=True, initial=1)

    html = str(F()["n"])
    assert '<input type="hidden" name="initial-n" value="1" id="initial-id_n">' in html
    assert not F({"n": "1", "initial-n": "1"}).has_changed()
    assert F({"n": "2", "initial-n": "1"}).changed_data == ["n"]


def test_installed_app_overrides_a_form_template(settings):
    """A template of the same name in an installed app's templates/ wins."""
    from framework.apps import apps

    apps.set_installed_apps(["tests.forms.overrideapp"])
    try:
        settings.INSTALLED_APPS = ["tests.forms.overrideapp"]
        assert forms.Textarea().render("t", "x") == '<textarea data-overridden name="t"></textarea>'
    finally:
        apps.unset_installed_apps()
    settings.INSTALLED_APPS = []
    assert forms.Textarea().render("t", "x").startswith('<textarea name="t" cols="40"')
