"""get_object_or_404() and get_list_or_404() against the real ORM, on every backend.

Uses the ORM suite's test models and its ``orm_db`` fixture (see conftest.py): SQLite
and PostgreSQL, each test inside a rolled-back transaction.
"""

from __future__ import annotations

import pytest

from framework.core.exceptions import MultipleObjectsReturned
from framework.http import Http404
from framework.shortcuts import get_list_or_404, get_object_or_404
from tests.orm.models_app.models import Author


def test_get_object_or_404_from_model_manager_and_queryset(orm_db):
    """A model, its manager or a QuerySet all work; the object is returned."""
    ann = Author.objects.create(name="Ann", age=40)
    assert get_object_or_404(Author, pk=ann.pk) == ann
    assert get_object_or_404(Author.objects, name="Ann") == ann
    assert get_object_or_404(Author.objects.filter(age__gte=18), name="Ann") == ann


def test_get_object_or_404_missing_raises_http404(orm_db):
    """A missing object is an Http404 naming the model; the QuerySet's filter counts."""
    Author.objects.create(name="Kid", age=9)
    with pytest.raises(Http404, match="No Author matches the given query."):
        get_object_or_404(Author, name="Nobody")
    with pytest.raises(Http404):
        get_object_or_404(Author.objects.filter(age__gte=18), name="Kid")


def test_get_object_or_404_multiple_objects_propagate(orm_db):
    """Several matches raise MultipleObjectsReturned, as get() does."""
    Author.objects.create(name="Twin", age=1)
    Author.objects.create(name="Twin", age=1)
    with pytest.raises(MultipleObjectsReturned):
        get_object_or_404(Author, name="Twin")


def test_get_list_or_404(orm_db):
    """A non-empty filtered list is returned; an empty one is an Http404."""
    Author.objects.create(name="A", age=30)
    Author.objects.create(name="B", age=50)
    assert sorted(a.name for a in get_list_or_404(Author, age__gte=18)) == ["A", "B"]
    assert [a.name for a in get_list_or_404(Author.objects.filter(age=50))] == ["B"]
    with pytest.raises(Http404, match="No Author matches the given query."):
        get_list_or_404(Author, age__gt=100)
