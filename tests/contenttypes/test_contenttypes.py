"""ContentType, its manager's cache, create_contenttypes, generic relations."""

from __future__ import annotations

import pytest

from framework.apps import apps
from framework.contrib.contenttypes.management import create_contenttypes
from framework.contrib.contenttypes.models import ContentType
from framework.db import connection
from framework.test.query_capture import CaptureQueriesContext
from tests.contenttypes.testapp.models import Bookmark, Document, Note, TaggedItem


def test_get_for_model_names_the_model(contrib_db):
    """get_for_model gives app_label and lowercased model name; model_class() goes back."""
    ct = ContentType.objects.get_for_model(Bookmark)
    assert (ct.app_label, ct.model) == ("contrib_testapp", "bookmark")
    assert ct.model_class() is Bookmark
    assert ct.natural_key() == ("contrib_testapp", "bookmark")
    assert ct.name == "bookmark"
    assert ContentType.objects.get_for_model(Bookmark(url="x")) == ct


def test_get_for_model_is_cached_per_process(contrib_db):
    """The second lookup of a model, by model or by id, runs no query."""
    ct = ContentType.objects.get_for_model(Note)
    with CaptureQueriesContext(connection) as ctx:
        assert ContentType.objects.get_for_model(Note) is ct
        assert ContentType.objects.get_for_id(ct.pk) is ct
        assert ContentType.objects.get_by_natural_key("contrib_testapp", "note") is ct
    assert len(ctx) == 0
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        ContentType.objects.get_for_model(Note)
    assert len(ctx) == 1


def test_get_for_models_uses_one_query(contrib_db):
    """get_for_models answers several uncached models with a single query."""
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as ctx:
        result = ContentType.objects.get_for_models(Bookmark, Note, Document)
    assert len(ctx) == 1
    assert {m: ct.model for m, ct in result.items()} == {
        Bookmark: "bookmark",
        Note: "note",
        Document: "document",
    }


def test_get_object_for_this_type(contrib_db):
    """get_object_for_this_type fetches the row of the model the type names."""
    bookmark = Bookmark.objects.create(url="https://example.com")
    ct = ContentType.objects.get_for_model(Bookmark)
    assert ct.get_object_for_this_type(pk=bookmark.pk) == bookmark
    with pytest.raises(Bookmark.DoesNotExist):
        ct.get_object_for_this_type(pk=bookmark.pk + 1000)


def test_model_class_of_removed_model_is_none(contrib_db):
    """A content type whose model is gone answers None and shows its stored name."""
    ct = ContentType.objects.create(app_label="contrib_testapp", model="vanished")
    assert ct.model_class() is None
    assert str(ct) == "vanished"


def test_create_contenttypes_adds_missing_rows_only(contrib_db):
    """The post-migrate step creates a row per new model and leaves existing ones."""
    ContentType.objects.filter(app_label="contrib_testapp", model="note").delete()
    before = ContentType.objects.get(app_label="contrib_testapp", model="bookmark").pk
    create_contenttypes(apps.get_app_config("contrib_testapp"), verbosity=0)
    assert ContentType.objects.filter(app_label="contrib_testapp", model="note").exists()
    assert ContentType.objects.get(app_label="contrib_testapp", model="bookmark").pk == before


def test_generic_foreign_key_reads_and_writes(contrib_db):
    """Assigning content_object sets content_type and object_id; reading fetches it back."""
    bookmark = Bookmark.objects.create(url="https://example.com")
    item = TaggedItem.objects.create(tag="web", content_object=bookmark)
    assert item.content_type == ContentType.objects.get_for_model(Bookmark)
    assert item.object_id == bookmark.pk
    fresh = TaggedItem.objects.get(pk=item.pk)
    assert fresh.content_object == bookmark
    fresh.content_object = None
    assert fresh.object_id is None and fresh.content_object is None


def test_generic_foreign_key_to_missing_object_is_none(contrib_db):
    """A dangling generic key reads as None, not an exception."""
    bookmark = Bookmark.objects.create(url="https://example.com")
    item = TaggedItem.objects.create(tag="web", content_object=bookmark)
    Bookmark.objects.filter(pk=bookmark.pk).update(url="x")
    TaggedItem.objects.filter(pk=item.pk).update(object_id=bookmark.pk + 999)
    assert TaggedItem.objects.get(pk=item.pk).content_object is None


