"""Model formsets and inline formsets: editing, creating, deleting, ordering, tampering."""

from __future__ import annotations

import pytest

from framework import forms
from framework.core.exceptions import ImproperlyConfigured
from framework.http import QueryDict
from tests.forms.modelforms_app.fixtures import db, modelforms_backends  # noqa: F401


@pytest.fixture
def m(db):  # noqa: F811
    from tests.forms.modelforms_app import models

    return models


def management(prefix, total, initial, **data):
    """POST data with a management form."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        **data,
    }


def writer_formset(m, **kwargs):
    kwargs.setdefault("fields", ["name"])
    return forms.modelformset_factory(m.Writer, **kwargs)


def test_factory_requires_fields_or_exclude(m):
    """modelformset_factory without fields or exclude is refused with Django's message."""
    with pytest.raises(ImproperlyConfigured, match="Calling modelformset_factory without"):
        forms.modelformset_factory(m.Writer)


def test_unbound_formset_lists_queryset_plus_extra(m):
    """One form per existing object (hidden pk filled) plus ``extra`` empty forms."""
    ann = m.Writer.objects.create(name="Ann")
    m.Writer.objects.create(name="Bob")
    formset = writer_formset(m, extra=2)()
    assert len(formset.forms) == 4
    assert formset.initial_form_count() == 2
    assert formset.forms[0].instance == ann
    html = str(formset.forms[0])
    assert f'name="form-0-id" value="{ann.pk}"' in html
    assert 'value="Ann"' in html
    assert formset.forms[3].instance.pk is None
    mgmt = str(formset.management_form)
    assert 'name="form-TOTAL_FORMS" value="4"' in mgmt
    assert 'name="form-INITIAL_FORMS" value="2"' in mgmt


def test_edit_create_and_delete(m):
    """Changed forms are saved, filled extra forms create objects, DELETE removes objects."""
    ann = m.Writer.objects.create(name="Ann")
    bob = m.Writer.objects.create(name="Bob")
    formset_class = writer_formset(m, extra=1, can_delete=True)
    data = management(
        "form",
        3,
        2,
        **{
            "form-0-id": str(ann.pk),
            "form-0-name": "Ann Changed",
            "form-1-id": str(bob.pk),
            "form-1-name": "Bob",
            "form-1-DELETE": "on",
            "form-2-name": "Cy",
        },
    )
    formset = formset_class(data)
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    saved = formset.save()
    assert [w.name for w in saved] == ["Ann Changed", "Cy"]
    assert [w.name for w in formset.deleted_objects] == [bob.name]
    assert formset.changed_objects == [(ann, ["name"])]
    assert [w.name for w in formset.new_objects] == ["Cy"]
    assert sorted(m.Writer.objects.values_list("name", flat=True)) == ["Ann Changed", "Cy"]


def test_save_commit_false(m):
    """save(commit=False) returns unsaved objects and deletes nothing."""
    ann = m.Writer.objects.create(name="Ann")
    formset_class = writer_formset(m, extra=1, can_delete=True)
    data = management(
        "form",
        2,
        1,
        **{"form-0-id": str(ann.pk), "form-0-name": "Ann", "form-0-DELETE": "on"},
        **{"form-1-name": "New"},
    )
    formset = formset_class(data)
    assert formset.is_valid()
    objects = formset.save(commit=False)
    assert [o.name for o in objects] == ["New"]
    assert objects[0].pk is None
    assert formset.deleted_objects == [ann]
    assert m.Writer.objects.count() == 1
    for obj in objects:
        obj.save()
    formset.save_m2m()
    assert m.Writer.objects.count() == 2


def test_custom_queryset_and_max_num(m):
    """``queryset`` chooses the edited objects; max_num limits the extra forms."""
    m.Writer.objects.create(name="Ann")
    bob = m.Writer.objects.create(name="Bob")
    formset = writer_formset(m, extra=5, max_num=2)(queryset=m.Writer.objects.filter(name="Bob"))
    assert len(formset.forms) == 2
    assert formset.forms[0].instance == bob


def test_can_order(m):
    """can_order adds ORDER fields; ordered_forms follows them."""
    formset_class = writer_formset(m, extra=2, can_order=True)
    data = management("form", 2, 0, **{"form-0-name": "A", "form-0-ORDER": "2", "form-1-name": "B"})
    data["form-1-ORDER"] = "1"
    formset = formset_class(data)
    assert formset.is_valid()
    assert [f.cleaned_data["name"] for f in formset.ordered_forms] == ["B", "A"]


