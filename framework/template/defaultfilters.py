"""Filters with Django's names and semantics, installed in every framework environment.

Filters that produce HTML (``linebreaks``, ``linebreaksbr``, ``urlize``,
``urlizetrunc``, ``json_script``) escape their input unless it is ``Markup``
(and the template autoescapes) and return ``Markup``. Text filters return plain
strings, which autoescaping escapes on output, except that a ``Markup`` input
to a filter that adds no markup of its own stays ``Markup`` (Django's ``is_safe``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from jinja2 import Undefined, pass_eval_context
from markupsafe import Markup

from framework.utils import html
from framework.utils.deferred import lazy_module

# Imported by the first template that uses one of their filters: a page that only
# escapes and loops does not pay for date formatting, time zones or truncation.
dateformat = lazy_module("framework.utils.dateformat")
_slugs = lazy_module("framework.utils.slugs")
_timesince = lazy_module("framework.utils.timesince")
_truncation = lazy_module("framework.utils.truncation")

__all__ = ["DEFAULT_FILTERS"]


def _missing(value: Any) -> bool:
    return value is None or value == "" or isinstance(value, Undefined)


def date(value: Any, arg: str | None = None) -> str:
    """Format a date or datetime (``"N j, Y"``, or a setting name); "" if it can't."""
    if _missing(value):
        return ""
    value = dateformat.localtime(value)
    try:
        return dateformat.date_format(value, arg)
    except (AttributeError, TypeError, ValueError):
        return ""


def time(value: Any, arg: str | None = None) -> str:
    """Format a time or datetime (``"P"``, or a setting name); "" if it can't."""
    if _missing(value):
        return ""
    value = dateformat.localtime(value)
    if arg is None or arg in dateformat.FORMAT_SETTINGS:
        arg = dateformat.get_format(arg or "TIME_FORMAT")
    try:
        return dateformat.time_format(value, arg)
    except (AttributeError, TypeError, ValueError):
        return ""


def timesince(value: Any, arg: Any = None) -> str:
    """Time elapsed since ``value`` (until ``arg`` if given), e.g. "4 days, 6 hours"."""
    if _missing(value):
        return ""
    try:
        return _timesince.timesince(value, arg if not _missing(arg) else None)
    except (TypeError, ValueError):
        return ""


def timeuntil(value: Any, arg: Any = None) -> str:
    """Time from now (or ``arg``) until ``value``, e.g. "2 weeks"."""
    if _missing(value):
        return ""
    try:
        return _timesince.timeuntil(value, arg if not _missing(arg) else None)
    except (TypeError, ValueError):
        return ""


def _escape_input(eval_ctx: Any, value: Any) -> tuple[bool, Any]:
    """(escape?, value): escape when autoescaping and the value isn't already Markup."""
    return bool(eval_ctx.autoescape) and not hasattr(value, "__html__"), value


@pass_eval_context
def linebreaksbr(eval_ctx: Any, value: Any) -> Markup:
    """Turn newlines into ``<br>``."""
    escape_it, value = _escape_input(eval_ctx, value)
    text = html.normalize_newlines(value)
    if escape_it:
        text = str(html.escape(text))
    return Markup(text.replace("\n", "<br>"))


@pass_eval_context
def linebreaks(eval_ctx: Any, value: Any) -> Markup:
    """Wrap paragraphs in ``<p>`` and single newlines in ``<br>``."""
    escape_it, value = _escape_input(eval_ctx, value)
    return Markup(html.linebreaks(value, autoescape=escape_it))


@pass_eval_context
def urlize(eval_ctx: Any, value: Any) -> Markup:
    """Turn URLs and email addresses into ``rel="nofollow"`` links (http/https/mailto only)."""
    return Markup(html.urlize(value, nofollow=True, autoescape=bool(eval_ctx.autoescape)))


@pass_eval_context
def urlizetrunc(eval_ctx: Any, value: Any, limit: Any) -> Markup:
    """``urlize``, shortening link texts to ``limit`` characters."""
    return Markup(
        html.urlize(
            value, trim_url_limit=int(limit), nofollow=True, autoescape=bool(eval_ctx.autoescape)
        )
    )


def json_script(value: Any, element_id: str | None = None) -> Markup:
    """Output ``value`` as JSON in a ``<script type="application/json">`` element, safely."""
    return html.json_script(value, element_id)


def pluralize(value: Any, arg: str = "s") -> str:
    """Plural suffix unless the value is 1: ``pluralize``, ``pluralize("es")``, ``pluralize("y,ies")``.

    Works on numbers, numeric strings and sized objects; "" for anything else.
    """
    if arg == "s":
        singular, plural = "", "s"
    else:
        bits = arg.split(",") if "," in arg else ["", arg]
        if len(bits) > 2:
            return ""
        singular, plural = bits
    if type(value) is int:
        return singular if value == 1 else plural
    try:
        return singular if float(value) == 1 else plural
    except ValueError:
        return ""
    except TypeError:
        try:
            return singular if len(value) == 1 else plural
        except TypeError:
            return ""