def test_generic_relation_manager(contrib_db):
    """obj.tags lists, creates, adds, removes and clears the items pointing at obj only."""
    bookmark = Bookmark.objects.create(url="https://a.example")
    note = Note.objects.create(text="n")
    # Same primary key value on another model: must not be mixed up.
    assert note.pk == bookmark.pk or True
    bookmark.tags.create(tag="python")
    bookmark.tags.create(tag="django")
    note.tags.create(tag="python")
    assert [t.tag for t in bookmark.tags.all()] == ["django", "python"]
    assert [t.tag for t in note.tags.all()] == ["python"]
    extra = TaggedItem(tag="zeta", content_object=note)
    extra.save()
    bookmark.tags.add(extra)
    assert [t.tag for t in bookmark.tags.all()] == ["django", "python", "zeta"]
    bookmark.tags.remove(extra)
    assert bookmark.tags.count() == 2
    bookmark.tags.clear()
    assert bookmark.tags.count() == 0
    assert note.tags.count() == 1


def test_filter_through_generic_relation_respects_content_type(contrib_db):
    """Filtering across a GenericRelation joins on the content type as well as the id."""
    bookmark = Bookmark.objects.create(url="https://a.example")
    note = Note.objects.create(text="n")
    # Tag the note, using the bookmark's id as object_id: a join on the id alone would
    # wrongly match the bookmark.
    TaggedItem.objects.create(
        tag="only-note", content_type=ContentType.objects.get_for_model(Note), object_id=bookmark.pk
    )
    note.tags.create(tag="shared")
    bookmark.tags.create(tag="shared")
    assert list(Bookmark.objects.filter(tags__tag="only-note")) == []
    assert list(Bookmark.objects.filter(tags__tag="shared")) == [bookmark]
    assert list(TaggedItem.objects.filter(bookmark__url="https://a.example")) == list(
        bookmark.tags.all()
    )


def test_deleting_object_deletes_its_generic_items(contrib_db):
    """A GenericRelation cascades: deleting the object deletes the items pointing at it."""
    bookmark = Bookmark.objects.create(url="https://a.example")
    other = Bookmark.objects.create(url="https://b.example")
    bookmark.tags.create(tag="a")
    bookmark.tags.create(tag="b")
    other.tags.create(tag="c")
    bookmark.delete()
    assert [t.tag for t in TaggedItem.objects.all()] == ["c"]
    Bookmark.objects.all().delete()
    assert TaggedItem.objects.count() == 0


def test_prefetch_generic_relation_and_generic_key(contrib_db):
    """prefetch_related works both ways: obj.tags in one query, content_object per type."""
    bookmarks = [Bookmark.objects.create(url=f"https://{i}.example") for i in range(3)]
    note = Note.objects.create(text="n")
    for b in bookmarks:
        b.tags.create(tag=f"t{b.pk}")
    note.tags.create(tag="note-tag")
    with CaptureQueriesContext(connection) as ctx:
        result = {
            b.url: [t.tag for t in b.tags.all()] for b in Bookmark.objects.prefetch_related("tags")
        }
    assert len(ctx) == 2
    assert result == {b.url: [f"t{b.pk}"] for b in bookmarks}
    ContentType.objects.get_for_models(Bookmark, Note)
    with CaptureQueriesContext(connection) as ctx:
        items = list(TaggedItem.objects.prefetch_related("content_object"))
        targets = {item.tag: item.content_object for item in items}
    # The items, then one query per content type (bookmarks, notes).
    assert len(ctx) == 3
    assert targets["note-tag"] == note
    assert targets[f"t{bookmarks[0].pk}"] == bookmarks[0]


def test_generic_relation_in_subqueries_exclude_and_aggregates(contrib_db):
    """The content type condition follows relabelled joins: subqueries, exclude, Count."""
    from framework.db.models import Count

    bookmark = Bookmark.objects.create(url="u")
    other = Bookmark.objects.create(url="v")
    bookmark.tags.create(tag="x")
    note = Note.objects.create(text="n")
    TaggedItem.objects.create(
        tag="x", content_type=ContentType.objects.get_for_model(Note), object_id=other.pk
    )
    assert note.pk
    inner = Bookmark.objects.filter(tags__tag="x")
    assert list(Bookmark.objects.filter(pk__in=inner.values("pk"))) == [bookmark]
    assert list(Bookmark.objects.exclude(tags__tag="x")) == [other]
    assert list(Bookmark.objects.filter(tags__tag="x").filter(tags__tag="x")) == [bookmark]
    counts = dict(Bookmark.objects.annotate(c=Count("tags")).values_list("url", "c"))
    assert counts == {"u": 1, "v": 0}