def test_unique_across_forms(m):
    """Two new forms with the same unique value are reported, not saved."""
    formset_class = forms.modelformset_factory(m.Category, fields="__all__", extra=2)
    data = management(
        "form",
        2,
        0,
        **{
            "form-0-name": "A",
            "form-0-slug": "same",
            "form-0-url": "a",
            "form-1-name": "B",
            "form-1-slug": "same",
            "form-1-url": "b",
        },
    )
    formset = formset_class(data)
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please correct the duplicate data for slug."]
    assert formset.errors[1]["__all__"] == ["Please correct the duplicate values below."]
    assert m.Category.objects.count() == 0


def test_unique_against_database(m):
    """A new form repeating an existing unique value gets the model's unique error."""
    m.Category.objects.create(name="A", slug="taken", url="a")
    formset_class = forms.modelformset_factory(m.Category, fields="__all__", extra=1)
    data = management(
        "form", 2, 1, **{"form-1-name": "B", "form-1-slug": "taken", "form-1-url": "b"}
    )
    data["form-0-id"] = str(m.Category.objects.get().pk)
    data.update({"form-0-name": "A", "form-0-slug": "taken", "form-0-url": "a"})
    formset = formset_class(data)
    assert not formset.is_valid()
    assert formset.errors[1]["slug"] == ["Category with this Slug already exists."]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"form-TOTAL_FORMS": "abc", "form-INITIAL_FORMS": "0"},
        {"form-TOTAL_FORMS": "1"},
        {"form-TOTAL_FORMS": "-5", "form-INITIAL_FORMS": "x"},
        {"form-TOTAL_FORMS": "9" * 50, "form-INITIAL_FORMS": "0"},
    ],
)
def test_tampered_management_form_is_a_clear_error(m, data):
    """Missing or malformed management data is a non-form error, never an exception."""
    formset = writer_formset(m)({"junk": "1", **data})
    assert not formset.is_valid()
    assert formset.non_form_errors()
    messages = " ".join(formset.non_form_errors())
    assert "ManagementForm data is missing or has been tampered with" in messages or (
        "Please submit at most" in messages
    )
    assert m.Writer.objects.count() == 0


def test_huge_total_forms_is_capped(m):
    """TOTAL_FORMS above absolute_max builds at most absolute_max forms and is rejected."""
    formset = writer_formset(m)(management("form", 10**9, 0))
    assert len(formset.forms) == formset.absolute_max
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please submit at most 1000 forms."]


@pytest.mark.parametrize("pk_value", ["abc", "", "99999999999999999999999", "424242"])
def test_tampered_pk_never_reaches_another_object(m, pk_value):
    """An initial form whose pk is malformed or unknown saves nothing and changes nothing."""
    ann = m.Writer.objects.create(name="Ann")
    formset_class = writer_formset(m, extra=0)
    data = management("form", 1, 1, **{"form-0-id": pk_value, "form-0-name": "Hacked"})
    formset = formset_class(data)
    if formset.is_valid():
        formset.save()
    else:
        assert formset.errors[0]
    ann.refresh_from_db()
    assert ann.name == "Ann"
    assert m.Writer.objects.count() == 1


def test_pk_outside_queryset_is_rejected(m):
    """A pk naming an object outside the formset's queryset does not edit that object."""
    ann = m.Writer.objects.create(name="Ann")
    bob = m.Writer.objects.create(name="Bob")
    formset_class = writer_formset(m, extra=0)
    data = management("form", 1, 1, **{"form-0-id": str(bob.pk), "form-0-name": "Hacked"})
    formset = formset_class(data, queryset=m.Writer.objects.filter(pk=ann.pk))
    if formset.is_valid():
        formset.save()
    bob.refresh_from_db()
    assert bob.name == "Bob"


def test_querydict_data(m):
    """Bound to an immutable QueryDict (request.POST), the formset works as with a dict."""
    query = "form-TOTAL_FORMS=1&form-INITIAL_FORMS=0&form-0-name=Zed"
    formset = writer_formset(m)(QueryDict(query))
    assert formset.is_valid()
    assert [w.name for w in formset.save()] == ["Zed"]


# ----------------------------------------------------------------- inline formsets