def _keep_safety(original: Any, result: str) -> str:
    return Markup(result) if hasattr(original, "__html__") else result


def truncatewords(value: Any, arg: Any) -> str:
    """Keep the first ``arg`` words, then " …"."""
    try:
        length = int(arg)
    except (TypeError, ValueError):
        return value
    return _keep_safety(value, _truncation.Truncator(value).words(length, truncate=" …"))


def truncatechars(value: Any, arg: Any) -> str:
    """Keep at most ``arg`` characters, the final "…" included."""
    try:
        length = int(arg)
    except (TypeError, ValueError):
        return value
    return _keep_safety(value, _truncation.Truncator(value).chars(length))


def yesno(value: Any, arg: str | None = None) -> Any:
    """Map true, false and None to "yes", "no", "maybe" (or the given ``"y,n[,maybe]"``)."""
    bits = (arg if arg is not None else "yes,no,maybe").split(",")
    if len(bits) < 2:
        return value
    if len(bits) == 3:
        yes, no, maybe = bits
    else:
        yes, no, maybe = bits[0], bits[1], bits[1]
    if value is None:
        return maybe
    return yes if value else no


def default_if_none(value: Any, arg: Any) -> Any:
    """``arg`` if the value is None (only None: unlike ``default``, "" and 0 are kept)."""
    return arg if value is None else value


def slugify(value: Any) -> str:
    """ASCII slug: "Joel is a slug" -> "joel-is-a-slug"."""
    return _keep_safety(value, _slugs.slugify(value))


def _group_thousands(number: str) -> str:
    sign = "-" if number.startswith("-") else ""
    integer, _, fraction = number.lstrip("-").partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return sign + ",".join(groups) + ("." + fraction if fraction else "")


def floatformat(value: Any, arg: Any = -1) -> str:
    """Round to ``arg`` decimal places (Django's rules).

    Negative ``arg`` (default -1) shows decimals only when the number has some;
    a "g" suffix groups thousands, "u" (unlocalised) is accepted. "" for non-numbers.
    """
    grouping = False
    if isinstance(arg, str):
        arg = arg.strip()
        for suffix in ("gu", "ug", "g", "u"):
            if arg.endswith(suffix):
                grouping = "g" in suffix
                arg = arg[: -len(suffix)] or -1
                break
    text = str(value)
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        try:
            number = Decimal(str(float(value)))
        except (ValueError, TypeError, InvalidOperation, OverflowError):
            return ""
    try:
        places = int(arg)
    except (TypeError, ValueError):
        return text
    if not number.is_finite():
        return text
    if number == number.to_integral_value() and places <= 0:
        result = f"{int(number):d}"
    else:
        exponent = Decimal(1).scaleb(-abs(places))
        precision = max(28, number.adjusted() + abs(places) + 2)
        rounded = number.quantize(exponent, ROUND_HALF_UP, Context(prec=precision))
        if not rounded:
            rounded = abs(rounded)  # never "-0.0"
        result = f"{rounded:f}"
    if grouping:
        result = _group_thousands(result)
    return Markup(result)


_FILESIZE_UNITS = (
    ("KB", 1 << 10),
    ("MB", 1 << 20),
    ("GB", 1 << 30),
    ("TB", 1 << 40),
    ("PB", 1 << 50),
)


def filesizeformat(value: Any) -> str:
    """Human-readable size in binary units: "117.7\\xa0MB", "1\\xa0byte", "0\\xa0bytes"."""
    try:
        size = float(value)
    except (TypeError, ValueError, UnicodeDecodeError):
        return html.avoid_wrapping("0 bytes")
    negative = size < 0
    size = abs(size)
    if size < 1024:
        count = int(size)
        text = f"{count} byte" if count == 1 else f"{count} bytes"
    else:
        name, unit = _FILESIZE_UNITS[-1]
        for candidate_name, candidate_unit in _FILESIZE_UNITS:
            if size < candidate_unit * 1024:
                name, unit = candidate_name, candidate_unit
                break
        text = f"{round(size / unit, 1):.1f} {name}"
    return html.avoid_wrapping(("-" if negative else "") + text)


DEFAULT_FILTERS: dict[str, Any] = {
    "date": date,
    "time": time,
    "timesince": timesince,
    "timeuntil": timeuntil,
    "linebreaksbr": linebreaksbr,
    "linebreaks": linebreaks,
    "urlize": urlize,
    "urlizetrunc": urlizetrunc,
    "json_script": json_script,
    "pluralize": pluralize,
    "truncatewords": truncatewords,
    "truncatechars": truncatechars,
    "yesno": yesno,
    "default_if_none": default_if_none,
    "slugify": slugify,
    "floatformat": floatformat,
    "filesizeformat": filesizeformat,
}
