"""Sites: the default site, get_current() by SITE_ID or host, caching, helpers."""

from __future__ import annotations

import pytest

from framework.contrib.sites.management import create_default_site
from framework.contrib.sites.middleware import CurrentSiteMiddleware
from framework.contrib.sites.models import SITE_CACHE, Site
from framework.contrib.sites.requests import RequestSite
from framework.contrib.sites.shortcuts import get_current_site
from framework.core.exceptions import ImproperlyConfigured, ValidationError
from framework.db import connection
from framework.http import HttpRequest, HttpResponse
from framework.test.query_capture import CaptureQueriesContext
from tests.contenttypes.testapp.models import SiteArticle


def make_request(host):
    request = HttpRequest()
    request.META = {"HTTP_HOST": host, "SERVER_NAME": "x", "SERVER_PORT": "80"}
    return request


def test_default_site_created_after_migrate(contrib_db):
    """The post-migrate step created example.com with id 1; it does nothing when a site exists."""
    site = Site.objects.get()
    assert (site.pk, site.domain, site.name) == (1, "example.com", "example.com")
    from framework.apps import apps

    create_default_site(apps.get_app_config("sites"), verbosity=0)
    assert Site.objects.count() == 1
    # The sequence moved past the explicit id.
    assert Site.objects.create(domain="other.example", name="o").pk > 1


def test_get_current_by_site_id_is_cached(contrib_db, settings):
    """With SITE_ID, get_current() returns that site and caches it (no second query)."""
    settings.SITE_ID = 1
    site = Site.objects.get_current()
    assert site.domain == "example.com"
    with CaptureQueriesContext(connection) as ctx:
        assert Site.objects.get_current() is site
    assert len(ctx) == 0


def test_get_current_by_request_host(contrib_db, settings):
    """Without SITE_ID the request's host picks the site, with or without its port."""
    settings.SITE_ID = None
    settings.ALLOWED_HOSTS = [".example.org"]
    other = Site.objects.create(domain="blog.example.org", name="Blog")
    assert Site.objects.get_current(make_request("blog.example.org")) == other
    assert Site.objects.get_current(make_request("blog.example.org:8080")) == other
    with pytest.raises(Site.DoesNotExist):
        Site.objects.get_current(make_request("unknown.example.org"))
    with pytest.raises(ImproperlyConfigured, match="SITE_ID"):
        Site.objects.get_current()


def test_cache_cleared_on_save_and_delete(contrib_db, settings):
    """Saving or deleting a Site drops it from the cache."""
    settings.SITE_ID = 1
    site = Site.objects.get_current()
    site.name = "Renamed"
    site.save()
    assert 1 not in SITE_CACHE
    assert Site.objects.get_current().name == "Renamed"
    Site.objects.get_current().delete()
    with pytest.raises(Site.DoesNotExist):
        Site.objects.get_current()


def test_domain_validation(contrib_db):
    """A domain with whitespace is invalid."""
    with pytest.raises(ValidationError):
        Site(domain="bad domain", name="x").full_clean()


def test_get_current_site_and_request_site(contrib_db, settings):
    """get_current_site gives the Site when sites is installed; RequestSite mirrors the host."""
    settings.SITE_ID = 1
    assert get_current_site(make_request("whatever")).domain == "example.com"
    settings.ALLOWED_HOSTS = ["foo.example"]
    request_site = RequestSite(make_request("foo.example:81"))
    assert request_site.domain == request_site.name == "foo.example:81"
    with pytest.raises(NotImplementedError):
        request_site.save()


def test_current_site_middleware(contrib_db, settings):
    """CurrentSiteMiddleware sets request.site."""
    settings.SITE_ID = 1
    request = make_request("testserver")
    CurrentSiteMiddleware(lambda r: HttpResponse())(request)
    assert request.site.domain == "example.com"


def test_current_site_manager(contrib_db, settings):
    """CurrentSiteManager shows only the objects of SITE_ID's site."""
    other = Site.objects.create(domain="other.example", name="o")
    SiteArticle.objects.create(title="here", site_id=1)
    SiteArticle.objects.create(title="there", site=other)
    settings.SITE_ID = 1
    assert [a.title for a in SiteArticle.on_site.all()] == ["here"]
    settings.SITE_ID = other.pk
    assert [a.title for a in SiteArticle.on_site.all()] == ["there"]
    assert SiteArticle.objects.count() == 2
    assert isinstance(SiteArticle._meta.get_field("site").related_model, type)
