"""Formsets: management form, counting, validation, ordering, deletion, rendering."""

from __future__ import annotations

import pytest

from framework import forms


class ArticleForm(forms.Form):
    title = forms.CharField()
    pub_date = forms.DateField(required=False)


ArticleFormSet = forms.formset_factory(ArticleForm, extra=2)


def data(total, initial=0, **fields):
    return {"form-TOTAL_FORMS": str(total), "form-INITIAL_FORMS": str(initial), **fields}


def test_unbound_formset_counts_and_management_form():
    """Unbound: initial forms plus extra; the management form carries the counters."""
    formset = ArticleFormSet(initial=[{"title": "First"}])
    assert len(formset) == 3
    assert formset.forms[0]["title"].value() == "First"
    html = str(formset.management_form)
    assert (
        '<input type="hidden" name="form-TOTAL_FORMS" value="3" id="id_form-TOTAL_FORMS">' in html
    )
    assert 'name="form-INITIAL_FORMS" value="1"' in html
    assert 'name="form-MAX_NUM_FORMS" value="1000"' in html


def test_bound_valid_formset_skips_empty_extra_forms():
    """Empty extra forms are allowed; cleaned_data has one dict per form."""
    formset = ArticleFormSet(data(2, **{"form-0-title": "A"}))
    assert formset.is_valid(), formset.errors
    assert formset.cleaned_data == [{"title": "A", "pub_date": None}, {}]


def test_bound_invalid_form_errors():
    """Errors are listed per form."""
    formset = ArticleFormSet(data(1, **{"form-0-pub_date": "nope"}))
    assert not formset.is_valid()
    assert formset.errors == [
        {"title": ["This field is required."], "pub_date": ["Enter a valid date."]}
    ]
    assert formset.total_error_count() == 2


def test_missing_management_form():
    """Without the counters the formset is invalid with a message naming the fields."""
    formset = ArticleFormSet({"form-0-title": "x"})
    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "form-TOTAL_FORMS, form-INITIAL_FORMS. You may need to file a bug report if the "
        "issue persists."
    ]


def test_absolute_max_caps_forms_built():
    """A huge TOTAL_FORMS builds at most absolute_max forms and is an error."""
    formset = forms.formset_factory(ArticleForm, max_num=3, absolute_max=5)(data(10**9))
    assert len(formset.forms) == 5
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please submit at most 3 forms."]


def test_validate_min_and_max():
    """validate_min/validate_max count filled-in forms."""
    limited = forms.formset_factory(
        ArticleForm, max_num=1, validate_max=True, min_num=1, validate_min=True, extra=0
    )
    too_many = limited(data(2, **{"form-0-title": "a", "form-1-title": "b"}))
    assert too_many.non_form_errors() == ["Please submit at most 1 form."]
    too_few = limited(data(1))
    assert not too_few.is_valid()


def test_formset_clean_hook():
    """clean() errors become non-form errors."""

    class Base(forms.BaseFormSet):
        def clean(self):
            titles = [f.cleaned_data.get("title") for f in self.forms]
            if len(set(titles)) != len(titles):
                raise forms.ValidationError("Titles must be unique.")

    formset_class = forms.formset_factory(ArticleForm, formset=Base)
    formset = formset_class(data(2, **{"form-0-title": "a", "form-1-title": "a"}))
    assert not formset.is_valid()
    assert str(formset.non_form_errors()) == (
        '<ul class="errorlist nonform"><li>Titles must be unique.</li></ul>'
    )


def test_ordering_and_deletion():
    """can_order sorts by ORDER; can_delete skips validation of deleted forms."""
    formset_class = forms.formset_factory(ArticleForm, can_order=True, can_delete=True)
    formset = formset_class(
        data(
            3,
            3,
            **{
                "form-0-title": "a",
                "form-0-ORDER": "2",
                "form-1-title": "b",
                "form-1-ORDER": "1",
                "form-2-title": "",
                "form-2-DELETE": "on",
            },
        )
    )
    assert formset.is_valid(), formset.errors
    assert [f.cleaned_data["title"] for f in formset.ordered_forms] == ["b", "a"]
    assert formset.deleted_forms == [formset.forms[2]]


def test_empty_form_and_rendering():
    """empty_form uses __prefix__; as_p renders the management form and each form."""
    formset = ArticleFormSet()
    assert 'name="form-__prefix__-title"' in str(formset.empty_form["title"])
    html = formset.as_p()
    assert html.startswith('<input type="hidden" name="form-TOTAL_FORMS"')
    assert html.count('name="form-') == 4 + 2 * 2
    assert "required" not in str(formset.forms[0]["title"])


def test_factory_arguments():
    """max_num above absolute_max is refused."""
    with pytest.raises(ValueError, match="absolute_max"):
        forms.formset_factory(ArticleForm, max_num=10, absolute_max=5)


def test_all_valid_checks_every_formset():
    """all_valid validates all formsets even after an invalid one."""
    first = ArticleFormSet(data(1, **{"form-0-pub_date": "x"}))
    second = ArticleFormSet(data(1, **{"form-0-title": "ok"}))
    assert not forms.all_valid([first, second])
    assert second._errors is not None
