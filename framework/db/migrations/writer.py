"""MigrationWriter: a Migration as the source of a readable, deterministic Python file."""

from __future__ import annotations

import datetime
import inspect
import os
from importlib import import_module
from typing import Any

from framework import get_version
from framework.apps import apps
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.serializer import serialize

_INDENT = "    "


class OperationWriter:
    """Write one operation as ``migrations.Name(`` keyword lines ``)``."""

    def __init__(self, operation: Any, indentation: int = 2):
        self.operation = operation
        self.buff: list[str] = []
        self.indentation = indentation

    def serialize(self) -> tuple[str, set[str]]:
        imports: set[str] = set()
        name, args, kwargs = self.operation.deconstruct()
        signature = inspect.signature(self.operation.__init__)
        params = list(signature.parameters)
        bound = dict(zip(params, args))
        bound.update(kwargs)
        expand = set(getattr(self.operation, "serialization_expand_args", []))
        module = type(self.operation).__module__
        if module.startswith("framework.db.migrations"):
            self.feed(f"migrations.{name}(")
        else:
            imports.add(f"import {module}")
            self.feed(f"{module}.{name}(")
        self.indent()
        ordered = [p for p in params if p in bound] + [k for k in bound if k not in params]
        for key in ordered:
            value = bound[key]
            if key in expand and isinstance(value, (list, tuple, dict)) and value:
                imports |= self._expanded(key, value)
            else:
                text, more = serialize(value)
                imports |= more
                self._feed_multiline(f"{key}=", text, ",")
        self.unindent()
        self.feed("),")
        return self.render(), imports

    def _expanded(self, key: str, value: Any) -> set[str]:
        imports: set[str] = set()
        if isinstance(value, dict):
            self.feed(f"{key}={{")
            self.indent()
            for item_key, item in sorted(value.items()):
                key_text, key_imports = serialize(item_key)
                text, more = serialize(item)
                imports |= key_imports | more
                self._feed_multiline(f"{key_text}: ", text, ",")
            self.unindent()
            self.feed("},")
            return imports
        self.feed(f"{key}=[")
        self.indent()
        for item in value:
            from framework.db.migrations.operations.base import Operation

            if isinstance(item, Operation):
                text, more = OperationWriter(item, indentation=0).serialize()
                imports |= more
                for line in text.splitlines():
                    self.feed(line)
                continue
            text, more = serialize(item)
            imports |= more
            self._feed_multiline("", text, ",")
        self.unindent()
        self.feed("],")
        return imports

    def _feed_multiline(self, prefix: str, text: str, suffix: str) -> None:
        lines = text.splitlines() or [""]
        if len(lines) == 1:
            self.feed(f"{prefix}{lines[0]}{suffix}")
            return
        self.feed(f"{prefix}{lines[0]}")
        for line in lines[1:-1]:
            self.feed(line)
        last = lines[-1]
        self.feed(last if last.endswith(suffix) else last + suffix)

    def indent(self) -> None:
        self.indentation += 1

    def unindent(self) -> None:
        self.indentation -= 1

    def feed(self, line: str) -> None:
        self.buff.append(_INDENT * self.indentation + line)

    def render(self) -> str:
        return "\n".join(self.buff)


class MigrationWriter:
    """Render a Migration to source and know where its file goes."""

    def __init__(self, migration: Any, include_header: bool = True):
        self.migration = migration
        self.include_header = include_header
        self.needs_manual_porting = False

    def as_string(self) -> str:
        """The migration file's source."""
        imports: set[str] = set()
        operations = []
        for operation in self.migration.operations:
            text, more = OperationWriter(operation).serialize()
            imports |= more
            operations.append(text)
        dependencies = []
        for dependency in self.migration.dependencies:
            if dependency[0] == "__setting__":
                dependencies.append(
                    f"        migrations.swappable_dependency(settings.{dependency[1]}),"
                )
                imports.add("from framework.conf import settings")
            elif getattr(dependency, "setting", None) and "." not in dependency.setting:
                dependencies.append(
                    f"        migrations.swappable_dependency(settings.{dependency.setting}),"
                )
                imports.add("from framework.conf import settings")
            else:
                dependencies.append(f"        {serialize(tuple(dependency))[0]},")
        imports.discard("from framework.db import models")
        needs_models = any("models." in op for op in operations)
        imports.add(
            "from framework.db import migrations, models"
            if needs_models
            else "from framework.db import migrations"
        )
        sorted_imports = sorted(imports, key=lambda i: (i.split()[0] == "from", i.split()[1]))
        lines = []
        if self.include_header:
            now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
            lines.append(f"# Generated by framework {get_version()} on {now}")
            lines.append("")
        lines.extend(sorted_imports)
        lines.extend(["", "", "class Migration(migrations.Migration):"])
        body = []
        if self.migration.replaces:
            replaces = "\n".join(
                f"        {serialize(tuple(r))[0]}," for r in self.migration.replaces
            )
            body.append(f"    replaces = [\n{replaces}\n    ]")
        if self.migration.initial:
            body.append("    initial = True")
        if not self.migration.atomic:
            body.append("    atomic = False")
        if dependencies:
            body.append("    dependencies = [\n" + "\n".join(dependencies) + "\n    ]")
        else:
            body.append("    dependencies = []")
        if operations:
            body.append("    operations = [\n" + "\n".join(operations) + "\n    ]")
        else:
            body.append("    operations = []")
        return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"

    @property
    def basedir(self) -> str:
        """The app's migrations directory (created with an __init__.py if missing)."""
        module_name, _ = MigrationLoader.migrations_module(self.migration.app_label)
        if module_name is None:
            raise ValueError(
                f"Cannot create migrations for app {self.migration.app_label!r}: its "
                f"migrations are disabled by MIGRATION_MODULES (set to None)."
            )
        try:
            module = import_module(module_name)
        except ImportError:
            pass
        else:
            paths = list(getattr(module, "__path__", []))
            if paths:
                return paths[0]
        app_config = apps.get_app_config(self.migration.app_label)
        package, _, last = module_name.rpartition(".")
        if package == app_config.name:
            base = os.path.join(app_config.path, last)
        else:
            base = os.path.join(app_config.path, *module_name.split(".")[1:])
        os.makedirs(base, exist_ok=True)
        init = os.path.join(base, "__init__.py")
        if not os.path.exists(init):
            open(init, "w").close()
        return base

    @property
    def filename(self) -> str:
        return f"{self.migration.name}.py"

    @property
    def path(self) -> str:
        return os.path.join(self.basedir, self.filename)

    @classmethod
    def serialize(cls, value: Any) -> tuple[str, set[str]]:
        return serialize(value)
