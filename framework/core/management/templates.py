"""TemplateCommand: the shared machinery of ``startproject`` and ``startapp``.

A template is a directory tree. Files ending in ``.py-tpl`` (and any other file whose
extension is listed with ``--extension`` or whose name is given with ``--name``) are
rendered with Jinja2, which sees ``project_name``, ``app_name``, ``secret_key`` and
friends; the ``-tpl`` suffix is dropped. Other files are copied. Directories named
``project_name``/``app_name`` are renamed to the new name. Existing files are never
overwritten.
"""

from __future__ import annotations

import keyword
import os
import shutil
import stat
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jinja2

import framework
from framework.core.management.base import BaseCommand, CommandError, CommandParser

TEMPLATE_SUFFIX = "-tpl"
_SKIPPED_NAMES = {"__pycache__", ".DS_Store"}
_SKIPPED_SUFFIXES = (".pyo", ".pyc", ".py.class")


class TemplateCommand(BaseCommand):
    """Copy a project or app template into place, rendering its ``*-tpl`` files."""

    requires_system_checks: list[str] = []
    # Set by the subclass: "app" or "project".
    app_or_project = ""
    rewrite_template_suffixes = ((".py-tpl", ".py"),)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name of the application or project.")
        parser.add_argument("directory", nargs="?", help="Optional destination directory")
        parser.add_argument(
            "--template", help="The path to a directory or an archive (.zip, .tar.gz) to use."
        )
        parser.add_argument(
            "--extension",
            "-e",
            dest="extensions",
            action="append",
            default=["py"],
            help='The file extension(s) to render (default: "py"). Separate multiple '
            "extensions with commas, or use -e multiple times.",
        )
        parser.add_argument(
            "--name",
            "-n",
            dest="files",
            action="append",
            default=[],
            help="The file name(s) to render. Separate multiple file names with commas, or "
            "use -n multiple times.",
        )
        parser.add_argument(
            "--exclude",
            "-x",
            action="append",
            default=[],
            nargs="?",
            const="",
            help="The directory name(s) to exclude, in addition to .git and __pycache__.",
        )

    @property
    def a_or_an(self) -> str:
        return "an" if self.app_or_project[:1] in "aeiou" else "a"

    def handle(
        self, app_or_project: str, name: str, target: str | None = None, **options: Any
    ) -> None:
        """Create ``name`` from the template in ``target`` (default: ``./name``)."""
        self.app_or_project = app_or_project
        self.validate_name(name)
        if target is None:
            top_dir = Path.cwd() / name
            try:
                top_dir.mkdir()
            except FileExistsError:
                raise CommandError(f"'{top_dir}' already exists") from None
            except OSError as exc:
                raise CommandError(f"Cannot create {str(top_dir)!r}: {exc}") from None
        else:
            top_dir = Path(os.path.expanduser(target)).resolve()
            if app_or_project == "app":
                self.validate_name(top_dir.name, "directory")
            if not top_dir.exists():
                raise CommandError(
                    f"Destination directory '{top_dir}' does not exist, please create it first."
                )

        extensions = tuple(_split_values(options.get("extensions") or ["py"]))
        extra_files = set(_split_values(options.get("files") or []))
        excluded = {".git", "__pycache__", *_split_values(options.get("exclude") or [])}
        context = self.template_context(name, top_dir, options)
        base_name = f"{app_or_project}_name"
        env = jinja2.Environment(
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
        )

        with self.template_dir(options.get("template")) as template_dir:
            verbosity = options.get("verbosity", 1)
            for root, dirs, files in os.walk(template_dir):
                relative = Path(root).relative_to(template_dir)
                relative_dir = Path(*(name if p == base_name else p for p in relative.parts))
                dirs[:] = sorted(d for d in dirs if d not in excluded and not d.startswith("."))
                target_dir = top_dir / relative_dir
                target_dir.mkdir(parents=True, exist_ok=True)
                for filename in sorted(files):
                    if filename in _SKIPPED_NAMES or filename.endswith(_SKIPPED_SUFFIXES):
                        continue
                    source = Path(root) / filename
                    new_name = filename.replace(base_name, name)
                    for old_suffix, new_suffix in self.rewrite_template_suffixes:
                        if new_name.endswith(old_suffix):
                            new_name = new_name[: -len(old_suffix)] + new_suffix
                            break
                    destination = target_dir / new_name
                    if destination.exists():
                        raise CommandError(
                            f"{destination} already exists. Overlaying {self.a_or_an} "
                            f"{app_or_project} into an existing directory won't replace "
                            f"conflicting files."
                        )
                    if new_name.endswith(extensions) or new_name in extra_files:
                        text = source.read_text(encoding="utf-8")
                        try:
                            rendered = env.from_string(text).render(context)
                        except jinja2.TemplateError as exc:
                            raise CommandError(
                                f"Cannot render the template file {str(source)!r}: {exc}"
                            ) from exc
                        destination.write_text(rendered, encoding="utf-8")
                    else:
                        shutil.copyfile(source, destination)
                    _copy_permissions(source, destination)
                    if verbosity >= 2:
                        self.stdout.write(f"Creating {destination}")

    def template_context(self, name: str, top_dir: Path, options: dict[str, Any]) -> dict:
        """The variables the template files are rendered with."""
        camel_case = "".join(part.capitalize() for part in name.split("_"))
        context = {
            f"{self.app_or_project}_name": name,
            f"{self.app_or_project}_directory": str(top_dir),
            f"camel_case_{self.app_or_project}_name": camel_case,
            "framework_version": framework.get_version(),
        }
        context.update(options.get("extra_context", {}))
        return context

    def template_dir(self, template: str | None):
        """A context manager yielding the template directory (unpacking an archive)."""
        return _TemplateSource(self.app_or_project, template)

    def validate_name(self, name: str | None, name_or_dir: str = "name") -> None:
        """Raise CommandError unless ``name`` can be imported as a new Python package."""
        what = f"{self.app_or_project} {name_or_dir}"
        if name is None:
            raise CommandError(f"you must provide {self.a_or_an} {self.app_or_project} name")
        if not name.isidentifier():
            raise CommandError(
                f"'{name}' is not a valid {what}. Please make sure the {name_or_dir} is a valid "
                f"identifier."
            )
        if keyword.iskeyword(name):
            raise CommandError(
                f"'{name}' is a Python keyword and cannot be used as {self.a_or_an} {what}. "
                f"Please try another {name_or_dir}."
            )
        if find_spec(name) is not None:
            raise CommandError(
                f"'{name}' conflicts with the name of an existing Python module and cannot be "
                f"used as {self.a_or_an} {what}. Please try another {name_or_dir}."
            )


