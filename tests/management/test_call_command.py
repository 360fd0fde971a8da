"""call_command(): options by dest name or as argv, output capture, errors."""

from __future__ import annotations

from io import StringIO

import pytest

from framework.core import checks
from framework.core.management import BaseCommand, CommandError, call_command
from framework.core.management.base import SystemCheckError

pytestmark = pytest.mark.usefixtures("sample_app")


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_positional_and_options_by_dest_name():
    """Options are given by their dest name; positional arguments as strings."""
    assert run("greet", "Ada", shout=True, times=2) == "HELLO ADA.\nHELLO ADA.\n"


def test_options_by_dest_name_differing_from_the_flag():
    """An option whose dest differs from its flag is accepted under the dest name."""
    assert run("greet", "Ada", mark="!") == "Hello Ada!\n"


def test_options_as_argv():
    """Options may also be written as on the command line."""
    assert run("greet", "Ada", "--times", "3", "-p", "?") == "Hello Ada?\n" * 3


def test_argv_list_is_flattened():
    """A list argument is spread into separate argv items."""
    assert run("greet", ["Ada", "--shout"]) == "HELLO ADA.\n"


def test_required_option_given_by_keyword():
    """A required option given as a keyword reaches argparse and satisfies it."""
    assert run("needsopt", level=3) == "level 3\n"


def test_missing_required_option_is_a_command_error():
    """A required option left out raises CommandError (not SystemExit) from code."""
    with pytest.raises(CommandError, match="--level"):
        call_command("needsopt", stdout=StringIO())


def test_unknown_option_names_it():
    """An unknown keyword raises CommandError (also a TypeError) naming it and the valid ones."""
    with pytest.raises(CommandError) as info:
        call_command("greet", "Ada", loud=True, volume=3)
    message = str(info.value)
    assert "Unknown option(s) for greet command: loud, volume." in message
    assert "Valid options are:" in message and "shout" in message
    assert isinstance(info.value, TypeError)


def test_unknown_command():
    """An unknown command name raises CommandError quoting it."""
    with pytest.raises(CommandError, match=r"Unknown command: 'nosuchcommand'"):
        call_command("nosuchcommand")


def test_command_instance_can_be_passed():
    """A BaseCommand instance is run directly."""

    class Echo(BaseCommand):
        requires_system_checks = []

        def add_arguments(self, parser):
            parser.add_argument("words", nargs="+")

        def handle(self, *args, words, **options):
            return " ".join(words)

    assert run(Echo(), "a", "b") == "a b\n"


def test_handle_return_value_is_returned_and_written():
    """What handle() returns is written to stdout and returned."""
    out = StringIO()
    assert call_command("labels", "x", "y", stdout=out) == "label=x\nlabel=y"
    assert out.getvalue() == "label=x\nlabel=y\n"


def test_output_transaction_wraps_output():
    """output_transaction = True wraps the output in BEGIN;/COMMIT;."""
    assert run("sqlout", no_color=True) == "BEGIN;\nSELECT 1;\nCOMMIT;\n"


def test_stderr_redirect():
    """stderr= redirects the command's error stream."""

    class Warn(BaseCommand):
        requires_system_checks = []

        def handle(self, **options):
            self.stderr.write("careful")

    err = StringIO()
    call_command(Warn(), stderr=err)
    assert err.getvalue() == "careful\n"


def test_no_color_and_force_color_conflict():
    """--no-color and --force-color together are refused."""
    with pytest.raises(CommandError, match="can't be used together"):
        call_command("greet", "Ada", no_color=True, force_color=True)


def test_app_command_runs_per_app(sample_app):
    """AppCommand handles each named app; an unknown label is a CommandError."""
    assert run("applabels", "sampleapp") == "app=sampleapp\n"
    with pytest.raises(CommandError, match="No installed app with label 'nope'"):
        call_command("applabels", "nope")


def test_label_command_requires_a_label():
    """LabelCommand without labels reports its missing-arguments message."""
    with pytest.raises(CommandError, match="Enter at least one label"):
        call_command("labels")


def test_checks_are_skipped_by_default_but_can_be_requested():
    """call_command skips system checks unless skip_checks=False is given."""

    @checks.register("sampletag")
    def always_fails(app_configs=None, **kwargs):
        return [checks.Error("broken on purpose", id="sample.E001")]

    try:
        assert run("checked") == "ran\n"
        with pytest.raises(SystemCheckError) as info:
            call_command("checked", skip_checks=False, stdout=StringIO(), stderr=StringIO())
        assert "?: (sample.E001) broken on purpose" in str(info.value)
    finally:
        checks.registry.registered_checks.discard(always_fails)
