"""Questioners: how makemigrations asks (or refuses to guess) about ambiguous changes."""

from __future__ import annotations

import datetime
import importlib
import os
import sys
from typing import Any

from framework.apps import apps
from framework.db.migrations.loader import MigrationLoader
from framework.db.models.fields.base import NOT_PROVIDED


class MigrationQuestioner:
    """Answer from ``defaults`` without asking: renames are never assumed."""

    def __init__(
        self, defaults: dict | None = None, specified_apps: Any = None, dry_run: bool | None = None
    ):
        self.defaults = defaults or {}
        self.specified_apps = set(specified_apps or ())
        self.dry_run = dry_run

    def ask_initial(self, app_label: str) -> bool:
        """Should an app get an initial migration? Yes if named, or if its package exists."""
        if app_label in self.specified_apps:
            return True
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            return self.defaults.get("ask_initial", False)
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            return False
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            return self.defaults.get("ask_initial", False)
        if getattr(module, "__file__", None):
            filenames = os.listdir(os.path.dirname(module.__file__))
        elif hasattr(module, "__path__"):
            paths = list(module.__path__)
            filenames = os.listdir(paths[0]) if paths else []
        else:
            return False
        return not any(x.endswith(".py") and x != "__init__.py" for x in filenames)

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_rename(self, model_name: str, old_name: str, new_name: str, field: Any) -> bool:
        return self.defaults.get("ask_rename", False)

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self.defaults.get("ask_rename_model", False)

    def ask_merge(self, app_label: str) -> bool:
        return self.defaults.get("ask_merge", False)

    def ask_auto_now_add_addition(self, field_name: str, model_name: str) -> Any:
        return None

    def ask_unique_callable_default_addition(self, field_name: str, model_name: str) -> Any:
        return None


class InteractiveMigrationQuestioner(MigrationQuestioner):
    """Ask on the terminal; ``prompt_input`` reads a line (``input`` by default)."""

    def __init__(
        self,
        defaults: dict | None = None,
        specified_apps: Any = None,
        dry_run: bool | None = None,
        prompt_output: Any = None,
        prompt_input: Any = None,
    ):
        super().__init__(defaults, specified_apps, dry_run)
        self.prompt_output = prompt_output
        self.prompt_input = prompt_input or input

    def _write(self, text: str) -> None:
        if self.prompt_output is not None:
            self.prompt_output.write(text)
        else:
            print(text)

    def _boolean_input(self, question: str, default: bool | None = None) -> bool:
        self._write(f"{question} ")
        result = self.prompt_input("")
        if not result and default is not None:
            return default
        while not result or result[0].lower() not in "yn":
            self._write("Please answer yes or no: ")
            result = self.prompt_input("")
        return result[0].lower() == "y"

    def _choice_input(self, question: str, choices: list[str]) -> int:
        self._write(question)
        for i, choice in enumerate(choices):
            self._write(f" {i + 1}) {choice}")
        result = self.prompt_input("Select an option: ")
        while True:
            try:
                value = int(result)
            except ValueError:
                pass
            else:
                if 0 < value <= len(choices):
                    return value
            result = self.prompt_input("Please select a valid option: ")

    def _ask_default(self, default: str = "") -> Any:
        self._write(
            "Please enter the default value as valid Python.\n"
            "The datetime and framework.utils.timezone modules are available, so it is "
            "possible to provide e.g. timezone.now as a value.\n"
            "Type 'exit' to exit this prompt"
        )
        while True:
            code = self.prompt_input(">>> ")
            if not code and default:
                code = default
            if not code:
                self._write("Please enter some code, or 'exit' (without quotes) to exit.")
            elif code == "exit":
                sys.exit(1)
            else:
                try:
                    return eval(code, {}, {"datetime": datetime, "timezone": _timezone()})  # noqa: S307
                except (SyntaxError, NameError) as exc:
                    self._write(f"Invalid input: {exc}")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        if not self.dry_run:
            choice = self._choice_input(
                f"It is impossible to add a non-nullable field '{field_name}' to "
                f"{model_name} without specifying a default. This is because the database "
                f"needs something to populate existing rows.\nPlease select a fix:",
                [
                    "Provide a one-off default now (will be set on all existing rows with a "
                    "null value for this column)",
                    "Quit and manually define a default value in models.py.",
                ],
            )
            if choice == 2:
                sys.exit(3)
            return self._ask_default()
        return None

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        if not self.dry_run:
            choice = self._choice_input(
                f"It is impossible to change a nullable field '{field_name}' on {model_name} "
                f"to non-nullable without providing a default. This is because the database "
                f"needs something to populate existing rows.\nPlease select a fix:",
                [
                    "Provide a one-off default now (will be set on all existing rows with a "
                    "null value for this column)",
                    "Ignore for now. Existing rows that contain NULL values will have to be "
                    "handled manually, for example with a RunPython or RunSQL operation.",
                    "Quit and manually define a default value in models.py.",
                ],
            )
            if choice == 2:
                return NOT_PROVIDED
            if choice == 3:
                sys.exit(3)
            return self._ask_default()
        return None

    def ask_rename(self, model_name: str, old_name: str, new_name: str, field: Any) -> bool:
        return self._boolean_input(
            f"Was {model_name}.{old_name} renamed to {model_name}.{new_name} "
            f"(a {field.__class__.__name__})? [y/N]",
            False,
        )

    def ask_rename_model(self, old_model_state: Any, new_model_state: Any) -> bool:
        return self._boolean_input(
            f"Was the model {old_model_state.app_label}.{old_model_state.name} renamed to "
            f"{new_model_state.name}? [y/N]",
            False,
        )

    def ask_merge(self, app_label: str) -> bool:
        return self._boolean_input(
            "\nMerging will only work if the operations printed above do not conflict\n"
            "with each other (working on different fields or models)\n"
            "Should these migration branches be merged? [y/N]",
            False,
        )


class NonInteractiveMigrationQuestioner(MigrationQuestioner):
    """``--noinput``: never guess a rename, refuse to invent defaults."""

    def __init__(
        self,
        defaults: dict | None = None,
        specified_apps: Any = None,
        dry_run: bool | None = None,
        verbosity: int = 1,
        log: Any = None,
    ):
        self.verbosity = verbosity
        self.log = log
        super().__init__(defaults, specified_apps, dry_run)

    def log_lack_of_migration(self, field_name: str, model_name: str, reason: str) -> None:
        if self.verbosity > 0 and self.log:
            self.log(f"Field '{field_name}' on model '{model_name}' not migrated: {reason}.")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        self.log_lack_of_migration(
            field_name,
            model_name,
            "it is impossible to add a non-nullable field without specifying a default",
        )
        sys.exit(3)

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        self.log_lack_of_migration(
            field_name,
            model_name,
            "it is impossible to change a nullable field to non-nullable without providing "
            "a default",
        )
        sys.exit(3)

    def ask_merge(self, app_label: str) -> bool:
        return True


def _timezone() -> Any:
    try:
        return importlib.import_module("framework.utils.timezone")
    except ImportError:
        return datetime.timezone
