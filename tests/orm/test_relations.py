"""ForeignKey, OneToOne and ManyToMany behaviour: accessors, managers, joins, prefetch."""

from __future__ import annotations

import pytest

from framework.db import models
from framework.db.models import signals
from tests.orm.models_app.models import (
    Author,
    Book,
    Club,
    Membership,
    Person,
    Place,
    Profile,
    Publisher,
    Restaurant,
    Review,
    Tag,
)


def test_forward_fk_is_fetched_once_and_cached(orm_db, settings):
    """book.author loads the author with one query and caches it."""
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="t", author=author)
    fresh = Book.objects.get(pk=book.pk)
    settings.DEBUG = True
    orm_db.queries_log.clear()
    assert fresh.author == author
    assert fresh.author.name == "Ann"
    assert len(orm_db.queries) == 1
    assert fresh.author_id == author.pk


def test_assigning_wrong_type_to_fk_raises(orm_db):
    """Assigning a non-Author to book.author raises ValueError naming the field."""
    book = Book(title="t")
    with pytest.raises(ValueError, match='"Book.author" must be a "Author" instance'):
        book.author = Publisher(name="x")


def test_saving_with_unsaved_related_object_is_refused(orm_db):
    """save() refuses a related object without a pk."""
    book = Book(title="t", author=Author(name="unsaved"))
    with pytest.raises(ValueError, match="unsaved related object 'author'"):
        book.save()


def test_reverse_manager_and_related_name(orm_db):
    """author.books is a manager filtered to the author; create() sets the FK."""
    author = Author.objects.create(name="Ann")
    other = Author.objects.create(name="Bob")
    author.books.create(title="a1")
    author.books.create(title="a2")
    other.books.create(title="b1")
    assert [b.title for b in author.books.all()] == ["a1", "a2"]
    assert author.books.count() == 2
    assert author.books.filter(title="a2").exists()
    assert all(b.author is author for b in author.books.all())


def test_reverse_fk_add_remove_clear_on_nullable(orm_db):
    """add()/remove()/clear() on a nullable reverse FK set/clear the FK column."""
    mentor = Author.objects.create(name="M")
    a = Author.objects.create(name="a")
    b = Author.objects.create(name="b")
    mentor.mentees.add(a, b)
    assert set(mentor.mentees.all()) == {a, b}
    mentor.mentees.remove(a)
    assert list(mentor.mentees.all()) == [b]
    mentor.mentees.clear()
    assert mentor.mentees.count() == 0
    mentor.mentees.set([a])
    assert list(mentor.mentees.all()) == [a]


def test_reverse_assignment_is_prohibited(orm_db):
    """Direct assignment to a reverse relation raises TypeError."""
    author = Author.objects.create(name="Ann")
    with pytest.raises(TypeError, match="Use books.set\\(\\) instead"):
        author.books = []


def test_filter_across_relations_both_ways(orm_db):
    """Lookups span relations forwards and backwards."""
    pub = Publisher.objects.create(name="P")
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Book.objects.create(title="x", author=ann, publisher=pub, pages=10)
    Book.objects.create(title="y", author=bob, pages=20)
    assert [b.title for b in Book.objects.filter(publisher__name="P")] == ["x"]
    assert [b.title for b in Book.objects.filter(publisher__isnull=True)] == ["y"]
    assert list(Author.objects.filter(books__pages__gt=15)) == [bob]
    assert list(Publisher.objects.filter(book__author__name="Ann")) == [pub]
    assert list(Book.objects.filter(author=ann)) == list(Book.objects.filter(author_id=ann.pk))
    assert Book.objects.filter(author__in=[ann, bob]).count() == 2
    assert Book.objects.filter(author__in=Author.objects.filter(name="Bob")).get().title == "y"


def test_exclude_across_multivalued_relation_uses_subquery(orm_db):
    """exclude(books__title=...) drops authors having any such book."""
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Author.objects.create(name="Cy")
    Book.objects.create(title="x", author=ann)
    Book.objects.create(title="y", author=ann)
    Book.objects.create(title="y", author=bob)
    assert sorted(a.name for a in Author.objects.exclude(books__title="x")) == ["Bob", "Cy"]


def test_select_related_fetches_in_one_query(orm_db, settings):
    """select_related() joins the relations so that access needs no query."""
    pub = Publisher.objects.create(name="P")
    author = Author.objects.create(name="Ann")
    Book.objects.create(title="x", author=author, publisher=pub)
    Book.objects.create(title="y", author=author)
    settings.DEBUG = True
    orm_db.queries_log.clear()
    books = list(Book.objects.select_related("author", "publisher"))
    assert [(b.author.name, b.publisher and b.publisher.name) for b in books] == [
        ("Ann", "P"),
        ("Ann", None),
    ]
    assert len(orm_db.queries) == 1


