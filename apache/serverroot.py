"""Writing a standalone server root, and checking what Apache's user can reach.

``write_server_root(s)`` creates ``httpd.conf``, ``apachectl``, ``wsgi/<site>.wsgi``,
``run/`` and ``logs/`` under ``s.server_root`` and nothing outside it.
``access_problems(s, ...)`` lists, with the command that fixes each, the paths that
Apache's user (www-data when started as root) cannot read or write.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import framework
from framework_apache.express import UnreadablePathError, check_readable, unwritable
from framework_apache.render import render, render_apachectl, render_wsgi_script
from framework_apache.settings import ApacheSettings, ApacheSettingsError

# The settings `setup` used, read back by start/stop/reload/status (same port, processes).
SAVED_SETTINGS = "settings.json"


def write_server_root(s: ApacheSettings) -> list[Path]:
    """Write the server root described by ``s``; return the files written."""
    root = Path(s.server_root)
    for directory in (root, root / "run", root / "logs", root / "wsgi"):
        directory.mkdir(parents=True, exist_ok=True)
        # Apache's user must traverse these even when the umask is strict.
        os.chmod(directory, 0o755)
    # The daemons (Apache's user) write their request counts here for `apache status`.
    metrics = root / "run" / "metrics"
    metrics.mkdir(exist_ok=True)
    os.chmod(metrics, 0o755)
    if os.geteuid() == 0:
        try:
            shutil.chown(metrics, s.user, s.group)
        except (LookupError, OSError):
            pass  # status then shows the daemons without their counts
    files = {
        root / "httpd.conf": render(s),
        root / "apachectl": render_apachectl(s),
        root / SAVED_SETTINGS: s.to_json(),
    }
    for site in s.sites:
        files[root / "wsgi" / site.wsgi_script] = render_wsgi_script(site)
    for path, text in files.items():
        _write(path, text, 0o755 if path.name == "apachectl" else 0o644)
    return list(files)


def saved_settings(server_root: str | os.PathLike) -> ApacheSettings | None:
    """The ApacheSettings saved by ``setup`` in ``server_root`` (None if not set up)."""
    path = Path(server_root) / SAVED_SETTINGS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        return ApacheSettings.from_json(text)
    except (ValueError, TypeError, KeyError) as exc:
        raise ApacheSettingsError(
            f"{str(path)!r} is unreadable ({exc}): run `manage.py apache setup` again."
        ) from None


def write_wsgi_scripts(s: ApacheSettings) -> list[Path]:
    """Write only the sites' WSGI scripts (what ``apache vhost`` needs in the server root)."""
    directory = Path(s.server_root) / "wsgi"
    directory.mkdir(parents=True, exist_ok=True)
    for path in (Path(s.server_root), directory):
        os.chmod(path, 0o755)
    written = []
    for site in s.sites:
        path = directory / site.wsgi_script
        _write(path, render_wsgi_script(site), 0o644)
        written.append(path)
    return written


def access_problems(
    s: ApacheSettings, sqlite_databases: Sequence[str] = (), *, as_root: bool | None = None
) -> list[str]:
    """What Apache's user cannot read or write, each with its fix ([] unless root)."""
    if as_root is None:
        as_root = os.geteuid() == 0
    if not as_root:
        return []
    user = s.user
    readable = [
        s.server_root,
        s.python_home,
        os.path.realpath(sys.executable),
        os.path.dirname(os.__file__),
        os.path.dirname(framework.__file__),
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    ]
    for site in s.sites:
        readable += [site.project_dir, site.static_root, site.media_root]
    problems = []
    for path in dict.fromkeys(p for p in readable if p and os.path.exists(p)):
        try:
            check_readable([path], user)
        except UnreadablePathError as exc:
            problems.append(str(exc))
    databases = list(_sqlite_paths(sqlite_databases))
    media = [site.media_root for site in s.sites if site.media_root]
    candidates = [p for p in dict.fromkeys(databases + media) if os.path.exists(p)]
    for path in unwritable(candidates, user):
        if path in databases:
            consequence = "SQLite writes would fail with 'attempt to write a readonly database'"
        else:
            consequence = "uploads to MEDIA_ROOT would fail with a permission error"
        problems.append(
            f"Apache runs as {user!r}, which cannot write {path!r}: {consequence}. Fix it "
            f"with `chown {user}:{s.group} {path}` (or `chmod g+w {path}` with a group "
            f"{user!r} is in)."
        )
    return problems


def sqlite_databases(databases: dict) -> list[str]:
    """File names of the SQLite databases in a DATABASES setting."""
    names = []
    for config in databases.values():
        name = str(config.get("NAME") or "")
        if str(config.get("ENGINE", "")).endswith("sqlite3") and name:
            if name != ":memory:" and not name.startswith("file:"):
                names.append(os.path.abspath(name))
    return names


def _sqlite_paths(databases: Iterable[str]) -> Iterable[str]:
    # SQLite writes its journal next to the database: the directory must be writable too.
    for name in databases:
        yield os.path.dirname(name)
        yield name


def _write(path: Path, text: str, mode: int) -> None:
    # An unchanged WSGI script keeps its mtime, so mod_wsgi does not restart the daemons.
    try:
        if path.read_text(encoding="utf-8") == text:
            os.chmod(path, mode)
            return
    except OSError:
        pass
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.chmod(temporary, mode)
    os.replace(temporary, path)
