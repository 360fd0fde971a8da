"""Test models: a small library domain covering fields, relations and inheritance."""

from __future__ import annotations

import uuid

from framework.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=100, unique=True)
    country = models.CharField(max_length=2, blank=True, default="")

    class Meta:
        app_label = "orm"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, default="")
    age = models.IntegerField(null=True, blank=True)
    mentor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="mentees"
    )

    class Meta:
        app_label = "orm"

    def __str__(self):
        return self.name


class TagQuerySet(models.QuerySet):
    def starting_with(self, letter):
        return self.filter(name__startswith=letter)


class Tag(models.Model):
    name = models.SlugField(unique=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        app_label = "orm"

    def __str__(self):
        return self.name


class Genre(models.TextChoices):
    FICTION = "F", "Fiction"
    SCIENCE = "S", "Science"


class LongBookManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(pages__gte=300)

    def titles(self):
        return list(self.values_list("title", flat=True))


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    publisher = models.ForeignKey(Publisher, null=True, blank=True, on_delete=models.PROTECT)
    pages = models.PositiveIntegerField(default=0)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    rating = models.FloatField(null=True, blank=True)
    genre = models.CharField(max_length=1, choices=Genre.choices, default=Genre.FICTION)
    published = models.DateField(null=True, blank=True)
    created = models.DateTimeField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="books")
    data = models.JSONField(null=True, blank=True)

    objects = models.Manager()
    long_books = LongBookManager()

    class Meta:
        app_label = "orm"
        ordering = ["title"]
        get_latest_by = "published"
        indexes = [models.Index(fields=["title", "-pages"], name="book_title_pages_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(pages__lte=100000), name="book_pages_sane"),
        ]

    def __str__(self):
        return self.title


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    stars = models.SmallIntegerField()
    restricted_by = models.ForeignKey(
        Publisher, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )

    class Meta:
        app_label = "orm"


class Profile(models.Model):
    author = models.OneToOneField(Author, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(blank=True)

    class Meta:
        app_label = "orm"


class Place(models.Model):
    name = models.CharField(max_length=50)
    address = models.CharField(max_length=80, blank=True)

    class Meta:
        app_label = "orm"


class Restaurant(Place):
    serves_pizza = models.BooleanField(default=False)

    class Meta:
        app_label = "orm"


class CommaSeparatedField(models.TextField):
    """A custom field: a list of strings stored as comma-separated text."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return [part for part in value.split(",") if part]

    def get_prep_value(self, value):
        if value is None:
            return None
        return ",".join(value)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "tests.orm.models_app.models.CommaSeparatedField", args, kwargs


class Stamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    owner = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="%(class)s_owned"
    )

    class Meta:
        app_label = "orm"
        abstract = True


class Note(Stamped):
    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    text = models.TextField()
    duration = models.DurationField(null=True, blank=True)
    at = models.TimeField(null=True, blank=True)
    blob = models.BinaryField(null=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    url = models.URLField(blank=True)
    level = models.IntegerField(db_default=3)
    csv = CommaSeparatedField(blank=True, default=list)

    class Meta:
        app_label = "orm"


class Membership(models.Model):
    club = models.ForeignKey("Club", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default="member")

    class Meta:
        app_label = "orm"
        unique_together = [("club", "author")]


class Club(models.Model):
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(Author, through=Membership, related_name="clubs")

    class Meta:
        app_label = "orm"


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self", blank=True)

    class Meta:
        app_label = "orm"


class ProxyAuthor(Author):
    class Meta:
        app_label = "orm"
        proxy = True
        ordering = ["-name"]


class Attachment(models.Model):
    title = models.CharField(max_length=50)
    file = models.FileField(upload_to="docs/", blank=True)

    class Meta:
        app_label = "orm"


class Shelf(models.Model):
    name = models.CharField(max_length=20)
    active = models.BooleanField(default=True)

    class Meta:
        app_label = "orm"


class ActiveOnlyForeignKey(models.ForeignKey):
    """A ForeignKey whose joins only reach active shelves (an extra ON restriction)."""

    def get_extra_restriction(self, alias, related_alias):
        field = self.remote_field.model._meta.get_field("active")
        return field.get_lookup("exact")(field.get_col(alias), True)


class StickerRelation:
    """A private field like GenericRelation: the collector cascades to its objects."""

    is_relation = False
    concrete = False
    auto_created = False
    hidden = False
    remote_field = None
    creation_counter = 0

    def contribute_to_class(self, cls, name, **kwargs):
        self.name = self.attname = name
        self.model = cls
        cls._meta.add_field(self, private=True)

    def bulk_related_objects(self, objs, using="default"):
        return Sticker._base_manager.using(using).filter(item_id__in=[obj.pk for obj in objs])


class ShelfItem(models.Model):
    label = models.CharField(max_length=20)
    shelf = ActiveOnlyForeignKey(Shelf, on_delete=models.CASCADE, related_name="items")
    stickers = StickerRelation()

    class Meta:
        app_label = "orm"


class Sticker(models.Model):
    item_id = models.IntegerField()
    text = models.CharField(max_length=20)

    class Meta:
        app_label = "orm"


class CentsField(models.IntegerField):
    """An integer field that stores hundredths: get_prep_value is overridden, so the ORM's
    cached statements must not pass ints through unchanged."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else value // 100

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else value * 100


class Ledger(models.Model):
    id = CentsField(primary_key=True)
    amount = CentsField(default=0)
    count = models.IntegerField(default=0)

    class Meta:
        app_label = "orm"
