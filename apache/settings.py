"""``ApacheSettings``: everything the httpd templates need, validated once.

Built by ``ApacheSettings.from_settings(settings, **options)`` from the project's
``APACHE_*`` settings and the command-line options of ``manage.py apache``; after that
it is a frozen, typed value that ``render`` turns into text without further checks.
An invalid value raises ``ApacheSettingsError`` naming the setting (and its option).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_HTTPD = "/usr/sbin/apache2"
DEFAULT_MODULES_DIR = "/usr/lib/apache2/modules"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_HOST = re.compile(r"^(?:\*|[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])$")
# Characters that would end a double-quoted httpd argument or the line holding it.
_UNSAFE = re.compile(r'["\\\x00-\x1f\x7f]')


class ApacheSettingsError(ValueError):
    """An APACHE_* setting or a ``manage.py apache`` option has an invalid value."""


def _option(setting: str, option: str | None = None, **kwargs: Any) -> Any:
    return field(metadata={"setting": setting, "option": option}, **kwargs)


@dataclass(frozen=True)
class Site:
    """One site served by its own mod_wsgi daemon process group (own settings, own code)."""

    name: str = _option("site name")
    server_name: str = _option("APACHE_SERVER_NAME", "--server-name")
    settings_module: str = _option("FRAMEWORK_SETTINGS_MODULE", "--settings")
    project_dir: str = _option("project directory")
    wsgi_application: str | None = _option("WSGI_APPLICATION", default=None)
    server_aliases: tuple[str, ...] = _option("server aliases", default=())
    # URL paths ("/static/") and directories; "" when the site serves none.
    static_url: str = _option("STATIC_URL", default="")
    static_root: str = _option("STATIC_ROOT", default="")
    media_url: str = _option("MEDIA_URL", default="")
    media_root: str = _option("MEDIA_ROOT", default="")
    admin_url_path: str = _option("ADMIN_URL_PATH", default="/admin/")
    # The port of a Site domain such as "example.com:8080" (a system Apache's vhost).
    port: int | None = _option("the Site domain's port", default=None)

    def __post_init__(self) -> None:
        if self.port is not None:
            _check_int(self, "port", 1, 65535)
        _check(self, "name", _NAME.match(self.name), "letters, digits, '_', '.' and '-'")
        for name in (self.server_name, *self.server_aliases):
            ok = bool(_HOST.match(name)) and name != "*"
            _check(self, "server_name", ok, "a host name such as 'example.com'")
        _check(self, "settings_module", _is_dotted(self.settings_module), "a dotted module path")
        _check_path(self, "project_dir")
        for url_field, root_field in (("static_url", "static_root"), ("media_url", "media_root")):
            url, root = getattr(self, url_field), getattr(self, root_field)
            if url or root:
                _check(
                    self,
                    url_field,
                    url.startswith("/") and url.endswith("/") and url != "/",
                    "a URL path such as '/static/' (the site's files are under it)",
                )
                _check_path(self, root_field)
        _check(
            self,
            "admin_url_path",
            self.admin_url_path.startswith("/")
            and self.admin_url_path.endswith("/")
            and not _UNSAFE.search(self.admin_url_path),
            "a URL path such as '/admin/'",
        )

    @property
    def wsgi_script(self) -> str:
        """File name of the site's WSGI script inside the server root's wsgi/ directory."""
        return f"{self.name}.wsgi"


@dataclass(frozen=True)
class ApacheSettings:
    """The validated configuration of one standalone httpd (or of vhosts for a system one)."""

    server_root: str = _option("APACHE_SERVER_ROOT", "--server-root")
    sites: tuple[Site, ...] = _option("sites")
    host: str = _option("APACHE_HOST", "--host", default="127.0.0.1")
    port: int = _option("APACHE_PORT", "--port", default=8000)
    processes: int = _option("APACHE_PROCESSES", "--processes", default=2)
    threads: int = _option("APACHE_THREADS", "--threads", default=10)
    user: str = _option("APACHE_USER", "--user", default="www-data")
    group: str = _option("APACHE_GROUP", "--group", default="www-data")
    request_timeout: int = _option("APACHE_REQUEST_TIMEOUT", default=60)
    inactivity_timeout: int = _option("APACHE_INACTIVITY_TIMEOUT", default=0)
    graceful_timeout: int = _option("APACHE_GRACEFUL_TIMEOUT", default=15)
    eviction_timeout: int = _option("APACHE_EVICTION_TIMEOUT", default=30)
    maximum_requests: int = _option("APACHE_MAXIMUM_REQUESTS", default=0)
    queue_timeout: int = _option("APACHE_QUEUE_TIMEOUT", default=45)
    listen_backlog: int = _option("APACHE_LISTEN_BACKLOG", default=500)
    limit_request_body: int = _option("APACHE_LIMIT_REQUEST_BODY", default=104857600)
    python_home: str = _option("the Python environment (sys.prefix)", default=sys.prefix)
    httpd: str = _option("APACHE_HTTPD", default=DEFAULT_HTTPD)
    modules_dir: str = _option("APACHE_MODULES_DIR", default=DEFAULT_MODULES_DIR)
    mod_wsgi_so: str = _option("the mod_wsgi module (mod_wsgi-express module-config)", default="")

    def __post_init__(self) -> None:
        _check_path(self, "server_root")
        _check(self, "sites", len(self.sites) > 0, "at least one site")
        names = [site.name for site in self.sites]
        _check(self, "sites", len(set(names)) == len(names), "sites with distinct names")
        _check(self, "host", bool(_HOST.match(self.host)), "an IP address, a host name or '*'")
        _check_int(self, "port", 1, 65535)
        _check_int(self, "processes", 1, 1000)
        _check_int(self, "threads", 1, 1000)
        for name in ("user", "group"):
            _check(self, name, bool(_NAME.match(getattr(self, name))), "a user or group name")
        for name in (
            "request_timeout",
            "inactivity_timeout",
            "graceful_timeout",
            "eviction_timeout",
            "maximum_requests",
            "queue_timeout",
            "limit_request_body",
        ):
            _check_int(self, name, 0, None)
        _check_int(self, "listen_backlog", 1, 65535)
        for name in ("python_home", "httpd", "modules_dir"):
            _check_path(self, name)
        if self.mod_wsgi_so:
            _check_path(self, "mod_wsgi_so")

    @property
    def server_name(self) -> str:
        """ServerName of the main server: the first site's."""
        return self.sites[0].server_name

    @property
    def connect_host(self) -> str:
        """The address a client on this machine uses to reach the Listen address."""
        if self.host in ("*", "0.0.0.0"):
            return "127.0.0.1"
        if self.host in ("[::]", "::"):
            return "::1"
        return self.host.strip("[]")

    @classmethod
    def from_settings(cls, settings: Any, **options: Any) -> ApacheSettings:
        """Build from a settings object and ``manage.py apache`` options (None: the setting)."""
        settings_module = options.pop("settings_module", None) or _settings_module(settings)
        project_dir = options.pop("project_dir", None) or project_dir_of(settings_module)
        server_name = options.pop("server_name", None) or settings.APACHE_SERVER_NAME
        host = options.get("host") or settings.APACHE_HOST
        site = Site(
            name=options.pop("site_name", None) or _site_name(settings_module),
            server_name=str(server_name or _bare_host(host)),
            settings_module=settings_module,
            project_dir=project_dir,
            wsgi_application=settings.WSGI_APPLICATION,
            static_url=_url_path(settings.STATIC_URL, settings.STATIC_ROOT),
            static_root=_root(settings.STATIC_ROOT, settings.STATIC_URL),
            media_url=_url_path(settings.MEDIA_URL, settings.MEDIA_ROOT),
            media_root=_root(settings.MEDIA_ROOT, settings.MEDIA_URL),
            admin_url_path=str(getattr(settings, "ADMIN_URL_PATH", "/admin/")),
        )
        values: dict[str, Any] = {"sites": (site,)}
        for f in fields(cls):
            setting = f.metadata["setting"]
            if f.name in options and options[f.name] is not None:
                values[f.name] = options[f.name]
            elif setting.startswith("APACHE_") and hasattr(settings, setting):
                values[f.name] = getattr(settings, setting)
        values["server_root"] = default_server_root(
            settings, values.get("server_root"), project_dir
        )
        return cls(**values)

    def to_json(self) -> str:
        """These settings as JSON: ``setup`` saves them in the server root for later actions."""
        return json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ApacheSettings:
        """The settings saved by ``to_json`` (validated again)."""
        data = json.loads(text)
        sites = []
        for site in data.pop("sites"):
            site["server_aliases"] = tuple(site.get("server_aliases", ()))
            sites.append(Site(**site))
        return cls(sites=tuple(sites), **data)


