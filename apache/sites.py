"""One ``Site`` of the httpd templates per contrib.sites ``Site`` of the database.

``manage.py apache vhost`` (and ``setup --sites``) serve every site of the project, each
in its own mod_wsgi daemon process group named after its domain, so sites never share a
process or, with ``APACHE_SITE_SETTINGS``, settings. Without contrib.sites, or when the
database does not answer, the caller keeps the single site built from the settings.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from framework_apache.settings import ApacheSettings, ApacheSettingsError

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


class NoSites(Exception):
    """The database's sites cannot be used; the message says why (for a note on stderr)."""


def group_name(domain: str) -> str:
    """A daemon process group (and file) name from ``domain``: 'example.com:8080' ->
    'example.com_8080'."""
    name = _UNSAFE_NAME.sub("_", domain.strip().lower()).strip("_.-")
    if not name:
        raise ApacheSettingsError(f"The Site domain {domain!r} gives no usable vhost name.")
    return name


def split_port(domain: str) -> tuple[str, int | None]:
    """('example.com', 8080) from 'example.com:8080'; a bracketed IPv6 address is kept."""
    host, sep, port = domain.strip().rpartition(":")
    if sep and port.isdigit() and (not host.startswith("[") or host.endswith("]")):
        if ":" not in host or host.startswith("["):
            return host, int(port)
    return domain.strip(), None


def database_domains() -> list[str]:
    """The domains of contrib.sites' Site rows, ordered by id; ``NoSites`` if unavailable."""
    from framework.apps import apps

    if not apps.is_installed("framework.contrib.sites"):
        raise NoSites("framework.contrib.sites is not installed")
    from framework.contrib.sites.models import Site as SiteModel

    try:
        domains = list(SiteModel.objects.order_by("pk").values_list("domain", flat=True))
    except Exception as exc:  # any database error: no table yet, server down, ...
        raise NoSites(f"the sites cannot be read from the database ({exc})") from None
    if not domains:
        raise NoSites("the database has no Site")
    return domains


def site_settings(settings: Any) -> dict[str, str]:
    """APACHE_SITE_SETTINGS, checked: {domain: dotted settings module}."""
    value = getattr(settings, "APACHE_SITE_SETTINGS", None) or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ApacheSettingsError(
            "APACHE_SITE_SETTINGS must be a dict of {'domain': 'dotted.settings.module'}, "
            f"not {value!r}."
        )
    return value


def sites_for(s: ApacheSettings, domains: list[str], per_site: dict[str, str]) -> ApacheSettings:
    """``s`` with one site per domain, based on ``s``'s own (first) site."""
    base = s.sites[0]
    known = {d.lower() for d in domains}
    unknown = sorted(d for d in per_site if d.lower() not in known)
    if unknown:
        raise ApacheSettingsError(
            f"APACHE_SITE_SETTINGS names the domain {unknown[0]!r}, which is not a Site "
            f"in the database (its Sites: {', '.join(domains)})."
        )
    lowered = {k.lower(): v for k, v in per_site.items()}
    sites = []
    for domain in domains:
        host, port = split_port(domain)
        sites.append(
            dataclasses.replace(
                base,
                name=group_name(domain),
                server_name=host,
                port=port,
                settings_module=lowered.get(domain.lower(), base.settings_module),
                # WSGI_APPLICATION belongs to the project's settings, not another module's.
                wsgi_application=(base.wsgi_application if domain.lower() not in lowered else None),
            )
        )
    names = [site.name for site in sites]
    if len(set(names)) != len(names):
        raise ApacheSettingsError(
            f"Two Sites give the same vhost name (domains: {', '.join(domains)})."
        )
    return dataclasses.replace(s, sites=tuple(sites))
