"""collectstatic and findstatic."""

from __future__ import annotations

import io
import os

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.management import call_command
from framework.core.management.base import CommandError


def collect(**options):
    """Run collectstatic without prompting; return its output."""
    out = io.StringIO()
    options.setdefault("interactive", False)
    call_command("collectstatic", stdout=out, **options)
    return out.getvalue()


def test_copies_from_dirs_prefixes_and_apps(project):
    """Every found file lands in STATIC_ROOT; prefixed dirs go under their prefix."""
    output = collect()
    root = project["root"]
    assert (root / "site.css").read_text().startswith("@import")
    assert (root / "img" / "logo.png").exists()
    assert (root / "vendor" / "lib.js").exists()
    assert (root / "one" / "app.css").exists()
    assert (root / "two.txt").exists()
    # STATICFILES_DIRS wins over apps for the same name.
    assert (root / "shared.txt").read_text() == "from project\n"
    assert f"static files copied to {str(root)!r}" in output


def test_default_ignore_patterns_and_no_default_ignore(project):
    """Dotfiles and *~ are skipped unless --no-default-ignore."""
    collect()
    assert not (project["root"] / ".hidden").exists()
    assert not (project["root"] / "backup.txt~").exists()
    collect(use_default_ignore_patterns=False)
    assert (project["root"] / ".hidden").exists()


def test_ignore_option(project):
    """--ignore skips matching files and directories."""
    collect(ignore_patterns=["*.png", "vendor"])
    assert not (project["root"] / "img" / "logo.png").exists()
    assert (project["root"] / "site.css").exists()


def test_verbosity_2_lists_copies_and_count_line(project):
    """Verbosity 2 prints "Copying '<source>'" per file and a final count line."""
    output = collect(verbosity=2)
    assert f"Copying {str(project['static'] / 'site.css')!r}" in output
    assert "Found another file with the destination path 'shared.txt'" in output
    last = output.strip().splitlines()[-1]
    assert last.startswith("8 static files copied to")


def test_second_run_skips_unmodified(project):
    """A second run copies nothing and reports the files as unmodified."""
    collect()
    output = collect()
    assert "0 static files copied" in output
    assert "8 unmodified" in output


def test_modified_source_is_copied_again(project):
    """A source newer than its copy is copied again."""
    collect()
    source = project["static"] / "base.css"
    source.write_text("p { color: blue; }\n")
    later = os.stat(project["root"] / "base.css").st_mtime + 10
    os.utime(source, (later, later))
    output = collect(verbosity=2)
    assert "1 static file copied" in output
    assert (project["root"] / "base.css").read_text() == "p { color: blue; }\n"


def test_dry_run_writes_nothing(project):
    """--dry-run reports what would happen and leaves STATIC_ROOT untouched."""
    output = collect(dry_run=True)
    assert "Pretending to copy" in output
    assert not project["root"].exists()


def test_clear_removes_stale_files(project):
    """--clear deletes files that no longer have a source."""
    collect()
    (project["root"] / "stale.txt").write_text("old")
    (project["root"] / "olddir").mkdir()
    (project["root"] / "olddir" / "x.txt").write_text("old")
    output = collect(clear=True, verbosity=1)
    assert "Deleting 'stale.txt'" in output
    assert not (project["root"] / "stale.txt").exists()
    assert not (project["root"] / "olddir").exists()
    assert (project["root"] / "site.css").exists()


def test_link_creates_symlinks(project):
    """--link symlinks to the sources instead of copying."""
    output = collect(link=True)
    target = project["root"] / "site.css"
    assert target.is_symlink()
    assert os.readlink(target) == str(project["static"] / "site.css")
    assert "symlinked" in output


def test_progress_for_many_files(project, monkeypatch):
    """At verbosity 1 with many files, a running n/N progress is printed."""
    for index in range(120):
        (project["static"] / f"f{index:03}.txt").write_text(str(index))
    output = collect()
    assert "Copying 12/128" in output
    assert "Copying 128/128" in output
    assert collect(verbosity=2).count("/128") == 0


def test_interactive_cancel(project, monkeypatch):
    """Answering anything but 'yes' cancels when STATIC_ROOT already has files."""
    collect()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        collect(interactive=True)


def test_missing_static_root(project, settings):
    """Without STATIC_ROOT the command fails naming the setting."""
    settings.STATIC_ROOT = None
    with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
        collect()


def test_findstatic(project):
    """findstatic prints every match, --first only the first, and reports misses."""
    out, err = io.StringIO(), io.StringIO()
    call_command("findstatic", "shared.txt", stdout=out, stderr=err)
    text = out.getvalue()
    assert text.startswith("Found 'shared.txt' here:")
    assert text.count("shared.txt\n") + text.endswith("shared.txt") >= 3
    out = io.StringIO()
    call_command("findstatic", "shared.txt", "--first", stdout=out)
    assert out.getvalue().count("shared.txt") == 2
    err = io.StringIO()
    call_command("findstatic", "nope.css", stdout=io.StringIO(), stderr=err)
    assert "No matching file found for 'nope.css'." in err.getvalue()
    out = io.StringIO()
    call_command("findstatic", "site.css", verbosity=2, stdout=out)
    assert "Looking in the following locations:" in out.getvalue()
