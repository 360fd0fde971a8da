"""Running a management command from code: ``call_command``."""

from __future__ import annotations

from argparse import _AppendConstAction, _CountAction, _StoreConstAction, _SubParsersAction
from typing import Any

from framework.core.management.base import BaseCommand, CommandError
from framework.core.management.discovery import get_commands, load_command_class


class UnknownOptionError(CommandError, TypeError):
    """call_command() got an option the command does not define (a TypeError too, as in Django)."""


def call_command(command_name: str | BaseCommand, *args: Any, **options: Any) -> Any:
    """Run a management command and return what its ``handle()`` returns.

    ``command_name`` is a command name or a BaseCommand instance. Positional ``args``
    are given as on the command line; ``options`` by dest name (``skip_checks``) or
    by option name (``skip-checks`` spelled ``skip_checks``). ``stdout=``/``stderr=``
    redirect output. System checks are skipped unless ``skip_checks=False``.
    """
    if isinstance(command_name, BaseCommand):
        command = command_name
        command_name = type(command).__module__.rpartition(".")[2]
    else:
        try:
            app_name = get_commands()[command_name]
        except KeyError:
            raise CommandError(f"Unknown command: {command_name!r}") from None
        command = load_command_class(app_name, command_name)

    parser = command.create_parser("", command_name)
    # Option name (first long/short spelling, dashes as underscores) -> dest.
    opt_mapping = {
        min(action.option_strings).lstrip("-").replace("-", "_"): action.dest
        for action in parser._actions
        if action.option_strings
    }
    arg_options = {opt_mapping.get(key, key): value for key, value in options.items()}

    parse_args: list[str] = []
    for arg in args:
        if isinstance(arg, (list, tuple)):
            parse_args.extend(map(str, arg))
        else:
            parse_args.append(str(arg))

    actions = _all_actions(parser)
    # Required options and mutually exclusive required groups must reach argparse itself.
    required_in_group = {
        action
        for group in parser._mutually_exclusive_groups
        if group.required
        for action in group._group_actions
    }
    for action in actions:
        if not action.option_strings or action.dest not in arg_options:
            continue
        if not (action.required or action in required_in_group):
            continue
        value = arg_options[action.dest]
        flag = min(action.option_strings)
        if isinstance(action, (_AppendConstAction, _CountAction, _StoreConstAction)):
            parse_args.append(flag)
        elif isinstance(value, (list, tuple)):
            parse_args.append(flag)
            parse_args.extend(map(str, value))
        else:
            parse_args.append(f"{flag}={value}")

    dest_parameters = {action.dest for action in actions}
    stealth = set(command.base_stealth_options) | set(command.stealth_options)
    valid_options = dest_parameters | stealth | set(opt_mapping)
    unknown = sorted(set(options) - valid_options)
    if unknown:
        raise UnknownOptionError(
            f"Unknown option(s) for {command_name} command: {', '.join(unknown)}. "
            f"Valid options are: {', '.join(sorted(valid_options))}."
        )

    defaults = vars(parser.parse_args(parse_args))
    defaults.update(arg_options)
    positional = defaults.pop("args", ())
    if "skip_checks" not in options:
        defaults["skip_checks"] = True
    return command.execute(*positional, **defaults)


def _all_actions(parser: Any) -> list:
    actions = []
    for action in parser._actions:
        if isinstance(action, _SubParsersAction):
            for sub in action.choices.values():
                actions.extend(_all_actions(sub))
        else:
            actions.append(action)
    return actions
