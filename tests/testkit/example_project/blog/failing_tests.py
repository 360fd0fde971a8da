"""A deliberately failing unittest test: the toolkit's tests check it is reported."""

from blog.models import Post
from framework.test import TestCase


class DeliberateFailure(TestCase):
    def test_fails(self):
        Post.objects.create(title="x")
        self.assertEqual(Post.objects.count(), 2, "deliberate failure")

    def test_passes(self):
        self.assertEqual(Post.objects.count(), 0)
