"""mod_wsgi-express runs: the options, the argv they become, and the checks before a start.

``build_argv(options)`` is a pure function (tested as text); ``find_express()`` locates
the mod_wsgi-express program of the running Python; ``check_readable()`` verifies that
Apache's unprivileged user can read the project, the virtualenv and the Python, since
otherwise the daemon processes fail later with an obscure ImportError or hang.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = (
    "mod_wsgi is not installed in this Python environment ({prefix}). Install it with "
    "`pip install 'framework[apache]'`; building it needs Debian's apache2-dev package "
    "(`apt-get install apache2-dev`)."
)


class ExpressError(Exception):
    """mod_wsgi-express cannot be found or the server cannot be started as configured."""


class UnreadablePathError(ExpressError):
    """Apache's user cannot read a file or directory the server needs."""

    def __init__(self, path: str, user: str):
        self.path = path
        self.user = user
        super().__init__(
            f"Apache runs as {user!r}, which cannot read {path!r}. Fix it with "
            f"`chmod o+rx {path}` (or give {user!r} access through a group), or use a Python "
            f"and a virtualenv that {user!r} can read, e.g. one built from /usr/bin/python3."
        )


@dataclass(frozen=True)
class ExpressOptions:
    """Everything a ``mod_wsgi-express start-server`` run needs, validated once."""

    wsgi_script: str
    server_root: str
    host: str = "127.0.0.1"
    port: int = 8000
    processes: int = 1
    threads: int = 10
    # The program, e.g. (".venv/bin/mod_wsgi-express",) or (python, "-m", "mod_wsgi...").
    command: tuple[str, ...] = ("mod_wsgi-express",)
    # Only honoured by mod_wsgi-express when started as root.
    user: str | None = None
    group: str | None = None
    locale: str | None = None
    python_paths: tuple[str, ...] = ()
    working_directory: str | None = None
    # (URL path, file-system path) pairs served by Apache directly.
    url_aliases: tuple[tuple[str, str], ...] = ()
    reload_on_changes: bool = True
    log_to_terminal: bool = True
    startup_log: bool = True
    access_log: bool = True
    extra_args: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ExpressError(f"Port {self.port!r} is not a valid port number (1-65535).")
        if self.processes < 1:
            raise ExpressError(f"processes must be at least 1, not {self.processes!r}.")
        if self.threads < 1:
            raise ExpressError(f"threads must be at least 1, not {self.threads!r}.")
        if (self.user is None) != (self.group is None):
            raise ExpressError(
                f"Give both user and group or neither (user={self.user!r}, group={self.group!r})."
            )


def server_root_for(host: str, port: int) -> Path:
    """The server root runserver uses for ``host:port``: one per address, emptied per run."""
    return Path(tempfile.gettempdir()) / f"framework-runserver-{host}-{port}"


def build_argv(options: ExpressOptions) -> list[str]:
    """The ``mod_wsgi-express start-server`` command line for ``options``."""
    argv = [*options.command, "start-server", options.wsgi_script]
    argv += ["--application-type", "script"]
    argv += ["--host", options.host, "--port", str(options.port)]
    argv += ["--processes", str(options.processes), "--threads", str(options.threads)]
    argv += ["--server-root", options.server_root]
    if options.user is not None:
        argv += ["--user", options.user, "--group", str(options.group)]
    if options.locale:
        argv += ["--locale", options.locale]
    for path in options.python_paths:
        argv += ["--python-path", path]
    if options.working_directory:
        argv += ["--working-directory", options.working_directory]
    for url, path in options.url_aliases:
        argv += ["--url-alias", url, path]
    if options.reload_on_changes:
        argv.append("--reload-on-changes")
    if options.log_to_terminal:
        argv.append("--log-to-terminal")
    if options.startup_log:
        argv.append("--startup-log")
    if options.access_log:
        argv.append("--access-log")
    argv += options.extra_args
    return argv