def test_select_related_invalid_name(orm_db):
    """select_related() with an unknown name raises FieldError listing choices."""
    from framework.core.exceptions import FieldError

    with pytest.raises(FieldError, match="Invalid field name\\(s\\) given in select_related"):
        list(Book.objects.select_related("nope"))


def test_prefetch_related_reverse_fk_and_m2m(orm_db, settings):
    """prefetch_related() runs one query per relation."""
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    t1, t2 = Tag.objects.create(name="t1"), Tag.objects.create(name="t2")
    b1 = Book.objects.create(title="x", author=ann)
    b2 = Book.objects.create(title="y", author=bob)
    b1.tags.add(t1, t2)
    b2.tags.add(t2)
    settings.DEBUG = True
    orm_db.queries_log.clear()
    authors = list(Author.objects.prefetch_related("books").order_by("name"))
    assert [[b.title for b in a.books.all()] for a in authors] == [["x"], ["y"]]
    assert len(orm_db.queries) == 2
    orm_db.queries_log.clear()
    books = list(Book.objects.prefetch_related("tags"))
    assert [sorted(t.name for t in b.tags.all()) for b in books] == [["t1", "t2"], ["t2"]]
    assert len(orm_db.queries) == 2
    prefetched = list(
        Author.objects.prefetch_related(
            models.Prefetch("books", queryset=Book.objects.filter(title="x"), to_attr="xs")
        )
    )
    assert {a.name: [b.title for b in a.xs] for a in prefetched} == {"Ann": ["x"], "Bob": []}


def test_one_to_one_both_directions(orm_db):
    """profile.author and author.profile; a missing one raises RelatedObjectDoesNotExist."""
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    profile = Profile.objects.create(author=ann, bio="hi")
    assert Author.objects.get(pk=ann.pk).profile == profile
    assert Profile.objects.get(pk=profile.pk).author == ann
    with pytest.raises(Author.profile.RelatedObjectDoesNotExist):
        bob.profile  # noqa: B018
    assert list(Author.objects.filter(profile__bio="hi")) == [ann]
    assert Author.objects.select_related("profile").get(pk=ann.pk).profile.bio == "hi"


def test_many_to_many_add_remove_set_clear_and_signals(orm_db):
    """M2M manager methods update the through table and send m2m_changed."""
    author = Author.objects.create(name="a")
    book = Book.objects.create(title="b", author=author)
    t1, t2, t3 = (Tag.objects.create(name=n) for n in ("t1", "t2", "t3"))
    events = []

    def receiver(sender, action, instance, pk_set, **kwargs):
        events.append((action, instance, set(pk_set) if pk_set else pk_set))

    signals.m2m_changed.connect(receiver, sender=Book.tags.through)
    try:
        book.tags.add(t1, t2.pk)
        assert sorted(t.name for t in book.tags.all()) == ["t1", "t2"]
        book.tags.add(t1)
        assert book.tags.count() == 2
        book.tags.remove(t1)
        assert list(book.tags.all()) == [t2]
        book.tags.set([t2, t3])
        assert sorted(t.name for t in book.tags.all()) == ["t2", "t3"]
        assert list(t3.books.all()) == [book]
        new = book.tags.create(name="t4")
        assert new in book.tags.all()
        book.tags.clear()
        assert book.tags.count() == 0
    finally:
        signals.m2m_changed.disconnect(receiver, sender=Book.tags.through)
    assert events[0] == ("pre_add", book, {t1.pk, t2.pk})
    assert events[1] == ("post_add", book, {t1.pk, t2.pk})
    assert ("pre_remove", book, {t1.pk}) in events
    assert events[-2:] == [("pre_clear", book, None), ("post_clear", book, None)]


def test_many_to_many_filtering_and_through_model(orm_db):
    """Filtering through M2M (auto and explicit through) in both directions."""
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    club = Club.objects.create(name="C")
    tag = Tag.objects.create(name="t")
    Membership.objects.create(club=club, author=ann, role="chair")
    club.members.add(bob, through_defaults={"role": "guest"})
    assert sorted(a.name for a in club.members.all()) == ["Ann", "Bob"]
    assert list(bob.clubs.all()) == [club]
    assert Membership.objects.get(author=bob).role == "guest"
    assert list(Club.objects.filter(membership__role="chair")) == [club]
    book = Book.objects.create(title="b", author=ann)
    book.tags.add(tag)
    assert list(Book.objects.filter(tags__name="t")) == [book]
    assert list(Tag.objects.filter(books__author=ann)) == [tag]


