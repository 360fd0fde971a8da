"""Models shared by the contrib tests (contenttypes, auth, objperms, sites)."""

from __future__ import annotations

import uuid

from framework.conf import settings
from framework.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from framework.contrib.contenttypes.models import ContentType
from framework.contrib.sites.managers import CurrentSiteManager
from framework.contrib.sites.models import Site
from framework.db import models


class TaggedItem(models.Model):
    tag = models.SlugField()
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        app_label = "contrib_testapp"
        ordering = ["tag"]

    def __str__(self):
        return self.tag


class Bookmark(models.Model):
    url = models.CharField(max_length=200)
    tags = GenericRelation(TaggedItem, related_query_name="bookmark")

    class Meta:
        app_label = "contrib_testapp"

    def __str__(self):
        return self.url


class Note(models.Model):
    text = models.CharField(max_length=200)
    tags = GenericRelation(TaggedItem)

    class Meta:
        app_label = "contrib_testapp"


class Document(models.Model):
    title = models.CharField(max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="documents"
    )

    class Meta:
        app_label = "contrib_testapp"
        ordering = ["title"]
        permissions = [("publish_document", "Can publish document")]

    def __str__(self):
        return self.title


class Project(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "contrib_testapp"
        ordering = ["name"]


class SiteArticle(models.Model):
    title = models.CharField(max_length=100)
    site = models.ForeignKey(Site, models.CASCADE)

    objects = models.Manager()
    on_site = CurrentSiteManager()

    class Meta:
        app_label = "contrib_testapp"