def find_express(executable: str = sys.executable) -> tuple[str, ...]:
    """The command that runs mod_wsgi-express for the Python ``executable``.

    Prefer the ``mod_wsgi-express`` script next to the interpreter (a virtualenv's
    bin/), then ``python -m mod_wsgi.express.cli``; raise ExpressError with the install
    instructions when mod_wsgi is missing.
    """
    script = Path(executable).parent / "mod_wsgi-express"
    if script.is_file() and os.access(script, os.X_OK):
        return (str(script),)
    if executable == sys.executable:
        if importlib.util.find_spec("mod_wsgi") is not None:
            if importlib.util.find_spec("mod_wsgi.express.cli") is not None:
                return (executable, "-m", "mod_wsgi.express.cli")
            return (executable, "-m", "mod_wsgi.server")
    raise ExpressError(INSTALL_HINT.format(prefix=sys.prefix))


def static_aliases(
    static_url: str | None,
    static_root: str | None,
    finder_dirs: Sequence[tuple[str, str]] = (),
) -> tuple[tuple[str, str], ...]:
    """URL aliases serving static files: finder directories first, then STATIC_ROOT.

    ``finder_dirs`` are (prefix, directory) pairs (STATICFILES_DIRS, then each app's
    ``static/``). Apache aliases one URL to one directory, so each top-level entry of a
    finder directory gets its own alias; the first directory providing a name wins, as
    with the staticfiles finders. STATIC_ROOT catches the rest.
    """
    if not static_url or "://" in static_url:
        return ()
    base = "/" + static_url.strip("/") + "/"
    aliases: dict[str, str] = {}
    for prefix, directory in finder_dirs:
        if not os.path.isdir(directory):
            continue
        if prefix:
            aliases.setdefault(base + prefix.strip("/"), str(directory))
            continue
        for entry in sorted(os.listdir(directory)):
            if entry.startswith("."):
                continue
            aliases.setdefault(base + entry, os.path.join(directory, entry))
    result = list(aliases.items())
    if static_root and os.path.isdir(static_root):
        result.append((base.rstrip("/"), str(static_root)))
    return tuple(result)


def wsgi_script(settings_module: str, application: str | None) -> str:
    """The WSGI script mod_wsgi-express loads: select the settings, import the application.

    ``application`` is the WSGI_APPLICATION dotted path; None builds the default one.
    """
    if application:
        load = (
            "from framework.utils.module_loading import import_string\n\n"
            f"application = import_string({application!r})\n"
        )
    else:
        load = (
            "from framework.core.wsgi import get_wsgi_application\n\n"
            "application = get_wsgi_application()\n"
        )
    return (
        '"""WSGI entry written by manage.py runserver; regenerated at each start."""\n\n'
        "import os\n\n"
        f"os.environ[{'FRAMEWORK_SETTINGS_MODULE'!r}] = {settings_module!r}\n\n" + load
    )


def check_readable(paths: Iterable[str], user: str) -> None:
    """Raise UnreadablePathError naming the first path ``user`` cannot read.

    Directories must be readable and searchable, files readable; a failing path is
    narrowed down to its first inaccessible ancestor, which is what to ``chmod``. Only
    meaningful as root (``runuser`` switches to ``user``); otherwise it does nothing.
    """
    if os.geteuid() != 0:
        return
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    for path in paths:
        path = os.path.abspath(path)
        if _can_read(runuser, user, path):
            continue
        current = Path("/")
        for part in Path(path).parts[1:]:
            current = current / part
            if not _can_read(runuser, user, str(current)):
                raise UnreadablePathError(str(current), user)
        raise UnreadablePathError(path, user)


def unwritable(paths: Iterable[str], user: str) -> list[str]:
    """The paths among ``paths`` that ``user`` cannot write (always [] unless root)."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [path for path in paths if not _run_test(runuser, user, ["-w", path])]


def _can_read(runuser: str, user: str, path: str) -> bool:
    test = ["-r", path]
    if os.path.isdir(path):
        test += ["-a", "-x", path]
    return _run_test(runuser, user, test)


def _run_test(runuser: str, user: str, test: list[str]) -> bool:
    result = subprocess.run(
        [runuser, "-u", user, "--", "test", *test],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=30,
        check=False,
    )
    return result.returncode == 0
