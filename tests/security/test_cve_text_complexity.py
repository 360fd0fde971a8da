"""Super-linear text utilities (CVE-2023-43665, CVE-2023-36053, CVE-2022-23833-class
ReDoS and quadratic-time advisories): each utility's time on hostile input of size 8n stays
far below 64x (quadratic) its time on size n."""

from __future__ import annotations

import time

import pytest

from framework.core.exceptions import ValidationError
from framework.core.validators import EmailValidator, URLValidator, validate_ipv46_address
from framework.utils.html import linebreaks, strip_tags, urlize
from framework.utils.slugs import slugify
from framework.utils.truncation import Truncator

N = 4000


def _best_time(func, arg) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        func(arg)
        best = min(best, time.perf_counter() - start)
    return best


def _quietly(func):
    def call(value):
        try:
            func(value)
        except ValidationError:
            pass

    return call


# Each case: (name, function, builder of a hostile input of size ~n).
CASES = [
    ("strip_tags_unclosed", strip_tags, lambda n: "<" * n),
    ("strip_tags_nested", strip_tags, lambda n: "<a" * n + ">" * n),
    ("strip_tags_entities", strip_tags, lambda n: "&lt;" * n),
    ("strip_tags_comments", strip_tags, lambda n: "<!--" * n),
    ("truncator_words", lambda v: Truncator(v).words(3), lambda n: "w " * n),
    ("truncator_chars", lambda v: Truncator(v).chars(5), lambda n: "\u0301" * n),
    ("urlize_brackets", urlize, lambda n: "(" * n + "http://x.com" + ")" * n),
    ("urlize_punct", urlize, lambda n: "http://x.com" + ".,:;!" * n),
    ("urlize_at", urlize, lambda n: "@" * n + "a.com"),
    ("urlize_lt", urlize, lambda n: "&lt;" * n + "x.com"),
    ("url_validator", _quietly(URLValidator()), lambda n: "http://" + "a." * n + "com"),
    ("url_validator_dashes", _quietly(URLValidator()), lambda n: "http://" + "-" * n),
    ("email_validator", _quietly(EmailValidator()), lambda n: "a@" + "a." * n + "@"),
    ("email_validator_dots", _quietly(EmailValidator()), lambda n: "a" * n + "@" + "b" * n),
    ("ip_validator", _quietly(validate_ipv46_address), lambda n: "1:" * n),
    ("slugify", slugify, lambda n: "-_ " * n),
    ("linebreaks", linebreaks, lambda n: "\n\n\r\n" * n),
]


@pytest.mark.parametrize("name,func,build", CASES, ids=[c[0] for c in CASES])
def test_cve_2023_43665_text_utilities_scale_linearly(name, func, build):
    """An 8x longer hostile input costs well under 64x (quadratic) the time."""
    small, large = build(N), build(8 * N)
    func(small)  # warm caches and compiled regexes
    t_small = max(_best_time(func, small), 5e-4)
    t_large = _best_time(func, large)
    # Linear is ~8x; quadratic would be 64x. 24x leaves room for a busy machine.
    assert t_large / t_small < 24, (name, t_small, t_large)
    assert t_large < 1.0, (name, t_large)
