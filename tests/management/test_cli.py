"""The command line: manage.py/framework-admin dispatch, help, version, errors and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import framework
from framework.core.management import ManagementUtility, load_command_class

pytestmark = pytest.mark.usefixtures("sample_app")

FRAMEWORK_ADMIN = str(Path(sys.executable).parent / "framework-admin")


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = 0
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_command_error_is_printed_without_traceback(capsys):
    """A CommandError prints "CommandError: message" on stderr and exits with its returncode."""
    code, out, err = run_cli(capsys, "fail", "--code", "3")
    assert code == 3
    assert err == "CommandError: the frobnicator is missing\n"
    assert "Traceback" not in err


def test_traceback_option_reraises(capsys):
    """With --traceback the CommandError propagates (and shows its traceback)."""
    command = load_command_class("tests.management.sampleapp", "fail")
    with pytest.raises(Exception, match="frobnicator"):
        command.run_from_argv(["manage.py", "fail", "--traceback"])


def test_bad_option_exits_with_usage(capsys):
    """An unknown option on the command line prints the usage and exits with status 2."""
    code, out, err = run_cli(capsys, "greet", "Ada", "--nope")
    assert code == 2
    assert "unrecognized arguments: --nope" in err


def test_help_lists_commands_by_app(capsys):
    """`help` lists the framework's commands, each app's and the entry-point ones by package."""
    code, out, err = run_cli(capsys, "help")
    assert code == 0
    assert "Type 'manage.py help <subcommand>' for help on a specific subcommand." in out
    framework_section = out.split("[framework]\n", 1)[1].split("\n\n", 1)[0]
    assert {"    check", "    diffsettings", "    startproject"} <= set(
        framework_section.splitlines()
    )
    assert "[sampleapp]\n    applabels\n" in out
    apache_section = out.split("[framework_apache]\n", 1)[1].split("\n\n", 1)[0]
    assert "    runserver" in apache_section.splitlines()


def test_no_subcommand_shows_help(capsys):
    """Without a subcommand the main help is shown."""
    assert "Available subcommands:" in run_cli(capsys)[1]


def test_help_commands_lists_names_only(capsys):
    """`help --commands` prints one command name per line."""
    names = run_cli(capsys, "help", "--commands")[1].split()
    assert names == sorted(names)
    assert {"check", "startproject", "greet", "runserver"} <= set(names)


def test_help_for_one_command(capsys):
    """`help greet` prints that command's usage and options."""
    out = run_cli(capsys, "help", "greet")[1]
    assert "usage: manage.py greet" in out
    assert "--shout" in out and "Greets someone." in out


def test_version(capsys):
    """`--version` and `version` print the framework's version."""
    assert run_cli(capsys, "--version")[1] == framework.get_version() + "\n"
    assert run_cli(capsys, "version")[1] == framework.get_version() + "\n"


def test_unknown_command_suggests_a_close_match(capsys):
    """An unknown command exits with 1 and suggests the closest command."""
    code, out, err = run_cli(capsys, "chek")
    assert code == 1
    assert "Unknown command: 'chek'. Did you mean check?" in err
    assert "Type 'manage.py help' for usage." in err


def test_real_console_script_without_settings():
    """The installed framework-admin works without settings and lists core commands only."""
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    result = subprocess.run(
        [FRAMEWORK_ADMIN, "nosuch"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert "Unknown command: 'nosuch'" in result.stderr
    result = subprocess.run(
        [FRAMEWORK_ADMIN, "help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0
    assert "startproject" in result.stdout
    assert "only the framework's own commands are listed" in result.stdout


def test_settings_and_pythonpath_options(tmp_path):
    """--settings and --pythonpath select the settings from anywhere."""
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    root = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [FRAMEWORK_ADMIN, "check", "--settings", "tests.settings", "--pythonpath", root],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
