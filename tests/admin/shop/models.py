"""Models of the admin tests: authors, books with chapters (inlines), tags (many-to-many)."""

from __future__ import annotations

from framework.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)

    class Meta:
        app_label = "shop"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50)
    created = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "shop"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Book(models.Model):
    GENRES = [("fic", "Fiction"), ("sci", "Science"), ("his", "History")]

    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, models.CASCADE, related_name="books")
    genre = models.CharField(max_length=3, choices=GENRES, default="fic")
    in_print = models.BooleanField(default=True)
    published = models.DateField(null=True, blank=True)
    pages = models.IntegerField(default=100)
    tags = models.ManyToManyField(Tag, blank=True)

    class Meta:
        app_label = "shop"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/books/{self.pk}/"


class Chapter(models.Model):
    book = models.ForeignKey(Book, models.CASCADE, related_name="chapters")
    number = models.IntegerField()
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "shop"
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Review(models.Model):
    book = models.ForeignKey(Book, models.CASCADE, related_name="reviews")
    text = models.TextField()
    stars = models.IntegerField(default=3)

    class Meta:
        app_label = "shop"

    def __str__(self):
        return f"{self.stars}★ {self.text[:20]}"


class Publisher(models.Model):
    """Uses object permissions in its admin."""

    name = models.CharField(max_length=100)

    class Meta:
        app_label = "shop"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Shelf(models.Model):
    """Protects its book from deletion."""

    label = models.CharField(max_length=20)
    book = models.ForeignKey(Book, models.PROTECT, null=True, blank=True)

    class Meta:
        app_label = "shop"

    def __str__(self):
        return self.label


class Article(models.Model):
    """Belongs to one site (per-site admin)."""

    title = models.CharField(max_length=100)
    site = models.ForeignKey("sites.Site", models.CASCADE)

    class Meta:
        app_label = "shop"

    def __str__(self):
        return self.title


class Notice(models.Model):
    """Shown on several sites."""

    text = models.CharField(max_length=100)
    sites = models.ManyToManyField("sites.Site")

    class Meta:
        app_label = "shop"

    def __str__(self):
        return self.text