def default_server_root(
    settings: Any, server_root: str | None = None, project_dir: str | None = None
) -> str:
    """``server_root`` if given, else APACHE_SERVER_ROOT, else ``<BASE_DIR>/.apache``."""
    root = server_root or getattr(settings, "APACHE_SERVER_ROOT", None)
    if not root:
        project_dir = project_dir or project_dir_of(_settings_module(settings))
        root = Path(_base_dir(settings, project_dir)) / ".apache"
    return os.path.abspath(str(root))


def project_dir_of(settings_module: str) -> str:
    """The directory holding the settings' top-level package (the daemons' python-path)."""
    top = settings_module.partition(".")[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return os.getcwd()
    if spec.submodule_search_locations:
        return str(Path(next(iter(spec.submodule_search_locations))).resolve().parent)
    return str(Path(spec.origin or ".").resolve().parent)


def _check(obj: object, name: str, ok: object, expected: str) -> None:
    if not ok:
        raise ApacheSettingsError(
            f"{_label(obj, name)} must be {expected}, not {getattr(obj, name)!r}."
        )


def _check_int(obj: object, name: str, low: int, high: int | None) -> None:
    value = getattr(obj, name)
    valid = isinstance(value, int) and not isinstance(value, bool)
    if valid and value >= low and (high is None or value <= high):
        return
    bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
    raise ApacheSettingsError(f"{_label(obj, name)} must be an integer {bounds}, not {value!r}.")


def _check_path(obj: object, name: str) -> None:
    value = getattr(obj, name)
    ok = isinstance(value, str) and os.path.isabs(value) and not _UNSAFE.search(value)
    _check(obj, name, ok, "an absolute path without quotes, backslashes or control characters")


def _label(obj: object, name: str) -> str:
    meta = next(f.metadata for f in fields(obj) if f.name == name)  # type: ignore[arg-type]
    option = f" ({meta['option']})" if meta.get("option") else ""
    return f"{meta['setting']}{option}"


def _is_dotted(value: object) -> bool:
    return isinstance(value, str) and all(part.isidentifier() for part in value.split("."))


def _settings_module(settings: Any) -> str:
    module = getattr(settings, "SETTINGS_MODULE", None) or os.environ.get(
        "FRAMEWORK_SETTINGS_MODULE"
    )
    if not module:
        raise ApacheSettingsError(
            "manage.py apache needs a settings module (FRAMEWORK_SETTINGS_MODULE or --settings): "
            "the daemon processes import it, so settings.configure() cannot be used."
        )
    return str(module)


def _site_name(settings_module: str) -> str:
    # The daemon process group name, shown by ps as "(wsgi:NAME)".
    name = settings_module.removesuffix(".settings").replace(".", "-")
    return name if _NAME.match(name) else "site"


def _bare_host(host: str) -> str:
    return "localhost" if host in ("*", "0.0.0.0", "[::]", "::") else host.strip("[]")


def _url_path(url: object, root: object) -> str:
    # An absolute URL (a CDN) or a missing root: Apache has nothing to alias.
    if not url or not root or "://" in str(url) or str(url).startswith("//"):
        return ""
    return "/" + str(url).strip("/") + "/"


def _root(root: object, url: object) -> str:
    if not _url_path(url, root):
        return ""
    return os.path.abspath(str(root))


def _base_dir(settings: Any, project_dir: str) -> str:
    base = getattr(settings, "BASE_DIR", None)
    return str(base) if base else project_dir
