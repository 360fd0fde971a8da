"""``manage.py runserver``: serve the project with Apache through mod_wsgi-express.

Unlike Django's development server this is real Apache httpd with mod_wsgi in daemon
mode, reloading the daemon processes when a loaded Python file changes. Static files
are served by Apache from STATIC_ROOT and, in DEBUG (or with --insecure), from
STATICFILES_DIRS and each app's ``static/`` directory.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import re
import shutil
import signal
import socket
import stat
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import framework
from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework_apache.express import (
    ExpressError,
    ExpressOptions,
    build_argv,
    check_readable,
    find_express,
    server_root_for,
    static_aliases,
    unwritable,
    wsgi_script,
)

_ADDRPORT = re.compile(
    r"""^(?:
        (?P<addr>
            (?P<ipv4>\d{1,3}(?:\.\d{1,3}){3}) |
            (?:\[(?P<ipv6>[a-fA-F0-9:]+)\]) |
            (?P<fqdn>[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)
        ):)?(?P<port>\d+)$""",
    re.X,
)
LOCALE = "C.UTF-8"


class Command(BaseCommand):
    help = "Starts Apache httpd with mod_wsgi-express for development (reloads on changes)."

    # The checks run in handle(), with their output, before the server starts.
    requires_system_checks: list[str] = []
    stealth_options = ("dry_run",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "addrport",
            nargs="?",
            help="Optional port number, or ipaddr:port (default: APACHE_HOST:APACHE_PORT).",
        )
        parser.add_argument(
            "--ipv6", "-6", action="store_true", dest="use_ipv6", help="Use an IPv6 address."
        )
        parser.add_argument(
            "--processes", type=int, default=1, help="Number of daemon processes (default 1)."
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="Threads per daemon process (default: APACHE_THREADS).",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not restart the daemon processes when Python files change.",
        )
        parser.add_argument(
            "--nostatic",
            action="store_false",
            dest="use_static_handler",
            help="Do not serve static files.",
        )
        parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")
        parser.add_argument(
            "--insecure",
            action="store_true",
            dest="insecure_serving",
            help="Serve the apps' static directories even when DEBUG is False.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from framework.conf import settings

        if not settings.DEBUG and not settings.ALLOWED_HOSTS:
            raise CommandError("You must set settings.ALLOWED_HOSTS if DEBUG is False.")
        host, port = self.parse_addrport(options["addrport"], options["use_ipv6"], settings)

        if not options["skip_checks"]:
            self.stdout.write("Performing system checks...\n\n")
            self.check(display_num_errors=True)

        if not options.get("dry_run"):
            _ensure_port_free(host, port)
        try:
            command = find_express()
        except ExpressError as exc:
            raise CommandError(str(exc)) from None

        settings_module = settings.SETTINGS_MODULE or os.environ.get("FRAMEWORK_SETTINGS_MODULE")
        if not settings_module:
            raise CommandError(
                "runserver needs a settings module (FRAMEWORK_SETTINGS_MODULE or --settings): "
                "Apache's daemon processes import it, so settings.configure() cannot be used."
            )
        server_root = server_root_for(host, port)
        project_dir = _project_dir(settings_module)
        as_root = os.geteuid() == 0
        user = settings.APACHE_USER if as_root else None
        group = settings.APACHE_GROUP if as_root else None

        serve_static = options["use_static_handler"]
        finder_dirs = (
            _finder_dirs(settings)
            if serve_static and (settings.DEBUG or options["insecure_serving"])
            else []
        )
        aliases = (
            static_aliases(settings.STATIC_URL, _str(settings.STATIC_ROOT), finder_dirs)
            if serve_static
            else ()
        )
        python_paths = tuple(
            dict.fromkeys(p for p in (project_dir, options.get("pythonpath")) if p)
        )
        try:
            express = ExpressOptions(
                wsgi_script=str(server_root / "runserver_wsgi.py"),
                server_root=str(server_root),
                host=host,
                port=port,
                processes=options["processes"],
                threads=options["threads"] or settings.APACHE_THREADS,
                command=command,
                user=user,
                group=group,
                locale=LOCALE if as_root else None,
                python_paths=python_paths,
                working_directory=project_dir,
                url_aliases=aliases,
                reload_on_changes=options["use_reloader"],
            )
        except ExpressError as exc:
            raise CommandError(str(exc)) from None
        argv = build_argv(express)
        if options.get("dry_run"):
            self.stdout.write(" ".join(argv))
            return

        _fresh_server_root(server_root)
        (server_root / "runserver_wsgi.py").write_text(
            wsgi_script(settings_module, settings.WSGI_APPLICATION), encoding="utf-8"
        )
        if user is not None:
            readable = [
                project_dir,
                str(server_root),
                sys.prefix,
                os.path.realpath(sys.executable),
                os.path.dirname(os.__file__),
                os.path.dirname(framework.__file__),
                *(path for _, path in aliases),
            ]
            try:
                check_readable([p for p in readable if p], user)
            except ExpressError as exc:
                raise CommandError(str(exc)) from None
            self._warn_unwritable_sqlite(settings, user)

        display_host = f"[{host}]" if ":" in host else host
        self.stdout.write(
            f"{datetime.now().strftime('%B %d, %Y - %X')}\n"
            f"framework version {framework.get_version()}, using settings "
            f"{settings_module!r}\n"
            f"Starting Apache (mod_wsgi-express) at http://{display_host}:{port}/\n"
            f"Quit the server with CONTROL-C.\n"
        )
        self.stdout.flush()
        sys.stderr.flush()
        _pipe_regular_files()
        os.execvp(argv[0], argv)

    def _warn_unwritable_sqlite(self, settings: Any, user: str) -> None:
        # SQLite needs to write the database file and create its journal next to it;
        # otherwise the first write fails with "attempt to write a readonly database".
        database = settings.DATABASES.get("default", {})
        if not str(database.get("ENGINE", "")).endswith("sqlite3"):
            return
        name = str(database.get("NAME", ""))
        if not name or name == ":memory:" or name.startswith("file:"):
            return
        paths = [os.path.dirname(os.path.abspath(name))]
        if os.path.exists(name):
            paths.append(name)
        for path in unwritable(paths, user):
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: Apache runs as {user!r}, which cannot write {path!r}; the "
                    f"SQLite database {name!r} will be read-only. Fix it with "
                    f"`chown {user} {path}` (or chmod g+w with a shared group)."
                )
            )

    def parse_addrport(self, addrport: str | None, use_ipv6: bool, settings: Any):
        """Return (host, port) from ``[addr:]port`` or the APACHE_HOST/APACHE_PORT settings."""
        if not addrport:
            host = "::1" if use_ipv6 else settings.APACHE_HOST
            return host, int(settings.APACHE_PORT)
        match = _ADDRPORT.match(addrport)
        if match is None:
            raise CommandError(f'"{addrport}" is not a valid port number or address:port pair.')
        port = int(match["port"])
        if not 0 < port < 65536:
            raise CommandError(f'"{addrport}" is not a valid port number (1-65535).')
        if match["ipv6"]:
            host = match["ipv6"]
        elif match["addr"]:
            host = match["addr"]
        else:
            host = "::1" if use_ipv6 else settings.APACHE_HOST
        return host, port


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _project_dir(settings_module: str) -> str | None:
    # The directory holding the settings' top-level package goes on the daemon's sys.path.
    top = settings_module.partition(".")[0]
    spec = importlib.util.find_spec(top)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return str(Path(list(spec.submodule_search_locations)[0]).resolve().parent)
    if spec.origin:
        return str(Path(spec.origin).resolve().parent)
    return None


def _finder_dirs(settings: Any) -> list[tuple[str, str]]:
    """(prefix, directory) pairs searched like the staticfiles finders, in their order.

    With framework.contrib.staticfiles installed its STATICFILES_FINDERS decide;
    otherwise STATICFILES_DIRS and each app's ``static/`` directory.
    """
    from framework.apps import apps

    if apps.is_installed("framework.contrib.staticfiles"):
        from framework.contrib.staticfiles.finders import get_finders

        found: list[tuple[str, str]] = []
        for finder in get_finders():
            locations = getattr(finder, "locations", None)
            if locations is not None:
                found.extend((prefix, root) for prefix, root in locations)
                continue
            # Finders without local directories (remote storages) cannot be aliased.
            for storage in getattr(finder, "storages", {}).values():
                location = getattr(storage, "location", None)
                if location:
                    found.append((getattr(storage, "prefix", None) or "", location))
        return found
    dirs: list[tuple[str, str]] = []
    for entry in settings.STATICFILES_DIRS:
        if isinstance(entry, (list, tuple)):
            prefix, path = entry
            dirs.append((prefix, str(path)))
        else:
            dirs.append(("", str(entry)))
    for app_config in apps.get_app_configs():
        if app_config.path:
            dirs.append(("", os.path.join(app_config.path, "static")))
    return dirs


def _ensure_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CommandError(f"That port is already in use: {host}:{port}.") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise CommandError(f"That IP address can't be assigned to: {host!r}.") from None
            if exc.errno == errno.EACCES:
                raise CommandError(
                    f"You don't have permission to access port {port} on {host!r}."
                ) from None
            raise CommandError(f"Cannot listen on {host}:{port}: {exc}.") from None


def _fresh_server_root(server_root: Path) -> None:
    # One directory per address, emptied at each start: nothing accumulates in /tmp, and
    # the port check above guarantees that no running server still uses it.
    shutil.rmtree(server_root, ignore_errors=True)
    server_root.mkdir(mode=0o755)
    os.chmod(server_root, 0o755)


def _pipe_regular_files() -> None:
    """Put a pipe between httpd and a stdout/stderr that is a regular file.

    httpd opens its logs by name (/dev/stdout, /dev/stderr): for ``runserver > file``
    that reopens the file at offset 0 (truncated), losing what was written before. A
    forked copier per such descriptor reads the pipe and writes to the file through the
    original descriptor, so the output continues where it was; it ends with httpd.
    """
    for fd in (1, 2):
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
        except OSError:
            continue
        read_end, write_end = os.pipe()
        if os.fork() == 0:  # the copier
            try:
                os.close(write_end)
                # Ctrl-C is httpd's to handle; the copier ends when the pipe closes.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
                while chunk := os.read(read_end, 65536):
                    while chunk:
                        chunk = chunk[os.write(fd, chunk) :]
            finally:
                os._exit(0)
        os.close(read_end)
        os.dup2(write_end, fd)
        os.close(write_end)
