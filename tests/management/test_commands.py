"""The small built-in commands: diffsettings, shell, version; output styling."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import framework
from framework.core.management import call_command
from framework.core.management.base import OutputWrapper
from framework.core.management.color import color_style, make_style, no_style

ROOT = Path(__file__).resolve().parents[2]


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_version_command():
    """`version` prints the framework's version."""
    assert run("version") == framework.get_version() + "\n"


def test_diffsettings_hash_format(settings):
    """Changed settings are listed; settings unknown to the defaults end with ###."""
    settings.APPEND_SLASH = False
    settings.MY_OWN_SETTING = 42
    lines = run("diffsettings").splitlines()
    assert "APPEND_SLASH = False" in lines
    assert "MY_OWN_SETTING = 42  ###" in lines
    assert "SECRET_KEY = 'tests-only-secret-key-not-for-production'" in lines
    assert not any(line.startswith("PREPEND_WWW") for line in lines)
    assert "### PREPEND_WWW = False" in run("diffsettings", all=True).splitlines()


def test_diffsettings_unified_format(settings):
    """--output unified shows the default with - and the current value with +."""
    settings.APPEND_SLASH = False
    lines = run("diffsettings", output="unified", no_color=True).splitlines()
    assert "- APPEND_SLASH = True" in lines
    assert "+ APPEND_SLASH = False" in lines


def test_diffsettings_against_another_module():
    """--default compares against the given module: equal settings are left out."""
    lines = run("diffsettings", default="tests.settings").splitlines()
    assert not any(line.startswith("SECRET_KEY =") for line in lines)
    assert "ADMINS = []  ###" in lines


def test_shell_command_option():
    """shell -c runs the code and exits."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from framework.core.management import execute_from_command_line as e; e()",
            "shell",
            "-c",
            "import framework; print('version', framework.get_version())",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "FRAMEWORK_SETTINGS_MODULE": "tests.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"version {framework.get_version()}\n"


def test_shell_reads_stdin():
    """Code piped into shell is executed."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from framework.core.management import execute_from_command_line as e; e()",
            "shell",
        ],
        input="from framework.conf import settings\nprint(settings.ROOT_URLCONF)\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "FRAMEWORK_SETTINGS_MODULE": "tests.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "tests.urls\n"


def test_styles():
    """Styles wrap text in ANSI codes; no_style leaves it alone."""
    style = make_style("")
    assert style.SUCCESS("ok") == "\x1b[32;1mok\x1b[0m"
    assert style.ERROR("bad") == "\x1b[31;1mbad\x1b[0m"
    assert no_style().ERROR("bad") == "bad"
    assert color_style(force_color=True).WARNING("w").startswith("\x1b[")
    custom = make_style("nocolor;ERROR=yellow/blue,blink")
    assert custom.ERROR("x") == "\x1b[33;44;5mx\x1b[0m"
    assert custom.SUCCESS("x") == "x"


def test_output_wrapper_adds_the_ending_once():
    """OutputWrapper.write adds a newline unless the text already ends with one."""
    out = StringIO()
    wrapper = OutputWrapper(out)
    wrapper.write("a")
    wrapper.write("b\n")
    wrapper.write("c", ending="")
    assert out.getvalue() == "a\nb\nc"
