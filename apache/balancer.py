"""An Apache mod_proxy_balancer in front of several nodes: ``BalancerSettings`` and rendering.

``render_balancer(b)`` turns validated ``BalancerSettings`` into the httpd.conf of
conf/balancer.conf (a pure function); ``write_balancer_root(b)`` writes it with an
``apachectl`` script, ``run/`` and ``logs/`` into ``b.server_root``. The result is driven
like any server root (``Driver(root).start(expected_daemons=0)``, ``./apachectl stop``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from framework_apache.render import _render
from framework_apache.settings import DEFAULT_HTTPD, DEFAULT_MODULES_DIR, ApacheSettingsError

LBMETHODS = ("byrequests", "bybusyness", "bytraffic")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_HOST = re.compile(r"^(?:\*|[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])$")
_URI = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$")
_UNSAFE_PATH = re.compile(r'["\\\x00-\x1f\x7f]')


@dataclass(frozen=True)
class BalancerSettings:
    """The validated configuration of a balancer httpd; errors name the option and value."""

    server_root: str
    members: tuple[str, ...]
    port: int
    host: str = "127.0.0.1"
    user: str = "www-data"
    group: str = "www-data"
    lbmethod: str = "byrequests"
    # Seconds a failed member stays out before a request tries it again.
    retry: int = 5
    connect_timeout: int = 2
    timeout: int = 60
    hc_uri: str = "/"
    hc_interval: int = 2
    hc_fails: int = 1
    hc_passes: int = 1
    httpd: str = DEFAULT_HTTPD
    modules_dir: str = DEFAULT_MODULES_DIR

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", tuple(_member(m) for m in self.members))
        if not self.members:
            raise ApacheSettingsError(
                "The balancer needs at least one member: pass --member http://HOST:PORT "
                "once per node."
            )
        if len(set(self.members)) != len(self.members):
            raise ApacheSettingsError(
                f"--member lists a node twice in {list(self.members)!r}: give each once."
            )
        for name in ("server_root", "httpd", "modules_dir"):
            value = getattr(self, name)
            if not isinstance(value, str) or not os.path.isabs(value) or _UNSAFE_PATH.search(value):
                raise ApacheSettingsError(
                    f"Balancer {name} must be an absolute path without quotes or control "
                    f"characters, got {value!r}."
                )
        _int(self, "port", 1, 65535)
        for name in ("retry", "connect_timeout", "hc_fails", "hc_passes"):
            _int(self, name, 0 if name == "retry" else 1, 3600)
        _int(self, "timeout", 1, 86400)
        _int(self, "hc_interval", 1, 3600)
        if not _HOST.match(self.host):
            raise ApacheSettingsError(
                f"Balancer --host must be an address or name, got {self.host!r}."
            )
        for name in ("user", "group"):
            if not _NAME.match(getattr(self, name)):
                raise ApacheSettingsError(
                    f"Balancer --{name} must be a user or group name, got {getattr(self, name)!r}."
                )
        if self.lbmethod not in LBMETHODS:
            raise ApacheSettingsError(
                f"Balancer --lbmethod must be one of {', '.join(LBMETHODS)}, got {self.lbmethod!r}."
            )
        if not _URI.match(self.hc_uri):
            raise ApacheSettingsError(
                f"Balancer --hc-uri must be a path starting with '/', got {self.hc_uri!r}."
            )

    @property
    def server_name(self) -> str:
        return "localhost" if self.host in ("*", "0.0.0.0", "::") else self.host.strip("[]")


def _int(b: BalancerSettings, name: str, low: int, high: int) -> None:
    value = getattr(b, name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ApacheSettingsError(
            f"Balancer {name} must be an integer from {low} to {high}, got {value!r}."
        )


def _member(url: object) -> str:
    """A member URL checked and normalised to scheme://host:port (no trailing slash)."""
    text = url if isinstance(url, str) else ""
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = None
        parts = parts._replace(netloc="")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or port is None
        or parts.query
        or parts.fragment
        or parts.path not in ("", "/")
        or _UNSAFE_PATH.search(text)
        or " " in text
    ):
        raise ApacheSettingsError(
            f"--member must be a node's base URL such as http://10.0.0.5:8000, got {url!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


def render_balancer(b: BalancerSettings, directory: Path | None = None) -> str:
    """The httpd.conf of the balancer described by ``b`` (conf/balancer.conf)."""
    return _render("balancer.conf", directory, b=b)


def write_balancer_root(b: BalancerSettings) -> list[Path]:
    """Write httpd.conf and apachectl of the balancer into ``b.server_root``; return them."""
    root = Path(b.server_root)
    for directory in (root, root / "run", root / "logs"):
        directory.mkdir(parents=True, exist_ok=True)
        os.chmod(directory, 0o755)
    files = {
        root / "httpd.conf": (render_balancer(b), 0o644),
        root / "apachectl": (_render("apachectl.sh", None, s=b), 0o755),
    }
    for path, (text, mode) in files.items():
        path.write_text(text, encoding="utf-8")
        os.chmod(path, mode)
    return list(files)
