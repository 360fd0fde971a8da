"""Models for the ModelForm and model formset tests: a small library."""

from __future__ import annotations

import datetime

from framework.core.exceptions import ValidationError
from framework.db import models


class Writer(models.Model):
    name = models.CharField(max_length=50, help_text="Use both first and last names.")
    email = models.EmailField(blank=True)

    class Meta:
        app_label = "modelforms"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=20)
    slug = models.SlugField(max_length=20, unique=True)
    url = models.CharField("The URL", max_length=40)

    class Meta:
        app_label = "modelforms"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Article(models.Model):
    STATUS_CHOICES = [(1, "Draft"), (2, "Pending"), (3, "Live")]

    headline = models.CharField(max_length=50)
    slug = models.SlugField()
    pub_date = models.DateField()
    created = models.DateField(editable=False, default=datetime.date(2020, 1, 1))
    writer = models.ForeignKey(Writer, models.CASCADE)
    article = models.TextField()
    categories = models.ManyToManyField(Category, blank=True)
    status = models.PositiveIntegerField(choices=STATUS_CHOICES, blank=True, null=True)
    views = models.IntegerField(default=0)

    class Meta:
        app_label = "modelforms"

    def __str__(self):
        return self.headline


class Book(models.Model):
    """unique_together, a default and a model clean()."""

    title = models.CharField(max_length=40)
    author = models.ForeignKey(Writer, models.CASCADE, related_name="books")
    pages = models.IntegerField(default=100)
    price = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    special_id = models.IntegerField(blank=True, null=True, unique=True)

    class Meta:
        app_label = "modelforms"
        unique_together = [("title", "author")]
        ordering = ["id"]

    def clean(self):
        if self.title and self.title.lower() == "forbidden":
            raise ValidationError({"title": "This title is not allowed."})
        if self.pages is not None and self.pages < 0:
            raise ValidationError("A book cannot have negative pages.")

    def __str__(self):
        return self.title


class Review(models.Model):
    """Two foreign keys to Writer (inline formsets need fk_name)."""

    book = models.ForeignKey(Book, models.CASCADE)
    reviewer = models.ForeignKey(Writer, models.CASCADE, related_name="reviews_written")
    subject = models.ForeignKey(Writer, models.CASCADE, related_name="reviews_about")
    text = models.CharField(max_length=100)

    class Meta:
        app_label = "modelforms"


class Profile(models.Model):
    """A one-to-one to Writer (the inline formset allows a single form)."""

    writer = models.OneToOneField(Writer, models.CASCADE)
    bio = models.TextField(blank=True)
    joined = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    delay = models.DurationField(null=True, blank=True)

    class Meta:
        app_label = "modelforms"


class Document(models.Model):
    """A file field (ClearableFileInput, upload and clear)."""

    title = models.CharField(max_length=20)
    attachment = models.FileField(upload_to="docs/", blank=True)

    class Meta:
        app_label = "modelforms"
