"""Formatting of system check results, as ``manage.py check`` prints them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.core.checks.messages import CRITICAL, DEBUG, ERROR, INFO, WARNING, CheckMessage

# (lowest level, section title), most severe first.
_SECTIONS = (
    (CRITICAL, "CRITICALS"),
    (ERROR, "ERRORS"),
    (WARNING, "WARNINGS"),
    (INFO, "INFOS"),
    (DEBUG, "DEBUGS"),
)


def _section_of(level: int) -> str:
    for lowest, title in _SECTIONS:
        if level >= lowest:
            return title
    return "DEBUGS"


def format_report(
    issues: Sequence[CheckMessage], style: Any, fail_level: int, display_num_errors: bool
) -> tuple[bool, str]:
    """Return (serious, text): whether an unsilenced issue reaches ``fail_level``, and the report.

    The text lists issues by section (CRITICALS, ERRORS, WARNINGS, INFOS, DEBUGS) and,
    with ``display_num_errors``, ends with "System check identified N issues (M silenced)."
    """
    visible = [issue for issue in issues if not issue.is_silenced()]
    silenced = len(issues) - len(visible)
    body = ""
    for _, title in _SECTIONS:
        lines = sorted(
            style.ERROR(str(i)) if i.is_serious() else style.WARNING(str(i))
            for i in visible
            if _section_of(i.level) == title
        )
        if lines:
            body += "\n{}:\n{}\n".format(title, "\n".join(lines))
    header = "System check identified some issues:\n" if visible else ""
    footer = ""
    if display_num_errors:
        count = len(visible)
        summary = f"{count} issue{'' if count == 1 else 's'}" if count else "no issues"
        footer = ("\n" if visible else "") + (
            f"System check identified {summary} ({silenced} silenced)."
        )
    if any(issue.is_serious(fail_level) for issue in visible):
        return True, style.ERROR(f"SystemCheckError: {header}") + body + footer
    return False, header + body + footer
