"""Paginator and Page over plain sequences."""

from __future__ import annotations

import pytest

from framework.core.paginator import (
    EmptyPage,
    PageNotAnInteger,
    Paginator,
    UnorderedObjectListWarning,
)


def test_pages_and_orphans():
    """23 items, 10 per page, 3 orphans: the last 3 join page 2."""
    paginator = Paginator(list(range(23)), 10, orphans=3)
    assert paginator.count == 23
    assert paginator.num_pages == 2
    last = paginator.page(2)
    assert list(last) == list(range(10, 23))
    assert (last.start_index(), last.end_index()) == (11, 23)
    assert last.has_previous() and not last.has_next()
    assert last.previous_page_number() == 1


def test_invalid_page_numbers():
    paginator = Paginator(list(range(5)), 2)
    with pytest.raises(PageNotAnInteger, match="not an integer"):
        paginator.page("x")
    with pytest.raises(EmptyPage, match="less than 1"):
        paginator.page(0)
    with pytest.raises(EmptyPage, match="no results"):
        paginator.page(4)
    assert paginator.get_page("x").number == 1
    assert paginator.get_page(99).number == 3


def test_empty_list():
    assert Paginator([], 10).num_pages == 1
    assert Paginator([], 10).page(1).start_index() == 0
    assert Paginator([], 10, allow_empty_first_page=False).num_pages == 0


def test_elided_page_range():
    paginator = Paginator(list(range(1000)), 10)
    pages = list(paginator.get_elided_page_range(50))
    assert pages[:3] == [1, 2, Paginator.ELLIPSIS]
    assert 47 in pages and 53 in pages and pages[-1] == 100


def test_per_page_must_be_positive():
    with pytest.raises(ValueError, match="per_page must be at least 1"):
        Paginator([1], 0)


def test_unordered_object_list_warns():
    class Unordered(list):
        ordered = False
        model = None

    with pytest.warns(UnorderedObjectListWarning):
        Paginator(Unordered([1, 2]), 1)