def _split_values(values: list[str]) -> list[str]:
    result = []
    for value in values:
        result.extend(v.strip() for v in value.split(",") if v.strip())
    return result


def _copy_permissions(source: Path, destination: Path) -> None:
    # Keep the template's mode bits, always writable by the owner so that a read-only
    # installed template gives editable files. A script (#! line) is made executable
    # wherever it is readable, since wheels do not always keep the template's x bits.
    mode = stat.S_IMODE(source.stat().st_mode) | stat.S_IWUSR
    with open(destination, "rb") as handle:
        if handle.read(2) == b"#!":
            mode |= (mode & 0o444) >> 2
    os.chmod(destination, mode)


class _TemplateSource:
    """The built-in template, a user directory, or an unpacked archive (cleaned up after)."""

    def __init__(self, app_or_project: str, template: str | None):
        self.app_or_project = app_or_project
        self.template = template
        self._tempdir: str | None = None

    def __enter__(self) -> Path:
        if self.template is None:
            return Path(framework.__file__).parent / "conf" / f"{self.app_or_project}_template"
        if "://" in self.template:
            raise CommandError(
                f"Template {self.template!r}: downloading templates is not supported; "
                f"download it and pass the local path."
            )
        path = Path(os.path.expanduser(self.template)).resolve()
        if path.is_dir():
            return path
        if path.is_file():
            self._tempdir = tempfile.mkdtemp(prefix=f"framework_{self.app_or_project}_")
            try:
                shutil.unpack_archive(path, self._tempdir)
            except (shutil.ReadError, ValueError) as exc:
                raise CommandError(f"couldn't extract file {path} to {self._tempdir}: {exc}")
            entries = os.listdir(self._tempdir)
            # An archive holding one top directory is that directory's template.
            if len(entries) == 1 and os.path.isdir(os.path.join(self._tempdir, entries[0])):
                return Path(self._tempdir) / entries[0]
            return Path(self._tempdir)
        raise CommandError(f"couldn't handle {self.app_or_project} template {self.template}.")

    def __exit__(self, *exc_info: Any) -> None:
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)
