"""Models of the generic view tests."""

from __future__ import annotations

from framework.db import models
from framework.urls import reverse


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField()

    class Meta:
        app_label = "generic_views"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author_detail", kwargs={"pk": self.pk})


class Book(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField()
    pages = models.IntegerField()
    pubdate = models.DateField()

    class Meta:
        app_label = "generic_views"
        ordering = ["-pubdate"]

    def __str__(self):
        return self.name


class BookSigning(models.Model):
    event_date = models.DateTimeField()

    class Meta:
        app_label = "generic_views"
