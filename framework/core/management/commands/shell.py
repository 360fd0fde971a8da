"""``manage.py shell``: an interactive Python shell with the project loaded."""

from __future__ import annotations

import os
import select
import sys
import traceback
from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser

SHELLS = ("ipython", "bpython", "python")


class Command(BaseCommand):
    help = (
        "Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of "
        "them is available. Any standard input is executed as code."
    )

    requires_system_checks: list[str] = []
    shells = SHELLS

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-startup",
            action="store_true",
            help="When using plain Python, ignore the PYTHONSTARTUP environment variable and "
            "~/.pythonrc.py script.",
        )
        parser.add_argument(
            "--no-imports",
            action="store_true",
            help="Disable automatic imports of models.",
        )
        parser.add_argument(
            "-i",
            "--interface",
            choices=self.shells,
            help="Specify an interactive interpreter interface. Available options: "
            '"ipython", "bpython", and "python".',
        )
        parser.add_argument(
            "-c",
            "--command",
            help="Instead of opening an interactive shell, run a command and exit.",
        )

    def get_namespace(self, **options: Any) -> dict[str, Any]:
        """The names available in the shell: every installed model unless --no-imports."""
        if options.get("no_imports"):
            return {}
        from framework.apps import apps

        namespace: dict[str, Any] = {}
        try:
            models = apps.get_models()
        except Exception:
            return namespace
        for model in reversed(list(models)):
            if model.__module__:
                namespace[model.__name__] = model
        verbosity = options.get("verbosity", 1)
        if verbosity >= 1 and namespace:
            count = len(namespace)
            noun = "object" if count == 1 else "objects"
            message = f"{count} {noun} imported automatically"
            if verbosity < 2:
                message += " (use -v 2 for details)"
            else:
                message += ":\n\n" + "\n".join(
                    f"  from {m.__module__} import {n}" for n, m in sorted(namespace.items())
                )
            self.stdout.write(message + ".", self.style.SUCCESS)
        return namespace

    def ipython(self, options: dict[str, Any]) -> None:
        from IPython import start_ipython

        start_ipython(argv=[], user_ns=self.get_namespace(**options))

    def bpython(self, options: dict[str, Any]) -> None:
        import bpython

        bpython.embed(self.get_namespace(**options))

    def python(self, options: dict[str, Any]) -> None:
        import code

        namespace = self.get_namespace(**options)
        try:
            import readline
            import rlcompleter

            readline.set_completer(rlcompleter.Completer(namespace).complete)
            readline.parse_and_bind("tab:complete")
        except ImportError:
            pass
        if not options.get("no_startup"):
            for path in (os.environ.get("PYTHONSTARTUP"), os.path.expanduser("~/.pythonrc.py")):
                if not path or not os.path.isfile(path):
                    continue
                with open(path) as handle:
                    source = handle.read()
                try:
                    exec(compile(source, path, "exec"), namespace)
                except Exception:
                    traceback.print_exc()
        code.interact(local=namespace)

    def _script_namespace(self, options: dict[str, Any]) -> dict[str, Any]:
        # Code given with -c or on stdin runs quietly, as a script would.
        return {"__name__": "__main__", **self.get_namespace(**{**options, "verbosity": 0})}

    def handle(self, **options: Any) -> None:
        if options["command"]:
            exec(options["command"], self._script_namespace(options))
            return
        # Run code piped on stdin (e.g. `echo "print(1)" | manage.py shell`).
        if (
            sys.platform != "win32"
            and not sys.stdin.isatty()
            and select.select([sys.stdin], [], [], 0)[0]
        ):
            exec(sys.stdin.read(), self._script_namespace(options))
            return
        available = [options["interface"]] if options["interface"] else self.shells
        for shell in available:
            try:
                return getattr(self, shell)(options)
            except ImportError:
                pass
        raise CommandError(f"Couldn't import {available[0]} interface.")
