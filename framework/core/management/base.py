"""The base classes of management commands: BaseCommand, AppCommand, LabelCommand."""

from __future__ import annotations

import argparse
import os
import sys
from argparse import ArgumentParser, HelpFormatter
from collections.abc import Callable, Sequence
from io import TextIOBase
from typing import Any, TextIO

import framework
from framework.core.exceptions import ImproperlyConfigured
from framework.core.management.color import Style, color_style, no_style

ALL_CHECKS = "__all__"


class CommandError(Exception):
    """A command failed; printed as ``CommandError: message`` and exits with ``returncode``."""

    def __init__(self, *args: Any, returncode: int = 1, **kwargs: Any):
        self.returncode = returncode
        super().__init__(*args, **kwargs)


class SystemCheckError(CommandError):
    """The system checks found serious problems."""


class CommandParser(ArgumentParser):
    """An ArgumentParser that raises CommandError instead of exiting when called in code."""

    def __init__(
        self,
        *,
        missing_args_message: str | None = None,
        called_from_command_line: bool | None = None,
        **kwargs: Any,
    ):
        self.missing_args_message = missing_args_message
        self.called_from_command_line = called_from_command_line
        super().__init__(**kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None):
        # With no arguments at all, say what the command needs in its own words rather
        # than argparse's "the following arguments are required".
        if self.missing_args_message and not args:
            self.error(self.missing_args_message)
        return super().parse_args(args, namespace)

    def error(self, message: str):
        if self.called_from_command_line:
            super().error(message)
        raise CommandError(f"Error: {message}")

    def add_subparsers(self, **kwargs: Any):
        parser_class = kwargs.get("parser_class", type(self))
        if issubclass(parser_class, CommandParser):
            kwargs["parser_class"] = _partial_parser(parser_class, self.called_from_command_line)
        return super().add_subparsers(**kwargs)


def _partial_parser(parser_class: type, called_from_command_line: bool | None) -> Callable:
    def make(**kwargs: Any):
        return parser_class(called_from_command_line=called_from_command_line, **kwargs)

    return make


def handle_default_options(options: argparse.Namespace) -> None:
    """Apply ``--settings`` and ``--pythonpath`` before settings are first read."""
    if getattr(options, "settings", None):
        os.environ["FRAMEWORK_SETTINGS_MODULE"] = options.settings
    if getattr(options, "pythonpath", None):
        sys.path.insert(0, options.pythonpath)


class CommandHelpFormatter(HelpFormatter):
    """List a command's own arguments before the options every command shares."""

    show_last = {
        "--version",
        "--verbosity",
        "--traceback",
        "--settings",
        "--pythonpath",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }

    def _reordered_actions(self, actions):
        return sorted(actions, key=lambda a: set(a.option_strings) & self.show_last != set())

    def add_usage(self, usage, actions, *args, **kwargs):
        super().add_usage(usage, self._reordered_actions(actions), *args, **kwargs)

    def add_arguments(self, actions):
        super().add_arguments(self._reordered_actions(actions))


class OutputWrapper(TextIOBase):
    """A stream wrapper that adds a line ending and applies a style function."""

    def __init__(self, out: TextIO, ending: str = "\n"):
        self._out = out
        self.style_func: Callable[[str], str] | None = None
        self.ending = ending

    @property
    def style_func(self) -> Callable[[str], str]:
        return self._style_func

    @style_func.setter
    def style_func(self, style_func: Callable[[str], str] | None) -> None:
        if style_func and self.isatty():
            self._style_func = style_func
        else:
            self._style_func = _identity

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)

    def flush(self) -> None:
        if hasattr(self._out, "flush"):
            self._out.flush()

    def isatty(self) -> bool:
        return hasattr(self._out, "isatty") and self._out.isatty()

    def write(self, msg: str = "", style_func: Callable | None = None, ending: str | None = None):
        """Write ``msg`` styled, followed by the ending unless it already ends with it."""
        ending = self.ending if ending is None else ending
        if ending and not msg.endswith(ending):
            msg += ending
        style_func = style_func or self.style_func
        self._out.write(style_func(msg))


def _identity(text: str) -> str:
    return text


