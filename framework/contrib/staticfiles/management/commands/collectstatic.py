"""``manage.py collectstatic``: copy every static file the finders see into STATIC_ROOT."""

from __future__ import annotations

import os
import sys
from typing import Any

from framework.apps import apps
from framework.core.checks import Tags
from framework.core.files.storage import FileSystemStorage
from framework.core.management.base import BaseCommand, CommandError, CommandParser

from ...finders import get_finders
from ...storage import staticfiles_storage

# Below this many files the per-file lines (verbosity 2) or the summary say enough.
PROGRESS_THRESHOLD = 100


class Command(BaseCommand):
    """Collect static files in a single location."""

    help = "Collect static files in a single location."
    requires_system_checks = [Tags.staticfiles]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.copied_files: list[str] = []
        self.symlinked_files: list[str] = []
        self.unmodified_files: list[str] = []
        self.post_processed_files: list[str] = []
        self.storage = staticfiles_storage

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do NOT prompt the user for input of any kind.",
        )
        parser.add_argument(
            "--no-post-process",
            action="store_false",
            dest="post_process",
            help="Do NOT post process collected files.",
        )
        parser.add_argument(
            "-i",
            "--ignore",
            action="append",
            default=[],
            dest="ignore_patterns",
            metavar="PATTERN",
            help="Ignore files or directories matching this glob-style pattern. Use multiple "
            "times to ignore more.",
        )
        parser.add_argument(
            "-n",
            "--dry-run",
            action="store_true",
            help="Do everything except modify the filesystem.",
        )
        parser.add_argument(
            "-c",
            "--clear",
            action="store_true",
            help="Clear the existing files using the storage before trying to copy or link "
            "the original file.",
        )
        parser.add_argument(
            "-l",
            "--link",
            action="store_true",
            help="Create a symbolic link to each file instead of copying.",
        )
        parser.add_argument(
            "--no-default-ignore",
            action="store_false",
            dest="use_default_ignore_patterns",
            help="Don't ignore the common private glob-style patterns (defaults to "
            "'CVS', '.*' and '*~').",
        )

    def set_options(self, **options: Any) -> None:
        """Store the command's options on the instance."""
        self.interactive = options["interactive"]
        self.verbosity = options["verbosity"]
        self.symlink = options["link"]
        self.clear = options["clear"]
        self.dry_run = options["dry_run"]
        ignore_patterns = list(options["ignore_patterns"])
        if options["use_default_ignore_patterns"]:
            ignore_patterns += _default_ignore_patterns()
        self.ignore_patterns = list({os.path.normpath(p) for p in ignore_patterns})
        self.post_process = options["post_process"]

    def collect(self) -> dict[str, list[str]]:
        """Copy (or link) every found file, then post-process; return the outcome lists."""
        if self.symlink and not self.local:
            raise CommandError("Can't symlink to a remote destination.")
        if self.clear:
            self.clear_dir("")
        handler = self.link_file if self.symlink else self.copy_file

        found_files: dict[str, tuple[Any, str]] = {}
        for finder in get_finders():
            for path, storage in finder.list(self.ignore_patterns):
                prefix = getattr(storage, "prefix", None)
                prefixed_path = os.path.join(prefix, path) if prefix else path
                if prefixed_path in found_files:
                    self.log(
                        f"Found another file with the destination path {prefixed_path!r}. It "
                        f"will be ignored since only the first encountered file is collected. "
                        f"If this is not what you want, make sure every static file has a "
                        f"unique path.",
                        level=1,
                    )
                    continue
                found_files[prefixed_path] = (storage, path)

        progress = _Progress(self, len(found_files), "Copying" if not self.symlink else "Linking")
        for prefixed_path, (storage, path) in found_files.items():
            handler(path, prefixed_path, storage)
            progress.step()
        progress.done()

        if self.post_process and hasattr(self.storage, "post_process"):
            processor = self.storage.post_process(found_files, dry_run=self.dry_run)
            for original_path, processed_path, processed in processor:
                if isinstance(processed, Exception):
                    self.stderr.write(f"Post-processing {original_path!r} failed!")
                    # Leave a blank line so the traceback stands apart.
                    self.stderr.write()
                    raise processed
                if processed:
                    self.log(f"Post-processed {original_path!r} as {processed_path!r}", level=2)
                    self.post_processed_files.append(original_path)
                else:
                    self.log(f"Skipped post-processing {original_path!r}")

        return {
            "modified": self.copied_files + self.symlinked_files,
            "unmodified": self.unmodified_files,
            "post_processed": self.post_processed_files,
        }

    def handle(self, **options: Any) -> str | None:
        self.set_options(**options)
        message = ["\n"]
        if self.dry_run:
            message.append(
                "You have activated the --dry-run option so no files will be modified.\n\n"
            )
        message.append(
            "You have requested to collect static files at the destination\n"
            "location as specified in your settings"
        )
        if self.is_local_storage() and self.storage.location:
            destination_path = self.storage.location
            message.append(f":\n\n    {destination_path}\n\n")
            should_warn_user = os.path.isdir(destination_path) and bool(
                os.listdir(destination_path)
            )
        else:
            destination_path = None
            message.append(".\n\n")
            # Touch the storage so a missing STATIC_ROOT fails before anything else.
            self.storage.path("")
            should_warn_user = True
        if self.clear:
            message.append("This will DELETE ALL FILES in this location!\n")
        else:
            message.append("This will overwrite existing files!\n")
        message.append(
            "Are you sure you want to do this?\n\nType 'yes' to continue, or 'no' to cancel: "
        )
        if self.interactive and should_warn_user and not self.dry_run:
            if input("".join(message)) != "yes":
                raise CommandError("Collecting static files cancelled.")

        collected = self.collect()
        if self.verbosity >= 1:
            modified_count = len(collected["modified"])
            unmodified_count = len(collected["unmodified"])
            post_processed_count = len(collected["post_processed"])
            noun = "static file" if modified_count == 1 else "static files"
            action = "symlinked" if self.symlink else "copied"
            summary = f"\n{modified_count} {noun} {action}"
            if destination_path:
                summary += f" to {destination_path!r}"
            if unmodified_count:
                summary += f", {unmodified_count} unmodified"
            if post_processed_count:
                summary += f", {post_processed_count} post-processed"
            return summary + "."
        return None

    def log(self, msg: str, level: int = 2) -> None:
        """Write ``msg`` when the verbosity is at least ``level``."""
        if self.verbosity >= level:
            self.stdout.write(msg)

    def is_local_storage(self) -> bool:
        """True when the destination is a FileSystemStorage (it has paths)."""
        return isinstance(self.storage, FileSystemStorage)

    @property
    def local(self) -> bool:
        return self.is_local_storage()

    def clear_dir(self, path: str) -> None:
        """Delete every file and directory under ``path`` in the destination storage."""
        if not self.storage.exists(path):
            return
        dirs, files = self.storage.listdir(path)
        for name in files:
            fpath = os.path.join(path, name)
            if self.dry_run:
                self.log(f"Pretending to delete {fpath!r}", level=1)
            else:
                self.log(f"Deleting {fpath!r}", level=1)
                full_path = self.storage.path(fpath) if self.local else None
                if full_path and os.path.islink(full_path):
                    os.unlink(full_path)
                else:
                    self.storage.delete(fpath)
        for name in dirs:
            dir_path = os.path.join(path, name)
            self.clear_dir(dir_path)
            if not self.dry_run:
                try:
                    self.storage.delete(dir_path)
                except OSError:
                    pass  # not empty (a file appeared) or not deletable: leave it

    def delete_file(self, path: str, prefixed_path: str, source_storage: Any) -> bool:
        """Make room for ``prefixed_path``; False when the existing copy is up to date."""
        if not self.storage.exists(prefixed_path):
            return True
        try:
            target_last_modified = self.storage.get_modified_time(prefixed_path)
        except (OSError, NotImplementedError, AttributeError):
            pass
        else:
            try:
                source_last_modified = source_storage.get_modified_time(path)
            except (OSError, NotImplementedError, AttributeError):
                pass
            else:
                if self.local:
                    full_path = self.storage.path(prefixed_path)
                    # A link replacing a copy (or the reverse) always counts as modified.
                    can_skip_unmodified_files = not (self.symlink ^ os.path.islink(full_path))
                else:
                    can_skip_unmodified_files = True
                file_is_unmodified = target_last_modified.replace(
                    microsecond=0
                ) >= source_last_modified.replace(microsecond=0)
                if can_skip_unmodified_files and file_is_unmodified:
                    if prefixed_path not in self.unmodified_files:
                        self.unmodified_files.append(prefixed_path)
                    self.log(f"Skipping {path!r} (not modified)")
                    return False
        if self.dry_run:
            self.log(f"Pretending to delete {path!r}")
        else:
            self.log(f"Deleting {path!r}")
            full_path = self.storage.path(prefixed_path) if self.local else None
            if full_path and os.path.islink(full_path):
                os.unlink(full_path)
            else:
                self.storage.delete(prefixed_path)
        return True

    def link_file(self, path: str, prefixed_path: str, source_storage: Any) -> None:
        """Symlink ``prefixed_path`` in STATIC_ROOT to the source file."""
        if prefixed_path in self.symlinked_files:
            self.log(f"Skipping {path!r} (already linked earlier)")
            return
        if not self.delete_file(path, prefixed_path, source_storage):
            return
        source_path = source_storage.path(path)
        if self.dry_run:
            self.log(f"Pretending to link {source_path!r}", level=1)
        else:
            self.log(f"Linking {source_path!r}", level=2)
            full_path = self.storage.path(prefixed_path)
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            try:
                if os.path.lexists(full_path):
                    os.unlink(full_path)
                os.symlink(source_path, full_path)
            except NotImplementedError as exc:
                raise CommandError(
                    f"Symlinking is not supported by this platform ({sys.platform})."
                ) from exc
            except OSError as exc:
                raise CommandError(
                    f"Could not link {source_path!r} to {full_path!r}: {exc}"
                ) from exc
        self.symlinked_files.append(prefixed_path)

    def copy_file(self, path: str, prefixed_path: str, source_storage: Any) -> None:
        """Copy the source file to ``prefixed_path`` in the destination storage."""
        if prefixed_path in self.copied_files:
            self.log(f"Skipping {path!r} (already copied earlier)")
            return
        if not self.delete_file(path, prefixed_path, source_storage):
            return
        source_path = source_storage.path(path)
        if self.dry_run:
            self.log(f"Pretending to copy {source_path!r}", level=1)
        else:
            self.log(f"Copying {source_path!r}", level=2)
            with source_storage.open(path) as source_file:
                self.storage.save(prefixed_path, source_file)
        self.copied_files.append(prefixed_path)


def _default_ignore_patterns() -> list[str]:
    try:
        return list(apps.get_app_config("staticfiles").ignore_patterns)
    except LookupError:
        return ["CVS", ".*", "*~"]


class _Progress:
    """A running "n/N" count at verbosity 1 when many files are collected."""

    def __init__(self, command: Command, total: int, verb: str):
        self.command = command
        self.total = total
        self.verb = verb
        self.count = 0
        self.enabled = command.verbosity == 1 and total >= PROGRESS_THRESHOLD
        self.tty = self.enabled and command.stdout.isatty()
        # Without a terminal, print about ten lines rather than one per file.
        self.every = 1 if self.tty else max(1, total // 10)

    def step(self) -> None:
        self.count += 1
        if not self.enabled or (self.count % self.every and self.count != self.total):
            return
        line = f"{self.verb} {self.count}/{self.total}"
        if self.tty:
            self.command.stdout.write("\r" + line, ending="")
            self.command.stdout.flush()
        else:
            self.command.stdout.write(line)

    def done(self) -> None:
        if self.enabled and self.tty:
            self.command.stdout.write("")
