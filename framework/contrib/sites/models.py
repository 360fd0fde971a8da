"""``Site`` and ``SiteManager.get_current()`` with its per-process cache."""

from __future__ import annotations

import string
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured, ValidationError
from framework.db import models
from framework.http.request import split_domain_port

# {SITE_ID or host: Site}; cleared when a Site is saved or deleted.
SITE_CACHE: dict[Any, Site] = {}


def _simple_domain_name_validator(value: str) -> None:
    """Reject domains with whitespace."""
    if not value:
        return
    if any(c in value for c in string.whitespace):
        raise ValidationError("The domain name cannot contain any spaces or tabs.", code="invalid")


class SiteManager(models.Manager):
    """``Site.objects``: the current site from SITE_ID or the request's host, cached."""

    use_in_migrations = True

    def _get_site_by_id(self, site_id: Any) -> Site:
        if site_id not in SITE_CACHE:
            SITE_CACHE[site_id] = self.get(pk=site_id)
        return SITE_CACHE[site_id]

    def _get_site_by_request(self, request: Any) -> Site:
        host = request.get_host()
        try:
            # First try the domain with its port, then without.
            if host not in SITE_CACHE:
                SITE_CACHE[host] = self.get(domain__iexact=host)
            return SITE_CACHE[host]
        except Site.DoesNotExist:
            domain, _ = split_domain_port(host)
            if domain not in SITE_CACHE:
                SITE_CACHE[domain] = self.get(domain__iexact=domain)
            return SITE_CACHE[domain]

    def get_current(self, request: Any = None) -> Site:
        """The Site of SITE_ID, or else the one whose domain is the request's host.

        Raises ImproperlyConfigured without either, Site.DoesNotExist if none matches.
        """
        if getattr(settings, "SITE_ID", None):
            return self._get_site_by_id(settings.SITE_ID)
        if request:
            return self._get_site_by_request(request)
        raise ImproperlyConfigured(
            "You're using the sites framework without the SITE_ID setting. Create a site "
            "in your database and set SITE_ID, or pass a request to Site.objects.get_current()."
        )

    def clear_cache(self) -> None:
        """Forget the cached sites."""
        SITE_CACHE.clear()

    def get_by_natural_key(self, domain: str) -> Site:
        return self.get(domain=domain)


class Site(models.Model):
    """A site: its domain (``example.com``) and display name."""

    domain = models.CharField(
        "domain name", max_length=100, validators=[_simple_domain_name_validator], unique=True
    )
    name = models.CharField("display name", max_length=50)

    objects = SiteManager()

    class Meta:
        app_label = "sites"
        db_table = "framework_site"
        verbose_name = "site"
        verbose_name_plural = "sites"
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def natural_key(self) -> tuple[str]:
        return (self.domain,)


def clear_site_cache(sender: type, **kwargs: Any) -> None:
    """Drop a saved or deleted Site from SITE_CACHE (by id and by domain)."""
    instance = kwargs["instance"]
    using = kwargs.get("using") or "default"
    SITE_CACHE.pop(instance.pk, None)
    try:
        SITE_CACHE.pop(Site.objects.using(using).get(pk=instance.pk).domain, None)
    except Site.DoesNotExist:
        pass
    SITE_CACHE.pop(instance.domain, None)