def test_symmetrical_self_m2m(orm_db):
    """A symmetrical self relation is visible from both sides."""
    a = Person.objects.create(name="a")
    b = Person.objects.create(name="b")
    a.friends.add(b)
    assert list(b.friends.all()) == [a]
    b.friends.remove(a)
    assert a.friends.count() == 0


def test_unsaved_instance_m2m_access_raises(orm_db):
    """Using an M2M manager on an unsaved instance raises ValueError."""
    with pytest.raises(ValueError, match="needs to have a value"):
        Book(title="x").tags.all()


def test_cascade_protect_restrict_set_null(orm_db):
    """on_delete handlers: CASCADE deletes, PROTECT/RESTRICT refuse, SET_NULL clears."""
    pub = Publisher.objects.create(name="P")
    mentor = Author.objects.create(name="M")
    ann = Author.objects.create(name="Ann", mentor=mentor)
    book = Book.objects.create(title="x", author=ann, publisher=pub)
    Review.objects.create(book=book, stars=5)
    with pytest.raises(models.ProtectedError) as exc:
        pub.delete()
    assert exc.value.protected_objects == {book}
    deleted, per_model = mentor.delete()
    assert per_model == {"orm.Author": 1}
    assert Author.objects.get(pk=ann.pk).mentor is None
    deleted, per_model = ann.delete()
    assert per_model == {"orm.Author": 1, "orm.Book": 1, "orm.Review": 1}
    assert not Book.objects.exists()
    pub2 = Publisher.objects.create(name="R")
    author = Author.objects.create(name="z")
    book2 = Book.objects.create(title="y", author=author)
    Review.objects.create(book=book2, stars=1, restricted_by=pub2)
    with pytest.raises(models.RestrictedError):
        pub2.delete()


def test_delete_signals_and_pk_cleared(orm_db):
    """delete() sends pre/post_delete and sets the pk to None."""
    author = Author.objects.create(name="a")
    seen = []

    def pre(sender, instance, **kwargs):
        seen.append(("pre", instance.pk))

    def post(sender, instance, **kwargs):
        seen.append(("post", instance.pk))

    signals.pre_delete.connect(pre, sender=Author)
    signals.post_delete.connect(post, sender=Author)
    try:
        pk = author.pk
        author.delete()
    finally:
        signals.pre_delete.disconnect(pre, sender=Author)
        signals.post_delete.disconnect(post, sender=Author)
    assert seen == [("pre", pk), ("post", pk)]
    assert author.pk is None


def test_multi_table_inheritance(orm_db):
    """A child row saves into both tables and reads inherited fields through a join."""
    r = Restaurant.objects.create(name="Luigi", address="1 Road", serves_pizza=True)
    assert Place.objects.get(pk=r.pk).name == "Luigi"
    fresh = Restaurant.objects.get(name="Luigi")
    assert (fresh.name, fresh.address, fresh.serves_pizza) == ("Luigi", "1 Road", True)
    assert Place.objects.get(pk=r.pk).restaurant == fresh
    fresh.name = "Mario"
    fresh.save()
    assert Place.objects.get(pk=r.pk).name == "Mario"
    assert Restaurant.objects.filter(name__startswith="Ma").count() == 1
    fresh.delete()
    assert not Place.objects.exists()


def test_save_signals_and_created_flag(orm_db):
    """pre_save/post_save receive created=True on insert and False on update."""
    events = []

    def handler(sender, instance, created, **kwargs):
        events.append(created)

    signals.post_save.connect(handler, sender=Tag)
    try:
        tag = Tag.objects.create(name="x")
        tag.save()
    finally:
        signals.post_save.disconnect(handler, sender=Tag)
    assert events == [True, False]


def test_abstract_parent_fields_and_related_name_placeholders(orm_db):
    """Fields of an abstract parent are copied; %(class)s in related_name is filled in."""
    from tests.orm.models_app.models import Note

    author = Author.objects.create(name="a")
    note = Note.objects.create(text="x", owner=author)
    assert list(author.note_owned.all()) == [note]
    assert Note._meta.get_field("owner").model is Note
    assert Note._meta.get_field("created_at").model is Note
    author.delete()
    assert Note.objects.get(pk=note.pk).owner is None
