"""``manage.py apache``: build and drive the project's own Apache httpd with mod_wsgi.

    manage.py apache setup [--host --port --server-name --processes --threads
                            --server-root --user --group --sites]
    manage.py apache configtest|start|stop|restart|graceful|reload|status [--server-root]
    manage.py apache vhost [--https] [--output FILE|DIR]   (one vhost per contrib.sites Site)
    manage.py apache balancer --member URL [--member URL ...] --port P [--server-root
                              --host --lbmethod --retry --hc-uri --hc-interval]

Exit codes are ``framework_apache.driver.ExitCode`` (0 ok, 3 not set up, 4 config
invalid, 5 not running, 6 failed to start, 7 permissions, 1 anything else).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import jinja2

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework_apache.balancer import LBMETHODS, BalancerSettings, write_balancer_root
from framework_apache.driver import Driver, DriverError, ExitCode, Result, find_mod_wsgi_so
from framework_apache.render import SNAKEOIL_CERTIFICATE, SNAKEOIL_KEY, render_vhost
from framework_apache.serverroot import (
    access_problems,
    saved_settings,
    sqlite_databases,
    write_server_root,
    write_wsgi_scripts,
)
from framework_apache.settings import (
    ApacheSettings,
    ApacheSettingsError,
    default_server_root,
)
from framework_apache.sites import NoSites, database_domains, site_settings, sites_for
from framework_apache.status import collect

ACTIONS = {
    "setup": "Write the standalone server root (httpd.conf, apachectl, WSGI script).",
    "configtest": "Check the server root's configuration (apache2 -t).",
    "start": "Start the project's httpd and wait for its daemon processes.",
    "stop": "Stop the project's httpd (in-flight requests are cut).",
    "restart": "Restart httpd (apache2 -k restart): cuts in-flight requests.",
    "graceful": "Graceful httpd restart for configuration changes; cuts daemon requests "
    "running longer than about 3 seconds.",
    "reload": "Restart the daemon processes with new code; no request fails.",
    "status": "Show httpd, its daemon processes, their uptime and the request counts.",
    "vhost": "Print (or --output) a vhost file for a system Apache's sites-available.",
    "balancer": "Write a mod_proxy_balancer server root in front of several nodes "
    "(--server-root, default <server root>-balancer; start/stop it with its ./apachectl).",
}
EXIT_CODES = (
    "Exit codes: 0 ok; 1 error (invalid setting or option, timeout); 3 not set up (run "
    "setup); 4 configuration invalid (nothing was signalled); 5 not running; 6 failed to "
    "start; 7 Apache's user cannot read or write a path (setup says what to chmod/chown)."
)
# Options of `setup` (and `vhost`) that override APACHE_* settings.
OVERRIDES = ("host", "port", "server_name", "processes", "threads", "user", "group")


class Command(BaseCommand):
    help = "Builds and drives the project's Apache httpd (mod_wsgi daemon mode)."
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("epilog", EXIT_CODES)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument(
            "--server-root",
            help="The server root (default: APACHE_SERVER_ROOT, else <BASE_DIR>/.apache).",
        )
        overrides = argparse.ArgumentParser(add_help=False)
        overrides.add_argument("--host", help="Listen address (default: APACHE_HOST).")
        overrides.add_argument("--port", type=int, help="Listen port (default: APACHE_PORT).")
        overrides.add_argument("--server-name", help="ServerName (default: APACHE_SERVER_NAME).")
        overrides.add_argument("--processes", type=int, help="Daemon processes per site.")
        overrides.add_argument("--threads", type=int, help="Threads per daemon process.")
        overrides.add_argument("--user", help="User of the daemons when started as root.")
        overrides.add_argument("--group", help="Group of the daemons when started as root.")

        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        for name, text in ACTIONS.items():
            parents = [common, overrides] if name in ("setup", "vhost") else [common]
            sub = actions.add_parser(name, help=text, description=text, parents=parents)
            if name == "setup":
                sub.add_argument("--skip-checks", action="store_true", help="Skip system checks.")
            if name == "vhost":
                sub.add_argument("--https", action="store_true", help="HTTPS vhost + redirect.")
                sub.add_argument("--certificate", default=SNAKEOIL_CERTIFICATE)
                sub.add_argument("--certificate-key", default=SNAKEOIL_KEY)
                sub.add_argument(
                    "--output",
                    help="Write to this file instead of stdout; to an existing directory: "
                    "one file per site, named after its domain.",
                )
            if name == "setup":
                sub.add_argument(
                    "--sites",
                    action="store_true",
                    help="Serve every contrib.sites Site as a name-based vhost, each in its "
                    "own daemon process group.",
                )
            if name == "balancer":
                _balancer_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        from framework.conf import settings

        action = options["action"]
        if action == "balancer":
            self.stdout.write(_balancer(settings, options))
            return
        try:
            if action in ("setup", "vhost"):
                s = ApacheSettings.from_settings(
                    settings,
                    server_root=options.get("server_root"),
                    mod_wsgi_so=_mod_wsgi_so(),
                    **{name: options.get(name) for name in OVERRIDES},
                )
                if action == "vhost" or options.get("sites"):
                    s = self._database_sites(s, settings, required=bool(options.get("sites")))
            else:
                # Act on the server root as `setup` wrote it (its port, processes, timeouts).
                root = default_server_root(settings, options.get("server_root"))
                s = saved_settings(root)
                if s is None:
                    raise CommandError(
                        Driver(root).not_set_up().message, returncode=ExitCode.NOT_SET_UP
                    )
        except (ApacheSettingsError, TypeError) as exc:
            raise CommandError(str(exc), returncode=ExitCode.ERROR) from None
        driver = Driver(s.server_root, s.httpd)
        try:
            result = getattr(self, f"_{action}")(s, driver, settings, options)
        except jinja2.TemplateError as exc:
            where = f"{exc.filename}, line {exc.lineno}: " if hasattr(exc, "lineno") else ""
            raise CommandError(
                f"The httpd templates cannot be rendered ({where}{exc}). Nothing was started.",
                returncode=ExitCode.CONFIG_INVALID,
            ) from None
        if result.ok:
            self.stdout.write(result.message)
            return
        raise CommandError(result.message, returncode=int(result.code))

    def _database_sites(self, s: ApacheSettings, settings: Any, required: bool) -> ApacheSettings:
        """``s`` with one site per contrib.sites Site, or ``s`` itself with a note why not."""
        per_site = site_settings(settings)
        try:
            domains = database_domains()
        except NoSites as exc:
            if required or per_site:
                raise CommandError(
                    f"Cannot serve one vhost per Site: {exc}.", returncode=ExitCode.ERROR
                ) from None
            self.stderr.write(f"Note: one vhost from the settings only: {exc}.")
            return s
        return sites_for(s, domains, per_site)

    # ------------------------------------------------------------------ actions
    def _setup(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any) -> Result:
        if not options.get("skip_checks"):
            self.check(display_num_errors=False)
        written = write_server_root(s)
        self.stdout.write(f"Wrote the server root {s.server_root}:")
        for path in written:
            self.stdout.write(f"  {path}")
        problems = access_problems(s, sqlite_databases(settings.DATABASES))
        if problems:
            lines = [f"Apache's user {s.user!r} cannot use these paths:"]
            lines += [f"- {problem}" for problem in problems]
            return Result(ExitCode.PERMISSIONS, "\n".join(lines))
        return Result(
            ExitCode.OK, f"Listen {s.host}:{s.port}; start it with `manage.py apache start`."
        )

    def _configtest(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any):
        return driver.configtest()

    def _start(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any) -> Result:
        result = driver.start(expected_daemons=s.processes * len(s.sites))
        if result.ok:
            return Result(result.code, f"{result.message} Listening on {s.host}:{s.port}.")
        return result

    def _stop(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any) -> Result:
        return driver.stop()

    def _restart(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any):
        return driver.signal_httpd("restart")

    def _graceful(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any):
        return driver.signal_httpd("graceful")

    def _reload(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any):
        if not (s.eviction_timeout or s.graceful_timeout):
            self.stderr.write(
                "Warning: APACHE_EVICTION_TIMEOUT and APACHE_GRACEFUL_TIMEOUT are 0, so the "
                "daemons restart at once and cut requests in flight; set one of them (and "
                "run setup again) for a reload that fails no request."
            )
        return driver.reload(eviction_timeout=s.eviction_timeout or s.graceful_timeout)

    def _status(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any):
        if not driver.is_set_up():
            return driver.not_set_up()
        pid = driver.pid()
        status = collect(pid, s.connect_host, s.port, server_root=s.server_root) if pid else None
        if status is None:
            return Result(ExitCode.NOT_RUNNING, "Apache is not running.")
        return Result(ExitCode.OK, status.format())

    def _vhost(self, s: ApacheSettings, driver: Driver, settings: Any, options: Any) -> Result:
        texts = {
            site.name: render_vhost(
                s,
                (site,),
                https=options.get("https", False),
                certificate=options.get("certificate") or SNAKEOIL_CERTIFICATE,
                certificate_key=options.get("certificate_key") or SNAKEOIL_KEY,
            )
            for site in s.sites
        }
        write_wsgi_scripts(s)
        output = options.get("output")
        if output and Path(output).is_dir():
            written = []
            for name, text in texts.items():
                path = Path(output) / f"{name}.conf"
                path.write_text(text, encoding="utf-8")
                os.chmod(path, 0o644)
                written.append(f"Wrote {path}.")
            return Result(ExitCode.OK, "\n".join(written))
        if len(texts) == 1:
            text = next(iter(texts.values()))
        else:
            # One file per site, each a2ensite-ready: cut at the separator lines.
            text = "\n".join(f"# ===== {name}.conf =====\n{text}" for name, text in texts.items())
        if not output:
            return Result(ExitCode.OK, text.rstrip("\n"))
        Path(output).write_text(text, encoding="utf-8")
        os.chmod(output, 0o644)
        return Result(ExitCode.OK, f"Wrote {output}.")


def _balancer_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--member",
        action="append",
        required=True,
        help="A node's base URL (http://HOST:PORT); repeat once per node.",
    )
    sub.add_argument("--port", type=int, required=True, help="The balancer's listen port.")
    sub.add_argument("--host", default="127.0.0.1", help="Listen address (127.0.0.1).")
    sub.add_argument("--user", default="www-data", help="User of the children when root.")
    sub.add_argument("--group", default="www-data", help="Group of the children when root.")
    sub.add_argument("--lbmethod", default="byrequests", choices=LBMETHODS)
    sub.add_argument("--retry", type=int, default=5, help="Seconds a failed node stays out.")
    sub.add_argument("--hc-uri", default="/", help="Health-check path on each node (/).")
    sub.add_argument("--hc-interval", type=int, default=2, help="Seconds between checks.")


def _balancer(settings: Any, options: dict[str, Any]) -> str:
    root = options.get("server_root") or default_server_root(settings, None) + "-balancer"
    try:
        b = BalancerSettings(
            server_root=os.path.abspath(root),
            members=tuple(options["member"]),
            port=options["port"],
            host=options["host"],
            user=options["user"],
            group=options["group"],
            lbmethod=options["lbmethod"],
            retry=options["retry"],
            hc_uri=options["hc_uri"],
            hc_interval=options["hc_interval"],
        )
    except ApacheSettingsError as exc:
        raise CommandError(str(exc), returncode=ExitCode.ERROR) from None
    written = write_balancer_root(b)
    lines = [f"Wrote the balancer server root {b.server_root}:"]
    lines += [f"  {path}" for path in written]
    lines.append(
        f"Listen {b.host}:{b.port} -> {', '.join(b.members)}; start it with "
        f"{b.server_root}/apachectl start"
    )
    return "\n".join(lines)


def _mod_wsgi_so() -> str:
    try:
        return find_mod_wsgi_so()
    except DriverError as exc:
        raise CommandError(str(exc)) from None
