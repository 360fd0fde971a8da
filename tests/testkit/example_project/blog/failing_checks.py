"""A deliberately failing pytest test: the toolkit's tests check it is reported."""

from blog.models import Post


def test_fails(db):
    Post.objects.create(title="x")
    assert Post.objects.count() == 2, "deliberate failure"


def test_passes(db):
    assert Post.objects.count() == 0
