"""Instances built from rows by generated attribute stores (framework/db/models/row_builders.py)."""

from __future__ import annotations

import pytest

from framework.db import models
from framework.db.models.base import ModelState
from framework.db.models.row_builders import instance_builder
from framework.test.utils import isolate_apps
from tests.orm.models_app.models import Author, Book


def _fields(obj):
    return {k: v for k, v in vars(obj).items() if k not in ("_state", "_loaded_db")}


def test_built_instances_match_the_rows_and_state(orm_db):
    """Every column lands on its attribute; the state says loaded from the alias; a
    foreign key's id is stored without running its descriptor (nothing cached yet)."""
    mia = Author.objects.create(name="Mia", age=50)
    Author.objects.create(name="Ann", email="a@example.com", age=30, mentor=mia)
    Author.objects.create(name="Bob", age=None)
    got = {a.name: a for a in Author.objects.all()}
    assert _fields(got["Ann"]) == {
        "id": got["Ann"].pk, "name": "Ann", "email": "a@example.com", "age": 30,
        "mentor_id": mia.pk,
    }  # fmt: skip
    assert got["Bob"].age is None and got["Bob"].mentor_id is None
    for author in got.values():
        assert isinstance(author._state, ModelState)
        assert (author._state.adding, author._state.db) == (False, orm_db.alias)
    assert got["Ann"].mentor == mia
    # The FK descriptor still works on built instances: a new id drops the cached object.
    got["Ann"].mentor_id = got["Bob"].pk
    assert got["Ann"].mentor.name == "Bob"
    got["Ann"].save()
    assert Author.objects.get(name="Ann").mentor_id == got["Bob"].pk


def test_deferred_columns_and_joins_build_the_same_objects(orm_db):
    """only()/defer() (a column subset) and select_related() rows build right instances."""
    ann = Author.objects.create(name="Ann", age=30)
    Book.objects.create(title="T", author=ann, pages=12)
    only = Author.objects.only("name").get(pk=ann.pk)
    assert only.get_deferred_fields() == {"email", "age", "mentor_id"}
    assert only.age == 30  # loaded on access
    book = Book.objects.select_related("author").get(title="T")
    assert (book.pages, book.author.name, book.author_id) == (12, "Ann", ann.pk)


def test_unsafe_names_go_through_the_instance_dict():
    """A data descriptor, a custom __setattr__ or a non-identifier name is never assigned
    with a plain attribute store."""
    calls = []

    class Guarded:
        def __set_name__(self, owner, name):
            self.name = name

        def __get__(self, instance, owner=None):
            return self if instance is None else instance.__dict__[self.name]

        def __set__(self, instance, value):
            calls.append(value)

    with isolate_apps("tests.orm.models_app"):

        class Plain(models.Model):
            title = models.CharField(max_length=10)
            guarded = Guarded()

            class Meta:
                app_label = "orm"

        class Watched(models.Model):
            title = models.CharField(max_length=10)

            class Meta:
                app_label = "orm"

            def __setattr__(self, name, value):
                calls.append(name)
                super().__setattr__(name, value)

        built = instance_builder(Plain, ["id", "title", "guarded", "not an identifier"])(
            [(1, "a", "g", "x")], "default"
        )[0]
        assert vars(built)["guarded"] == "g" and built.guarded == "g"
        assert vars(built)["not an identifier"] == "x"
        assert (built.id, built.title, built._state.db) == (1, "a", "default")
        watched = instance_builder(Watched, ["id", "title"])([(2, "b")], "default")[0]
        assert (watched.id, watched.title) == (2, "b")
        assert type(built) is Plain and type(watched) is Watched

        class Slotted(models.Model):
            # Instances of a class with extra slots cannot change class: the builder then
            # stores around the data descriptor through __dict__.
            __slots__ = ("scratch",)
            title = models.CharField(max_length=10)
            guarded = Guarded()

            class Meta:
                app_label = "orm"

        slotted = instance_builder(Slotted, ["id", "title", "guarded"])([(3, "c", "s")], "default")
        assert type(slotted[0]) is Slotted
        assert (slotted[0].id, slotted[0].title, vars(slotted[0])["guarded"]) == (3, "c", "s")
    assert calls == []


def test_state_is_made_on_first_use_and_survives_copy_and_pickle(orm_db):
    """A fetched instance carries only its alias until ``_state`` is read; copying,
    pickling, saving and relating work whether or not it was read before."""
    import copy
    import pickle

    Author.objects.create(name="Ann", age=30)
    fresh = Author.objects.all()[0:1].get()  # the general path
    listed = list(Author.objects.all())[0]  # the kept-plan path
    for author in (fresh, listed):
        assert "_state" not in vars(author) and vars(author)["_loaded_db"] == orm_db.alias
    copied = copy.copy(listed)
    restored = pickle.loads(pickle.dumps(fresh))
    for author in (copied, restored, listed, fresh):
        assert (author._state.db, author._state.adding) == (orm_db.alias, False)
        assert "_loaded_db" not in vars(author)
    assert copied._state is not listed._state
    listed.age = 31
    listed.save()
    assert Author.objects.get(pk=listed.pk).age == 31
    bare = Author.__new__(Author)
    with pytest.raises(AttributeError, match="_state"):
        bare._state  # noqa: B018 - neither built from a row nor initialised


def test_select_related_objects_along_the_row(orm_db):
    """select_related() objects are built from their columns further along the row, two
    levels deep, with a missing (NULL) relation left as None and init signals still sent."""
    from framework.db.models import signals
    from tests.orm.models_app.models import Publisher

    mia = Author.objects.create(name="Mia")
    ann = Author.objects.create(name="Ann", mentor=mia)
    pub = Publisher.objects.create(name="Pub", country="FR")
    Book.objects.create(title="A", author=ann, publisher=pub, pages=3)
    Book.objects.create(title="B", author=mia, pages=4)
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append((sender.__name__, instance.pk))

    signals.post_init.connect(receiver, sender=Book)
    try:
        books = {
            b.title: b
            for b in Book.objects.select_related("author__mentor", "publisher").order_by("title")
        }
    finally:
        signals.post_init.disconnect(receiver, sender=Book)
    a, b = books["A"], books["B"]
    assert (a.author.name, a.author.mentor.name, a.publisher.country) == ("Ann", "Mia", "FR")
    assert (b.author.name, b.author.mentor, b.publisher) == ("Mia", None, None)
    assert type(a.author.mentor) is Author and a.author.mentor._state.db == orm_db.alias
    assert sorted(seen) == [("Book", a.pk), ("Book", b.pk)]
