"""Rendering the httpd templates of conf/: pure functions from ApacheSettings to text.

``render(s)`` is the standalone server's httpd.conf, ``render_vhost(s, sites)`` the file
for a system Apache's sites-available, ``render_apachectl(s)`` and
``render_wsgi_script(site)`` the other files of a server root. Nothing here touches the
file system except reading the templates.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import jinja2

from framework_apache.settings import ApacheSettings, Site

# Debian's self-signed certificate (ssl-cert package): replace it with a real one.
SNAKEOIL_CERTIFICATE = "/etc/ssl/certs/ssl-cert-snakeoil.pem"
SNAKEOIL_KEY = "/etc/ssl/private/ssl-cert-snakeoil.key"


def templates_dir() -> Path:
    """The directory holding the httpd templates (conf/ of a checkout or of the wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "conf", here.parent / "conf"):
        if (candidate / "httpd.conf").is_file():
            return candidate
    raise FileNotFoundError(f"The httpd templates (conf/httpd.conf) are missing next to {here}.")


@functools.cache
def _environment(directory: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Python literals in the generated WSGI script.
    environment.filters["pyrepr"] = repr
    return environment


def _render(name: str, directory: Path | None = None, **context: object) -> str:
    environment = _environment(directory or templates_dir())
    return environment.get_template(name).render(**context)


def render(s: ApacheSettings, directory: Path | None = None) -> str:
    """The httpd.conf of the standalone server described by ``s``."""
    return _render("httpd.conf", directory, s=s)


def render_vhost(
    s: ApacheSettings,
    sites: Sequence[Site] | None = None,
    *,
    https: bool = False,
    certificate: str = SNAKEOIL_CERTIFICATE,
    certificate_key: str = SNAKEOIL_KEY,
    file_name: str | None = None,
    directory: Path | None = None,
) -> str:
    """A sites-available file for a system Apache: one vhost (two with ``https``) per site."""
    sites = tuple(sites if sites is not None else s.sites)
    if not sites:
        raise ValueError("render_vhost() needs at least one site.")
    return _render(
        "vhost.conf",
        directory,
        s=s,
        sites=sites,
        https=https,
        certificate=certificate,
        certificate_key=certificate_key,
        file_name=file_name or sites[0].name,
    )


def render_apachectl(s: ApacheSettings, directory: Path | None = None) -> str:
    """The ``apachectl`` shell script of the server root."""
    return _render("apachectl.sh", directory, s=s)


def render_wsgi_script(site: Site, directory: Path | None = None) -> str:
    """The WSGI script mod_wsgi loads for ``site``."""
    return _render("wsgi.py-tpl", directory, site=site)
