"""generic_inlineformset_factory: edit the tagged items of one object."""

from __future__ import annotations

import pytest

from framework.contrib.contenttypes.forms import (
    BaseGenericInlineFormSet,
    generic_inlineformset_factory,
)
from tests.contenttypes.testapp.models import Bookmark, Document, TaggedItem


def management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_formset_lists_only_the_objects_items(contrib_db):
    """The formset edits the items of its instance; the key fields are not form fields."""
    TagFormSet = generic_inlineformset_factory(TaggedItem, fields=["tag"], extra=1)
    assert issubclass(TagFormSet, BaseGenericInlineFormSet)
    bookmark = Bookmark.objects.create(url="https://a.example")
    other = Bookmark.objects.create(url="https://b.example")
    bookmark.tags.create(tag="mine")
    other.tags.create(tag="theirs")
    formset = TagFormSet(instance=bookmark)
    assert formset.prefix == "contrib_testapp-taggeditem-content_type-object_id"
    assert [f.instance.tag for f in formset.initial_forms] == ["mine"]
    assert "content_type" not in formset.forms[0].fields
    assert "object_id" not in formset.forms[0].fields


def test_formset_saves_new_items_pointing_at_instance(contrib_db):
    """Saving creates items whose generic key points at the instance."""
    TagFormSet = generic_inlineformset_factory(TaggedItem, fields=["tag"], extra=2)
    bookmark = Bookmark.objects.create(url="https://a.example")
    prefix = TagFormSet.get_default_prefix()
    data = {
        **management(prefix, 2, 0),
        f"{prefix}-0-tag": "python",
        f"{prefix}-1-tag": "",
    }
    formset = TagFormSet(data, instance=bookmark)
    assert formset.is_valid(), formset.errors
    saved = formset.save()
    assert [t.tag for t in saved] == ["python"]
    assert [t.content_object for t in bookmark.tags.all()] == [bookmark]


def test_factory_refuses_a_non_content_type_field(contrib_db):
    """ct_field must be a ForeignKey to ContentType; the error names it."""
    with pytest.raises(ValueError, match="'owner'"):
        generic_inlineformset_factory(Document, ct_field="owner", fk_field="id", fields=["title"])