def test_inline_formset_edits_children_of_parent(m):
    """Forms cover the parent's books only; new ones get the parent as foreign key."""
    ann = m.Writer.objects.create(name="Ann")
    bob = m.Writer.objects.create(name="Bob")
    m.Book.objects.create(title="Bob's", author=bob)
    first = m.Book.objects.create(title="First", author=ann)
    formset_class = forms.inlineformset_factory(m.Writer, m.Book, fields=["title", "pages"])
    formset = formset_class(instance=ann)
    assert formset.prefix == "books"
    assert len(formset.forms) == 4  # one existing + extra=3
    assert formset.forms[0].instance == first
    assert "author" in formset.forms[0].fields
    data = management(
        "books",
        2,
        1,
        **{
            "books-0-id": str(first.pk),
            "books-0-title": "First",
            "books-0-pages": "10",
            "books-1-title": "Second",
            "books-1-pages": "20",
        },
    )
    formset = formset_class(data, instance=ann)
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    formset.save()
    assert sorted(ann.books.values_list("title", flat=True)) == ["First", "Second"]
    assert list(bob.books.values_list("title", flat=True)) == ["Bob's"]


def test_inline_fk_tampering_is_rejected(m):
    """Posting another parent's pk in the inline foreign key is a field error."""
    ann = m.Writer.objects.create(name="Ann")
    bob = m.Writer.objects.create(name="Bob")
    formset_class = forms.inlineformset_factory(m.Writer, m.Book, fields=["title"], extra=1)
    data = management("books", 1, 0, **{"books-0-title": "X", "books-0-author": str(bob.pk)})
    formset = formset_class(data, instance=ann)
    assert not formset.is_valid()
    assert formset.errors[0]["author"] == ["The inline value did not match the parent instance."]


def test_inline_unique_together_across_forms(m):
    """unique_together including the foreign key is checked across the inline forms."""
    ann = m.Writer.objects.create(name="Ann")
    formset_class = forms.inlineformset_factory(m.Writer, m.Book, fields=["title"], extra=2)
    data = management("books", 2, 0, **{"books-0-title": "Same", "books-1-title": "Same"})
    formset = formset_class(data, instance=ann)
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Please correct the duplicate data for title."]


def test_inline_for_unsaved_parent_and_save_as_new(m):
    """An unsaved parent has no initial forms; save_as_new copies instead of moving."""
    formset_class = forms.inlineformset_factory(m.Writer, m.Book, fields=["title"], extra=1)
    assert formset_class(instance=m.Writer(name="New")).initial_form_count() == 0
    ann = m.Writer.objects.create(name="Ann")
    book = m.Book.objects.create(title="Orig", author=ann)
    copy = m.Writer.objects.create(name="Copy")
    data = management("books", 1, 1, **{"books-0-id": str(book.pk), "books-0-title": "Orig"})
    formset = formset_class(QueryDict("", mutable=True) | data, instance=copy, save_as_new=True)
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(copy.books.values_list("title", flat=True)) == ["Orig"]
    assert list(ann.books.values_list("title", flat=True)) == ["Orig"]


def test_fk_detection_errors(m):
    """Missing, ambiguous or wrong foreign keys give errors naming the models."""
    with pytest.raises(ValueError, match="'modelforms.Writer' has no ForeignKey to"):
        forms.inlineformset_factory(m.Book, m.Writer, fields="__all__")
    with pytest.raises(ValueError, match="has more than one ForeignKey to 'modelforms.Writer'"):
        forms.inlineformset_factory(m.Writer, m.Review, fields="__all__")
    with pytest.raises(ValueError, match="'modelforms.Review' has no field named 'nope'"):
        forms.inlineformset_factory(m.Writer, m.Review, fk_name="nope", fields="__all__")
    with pytest.raises(ValueError, match="fk_name 'text' is not a ForeignKey to"):
        forms.inlineformset_factory(m.Writer, m.Review, fk_name="text", fields="__all__")
    formset_class = forms.inlineformset_factory(
        m.Writer, m.Review, fk_name="subject", fields=["text"]
    )
    assert formset_class.fk.name == "subject"


def test_one_to_one_inline_allows_one_form(m):
    """A OneToOneField makes the inline formset hold at most one form."""
    formset_class = forms.inlineformset_factory(m.Writer, m.Profile, fields=["bio"])
    assert formset_class.max_num == 1
    ann = m.Writer.objects.create(name="Ann")
    assert len(formset_class(instance=ann).forms) == 1