class BaseCommand:
    """The base class of every management command.

    Subclasses set ``help``, override ``add_arguments(parser)`` and implement
    ``handle(*args, **options)``; ``manage.py`` calls ``run_from_argv()``,
    ``call_command()`` calls ``execute()``. Raise ``CommandError`` to fail cleanly.
    """

    help = ""
    output_transaction = False
    requires_migrations_checks = False
    requires_system_checks: str | Sequence[str] = ALL_CHECKS
    base_stealth_options = ("stderr", "stdout")
    stealth_options: tuple[str, ...] = ()
    suppressed_base_arguments: set[str] = set()

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        no_color: bool = False,
        force_color: bool = False,
    ):
        self.stdout = OutputWrapper(stdout or sys.stdout)
        self.stderr = OutputWrapper(stderr or sys.stderr)
        if no_color and force_color:
            raise CommandError("'no_color' and 'force_color' can't be used together.")
        self.style: Style
        if no_color:
            self.style = no_style()
        else:
            self.style = color_style(force_color)
            self.stderr.style_func = self.style.ERROR
        if self.requires_system_checks not in (ALL_CHECKS,) and not isinstance(
            self.requires_system_checks, (list, tuple)
        ):
            raise TypeError(
                f"{type(self).__name__}.requires_system_checks must be a list or tuple of "
                f"check tags or {ALL_CHECKS!r}, not {self.requires_system_checks!r}."
            )

    def get_version(self) -> str:
        """The version reported by ``--version``."""
        return framework.get_version()

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """Build the CommandParser holding the shared options and the command's own."""
        kwargs.setdefault("formatter_class", CommandHelpFormatter)
        parser = CommandParser(
            prog=f"{os.path.basename(prog_name)} {subcommand}",
            description=self.help or None,
            missing_args_message=getattr(self, "missing_args_message", None),
            called_from_command_line=getattr(self, "_called_from_command_line", None),
            **kwargs,
        )
        self._add_base_argument(
            parser,
            "--version",
            action="version",
            version=self.get_version(),
            help="Show program's version number and exit.",
        )
        self._add_base_argument(
            parser,
            "-v",
            "--verbosity",
            default=1,
            type=int,
            choices=[0, 1, 2, 3],
            help="Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, "
            "3=very verbose output",
        )
        self._add_base_argument(
            parser,
            "--settings",
            help='The Python path to a settings module, e.g. "myproject.settings.main". '
            "If this isn't provided, the FRAMEWORK_SETTINGS_MODULE environment variable "
            "will be used.",
        )
        self._add_base_argument(
            parser,
            "--pythonpath",
            help='A directory to add to the Python path, e.g. "/home/projects/myproject".',
        )
        self._add_base_argument(
            parser,
            "--traceback",
            action="store_true",
            help="Display a full stack trace on CommandError exceptions.",
        )
        self._add_base_argument(
            parser,
            "--no-color",
            action="store_true",
            help="Don't colorize the command output.",
        )
        self._add_base_argument(
            parser,
            "--force-color",
            action="store_true",
            help="Force colorization of the command output.",
        )
        if self.requires_system_checks:
            parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")
        self.add_arguments(parser)
        return parser

    def _add_base_argument(self, parser: ArgumentParser, *args: Any, **kwargs: Any) -> None:
        for arg in args:
            if arg in self.suppressed_base_arguments:
                kwargs["help"] = argparse.SUPPRESS
                break
        parser.add_argument(*args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        """Override to add the command's own arguments to ``parser``."""

    def add_base_argument(self, parser: ArgumentParser, *args: Any, **kwargs: Any) -> None:
        """Add an argument that ``suppressed_base_arguments`` may hide from --help."""
        self._add_base_argument(parser, *args, **kwargs)

    def print_help(self, prog_name: str, subcommand: str) -> None:
        """Print the command's help message."""
        self.create_parser(prog_name, subcommand).print_help()

    def run_from_argv(self, argv: list[str]) -> None:
        """Parse ``argv`` (``[prog, subcommand, ...]``), run the command and exit on errors."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            if isinstance(exc, SystemCheckError):
                self.stderr.write(str(exc), _identity)
            else:
                self.stderr.write(f"{type(exc).__name__}: {exc}")
            sys.exit(exc.returncode)
        finally:
            connections = _db_connections()
            if connections is not None:
                try:
                    connections.close_all()
                except ImproperlyConfigured:
                    pass

    def execute(self, *args: Any, **options: Any) -> str | None:
        """Apply the shared options, run the system checks, then ``handle()``."""
        if options.get("force_color") and options.get("no_color"):
            raise CommandError("The --no-color and --force-color options can't be used together.")
        if options.get("force_color"):
            self.style = color_style(force_color=True)
        elif options.get("no_color"):
            self.style = no_style()
            self.stderr.style_func = None
        if options.get("stdout"):
            self.stdout = OutputWrapper(options["stdout"])
        if options.get("stderr"):
            self.stderr = OutputWrapper(options["stderr"])
            if not options.get("no_color"):
                self.stderr.style_func = self.style.ERROR
        if self.requires_system_checks and not options.get("skip_checks"):
            if self.requires_system_checks == ALL_CHECKS:
                self.check()
            else:
                self.check(tags=self.requires_system_checks)
        if self.requires_migrations_checks:
            self.check_migrations()
        output = self.handle(*args, **options)
        if output:
            if self.output_transaction:
                begin, commit = _transaction_sql(options.get("database", "default"))
                output = (
                    f"{self.style.SQL_KEYWORD(begin)}\n{output}\n{self.style.SQL_KEYWORD(commit)}"
                )
            self.stdout.write(output)
        return output

    def check(
        self,
        app_configs: Any = None,
        tags: Sequence[str] | None = None,
        display_num_errors: bool = False,
        include_deployment_checks: bool = False,
        fail_level: int | None = None,
        databases: Sequence[str] | None = None,
    ) -> None:
        """Run the system checks; raise SystemCheckError if any is at ``fail_level`` or worse."""
        from framework.core import checks
        from framework.core.checks.report import format_report

        if fail_level is None:
            fail_level = checks.ERROR
        issues = checks.run_checks(
            app_configs=app_configs,
            tags=tags,
            include_deployment_checks=include_deployment_checks,
            databases=databases,
        )
        serious, text = format_report(issues, self.style, fail_level, display_num_errors)
        if serious:
            raise SystemCheckError(text)
        if text:
            if any(not issue.is_silenced() for issue in issues):
                self.stderr.write(text, _identity)
            else:
                self.stdout.write(text)

    def check_migrations(self) -> None:
        """Warn when the database has unapplied migrations (once migrations exist)."""
        try:
            from framework.db import DEFAULT_DB_ALIAS, connections
            from framework.db.migrations.executor import MigrationExecutor
        except ImportError:
            return
        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        except ImproperlyConfigured:
            return
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            apps_waiting = sorted({migration.app_label for migration, _ in plan})
            self.stdout.write(
                self.style.NOTICE(
                    f"\nYou have {len(plan)} unapplied migration(s). Your project may not work "
                    f"properly until you apply the migrations for app(s): "
                    f"{', '.join(apps_waiting)}."
                )
            )
            self.stdout.write(self.style.NOTICE("Run 'python manage.py migrate' to apply them."))

    def handle(self, *args: Any, **options: Any) -> str | None:
        """The command's work; subclasses must implement it."""
        raise NotImplementedError("subclasses of BaseCommand must provide a handle() method")


def _db_connections():
    # The database layer is optional for most commands; only close what was opened.
    module = sys.modules.get("framework.db")
    return getattr(module, "connections", None) if module else None


def _transaction_sql(alias: str) -> tuple[str, str]:
    try:
        from framework.db import connections

        ops = connections[alias].ops
        return ops.start_transaction_sql(), ops.end_transaction_sql()
    except (ImportError, AttributeError, KeyError):
        return "BEGIN;", "COMMIT;"


class AppCommand(BaseCommand):
    """A command that takes one or more installed app labels and handles each app."""

    missing_args_message = "Enter at least one application label."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "args", metavar="app_label", nargs="+", help="One or more application label."
        )

    def handle(self, *app_labels: str, **options: Any) -> str | None:
        from framework.apps import apps

        try:
            app_configs = [apps.get_app_config(label) for label in app_labels]
        except (LookupError, ImportError) as exc:
            raise CommandError(f"{exc}. Are you sure your INSTALLED_APPS setting is correct?")
        output = []
        for app_config in app_configs:
            app_output = self.handle_app_config(app_config, **options)
            if app_output:
                output.append(app_output)
        return "\n".join(output)

    def handle_app_config(self, app_config: Any, **options: Any) -> str | None:
        """Do the work for one app; subclasses must implement it."""
        raise NotImplementedError(
            "Subclasses of AppCommand must provide a handle_app_config() method."
        )


class LabelCommand(BaseCommand):
    """A command that takes one or more arbitrary labels and handles each."""

    label = "label"
    missing_args_message = "Enter at least one %s."

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if "%s" in self.missing_args_message:
            self.missing_args_message = self.missing_args_message % self.label

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", metavar=self.label, nargs="+")

    def handle(self, *labels: str, **options: Any) -> str | None:
        output = []
        for label in labels:
            label_output = self.handle_label(label, **options)
            if label_output:
                output.append(label_output)
        return "\n".join(output)

    def handle_label(self, label: str, **options: Any) -> str | None:
        """Do the work for one label; subclasses must implement it."""
        raise NotImplementedError("subclasses of LabelCommand must provide a handle_label() method")
