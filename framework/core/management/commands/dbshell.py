"""``manage.py dbshell``: open the database's command-line client (sqlite3 or psql)."""

from __future__ import annotations

import os
import subprocess
from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections


def client_command(settings_dict: dict, vendor: str, parameters: list[str]) -> tuple[list, dict]:
    """The client's argv and extra environment for a DATABASES entry."""
    if vendor == "sqlite":
        return ["sqlite3", str(settings_dict["NAME"]), *parameters], {}
    if vendor == "postgresql":
        options = settings_dict.get("OPTIONS", {})
        args = ["psql"]
        env = {}
        if settings_dict.get("USER"):
            args += ["-U", settings_dict["USER"]]
        if settings_dict.get("HOST"):
            args += ["-h", settings_dict["HOST"]]
        if settings_dict.get("PORT"):
            args += ["-p", str(settings_dict["PORT"])]
        args.append(settings_dict.get("NAME") or "postgres")
        args.extend(parameters)
        if settings_dict.get("PASSWORD"):
            env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
        for option, variable in (
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
            ("passfile", "PGPASSFILE"),
            ("service", "PGSERVICE"),
        ):
            if options.get(option):
                env[variable] = str(options[option])
        return args, env
    raise CommandError(f"dbshell does not know the client program of the {vendor!r} backend.")


class Command(BaseCommand):
    help = (
        "Runs the command-line client for specified database, or the default database if "
        "none is provided."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help='Nominates a database onto which to open a shell. Defaults to the "default" '
            "database.",
        )
        parameters = parser.add_argument_group("parameters", prefix_chars="--")
        parameters.add_argument("parameters", nargs="*")

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        args, env = client_command(
            connection.settings_dict, connection.vendor, options["parameters"]
        )
        try:
            subprocess.run(args, env={**os.environ, **env} if env else None, check=True)
        except FileNotFoundError:
            raise CommandError(
                f"You appear not to have the {args[0]!r} program installed or on your path."
            ) from None
        except subprocess.CalledProcessError as exc:
            raise CommandError(
                f'"{" ".join(exc.cmd)}" returned non-zero exit status {exc.returncode}.',
                returncode=exc.returncode,
            ) from exc
