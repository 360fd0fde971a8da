"""Two small models for the primary/replica router tests."""

from __future__ import annotations

from framework.db import models


class Tag(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "db_routers"


class Note(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, related_name="notes")

    class Meta:
        app_label = "db_routers"
        ordering = ["title"]
